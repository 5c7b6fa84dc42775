#!/usr/bin/env bash
# `shequn compare` on two shipped scenarios: the table printed and
# comparison.csv have one row each, the documented columns, a log-rank test
# against the first, and figures that agree with the calibration (a
# leaderless group dies within weeks, the well-run one lives for years).
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$shequn" compare scenarios/well_run.json scenarios/sin_leaderless.json --replicates 30 \
  -o "$tmp/c" > "$tmp/stdout" || { echo "FAIL: compare exits 0"; exit 1; }
csv=$tmp/c/comparison.csv
expect "comparison.csv columns" \
  "[ \"\$(head -1 $csv)\" = 'scenario,replicates,groups,median_lifespan_days,median_ci_low,median_ci_high,survival_30,survival_180,survival_365,survival_730,peak_members_median,peak_members_q25,peak_members_q75,reach_median,groups_created_median,sprout_days_median,growth_days_median,active_days_median,decline_days_median,death_days_median,logrank_chi2,logrank_p' ]"
expect "a row per scenario, in order" "[ \"\$(cut -d, -f1 $csv | tail -n +2 | tr '\n' ' ')\" = 'well_run sin_leaderless ' ]"
expect "common replicates: 30 each" "[ \"\$(cut -d, -f2 $csv | tail -n +2 | tr '\n' ' ')\" = '30 30 ' ]"
expect "no log-rank test for the first row" "awk -F, 'NR == 2 {exit !(\$21 == \"\" && \$22 == \"\")}' $csv"
expect "leaderless against well run: log-rank p < 0.01" "awk -F, 'NR == 3 {exit !(\$22 < 0.01 && \$21 > 6.63)}' $csv"
expect "medians: leaderless under 60 days, well run over 540" \
  "awk -F, 'NR == 2 {w = \$4} NR == 3 {l = \$4} END {exit !(l < 60 && w > 540)}' $csv"
expect "survival at 30 days: all well-run groups, under half the leaderless ones" \
  "awk -F, 'NR == 2 {w = \$7} NR == 3 {l = \$7} END {exit !(w == 1 && l < 0.5)}' $csv"
expect "the 95% interval holds the median" "awk -F, 'NR > 1 && !(\$5 <= \$4 && \$4 <= \$6) {bad++} END {exit bad > 0}' $csv"
expect "the table printed: a header and a line per scenario" \
  "grep -q '^scenario  *median life (95% CI)' $tmp/stdout && grep -q '^well_run ' $tmp/stdout && grep -q '^sin_leaderless .*chi2' $tmp/stdout"
expect "survival.csv holds both curves" \
  "[ \"\$(cut -d, -f1 $tmp/c/survival.csv | tail -n +2 | sort -u | tr '\n' ' ')\" = 'sin_leaderless well_run ' ]"
for f in curves.csv groups.csv summary.json scenario.json; do
  expect "each scenario's run files: $f" "[ -s $tmp/c/well_run/$f ] && [ -s $tmp/c/sin_leaderless/$f ]"
done
expect "the common seed is in both resolved scenarios" \
  "[ \"\$(grep -h '\"seed\"' $tmp/c/*/scenario.json | sort -u | wc -l)\" = 1 ]"
"$shequn" compare scenarios/well_run.json >/dev/null 2>&1; expect "one scenario is a usage error" "[ \$? -eq 2 ]"
exit $fail

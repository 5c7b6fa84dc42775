#!/usr/bin/env bash
# An end-to-end run of the default scenario: every file is there with its
# documented columns, rows are consistent, no temporary file is left, and
# the resolved scenario.json alone reproduces the run.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=$tmp/run
"$shequn" run scenarios/well_run.json --replicates 4 --seed 2385 --members -o "$out" > "$tmp/stdout" \
  || bad "shequn run scenarios/well_run.json exits 0"
expect "stdout reports the lifespan and the directory" \
  "grep -q 'lifespan in days (Kaplan-Meier)' '$tmp/stdout' && grep -q 'wrote $out/' '$tmp/stdout'"

for f in timeseries.csv groups.csv members.csv curves.csv summary.json scenario.json; do
  expect "$f written" "[ -s '$out/$f' ]"
done
expect "no temporary files left" "[ -z \"\$(ls -A '$out' | grep tmp)\" ]"

expect "timeseries.csv columns" \
  "[ \"\$(head -1 '$out/timeseries.csv')\" = 'replicate,day,group,members,active,zombies,joins,leaves,posts,ads,mean_engagement,stage,spammers,leader_energy' ]"
expect "groups.csv columns" \
  "[ \"\$(head -1 '$out/groups.csv')\" = 'replicate,group,parent,born_day,died_day,lifespan_days,censored,peak_members,peak_day,reach,sprout_days,growth_days,active_days,decline_days,death_days,reached_to_peak,invited_to_peak,below_threshold_to_peak,declined_to_peak,no_room_to_peak,outreach_joins_to_peak,invitation_joins_to_peak' ]"
expect "members.csv columns" \
  "[ \"\$(head -1 '$out/members.csv')\" = 'replicate,member,group,join_day,leave_day,inviter,posts,censored' ]"
expect "curves.csv starts with day and the members band" \
  "head -1 '$out/curves.csv' | grep -q '^day,members_p10,members_median,members_p90,'"

# every timeseries row: 14 fields, a known stage, members = active + zombies + spammers
expect "timeseries rows are complete and consistent" \
  "awk -F, 'NR > 1 && (NF != 14 || \$4 != \$5 + \$6 + \$13 || \$12 !~ /^(sprout|growth|active|decline|death)\$/) {bad++} END {exit bad > 0}' '$out/timeseries.csv'"
expect "all four replicates appear" \
  "[ \"\$(awk -F, 'NR > 1 {print \$1}' '$out/timeseries.csv' | sort -u | tr '\n' ' ')\" = '0 1 2 3 ' ]"
expect "days count up from 0 within each replicate and group" \
  "awk -F, 'NR > 1 {k = \$1 \",\" \$3; if (k in last && \$2 != last[k] + 1) bad++; last[k] = \$2} END {exit bad > 0}' '$out/timeseries.csv'"
expect "a groups row per group: lifespan and censoring agree with died_day" \
  "awk -F, 'NR > 1 && ((\$7 == 1) != (\$5 == \"\") || (\$5 != \"\" && \$6 != \$5 - \$4)) {bad++} END {exit bad > 0}' '$out/groups.csv'"
expect "stage days add up to the rows of each group" \
  "[ \"\$(awk -F, 'NR > 1 {s += \$11 + \$12 + \$13 + \$14 + \$15} END {print s}' '$out/groups.csv')\" = \"\$(( \$(wc -l < '$out/timeseries.csv') - 1 ))\" ]"
expect "members.csv: the joins of timeseries.csv, one row each" \
  "[ \"\$(awk -F, 'NR > 1 {s += \$7} END {print s}' '$out/timeseries.csv')\" = \"\$(( \$(wc -l < '$out/members.csv') - 1 ))\" ]"

for key in '"scenario":' '"seed":' '"replicates":' '"version":' '"threads":' '"seconds":' \
           '"lifespan_days":' '"median":' '"q25":' '"q75":'; do
  expect "summary.json has $key" "grep -q '$key' '$out/summary.json'"
done
expect "summary.json records the seed and replicates used" \
  "grep -q '\"seed\":.*2385' '$out/summary.json' && grep -q '\"replicates\":.*4' '$out/summary.json'"

# the output directory alone reproduces its run
"$shequn" run "$out/scenario.json" -o "$tmp/again" --members > /dev/null || bad "rerun from scenario.json"
for f in timeseries.csv groups.csv members.csv curves.csv scenario.json; do
  expect "rerun from scenario.json: identical $f" "cmp -s '$out/$f' '$tmp/again/$f'"
done
exit $fail

#!/usr/bin/env bash
# `shequn fit` gives byte-identical files at 1 and 2 threads (and 3, an odd
# count): candidates draw from Philox streams keyed by (seed, generation,
# index), batches have sizes that do not depend on threads, and candidates
# are accepted in index order (sim/engine/fit.h).  Every file is compared,
# the what-if column and the posterior predictive runs included; only the
# folder's marker (.shequn, with the date) may differ.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sets=(--set population.size=5000 --set horizon_days=80 --set recruitment.outreach.per_day=30)
"$shequn" run scenarios/well_run.json "${sets[@]}" --replicates 1 --seed 3 -o "$tmp/truth" \
  >/dev/null || bad "the series did not run"
awk -F, 'NR == 1 { print "day,members,posts,joins,leaves"; next }
         $3 == 0 { print $2 "," $4 "," $9 "," $7 "," $8 }' "$tmp/truth/timeseries.csv" > "$tmp/obs.csv"
cat > "$tmp/prior.json" <<'JSON'
{"prior": {"recruitment.outreach.per_day": {"distribution": "log-uniform", "min": 5, "max": 100},
           "engagement.leave_rate_per_day": {"distribution": "normal", "mean": 0.02, "sd": 0.01}}}
JSON
for t in 1 2 3; do
  "$shequn" fit scenarios/well_run.json "${sets[@]}" --observed "$tmp/obs.csv" \
    --prior "$tmp/prior.json" --seed 9 --particles 20 --max-generations 3 --draws 12 \
    --what-if rituals.sharing.every_days=0 --threads $t -o "$tmp/fit$t" 2>"$tmp/err$t" >/dev/null ||
    bad "the fit on $t threads failed: $(cat "$tmp/err$t")"
done
files=(observed.csv particles.csv generations.csv predictive.csv forecast.csv summary.json scenario.json)
for t in 2 3; do
  for f in "${files[@]}"; do
    expect "$f: 1 and $t threads give the same bytes" "cmp -s '$tmp/fit1/$f' '$tmp/fit$t/$f'"
  done
  expect "the progress lines are the same at 1 and $t threads" "cmp -s '$tmp/err1' '$tmp/err$t'"
done
expect "the folder holds nothing else" \
  "[ \"\$(ls -A '$tmp/fit1' | sort | tr '\n' ' ')\" = '.shequn forecast.csv generations.csv observed.csv particles.csv predictive.csv scenario.json summary.json ' ]"
expect "forecast.csv names the what-if column by its assignment" \
  "[ \"\$(head -n 1 '$tmp/fit1/forecast.csv')\" = 'days_after,alive,rituals.sharing.every_days=0' ]"
expect "particles.csv has a column per key" \
  "[ \"\$(head -n 1 '$tmp/fit1/particles.csv')\" = 'generation,index,recruitment.outreach.per_day,engagement.leave_rate_per_day,weight,distance' ]"
# candidates that cannot run (group.founders at or above group.capacity is
# refused) are counted and reported, not fatal, and the same at any threads
cat > "$tmp/failing.json" <<'JSON'
{"prior": {"group.founders": {"distribution": "uniform", "min": 2, "max": 14}}}
JSON
for t in 1 2; do
  "$shequn" fit scenarios/well_run.json "${sets[@]}" --set group.capacity=10 --set team.managers=1 \
    --observed "$tmp/obs.csv" --prior "$tmp/failing.json" --seed 9 --particles 20 \
    --max-generations 2 --draws 10 --threads $t -o "$tmp/failing$t" 2>"$tmp/failing$t.err" >/dev/null ||
    bad "a fit with failing candidates failed on $t threads: $(tail -n 1 "$tmp/failing$t.err")"
done
expect "failed candidates are counted in generations.csv" \
  "awk -F, 'NR > 1 { f += \$6 } END { exit !(f > 0) }' '$tmp/failing1/generations.csv'"
expect "failed candidates are reported on stderr" \
  "grep -q 'candidate [0-9]* failed: the fit.s candidate: group.founders' '$tmp/failing1.err'"
expect "summary.json counts them" "grep -q '\"failed\":[[:space:]]*[1-9]' '$tmp/failing1/summary.json'"
for f in "${files[@]}"; do
  expect "with failures, $f: 1 and 2 threads give the same bytes" "cmp -s '$tmp/failing1/$f' '$tmp/failing2/$f'"
done
expect "no accepted particle has founders at or above the capacity" \
  "awk -F, 'NR > 1 && \$3 >= 9.5 { exit 1 }' '$tmp/failing1/particles.csv'"

# the prior may be the scenario's own "prior" object: the same fit
printf '{"base": "%s", "prior": %s}\n' "$PWD/scenarios/well_run.json" \
  "$(sed -n 's/^{"prior": //p; /^ *"engagement/p' "$tmp/prior.json" | sed '$ s/}$//')" > "$tmp/with_prior.json"
"$shequn" fit "$tmp/with_prior.json" "${sets[@]}" --observed "$tmp/obs.csv" --seed 9 --particles 20 \
  --max-generations 3 --draws 12 --what-if rituals.sharing.every_days=0 -q --lang zh \
  -o "$tmp/inside" >"$tmp/inside.out" || bad "a fit with the scenario's prior failed"
expect "the report in Chinese with --lang zh" \
  "grep -q '拟合了 2 个键' '$tmp/inside.out' && grep -q '^  如果 rituals.sharing.every_days=0：' '$tmp/inside.out'"
expect "the files do not depend on --lang" "cmp -s '$tmp/fit1/summary.json' '$tmp/inside/summary.json' || \
  cmp -s <(sed '/\"prior\":\|\"scenario\":/d' '$tmp/fit1/summary.json') <(sed '/\"prior\":\|\"scenario\":/d' '$tmp/inside/summary.json')"
expect "a prior inside the scenario gives the same particles" \
  "cmp -s '$tmp/fit1/particles.csv' '$tmp/inside/particles.csv'"

# a different seed gives a different fit (the seed reaches the candidates)
"$shequn" fit scenarios/well_run.json "${sets[@]}" --observed "$tmp/obs.csv" --prior "$tmp/prior.json" \
  --seed 10 --particles 20 --max-generations 2 --draws 10 -q -o "$tmp/other" >/dev/null
expect "another seed gives other particles" "! cmp -s <(head -n 5 '$tmp/fit1/particles.csv') <(head -n 5 '$tmp/other/particles.csv')"
exit $fail

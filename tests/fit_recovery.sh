#!/usr/bin/env bash
# `shequn fit` recovers a known value (docs/OUTPUTS.md, "shequn fit").  A
# series is made by `shequn run` from the shipped well_run scenario, made
# small (10,000 agents, 120 days, the group's character at its median) with
# content.post_rate_per_day = 0.5, and turned into an observed file of
# members, active and posts; a fit with a uniform prior on [0.05, 2] must
# give a 90% interval that contains 0.5 and is less than half the prior's
# width (0.975).
#
# Tolerances: seeds are fixed, so the outcome is the same on every run and
# machine.  For a calibrated posterior a 90% interval misses the truth for
# one seed in ten; ABC's posterior is wider than the exact one (a tolerance
# above 0), so it misses less often.  The width bound is loose: this fit's
# interval is about 0.4 wide (0.28 to 0.70), the prior 1.95.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sets=(--set population.size=10000 --set horizon_days=120 --set group.known_first=true
      --set group.qr_join_limit=5000 --set group.capacity=5000
      --set recruitment.outreach.per_day=40)
"$shequn" run scenarios/well_run.json "${sets[@]}" --set content.post_rate_per_day=0.5 \
  --replicates 1 --seed 11 -o "$tmp/truth" >/dev/null || bad "the synthetic series did not run"
# group 0's members, active and posts per day, with a gap every 10th day
awk -F, 'NR == 1 { print "day,members,active,posts"; next }
         $3 == 0 { if ($2 % 10 == 5) print $2 ",,,"; else print $2 "," $4 "," $5 "," $9 }' \
  "$tmp/truth/timeseries.csv" > "$tmp/observed.csv"
expect "the observed file has 120 days" '[ "$(wc -l < "$tmp/observed.csv")" -eq 121 ]'
cat > "$tmp/prior.json" <<'JSON'
{"prior": {"content.post_rate_per_day": {"distribution": "uniform", "min": 0.05, "max": 2}}}
JSON
if ! "$shequn" fit scenarios/well_run.json "${sets[@]}" --observed "$tmp/observed.csv" \
    --prior "$tmp/prior.json" --seed 11 --particles 50 --max-generations 6 --draws 20 \
    --threads 2 -q -o "$tmp/fit" >/dev/null; then
  bad "the fit did not run"
  exit $fail
fi
read -r lo hi < <(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["parameters"][0]
print(p["lo90"], p["hi90"])' "$tmp/fit/summary.json")
echo "90% interval of content.post_rate_per_day: $lo to $hi (true 0.5, prior 0.05 to 2)"
expect "the 90% interval contains the true value" "awk -v lo=$lo -v hi=$hi 'BEGIN { exit !(lo <= 0.5 && 0.5 <= hi) }'"
expect "the 90% interval is under half the prior's width" "awk -v lo=$lo -v hi=$hi 'BEGIN { exit !(hi - lo < 0.5 * 1.95) }'"
# weights of each generation sum to 1
expect "each generation's weights sum to 1" "awk -F, 'NR > 1 { s[\$1] += \$4 } END { for (g in s) if (s[g] < 1 - 1e-9 || s[g] > 1 + 1e-9) exit 1 }' '$tmp/fit/particles.csv'"
expect "the tolerance falls from generation to generation" "awk -F, 'NR > 2 && \$2 >= prev { exit 1 } NR > 1 { prev = \$2 }' '$tmp/fit/generations.csv'"
# the gaps stay gaps in observed.csv and predictive.csv
expect "a gap is an empty cell in observed.csv" "grep -qx '5,,,' '$tmp/fit/observed.csv'"
expect "predictive.csv runs to the last observed day + 365" "[ \"\$(tail -n 1 '$tmp/fit/predictive.csv' | cut -d, -f1)\" = 484 ]"
exit $fail

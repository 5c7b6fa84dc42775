#!/usr/bin/env bash
# Issue 11 item 6: early death comes from what happens in a group (founders
# who never get going), not from a drawn setting.  In every shipped scenario
# (scenarios/*.json but the sweep file) fewer than 2% of groups die on day 0
# (summary.json realism.lifespan_days.died_day_0_share) over 50 replicates
# of seed 1.  The bound is the target itself, no tolerance added: after the
# founders' first-week effort (death.founder_effort_days, models/death.c)
# every shipped scenario measures 0, so sampling noise cannot cross it.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for f in scenarios/*.json; do
  name=$(basename "$f" .json)
  [ "$name" = sweep_example ] && continue
  if ! "$shequn" run "$f" --replicates 50 --threads 2 -o "$tmp/$name" >/dev/null 2>&1; then
    bad "$name runs"
    continue
  fi
  share=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["realism"]["lifespan_days"]["died_day_0_share"] or 0)' \
    "$tmp/$name/summary.json")
  expect "$name: $share of groups die on day 0 (< 0.02, 50 replicates)" \
    "python3 -c 'import sys; sys.exit(not float(sys.argv[1]) < 0.02)' '$share'"
done
exit $fail

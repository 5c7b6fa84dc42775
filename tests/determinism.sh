#!/usr/bin/env bash
# The same scenario and seed give byte-identical output for 1, 2 and 4
# threads (MODEL.md T8): both ways of sharing threads are covered, inside a
# run (one replicate of 18,006 members; one group weighing hundreds of
# invitations a day in parallel tasks) and across replicates, on scenarios
# that exercise every mechanism: sins and strategies in well_run, the
# diffusion limit, replication into sub-groups, settings drawn per
# replicate.  summary.json differs only in its "run" object.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

compare() { # label dirA dirB
  local f
  for f in timeseries.csv groups.csv members.csv curves.csv scenario.json varied.csv; do
    [ -e "$2/$f" ] || [ -e "$3/$f" ] || continue
    if ! cmp -s "$2/$f" "$3/$f"; then
      echo "FAIL: $1: $f differs"; fail=1; return
    fi
  done
  if ! cmp -s <(sed '/"run":/,$d' "$2/summary.json") <(sed '/"run":/,$d' "$3/summary.json"); then
    echo "FAIL: $1: summary.json differs outside its \"run\" object"; fail=1; return
  fi
  echo "PASS: $1"
}

check() { # label scenario replicates [--set ...]
  local t label=$1 scenario=$2 replicates=$3
  shift 3
  for t in 1 2 4; do
    if ! "$shequn" run "$scenario" --replicates "$replicates" --threads $t --members "$@" \
        -o "$tmp/$label-$t" >/dev/null; then
      echo "FAIL: $label with $t threads did not run"; fail=1; return
    fi
  done
  [ "$(wc -l < "$tmp/$label-1/timeseries.csv")" -gt 1 ] || { echo "FAIL: $label: no rows"; fail=1; }
  compare "$label: 1 and 2 threads" "$tmp/$label-1" "$tmp/$label-2"
  compare "$label: 1 and 4 threads" "$tmp/$label-1" "$tmp/$label-4"
}

check parallel-inside-a-run tests/scenarios/parallel.json 1
check invitations-weighed-in-parallel tests/scenarios/invitations.json 1
check across-replicates scenarios/well_run.json 5
check diffusion scenarios/diffusion_only.json 3
check replication scenarios/replicating_network.json 3 --set horizon_days=600
check settings-drawn-per-replicate scenarios/everyday_groups.json 40
exit $fail

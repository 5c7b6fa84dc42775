#!/usr/bin/env bash
# Threads sleep while they wait (sim/commands/main.c): unless the user set
# OMP_WAIT_POLICY, shequn runs with the passive policy, so two threads do
# not spin against another process on a shared machine; a policy the user
# set is kept.  Read from libgomp's own report of its settings (its spin
# count is 0 under the passive policy).
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

spin() { env "$@" OMP_DISPLAY_ENV=verbose "$shequn" --version 2>&1 | grep GOMP_SPINCOUNT | tail -1; }
if [ -z "$(spin)" ]; then
  echo "SKIP: this OpenMP runtime does not report GOMP_SPINCOUNT"; exit 0
fi
expect "no policy set: passive (spin count 0)" '[ "$(spin)" = "  GOMP_SPINCOUNT = '"'"'0'"'"'" ]'
expect "OMP_WAIT_POLICY=active is kept" '[ "$(spin OMP_WAIT_POLICY=active)" != "  GOMP_SPINCOUNT = '"'"'0'"'"'" ]'
expect "the run's output is unchanged by the policy" \
  '"$shequn" run scenarios/unmanaged.json --replicates 2 --threads 2 -o "$tmp/a" >/dev/null &&
   OMP_WAIT_POLICY=active "$shequn" run scenarios/unmanaged.json --replicates 2 --threads 2 -o "$tmp/b" >/dev/null &&
   cmp -s "$tmp/a/timeseries.csv" "$tmp/b/timeseries.csv"'
exit $fail

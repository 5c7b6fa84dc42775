#!/usr/bin/env bash
# The same scenario and seed give byte-identical output for 1, 2 and 4
# threads (MODEL.md T8): both ways of sharing threads are covered, inside a
# run (one replicate of 18,006 members) and across replicates.  summary.json
# differs only in its "run" object (threads, seconds, speed).
set -u
shequn=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

compare() { # label dirA dirB
  local f
  for f in timeseries.csv groups.csv members.csv curves.csv scenario.json; do
    if ! cmp -s "$2/$f" "$3/$f"; then
      echo "FAIL: $1: $f differs"; fail=1; return
    fi
  done
  if ! cmp -s <(sed '/"run":/,$d' "$2/summary.json") <(sed '/"run":/,$d' "$3/summary.json"); then
    echo "FAIL: $1: summary.json differs outside its \"run\" object"; fail=1; return
  fi
  echo "PASS: $1"
}

check() { # label scenario replicates
  local t
  for t in 1 2 4; do
    if ! "$shequn" run "$2" --replicates "$3" --threads $t --members -o "$tmp/$1-$t" >/dev/null; then
      echo "FAIL: $1 with $t threads did not run"; fail=1; return
    fi
  done
  [ "$(wc -l < "$tmp/$1-1/timeseries.csv")" -gt 1 ] || { echo "FAIL: $1: no rows"; fail=1; }
  compare "$1: 1 and 2 threads" "$tmp/$1-1" "$tmp/$1-2"
  compare "$1: 1 and 4 threads" "$tmp/$1-1" "$tmp/$1-4"
}

check parallel-inside-a-run tests/scenarios/parallel.json 1
check across-replicates scenarios/well_run.json 5
check diffusion scenarios/diffusion_only.json 3
exit $fail

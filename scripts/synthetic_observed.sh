#!/usr/bin/env bash
# Make an observed history, in the format `shequn fit --observed` reads
# (docs/FIT.md), from one simulated run of a scenario: the first group's
# members, active members and posts day by day, with measurement noise and
# a few days left unrecorded.  Used for the shipped example
# (scenarios/observed/book_club.csv) and by bench/fit_coverage.sh, which
# fits such histories and checks that the intervals cover the settings
# they were made with.
#
#   bash scripts/synthetic_observed.sh SCENARIO DAYS OUT.csv [--set KEY=VALUE]...
#        [--seed N] [--noise SIGMA] [--gaps SHARE] [--shequn PATH]
#
#   DAYS          days observed: day 0 to DAYS - 1 (fewer if the group dies first)
#   --set         a scenario setting of the run, as `shequn run --set` takes it
#   --seed N      seed of the run and of the noise (default 1)
#   --noise SIGMA active members and posts are multiplied by exp(SIGMA x a
#                 standard normal draw), rounded: estimates, not exact counts
#                 (default 0.1); members are exact, as an app shows them
#   --gaps SHARE  each day but the first and the last is unrecorded (every
#                 cell empty) with this probability (default 0.04)
#   --shequn PATH the shequn binary (default build/shequn beside this script)
#
# The same arguments give the same file, with any awk: the noise comes from
# a Lehmer generator (Park and Miller's minimal standard) seeded by --seed,
# whose products stay exact in awk's doubles.  Exit status: 0 done, 1 the
# run failed, 2 bad arguments (also those the run refuses: a --set of no
# key).
set -euo pipefail
usage() {
  echo "usage: bash scripts/synthetic_observed.sh SCENARIO DAYS OUT.csv [--set KEY=VALUE]... [--seed N] [--noise SIGMA] [--gaps SHARE] [--shequn PATH]" >&2
  exit 2
}
[ $# -ge 3 ] || usage
scenario=$1 days=$2 out=$3
shift 3
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shequn=$root/build/shequn seed=1 noise=0.1 gaps=0.04
sets=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --set) sets+=(--set "$2") ;;
    --seed) seed=$2 ;;
    --noise) noise=$2 ;;
    --gaps) gaps=$2 ;;
    --shequn) shequn=$2 ;;
    *) usage ;;
  esac
  shift 2
done
number() { [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "synthetic_observed: $1: expected a number of 0 or more, got '$2'" >&2; exit 2; }; }
[[ $days =~ ^[1-9][0-9]*$ ]] || { echo "synthetic_observed: DAYS: expected a whole number of days, 1 or more, got '$days'" >&2; exit 2; }
[[ $seed =~ ^[0-9]+$ ]] || { echo "synthetic_observed: --seed: expected a whole number, got '$seed'" >&2; exit 2; }
number --noise "$noise"
number --gaps "$gaps"
[ -f "$scenario" ] || { echo "synthetic_observed: $scenario: no such scenario file" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
"$shequn" run "$scenario" --replicates 1 --seed "$seed" --threads 1 \
  --set horizon_days="$days" "${sets[@]}" -o "$work/run" > "$work/log" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  echo "synthetic_observed: the run failed:" >&2
  cat "$work/log" >&2
  [ $status -eq 2 ] && exit 2
  exit 1
fi
# timeseries.csv: the first group's rows (docs/OUTPUTS.md), columns found
# by name; the noise and the gaps drawn in order of days from the seed
awk -F, -v seed="$seed" -v noise="$noise" -v gaps="$gaps" -v days="$days" '
  NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; state = (seed % 2147483646) + 1; for (i = 0; i < 20 + seed % 1009; i++) uniform(); next }
  $c["replicate"] == 0 && $c["group"] == 0 { d = $c["day"] + 0; m[d] = $c["members"]; a[d] = $c["active"]; p[d] = $c["posts"]; if (d > last) last = d }
  function uniform() { state = (state * 16807) % 2147483647; return state / 2147483647 }
  function normal() { return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform()) }
  function noisy(x) { return int(x * exp(noise * normal()) + 0.5) }
  END {
    print "day,members,active,posts"
    for (d = 0; d <= last; d++) {
      gap = uniform() < gaps; na = noisy(a[d]); np = noisy(p[d])
      if (na > m[d]) na = m[d]
      if (d > 0 && d < last && gap) print d ",,,"
      else print d "," m[d] "," na "," np
    }
    if (last < days - 1) printf "synthetic_observed: the group died: its history ends on day %d\n", last > "/dev/stderr"
  }' "$work/run/timeseries.csv" > "$work/observed.csv"
mv "$work/observed.csv" "$out"

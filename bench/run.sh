#!/usr/bin/env bash
# The earlier benchmark cases (bench/README.md, "Earlier figures"): the large
# case, 500 groups, the member update alone, one group in populations of 10^5
# and 10^7, the sweep.  bash bench/report.sh prints every current figure.
#   bash bench/run.sh [build-dir]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target bench_step >/dev/null
echo "== large: 10^6 agents, 250 groups, ~10^5 members, 200 days"
"$build/bench/bench_step" bench/large.json 2
echo
echo "== 500 groups, ~2.4 x 10^5 members"
"$build/bench/bench_step" bench/large.json 2 group.initial_groups=500
echo
echo "== the member update alone (no outreach, no invitations)"
"$build/bench/bench_step" bench/large.json 2 recruitment.outreach.schedule=none \
  recruitment.word_of_mouth.enabled=false
echo
for n in 100000 10000000; do
  echo "== one group of 500 in a population of $n"
  "$build/bench/bench_step" bench/one_group.json 1 population.size=$n
  echo
done
echo "== sweep: 1,000 runs of a small group (10 x 10 grid, 10 replicates a point)"
cmake --build "$build" -j"$(nproc)" --target shequn >/dev/null
for t in 1 2; do
  dir=$(mktemp -d)
  "$build/shequn" sweep bench/sweep_small.json -o "$dir" --threads "$t" 2>&1 | grep "runs in"
  rm -rf "$dir"
done

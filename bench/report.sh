#!/usr/bin/env bash
# Every performance figure of shequn, as one table and the same as CSV
# (columns: figure, case, threads, value, unit, note).  bench/README.md says
# what each figure means and how it is measured.
#   bash bench/report.sh [--quick] [-o FILE.csv] [--build DIR]
# --quick: small sizes (N = 20,000 founders, 20 replicates, populations of
#          10^6 and 10^7), to check the script in a few minutes; not
#          figures to quote.
# The numpy peer is looked for in ../shared/peers or ../../shared/peers (or
# $SHEQUN_PEERS); its rows are skipped, with a note, when /usr/bin/python3
# cannot import numpy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=0
csv=out/bench/figures.csv
build=build
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    -o) csv=${2:?-o needs a file}; shift ;;
    --build) build=${2:?--build needs a directory}; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "report.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ $quick = 1 ]; then
  founders=20000 replicates=20 memory_population=1000000 bandwidth_mib=64 bandwidth_repeats=5
  large_population=10000000 network_population=1000000
else
  founders=200000 replicates=100 memory_population=10000000 bandwidth_mib=256 bandwidth_repeats=10
  large_population=100000000 network_population=10000000
fi
population=$((10 * founders))
memory_days=300

peers=${SHEQUN_PEERS:-}
if [ -z "$peers" ]; then
  for d in ../shared/peers ../../shared/peers; do
    [ -f "$d/numpy_community.py" ] && { peers=$d; break; }
  done
fi
peer_like=$peers/shequn_peer_like.json
if [ -z "$peers" ] || [ ! -f "$peer_like" ]; then
  echo "report.sh: no ../shared/peers/shequn_peer_like.json (set SHEQUN_PEERS)" >&2
  exit 1
fi
python=${SHEQUN_PYTHON:-/usr/bin/python3} # the peer's interpreter, with Debian's numpy

mkdir -p "$(dirname "$csv")" out/bench
work=$(mktemp -d out/bench/report.XXXXXX) # on disk, as a sweep's journal normally is
burner=
cleanup() {
  if [ -n "$burner" ]; then kill "$burner" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# bench_step is its own binary: shequn sets OMP_WAIT_POLICY=passive itself
# unless the user set one, bench_step does not, so it is set here likewise.
if [ -n "${OMP_WAIT_POLICY:-}" ]; then
  wait_note="OMP_WAIT_POLICY=$OMP_WAIT_POLICY (set by the caller)"
else
  export OMP_WAIT_POLICY=passive
  wait_note="OMP_WAIT_POLICY=passive (set by report.sh as shequn sets it)"
fi

echo "figure,case,threads,value,unit,note" > "$csv"
# row FIGURE CASE THREADS VALUE UNIT NOTE: one line of the table and of the CSV
row() {
  local note=${6//,/;}
  printf '%s,%s,%s,%s,%s,%s\n' "$1" "${2//,/;}" "$3" "${4//,/;}" "$5" "$note" >> "$csv"
  printf '%-6s %-44s %3s %14s %-15s %s\n' "$1" "$2" "$3" "$4" "$5" "$note"
}
calc() { awk "BEGIN { printf \"%.4g\", $1 }"; }
# field KEY LINE: the value of KEY=value in LINE
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< " $2"; }
now() { date +%s.%N; }
load() { uptime | sed 's/.*load average[s]*: //'; }

echo "== shequn performance report$([ $quick = 1 ] && echo ' (--quick: small sizes)')"
printf '%-6s %-44s %3s %14s %-15s %s\n' figure case thr value unit note
row 6 date - "$(date -u +%Y-%m-%dT%H:%M:%SZ)" - ""
row 6 "git commit" - "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" - \
  "$(git diff --quiet HEAD 2>/dev/null && echo clean || echo 'uncommitted changes')"
row 6 nproc - "$(nproc)" cores ""
row 6 "CPU model" - "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" - \
  "family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p')"
row 6 "load average at start (1; 5; 15 min)" - "$(load | tr -d ' ' | tr , ';')" - ""
row 6 "OpenMP wait policy (bench_step)" - "${OMP_WAIT_POLICY}" - "$wait_note"

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target shequn bench_step bench_bandwidth >/dev/null
step=$build/bench/bench_step

# ---- 1. one group against the numpy peer ----------------------------------
n="N=$founders" # one group of N founders, population 10 N, 365 days
if "$python" -c 'import numpy' 2>/dev/null; then
  peer_out=$("$python" "$peers/numpy_community.py" --population $population \
    --initial-members $founders --days 365 --seed 1)
  peer_last=$(tail -1 <<< "$peer_out")
  p_steps=$(field member_steps "$peer_last")
  p_seconds=$(field seconds "$peer_last")
  p_setup=$(field setup_seconds "$(head -1 <<< "$peer_out")")
  p_whole=$(calc "$p_steps / $p_seconds")
  p_stepping=$(calc "$p_steps / ($p_seconds - $p_setup)")
  row 1 "$n numpy peer: whole run" 1 "$p_whole" member-steps/s "$p_steps member-steps in $p_seconds s"
  row 1 "$n numpy peer: stepping" 1 "$p_stepping" member-steps/s "setup $p_setup s left out"
else
  p_whole='' p_stepping=''
  row 1 "$n numpy peer" 1 - - "skipped: $python has no numpy (apt-get install python3-numpy)"
fi
# The peer's members have neither frailty nor a commitment that grows with
# tenure (shequn's defaults since its tenure model): both off, so that the
# two groups do about the same work (member-steps within the peers'
# README's 25%) and the rates compare like with like.
like_peer="engagement.tenure_halving_days=0 population.leave_frailty_variance=0"
declare -A s_steps s_step s_whole s_rate
for t in 1 2; do
  # shellcheck disable=SC2086 # like_peer is a list of KEY=VALUE words
  out=$("$step" --only "$peer_like" $t group.founders=$founders population.size=$population \
    $like_peer)
  r=$(grep '^result ' <<< "$out")
  s_steps[$t]=$(field member_steps "$r")
  s_step[$t]=$(field step_seconds "$r")
  setup=$(field setup_seconds "$r") day0=$(field day0_seconds "$r")
  member_bytes=$(field member_bytes "$r")
  s_whole[$t]=$(calc "${s_steps[$t]} / ($setup + $day0 + ${s_step[$t]})")
  s_rate[$t]=$(calc "${s_steps[$t]} / ${s_step[$t]}")
  row 1 "$n shequn: whole run" $t "${s_whole[$t]}" member-steps/s \
    "${s_steps[$t]} member-steps; setup $setup s + day 0 + stepping"
  row 1 "$n shequn: stepping" $t "${s_rate[$t]}" member-steps/s "days after day 0: ${s_step[$t]} s"
  row 1 "$n shequn: day 0 (founding)" $t "$(calc "$day0")" s ""
  if [ -n "$p_whole" ]; then
    row 1 "$n shequn/numpy: whole run" $t "$(calc "${s_whole[$t]} / $p_whole")" ratio ""
    row 1 "$n shequn/numpy: stepping" $t "$(calc "${s_rate[$t]} / $p_stepping")" ratio ""
    row 1 "$n shequn/numpy: member-steps" $t "$(calc "${s_steps[$t]} / $p_steps")" ratio \
      "the work done; shequn with $like_peer"
  fi
done

# ---- 2. threads -------------------------------------------------------------
row 2 "(a) one group $n: stepping efficiency" 2 "$(calc "${s_step[1]} / (2 * ${s_step[2]})")" \
  "T1/(2 T2)" "1 = perfect scaling; 365 days"
# (a) as issue 12 states it: one group of N founders for 200 days, the whole
# run (day 0 and stepping) and the stepping alone, idle and beside a busy
# process; the least of 3 runs each, as this machine's times drift
one_group() { # THREADS: "whole step" seconds, the least of 3 runs
  local best_whole='' best_step='' r whole stepping
  for _ in 1 2 3; do
    # shellcheck disable=SC2086
    r=$("$step" --only "$peer_like" "$1" group.founders=$founders population.size=$population \
      horizon_days=201 $like_peer | grep '^result ')
    stepping=$(field step_seconds "$r")
    whole=$(calc "$(field setup_seconds "$r") + $(field day0_seconds "$r") + $stepping")
    best_whole=$(calc "${best_whole:-$whole} < $whole ? ${best_whole:-$whole} : $whole")
    best_step=$(calc "${best_step:-$stepping} < $stepping ? ${best_step:-$stepping} : $stepping")
  done
  echo "$best_whole $best_step"
}
declare -A og_whole og_step
for load_case in idle busy; do
  if [ $load_case = busy ]; then yes > /dev/null & burner=$!; fi
  for t in 1 2; do read -r og_whole[$t] og_step[$t] < <(one_group $t); done
  if [ $load_case = busy ]; then kill "$burner"; wait "$burner" 2>/dev/null || true; burner=; fi
  if [ $load_case = idle ]; then
    row 2 "(a) one group $n, 200 days: whole run" 1 "${og_whole[1]}" s "least of 3; day 0 and 200 days"
    row 2 "(a) one group $n, 200 days: whole run" 2 "${og_whole[2]}" s "least of 3"
    row 2 "(a) 200 days: whole-run efficiency" 2 "$(calc "${og_whole[1]} / (2 * ${og_whole[2]})")" \
      "T1/(2 T2)" "target 0.9 (2 threads 1.8x one)"
    row 2 "(a) 200 days: stepping efficiency" 2 "$(calc "${og_step[1]} / (2 * ${og_step[2]})")" \
      "T1/(2 T2)" "days 1-200 alone: ${og_step[1]} s and ${og_step[2]} s"
  else
    row 2 "(a) 200 days + a busy process: 2 threads over 1" 2 \
      "$(calc "${og_whole[2]} / ${og_whole[1]}")" "T2/T1" \
      "whole run; 'yes > /dev/null' running throughout; target: at most 1"
  fi
done
# well_run THREADS: wall clock of the replicates, in seconds
well_run() {
  local t0; t0=$(now)
  "$build/shequn" run scenarios/well_run.json --replicates $replicates --threads "$1" \
    -o "$work/well_run" --force >/dev/null
  calc "$(now) - $t0"
}
declare -A wr
for t in 1 2; do
  wr[$t]=$(well_run $t)
  row 2 "(b) well_run $replicates replicates" $t "${wr[$t]}" s "wall clock"
done
row 2 "(b) well_run: efficiency" 2 "$(calc "${wr[1]} / (2 * ${wr[2]})")" "T1/(2 T2)" ""
yes > /dev/null &
burner=$!
declare -A busy
for t in 1 2; do
  busy[$t]=$(well_run $t)
  row 2 "(c) well_run $replicates reps + a busy process" $t "${busy[$t]}" s \
    "'yes > /dev/null' running throughout"
done
kill "$burner"; wait "$burner" 2>/dev/null || true; burner=
row 2 "(c) busy: 2 threads over 1 thread" 2 "$(calc "${busy[2]} / ${busy[1]}")" "T2/T1" \
  "target: at most 1"

# ---- 3. memory --------------------------------------------------------------
row 3 "per member (state)" - "$member_bytes" bytes "sq_member_bytes: 8 topics"
out=$("$step" --only scenarios/well_run.json 1 population.size=$memory_population \
  horizon_days=$memory_days)
r=$(grep '^result ' <<< "$out")
row 3 "per population agent: graph" - "$(field graph_bytes_per_agent "$r")" bytes \
  "well_run's Watts-Strogatz graph; population $memory_population"
row 3 "well_run peak resident per agent" 1 \
  "$(calc "$(field peak_rss_kib "$r") * 1024 / $memory_population")" bytes \
  "peak RSS $(calc "$(field peak_rss_kib "$r") / 1024") MiB; population $memory_population; $memory_days days"

# a population of 10^8 (10^7 with --quick) in one run of well_run
out=$("$step" --only scenarios/well_run.json 2 population.size=$large_population \
  horizon_days=$memory_days)
r=$(grep '^result ' <<< "$out")
row 3 "population $large_population: peak resident" 2 \
  "$(calc "$(field peak_rss_kib "$r") / 1048576")" GiB \
  "well_run; $memory_days days; graph built in $(calc "$(field setup_seconds "$r")") s"
# the replicating network's five years at a population of 10^7 (10^6 with
# --quick).  A seed group that dies young leaves no network to measure (as
# seed groups sometimes do: docs/CALIBRATION.md), so seeds 1, 2, ... are
# tried until one grows a network (more than one group founded), at most
# 10; the row gives that seed's run and says how many died before it.
if [ -x /usr/bin/time ]; then
  dead=0
  for seed in 1 2 3 4 5 6 7 8 9 10; do
    t0=$(now)
    /usr/bin/time -f '%M' -o "$work/network.rss" "$build/shequn" run \
      scenarios/replicating_network.json --replicates 1 --threads 2 --seed $seed \
      --set population.size=$network_population -o "$work/network" --force >/dev/null
    seconds=$(calc "$(now) - $t0")
    read -r groups live < <(/usr/bin/python3 -c 'import json, sys
n = json.load(open(sys.argv[1]))["realism"]["network"]
print("%d %d" % (n["groups_created_median"], n["live_members_at_horizon_median"]))' \
      "$work/network/summary.json")
    [ "$groups" -gt 1 ] && break
    dead=$((dead + 1))
  done
  grown="seed $seed ($dead seeds before it grew no network); $groups groups founded; $live members in live groups at the end"
  row 3 "replicating_network population $network_population: time" 2 "$seconds" s \
    "1825 days; one replicate; wall clock; $grown"
  row 3 "replicating_network population $network_population: peak" 2 \
    "$(calc "$(tail -1 "$work/network.rss") / 1024")" MiB "peak resident (GNU time); seed $seed"
else
  row 3 "replicating_network population $network_population" 2 - - \
    "skipped: no /usr/bin/time (apt-get install time)"
fi

# ---- 4. bandwidth bound -----------------------------------------------------
out=$("$build/bench/bench_bandwidth" $bandwidth_mib $bandwidth_repeats 2)
bytes=$(field member_step_bytes "$(grep member_step_bytes <<< "$out")")
row 4 "bytes moved per member-step" - "$bytes" bytes \
  "member fields read once and written once (bench_bandwidth.c lists them)"
for t in 1 2; do
  gbs=$(field gb_per_s "$(grep "^result threads=$t " <<< "$out")")
  bound=$(calc "$gbs * 1e9 / $bytes")
  row 4 "memory bandwidth (STREAM triad)" $t "$gbs" GB/s "3 arrays of $bandwidth_mib MiB; best of $bandwidth_repeats"
  row 4 "bound: bandwidth / bytes per member-step" $t "$bound" member-steps/s ""
  row 4 "one group's stepping / bound" $t "$(calc "${s_rate[$t]} / $bound")" share \
    "$([ $quick = 1 ] && echo 'quick: members fit in cache')"
done

# ---- 5. sweep throughput ----------------------------------------------------
for t in 1 2; do
  line=$("$build/shequn" sweep bench/sweep_small.json -o "$work/sweep$t" --threads $t 2>&1 |
    grep "runs in")
  runs_per_s=$(sed -n 's/.*(\([0-9.]*\) runs\/s.*/\1/p' <<< "$line")
  row 5 "sweep_small: 1,000 small runs" $t "$runs_per_s" runs/s "journal on disk; $line"
done

row 6 "load average at end (1; 5; 15 min)" - "$(load | tr -d ' ' | tr , ';')" - ""
echo "wrote $csv"

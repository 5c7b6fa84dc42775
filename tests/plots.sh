#!/usr/bin/env bash
# Every chart kind renders a non-empty image of the expected size in each
# format (png and svg 1600 x 900 pixels, pdf 10 x 5.625 inches = 720 x 405
# points), with English and with Chinese labels; without gnuplot, `plot`
# says so, fails, and leaves the CSV files alone.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# a run with members (lifecycle, survival, participation), a network
# (network), a comparison (comparison, survival), a two-parameter grid
# sweep (heatmaps) and a Sobol sweep (sensitivity indices)
"$shequn" run scenarios/well_run.json --replicates 4 --members -o "$tmp/run" >/dev/null || bad "run"
"$shequn" run scenarios/replicating_network.json --replicates 2 --set horizon_days=700 \
  -o "$tmp/net" >/dev/null || bad "network run"
"$shequn" compare scenarios/well_run.json scenarios/sin_boredom.json --replicates 4 \
  -o "$tmp/cmp" >/dev/null || bad "compare"
"$shequn" sweep scenarios/sweep_example.json -o "$tmp/grid" >/dev/null || bad "grid sweep"
"$shequn" sweep tests/sweeps/resume.json -o "$tmp/sobol" >/dev/null || bad "Sobol sweep"

png_size() { # width x height from the IHDR chunk
  od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'
}
svg_size() { head -c 400 "$1" | tr '\n' ' ' | grep -o 'width="[0-9]*" height="[0-9]*"' | head -1 | tr -dc '0-9 ' | awk '{print $1 "x" $2}'; }
pdf_size() { grep -ao 'MediaBox *\[ *0 0 [0-9.]* [0-9.]*' "$1" | head -1 | awk '{printf "%.0fx%.0f", $(NF-1), $NF}'; }

check_image() { # file format
  local f=$1 size
  if [ ! -s "$f" ]; then bad "$f is a non-empty image"; return; fi
  case $2 in
    png) size=$(png_size "$f"); want=1600x900 ;;
    svg) size=$(svg_size "$f"); want=1600x900 ;;
    pdf) size=$(pdf_size "$f"); want=720x405 ;;
  esac
  if [ "$size" = "$want" ]; then pass "$(basename "$(dirname "$f")")/$(basename "$f"): $size"
  else bad "$f: size '$size', expected $want"; fi
}

for fmt in png svg pdf; do
  for lang in en zh; do
    suffix=$([ $lang = zh ] && echo -zh)
    "$shequn" plot "$tmp/run" --format $fmt --lang $lang >/dev/null || bad "plot run $fmt $lang"
    "$shequn" plot "$tmp/net" --format $fmt --lang $lang >/dev/null || bad "plot network $fmt $lang"
    "$shequn" plot "$tmp/cmp" --format $fmt --lang $lang >/dev/null || bad "plot compare $fmt $lang"
    for kind in lifecycle survival participation; do check_image "$tmp/run/$kind$suffix.$fmt" $fmt; done
    check_image "$tmp/net/network$suffix.$fmt" $fmt
    for kind in comparison survival; do check_image "$tmp/cmp/$kind$suffix.$fmt" $fmt; done
    "$shequn" plot "$tmp/grid" --format $fmt --lang $lang >/dev/null || bad "plot grid sweep $fmt $lang"
    "$shequn" plot "$tmp/sobol" --format $fmt --lang $lang >/dev/null || bad "plot Sobol sweep $fmt $lang"
    for m in lifespan_days peak_members reach final_active; do check_image "$tmp/grid/heatmap-$m$suffix.$fmt" $fmt; done
    for m in lifespan_days peak_members reach; do check_image "$tmp/sobol/sensitivity-$m$suffix.$fmt" $fmt; done
  done
done
if [ ! -e "$tmp/sobol/heatmap-reach.png" ]; then pass "no heatmap for a design that is not a two-parameter grid"
else bad "a Sobol design got a heatmap"; fi
[ ! -e "$tmp/run/network.png" ] && pass "no network chart for a single group" || bad "a single group got a network chart"

# Chinese labels: the same chart in Chinese is a different image, and its
# SVG carries the Chinese stage names and title
if ! cmp -s "$tmp/run/lifecycle.png" "$tmp/run/lifecycle-zh.png" &&
   grep -q '生命周期' "$tmp/run/lifecycle-zh.svg" && grep -q '活跃期' "$tmp/run/lifecycle-zh.svg"; then
  pass "--lang zh draws Chinese labels"
else
  bad "--lang zh draws Chinese labels"
fi

# without gnuplot: a clear message, exit status 1, the CSV files untouched
before=$(md5sum "$tmp/run"/*.csv)
out=$(PATH=/nonexistent "$shequn" plot "$tmp/run" 2>&1); status=$?
if [ $status -eq 1 ] && echo "$out" | grep -q "gnuplot is not installed" &&
   [ "$before" = "$(md5sum "$tmp/run"/*.csv)" ]; then
  pass "without gnuplot: '$out'"
else
  bad "without gnuplot: status $status, '$out'"
fi
"$shequn" plot "$tmp" >/dev/null 2>&1; [ $? -eq 2 ] && pass "a directory without results: exit status 2" || bad "a directory without results"
exit $fail

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
# about half of replicating_network's replicates never split within 700
# days: 8 replicates make a network (more than one group) all but certain
"$shequn" run scenarios/replicating_network.json --replicates 8 --set horizon_days=700 \
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

# Every band in the legend: in each SVG chart, every plot that fills an
# area (a band, a stage of the background) starts with its legend entry
# (gnuplot writes a titled plot's key text before what it draws).
untitled_bands() { # svg -> the number of filled plots without a legend entry
  awk '/<g id="gnuplot_plot_/ { if (open && filled && !titled) n++; open = 1; filled = 0; titled = 0; next }
       open && /<text>/ && !filled { titled = 1 }
       open && /<polygon/ && !/#FFFFFF/ { filled = 1 }  # not the white of an opaque key
       END { if (open && filled && !titled) n++; print n + 0 }' "$1"
}
for f in "$tmp"/run/*.svg "$tmp"/net/*.svg "$tmp"/cmp/*.svg "$tmp"/sobol/*.svg; do
  n=$(untitled_bands "$f")
  [ "$n" = 0 ] && pass "$(basename "$(dirname "$f")")/$(basename "$f"): every band in the legend" ||
    bad "$f: $n bands without a legend entry"
done
legend() { # svg, then the entries it must show
  local f=$1 e; shift
  for e in "$@"; do
    grep -qF "<text>$e</text>" "$f" || { bad "$(basename "$f"): no legend entry '$e'"; return; }
  done
  pass "$(basename "$f"): legend has $*"
}
legend "$tmp/run/lifecycle.svg" sprout growth active decline death "members: 10-90% of replicates" \
  "active members: 10-90% of replicates" "members (median)" "active members (median)" "silent members (median)"
legend "$tmp/run/lifecycle-zh.svg" 萌芽期 成长期 活跃期 衰退期 死亡期 "成员数：重复实验的10%–90%区间" "活跃成员：重复实验的10%–90%区间"
legend "$tmp/net/network.svg" "groups alive: 10-90% of replicates" "members: 10-90% of replicates"
legend "$tmp/net/network-zh.svg" "存活群数：重复实验的10%–90%区间"
legend "$tmp/cmp/comparison.svg" "Well run: 10-90% of replicates" "Sin: boredom: 10-90% of replicates"
legend "$tmp/cmp/survival.svg" "Well run: 95% interval" "Sin: boredom: 95% interval"
legend "$tmp/cmp/comparison-zh.svg" "运营良好：重复实验的10%–90%区间" "七宗罪：无聊"
legend "$tmp/sobol/sensitivity-reach-zh.svg" "一阶指数（单独作用）" "总效应指数（含交互作用）"

# the stage background: on every day the shares of replicates in the five
# stages add up to 1 (curves.csv)
bad_days=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^stage_.*_share$/) c[++n] = i; next }
  { t = 0; for (k = 1; k <= n; k++) t += $c[k]; if (n != 5 || t < 0.999 || t > 1.001) b++ } END { print b + 0 }' "$tmp/run/curves.csv")
[ "$bad_days" = 0 ] && pass "curves.csv: the five stage shares add up to 1 every day" || bad "curves.csv: $bad_days days whose stage shares do not add up to 1"

# a scenario's own Chinese title (scenario.json "title_zh") comes first in zh charts
mkdir -p "$tmp/titled" && cp "$tmp/run/curves.csv" "$tmp/run/survival.csv" "$tmp/titled/"
sed '0,/"name":[^,]*,/s//"name": "mine", "title_zh": "我的社群", "title": "My community",/' "$tmp/run/scenario.json" > "$tmp/titled/scenario.json"
"$shequn" plot "$tmp/titled" --format svg --lang zh >/dev/null && "$shequn" plot "$tmp/titled" --format svg >/dev/null || bad "plot titled"
grep -q '生命周期：我的社群' "$tmp/titled/lifecycle-zh.svg" && grep -q 'Lifecycle: My community' "$tmp/titled/lifecycle.svg" &&
  pass "scenario.json's title_zh and title name the scenario in charts" || bad "scenario.json's titles are not used"

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

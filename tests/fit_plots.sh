#!/usr/bin/env bash
# The charts of a fit folder (tests/fit_fixture.sh writes one as `shequn
# fit` does): every chart in PNG and SVG, 1600 x 900, in English and in
# Chinese, with its legend; a fit folder with a column missing or a value
# that is not a number is refused (exit status 2) with the file, the line
# and the column named.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash tests/fit_fixture.sh "$tmp/fit" || bad "the fixture"

png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }
svg_size() { head -c 400 "$1" | tr '\n' ' ' | grep -o 'width="[0-9]*" height="[0-9]*"' | head -1 | tr -dc '0-9 ' | awk '{print $1 "x" $2}'; }
charts="predictive-members predictive-active predictive-posts posterior posterior-pairs generations forecast"
for fmt in png svg; do
  for lang in en zh; do
    suffix=$([ $lang = zh ] && echo -zh)
    "$shequn" plot "$tmp/fit" --format $fmt --lang $lang > "$tmp/out" 2>&1 || bad "plot fit $fmt $lang: $(cat "$tmp/out")"
    expect "plot $fmt $lang: 7 charts written" '[ "$(grep -c "^wrote " "$tmp/out")" = 7 ]'
    for kind in $charts; do
      f=$tmp/fit/$kind$suffix.$fmt
      size=$([ -s "$f" ] && ${fmt}_size "$f")
      expect "$kind$suffix.$fmt: a 1600x900 image (got '$size')" '[ "$size" = 1600x900 ]'
    done
  done
done
export LC_ALL=C
legend() { # svg, then the texts it must show
  local f=$1 e; shift
  for e in "$@"; do
    grep -qF ">$e</text>" "$tmp/fit/$f" || { bad "$f: no text '$e'"; return; }
  done
  pass "$f shows $*"
}
legend predictive-members.svg "95% of posterior runs" "50% of posterior runs" "median of posterior runs" observed "last observed day"
legend predictive-members-zh.svg "后验模拟的95%区间" "观测值" "最后观测日"
legend forecast.svg "as fitted" "with rituals.meetup.every_days=30"
legend forecast-zh.svg "按拟合结果" "若 rituals.meetup.every_days=30"
legend posterior.svg recruitment.outreach.per_day team.burnout_per_year "median and 90% interval"
# the posterior panels span the priors of summary.json: outreach 5-80 (its
# tics, gnuplot's own, written with a space before them, go to 80), burnout
# 0.1-5 log-uniform (a log axis with tics 0.1 ... 5), though the particles
# span far less
legend posterior.svg " 80" 0.1 0.2 0.5 5
legend generations-zh.svg "容差（接受的距离）" "接受率"
expect "charts titled with the scenario of summary.json (well_run: Well run / 运营良好)" \
  'grep -q "Well run: how long the group lives on" "$tmp/fit/forecast.svg" && grep -q "运营良好：社群还能存活多久" "$tmp/fit/forecast-zh.svg"'
# a fit folder's scenario.json (as `shequn fit` writes it) names the scenario first
cp -r "$tmp/fit" "$tmp/titled" && rm -f "$tmp/titled"/*.png "$tmp/titled"/*.svg
echo '{"name": "mine", "title": "My book club", "title_zh": "我的读书会"}' > "$tmp/titled/scenario.json"
"$shequn" plot "$tmp/titled" --format svg >/dev/null && "$shequn" plot "$tmp/titled" --format svg --lang zh >/dev/null || bad "plot titled"
expect "scenario.json's title and title_zh name the scenario in a fit's charts" \
  'grep -q "My book club: how long the group lives on" "$tmp/titled/forecast.svg" && grep -q "我的读书会：社群还能存活多久" "$tmp/titled/forecast-zh.svg"'
# the observed points: one per day observed, none at a gap (empty cells)
observed=$(awk -F, 'NR > 1 && $2 != ""' "$tmp/fit/observed.csv" | wc -l)
gaps=$(awk -F, 'NR > 1 && $2 == ""' "$tmp/fit/observed.csv" | wc -l)
expect "the fixture has gaps ($gaps) and observed days ($observed)" '[ "$gaps" -gt 0 ] && [ "$observed" -gt 100 ]'

# a malformed fit folder: exit status 2, the file, line and column named
broken() { # what, file, sed script, expected message (a grep pattern)
  rm -rf "$tmp/bad" && cp -r "$tmp/fit" "$tmp/bad" && rm -f "$tmp/bad"/*.png "$tmp/bad"/*.svg
  sed -i "$3" "$tmp/bad/$2"
  "$shequn" plot "$tmp/bad" > /dev/null 2> "$tmp/err"; local rc=$? want=$4
  expect "$1: status 2 (got $rc), '$(cat "$tmp/err")'" '[ $rc = 2 ] && grep -qF "$want" "$tmp/err"'
}
broken "generations.csv without acceptance_rate" generations.csv '1s/acceptance_rate/acceptance/' \
  'bad/generations.csv:1: no column "acceptance_rate" in the header'
broken "predictive.csv without active_q975" predictive.csv '1s/active_q975/active_q99/' \
  'bad/predictive.csv:1: no column "active_q975" in the header'
broken "predictive.csv with no series" predictive.csv '1s/_q50/_median/g' \
  'bad/predictive.csv:1: no observed series'
broken "forecast.csv without alive" forecast.csv '1s/,alive,/,survival,/' \
  'bad/forecast.csv:1: no column "alive" in the header'
broken "particles.csv without weight" particles.csv '1s/,weight,/,w,/' \
  'bad/particles.csv:1: no column "weight" in the header'
broken "particles.csv: a parameter that is not a number" particles.csv '5s/^\([0-9]*,[0-9]*\),[^,]*,/\1,abc,/' \
  'bad/particles.csv:5: recruitment.outreach.per_day: expected a finite number, got "abc"'
broken "particles.csv: no parameter" particles.csv 's/^\([^,]*,[^,]*\),[^,]*,[^,]*,/\1,/' \
  'bad/particles.csv:1: expected 1 to 16 parameter columns between "index" and "weight", found 0'
broken "particles.csv: a generation that is not a whole number" particles.csv '7s/^0,/1.5,/' \
  'bad/particles.csv:7: generation: expected a whole number from 0 to 100000, got "1.5"'
broken "generations.csv: a negative generation" generations.csv '3s/^1,/-1,/' \
  'bad/generations.csv:3: generation: expected a whole number from 0 to 100000, got "-1"'
broken "a row of forecast.csv one field short" forecast.csv '30s/,[^,]*$//' \
  'bad/forecast.csv:30: 2 fields, but the header has 3'
rm -rf "$tmp/bad" && cp -r "$tmp/fit" "$tmp/bad" && rm "$tmp/bad/predictive.csv"
"$shequn" plot "$tmp/bad" > /dev/null 2> "$tmp/err"; rc=$?
expect "no predictive.csv: status 2, '$(cat "$tmp/err")'" '[ $rc = 2 ] && grep -q "bad/predictive.csv" "$tmp/err"'
exit $fail

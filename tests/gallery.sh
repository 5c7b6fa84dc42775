#!/usr/bin/env bash
# `shequn gallery` writes the teaching set: two index pages, English and
# Chinese, with every scenario of plots/gallery.json explained, and every
# image they show present.  (Few replicates: the charts are noisy but real.)
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$shequn" gallery --replicates 3 -o "$tmp/g" > "$tmp/log" 2>&1 || { echo "FAIL: gallery exits 0"; cat "$tmp/log"; exit 1; }
for page in index.html index.zh.html; do
  expect "$page written" "[ -s $tmp/g/$page ]"
  missing=0
  for img in $(grep -o 'img src="[^"]*"' "$tmp/g/$page" | cut -d'"' -f2); do
    [ -s "$tmp/g/$img" ] || { echo "      missing: $img"; missing=1; }
  done
  expect "$page: every image it shows exists ($(grep -c '<img' "$tmp/g/$page") images)" "[ $missing -eq 0 ]"
done
names=$(grep -o '"name": "[a-z_]*"' plots/gallery.json | cut -d'"' -f4)
for n in $names; do
  expect "$n: a section on both pages with its lifecycle chart" \
    "grep -q \"<section id=\\\"$n\\\">\" $tmp/g/index.html && grep -q \"<section id=\\\"$n\\\">\" $tmp/g/index.zh.html && [ -s $tmp/g/$n/lifecycle.png ] && [ -s $tmp/g/$n/lifecycle-zh.png ]"
done
expect "the sins and strategies are shown against their base" "[ -s $tmp/g/sin_tyranny-vs-well_run/survival-zh.png ] && [ -s $tmp/g/no_replication-vs-replicating_network/comparison.png ]"
expect "the Chinese page speaks Chinese" "grep -q '社群生命周期' $tmp/g/index.zh.html && grep -q '七宗罪：失焦' $tmp/g/index.zh.html"
expect "the pages link to each other" "grep -q 'href=\"index.zh.html\"' $tmp/g/index.html && grep -q 'href=\"index.html\"' $tmp/g/index.zh.html"

# written once, only what the charts need: under 50 MB (the full gallery is
# measured by hand, docs/OUTPUTS.md), no two files alike, no per-day
# per-group records, each scenario run once
size=$(du -sb "$tmp/g" | cut -f1)
expect "the gallery is under 50 MB ($size bytes)" "[ $size -lt 50000000 ]"
same=$(find "$tmp/g" -type f -exec md5sum {} + | sort | awk '{print $1}' | uniq -d | wc -l)
expect "no two files of the gallery have the same content ($same do)" "[ $same -eq 0 ]"
records=$(find "$tmp/g" -name timeseries.csv -o -name groups.csv | wc -l)
expect "no timeseries.csv or groups.csv: no chart reads them ($records found)" "[ $records -eq 0 ]"
expect "a comparison reads its two runs beside it, holding no copy of them" \
  "[ ! -e $tmp/g/sin_tyranny-vs-well_run/well_run ] && [ -s $tmp/g/sin_tyranny-vs-well_run/comparison.csv ]"
runs=$(grep -c '^gallery: .* replicates)$' "$tmp/log"); listed=$(echo $names | wc -w)
expect "each scenario is run once ($runs runs, $listed scenarios)" "[ $runs -eq $listed ]"

# a print layout: A4, a page per chart, each with its scenario's explanation
for page in index.html index.zh.html; do
  f=$tmp/g/$page
  expect "$page: a print stylesheet (A4, a page break after each chart)" \
    "grep -q '@page { size: A4' $f && grep -q '@media print' $f && grep -q 'figure {.*break-after: page' $f"
  handouts=$(grep -c '<div class="handout">' "$f"); images=$(grep -c '<img' "$f")
  expect "$page: every chart carries its explanation for print ($handouts of $images)" "[ $handouts -eq $images ]"
done
expect "the English page explains the stage background" "grep -q 'share of replicates whose group is in each stage' $tmp/g/index.html"
exit $fail

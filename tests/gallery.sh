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
exit $fail

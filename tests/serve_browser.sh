#!/usr/bin/env bash
# The classroom page as a person uses it, in headless Chromium: the page's
# scripted session (web/app.js, ?autotest=1) loads well_run, moves strategy
# B's rules.strictness slider to 0, presses Setup and Play at full speed,
# waits for both runs and the verdict, and writes what it saw into
# <pre id="autotest">, which --dump-dom prints.  Checked: both runs'
# rows arrived, the charts were drawn, the stage bands and survival came,
# the verdict was given, in English and in Chinese.  A screenshot of each
# language is kept as BUILD_DIR/serve_page_en.png and serve_page_zh.png.
#   bash tests/serve_browser.sh build/shequn BUILD_DIR
# Exits 77 (skipped) when Chromium is not installed or shequn was built
# without libmicrohttpd.
set -u
shequn=$1
build=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "SKIP: chromium is not installed (Debian: chromium)"; exit 77; }
if "$shequn" serve --bind nowhere 2>&1 | grep -q "built without"; then
  echo "SKIP: shequn was built without libmicrohttpd"
  exit 77
fi

"$shequn" serve --port 0 > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
url=
for _ in $(seq 1 200); do
  url=$(sed -n 's|^shequn serve: open \(http://127.0.0.1:[0-9]*\)/ .*|\1|p' "$tmp/serve.out")
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { echo "FAIL: the server printed no address"; cat "$tmp/serve.err"; exit 1; }

# CI runs as root, where Chromium needs --no-sandbox; a profile of our own
chrome() {
  timeout 180 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$tmp/profile" --virtual-time-budget=60000 "$@" 2> /dev/null
}

for lang in en zh; do
  chrome --dump-dom "$url/?autotest=1&lang=$lang" > "$tmp/$lang.html"
  # the scripted session's findings, from the dumped page
  sed -n '/<pre id="autotest"/,/<\/pre>/p' "$tmp/$lang.html" > "$tmp/$lang.txt"
  cat "$tmp/$lang.txt"
  expect "$lang: the scripted session ran to its end" "grep -q 'autotest: done' $tmp/$lang.txt"
  for pane in a b; do
    line=$(grep "^.*pane $pane:" "$tmp/$lang.txt")
    rows=$(sed -n 's/.*rows \([0-9]*\),.*/\1/p' <<< "$line")
    inked=$(sed -n 's/.*members chart inked \([0-9]*\),.*/\1/p' <<< "$line")
    survival=$(sed -n 's/.*survival chart inked \([0-9]*\),.*/\1/p' <<< "$line")
    expect "$lang: pane $pane: days arrived (rows ${rows:-none})" "[ ${rows:-0} -gt 30 ]"
    expect "$lang: pane $pane: its run ended, not failed, 8 replicates" \
      "grep -q 'replicates 8, ended true, failed no' <<< '$line'"
    expect "$lang: pane $pane: the members chart was drawn ($inked pixels)" "[ ${inked:-0} -gt 5000 ]"
    expect "$lang: pane $pane: the survival chart was drawn ($survival pixels)" \
      "[ ${survival:-0} -gt 1000 ]"
    expect "$lang: pane $pane: stage bands came" "grep -q 'stage bands [1-5],' <<< '$line'"
  done
  expect "$lang: strategy B's slider moved, A's not" \
    "grep -q 'pane a:.*rules.strictness=0.5' $tmp/$lang.txt && grep -q 'pane b:.*rules.strictness=0$' $tmp/$lang.txt"
  expect "$lang: the log-rank verdict" "grep -q '^verdict: .*log-rank' $tmp/$lang.txt"
  # the page's words are in the chosen language
  if [ $lang = zh ]; then
    expect "zh: the page in Chinese" "grep -q '策略 A' $tmp/$lang.html && grep -q '卡方' $tmp/$lang.txt"
  else
    expect "en: the page in English" "grep -q 'Strategy A' $tmp/$lang.html && grep -q 'chi2' $tmp/$lang.txt"
  fi
  chrome --window-size=1500,1900 --screenshot="$build/serve_page_$lang.png" \
    "$url/?autotest=1&lang=$lang" > /dev/null
  expect "$lang: a screenshot, $build/serve_page_$lang.png" "[ -s $build/serve_page_$lang.png ]"
done
exit $fail

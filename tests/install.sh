#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, and nothing else copied: the
# installed shequn, run from a folder outside the source tree with
# SHEQUN_HOME unset, runs a shipped scenario and plots it with the
# installed templates, also after the prefix is moved; the man page and
# the completion are installed where man and bash-completion look.
#   bash tests/install.sh build/shequn BUILD_DIR
set -u
shequn=$1
build=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
unset SHEQUN_HOME
p=$tmp/prefix

cmake --install "$build" --prefix "$p" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "FAIL: cmake --install exits 0"; exit 1; }
data=$p/share/shequn
expect "the binary: bin/shequn" "[ -x $p/bin/shequn ]"
for f in plots/*.gp plots/gallery.json scenarios/*.json schemas/scenario.schema.json web/*.* \
         web/vendor/*; do
  expect "share/shequn/$f, as in the source tree" "cmp -s $f $data/$f"
done
for f in README.md README.zh.md bench/README.md docs/*.md docs/zh/*.md; do
  expect "share/doc/shequn/$f" "cmp -s $f $p/share/doc/shequn/$f"
done
# the installed READMEs' links to documents lead to installed files
for readme in README.md README.zh.md; do
  for link in $(grep -o '](\([^)#]*\.md\)' "$readme" | sed 's/^](//'); do
    expect "installed $readme links to $link, installed too" "[ -f $p/share/doc/shequn/$link ]"
  done
done
expect "the man page: share/man/man1/shequn.1, as shequn help --man prints it" \
  "cmp -s <(\"$shequn\" help --man) $p/share/man/man1/shequn.1"
expect "the completion: share/bash-completion/completions/shequn" \
  "cmp -s <(\"$shequn\" help --bash-completion) $p/share/bash-completion/completions/shequn"
expect "no C source installed" "[ -z \"\$(find $p -name '*.[ch]')\" ]"

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
"$p/bin/shequn" run "$data/scenarios/well_run.json" --replicates 2 -o tmp > run.log 2>&1
expect "the installed shequn runs an installed scenario (status 0)" "[ \$? -eq 0 ]"
for f in timeseries.csv groups.csv curves.csv survival.csv summary.json scenario.json; do
  expect "the run wrote $f" "[ -s tmp/$f ]"
done
expect "the resolved scenario has 2 replicates" "grep -qE '\"replicates\":[[:space:]]*2,' tmp/scenario.json"
"$p/bin/shequn" plot tmp > plot.log 2>&1
expect "the installed shequn plots (status 0): $(tr '\n' ' ' < plot.log)" "[ \$? -eq 0 ]"
png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
expect "lifecycle.png and survival.png are PNG images" "png tmp/lifecycle.png && png tmp/survival.png"

# shequn serve finds its installed page (when built with libmicrohttpd)
"$p/bin/shequn" serve --port 0 > serve.out 2> serve.err &
server=$!
for _ in $(seq 1 100); do grep -q '^shequn serve: open' serve.out && break; sleep 0.05; done
address=$(sed -n 's|^shequn serve: open \(http://[0-9.:]*/\) .*|\1|p' serve.out)
if grep -q "built without" serve.err || ! command -v curl > /dev/null; then
  echo "SKIP: shequn serve: built without libmicrohttpd, or no curl"
else
  expect "the installed shequn serve serves the installed page" \
    "[ -n '$address' ] && curl -s '$address' | cmp -s - $data/web/index.html"
fi
kill "$server" 2> /dev/null
wait "$server" 2> /dev/null

mv "$p" "$tmp/moved" # the data is found from the binary's own place
"$tmp/moved/bin/shequn" plot tmp --lang zh > plot.log 2>&1
expect "after the prefix is moved, plot still finds its templates" \
  "[ \$? -eq 0 ] && png tmp/lifecycle-zh.png"
mv "$tmp/moved/share/shequn/plots" "$tmp/moved/share/shequn/away"
if [ -d /usr/local/share/shequn ]; then
  echo "SKIP: templates removed: /usr/local/share/shequn (a system-wide install) would be used"
else
  "$tmp/moved/bin/shequn" plot tmp > plot.log 2>&1
  expect "without its templates plot fails (1) and says what to set" \
    "[ \$? -eq 1 ] && grep -q 'SHEQUN_HOME' plot.log"
fi
exit $fail

#!/usr/bin/env bash
# Chinese throughout: every shipped scenario has a Chinese name and
# description, carried into the resolved scenario.json and kept by a re-run;
# `shequn params --lang zh` gives every key its meaning in Chinese; charts
# drawn with --lang zh are titled with the scenario's Chinese name, and a
# variant renamed without one does not borrow its base's.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export LC_ALL=C     # grep compares bytes, whatever the caller's locale
cjk=$'[\xe4-\xe9]' # the lead bytes of the common Chinese characters in UTF-8
for s in scenarios/*.json; do
  grep -q '"sweep"\|"design"' "$s" && continue # sweep files are not scenarios
  name=$(basename "$s" .json)
  "$shequn" run "$s" --replicates 1 --set horizon_days=2 --set population.size=2000 \
    -o "$tmp/r_$name" >/dev/null 2>"$tmp/err" || { bad "$name runs: $(cat "$tmp/err")"; continue; }
  for key in name_zh description_zh; do
    # the file's own value (not inherited from a base), and the resolved one
    own=$(grep -o "\"$key\": *\"[^\"]*\"" "$s" | grep "$cjk")
    got=$(grep -o "\"$key\":[[:space:]]*\"[^\"]*\"" "$tmp/r_$name/scenario.json" | grep "$cjk")
    expect "$name: its own $key, in Chinese, in the resolved scenario.json" \
      '[ -n "$own" ] && [ -n "$got" ] && [ "$(echo "$own" | sed "s/.*: *//")" = "$(echo "$got" | sed "s/.*:[[:space:]]*//")" ]'
  done
done

# a re-run of the resolved scenario.json keeps the Chinese
"$shequn" run "$tmp/r_well_run/scenario.json" -o "$tmp/again" >/dev/null || bad "re-run"
expect "a re-run of scenario.json keeps name_zh and description_zh" \
  'diff <(grep _zh "$tmp/r_well_run/scenario.json") <(grep _zh "$tmp/again/scenario.json") >/dev/null'

# --set name without name_zh drops the base's name_zh; with it, keeps the new one
quick="--replicates 1 --set horizon_days=2 --set population.size=2000"
"$shequn" run scenarios/well_run.json $quick --set name=renamed -o "$tmp/renamed" >/dev/null || bad "run --set name"
expect "--set name=renamed: name_zh no longer the base's" \
  'grep -q "\"name_zh\":[[:space:]]*\"\"" "$tmp/renamed/scenario.json"'
"$shequn" run scenarios/well_run.json $quick --set name=renamed --set name_zh=改名 -o "$tmp/renamed_zh" >/dev/null || bad "run --set name_zh"
expect "--set name=renamed --set name_zh=改名: name_zh is 改名" \
  'grep -q "\"name_zh\":[[:space:]]*\"改名\"" "$tmp/renamed_zh/scenario.json"'

# params --lang zh: the same keys as in English, each with a Chinese meaning
"$shequn" params > "$tmp/en.txt" && "$shequn" params --lang zh > "$tmp/zh.txt" || bad "params"
keys() { grep -v '^    ' "$1" | sed 's/[ （].*//'; }
expect "params --lang zh lists every key of params ($(keys "$tmp/en.txt" | wc -l))" \
  '[ "$(keys "$tmp/en.txt")" = "$(keys "$tmp/zh.txt")" ] && [ "$(keys "$tmp/en.txt" | wc -l)" -gt 100 ]'
expect "every key's meaning is in Chinese" \
  '[ "$(grep "^    " "$tmp/zh.txt" | grep -vc "$cjk")" -eq 0 ]'
expect "units in Chinese: horizon_days in 天" 'grep -q "^horizon_days（整数，天；" "$tmp/zh.txt"'
"$shequn" params --markdown --lang zh > "$tmp/zh.md" || bad "params --markdown --lang zh"
expect "the Chinese markdown table has a row per key" \
  '[ "$(grep -c "^| \`" "$tmp/zh.md")" -eq "$(keys "$tmp/en.txt" | wc -l)" ] && head -1 "$tmp/zh.md" | grep -q "含义"'
"$shequn" params --lang fr >/dev/null 2>"$tmp/err"; rc=$?
expect "params --lang fr is refused with status 2, naming the choices" \
  '[ $rc -eq 2 ] && grep -q "zh" "$tmp/err"'

# the Chinese docs link only to files of the repository
for doc in README.zh.md docs/zh/*.md; do
  for link in $(grep -o '](\([^)#]*\)' "$doc" | sed 's/^](//'); do
    case $link in http*) continue ;; esac
    expect "$doc links to $link, a file of the repository" \
      '[ -e "$(dirname "$doc")/$link" ] && realpath "$(dirname "$doc")/$link" | grep -q "^$(pwd)/"'
  done
done
expect "README.md links to README.zh.md near its top" 'head -5 README.md | grep -q "](README.zh.md)"'

# chart titles in Chinese: name_zh; a variant renamed without name_zh gets its name
if command -v gnuplot >/dev/null; then
  printf '{"base": "%s/scenarios/well_run.json", "name": "my_variant"}\n' "$PWD" > "$tmp/v.json"
  "$shequn" compare scenarios/well_run.json scenarios/sin_tyranny.json "$tmp/v.json" \
    --replicates 2 --set horizon_days=60 -o "$tmp/cmp" >/dev/null || bad "compare"
  "$shequn" plot "$tmp/cmp" --lang zh --format svg >/dev/null || bad "plot --lang zh"
  for f in comparison-zh.svg survival-zh.svg; do
    expect "$f: titled 运营良好, 七宗罪：暴政 and my variant" \
      'grep -q "运营良好" "$tmp/cmp/$f" && grep -q "七宗罪：暴政" "$tmp/cmp/$f" && grep -q "my variant" "$tmp/cmp/$f"'
    # one curve titled 运营良好 (its band's legend entry says 运营良好：...)
    expect "$f: the variant does not borrow its base's Chinese name" \
      '[ "$(grep -c "<text>运营良好</text>" "$tmp/cmp/$f")" -eq 1 ]'
  done
  "$shequn" plot "$tmp/r_everyday_groups" --lang zh --format svg >/dev/null || bad "plot a run"
  expect "lifecycle-zh.svg of a run: titled with its name_zh (not in the gallery)" \
    'grep -q "日常群的集合" "$tmp/r_everyday_groups/lifecycle-zh.svg"'
  "$shequn" plot "$tmp/r_everyday_groups" --format svg >/dev/null || bad "plot a run in English"
  expect "lifecycle.svg in English: its name" 'grep -q "everyday groups" "$tmp/r_everyday_groups/lifecycle.svg"'
else
  echo "SKIP: chart titles (no gnuplot)"
fi
exit $fail

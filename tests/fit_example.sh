#!/usr/bin/env bash
# The worked example of README.md and docs/FIT.md, as written there but
# with fewer particles, generations and draws (so that it takes seconds):
# the fit writes every file, the forecast has the what-if's column, the
# intervals are ordered, and plot draws every chart in both languages.
# The shipped observed history is what the documented
# scripts/synthetic_observed.sh command makes.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# the README's command (its continued lines joined), its -o replaced
readme_command() {
  awk '/^```sh$/ { block = 1; next } /^```$/ { block = 0 } block' README.md |
    sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' | grep '^build/shequn fit ' | head -1
}
cmd=$(readme_command)
expect "README.md shows a fit command ($cmd)" '[ -n "$cmd" ]'
expect "docs/FIT.md shows the same command" \
  'awk "/^\`\`\`sh\$/ { b = 1; next } /^\`\`\`\$/ { b = 0 } b" docs/FIT.md | sed -e ":a" -e "/\\\\\$/{N;s/\\\\\\n//;ba" -e "}" | grep -qxF "$cmd"'
read -r -a args <<< "${cmd#build/shequn fit }"
kept=()
for ((k = 0; k < ${#args[@]}; k++)); do
  if [ "${args[k]}" = -o ]; then k=$((k + 1)); else kept+=("${args[k]}"); fi
done
fit=$tmp/fit
"$shequn" fit "${kept[@]}" --particles 40 --max-generations 3 --draws 40 --quiet -o "$fit" \
  > "$tmp/out" 2> "$tmp/err"
expect "the example fits (status 0): $(tail -3 "$tmp/err" | tr '\n' ' ')" '[ $? -eq 0 ]'
for f in observed.csv particles.csv generations.csv predictive.csv forecast.csv summary.json; do
  expect "the fit wrote $f" "[ -s '$fit/$f' ]"
done
expect "forecast.csv: days_after, alive and the what-if's column, 366 rows" \
  '[ "$(head -1 "$fit/forecast.csv")" = "days_after,alive,team.managers=4" ] && [ "$(wc -l < "$fit/forecast.csv")" = 367 ]'
expect "observed.csv: the shipped history's days and values" \
  'diff <(tr -d "\r" < scenarios/observed/book_club.csv) "$fit/observed.csv" > /dev/null'
if command -v python3 > /dev/null; then
  expect "summary.json: for each key lo95 <= lo90 <= median <= hi90 <= hi95, within the prior" \
    'python3 - "$fit/summary.json" scenarios/observed/book_club.prior.json <<PY
import json, sys
s = json.load(open(sys.argv[1])); prior = json.load(open(sys.argv[2]))["prior"]
assert [p["key"] for p in s["parameters"]] == list(prior), "the keys of the prior, in order"
for p in s["parameters"]:
    lo, hi = prior[p["key"]]["min"], prior[p["key"]]["max"]
    assert lo <= p["lo95"] <= p["lo90"] <= p["median"] <= p["hi90"] <= p["hi95"] <= hi, p
PY'
fi
for lang in en zh; do
  suffix=$([ $lang = zh ] && echo -zh)
  "$shequn" plot "$fit" --lang $lang > "$tmp/plot" 2>&1 || bad "plot --lang $lang: $(cat "$tmp/plot")"
  for kind in predictive-members predictive-active predictive-posts posterior posterior-pairs generations forecast; do
    expect "plot --lang $lang drew $kind$suffix.png" "[ -s '$fit/$kind$suffix.png' ]"
  done
done

# the shipped history: remade by the command docs/FIT.md gives
line=$(sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' docs/FIT.md | grep '^bash scripts/synthetic_observed.sh ' | head -1)
expect "docs/FIT.md shows the synthetic_observed command ($line)" '[ -n "$line" ]'
read -r -a words <<< "${line#bash scripts/synthetic_observed.sh }"
words[2]=$tmp/remade.csv
bash scripts/synthetic_observed.sh "${words[@]}" --shequn "$shequn" 2> "$tmp/err" || bad "synthetic_observed: $(cat "$tmp/err")"
expect "scenarios/observed/book_club.csv is what that command makes" \
  'cmp -s "$tmp/remade.csv" scenarios/observed/book_club.csv'
# its arguments checked before any run: exit status 2 and what was wrong
bash scripts/synthetic_observed.sh scenarios/well_run.json 0 "$tmp/x.csv" --shequn "$shequn" 2> "$tmp/err"; rc=$?
expect "synthetic_observed with 0 days: status 2, '$(cat "$tmp/err")'" '[ $rc -eq 2 ] && grep -q "DAYS: expected a whole number of days" "$tmp/err"'
bash scripts/synthetic_observed.sh "$tmp/none.json" 10 "$tmp/x.csv" --shequn "$shequn" 2> "$tmp/err"; rc=$?
expect "synthetic_observed without its scenario: status 2, '$(cat "$tmp/err")'" '[ $rc -eq 2 ] && grep -q "none.json: no such scenario file" "$tmp/err"'
bash scripts/synthetic_observed.sh scenarios/well_run.json 10 "$tmp/x.csv" --set no.such_key=1 --shequn "$shequn" 2> "$tmp/err"; rc=$?
expect "synthetic_observed with a bad --set: status 2, the run's message, no file" \
  '[ $rc -eq 2 ] && grep -q "no.such_key" "$tmp/err" && [ ! -e "$tmp/x.csv" ]'
exit $fail

#!/usr/bin/env bash
# Names are data, never code or paths (issue 9): a hostile scenario name is
# refused; names, titles, tic labels and folder paths reach gnuplot as
# strings only (nothing named "pwned*" is ever created); every CSV file of
# a comparison reads back under a strict RFC 4180 parser with the header's
# field count; `plot` says what is wrong with a folder or a CSV file, and
# a failing gnuplot leaves no chart behind.
set -u
shequn=$1
case $shequn in /*) ;; *) shequn=$PWD/$shequn ;; esac
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
good=$PWD/tests/errors/good.json
cd "$tmp" || exit 1
no_pwned() { # description
  local found
  found=$(find "$tmp" -name 'pwned*' | head -3)
  if [ -z "$found" ]; then pass "$1: no command ran"; else bad "$1: created $found"; fi
}
scenario() { # file name
  python3 -c 'import json,sys; print(json.dumps({"base": sys.argv[2], "name": sys.argv[1]}, ensure_ascii=False))' \
    "$2" "$good" >"$1"
}

# 1. the name of the issue: refused at reading, so never plotted
scenario a.json "x\"]; system('touch pwned') #"
scenario b.json "b"
out=$("$shequn" compare a.json b.json -o cmp 2>&1 >/dev/null); status=$?
[ -e cmp/comparison.csv ] && "$shequn" plot cmp >/dev/null 2>&1
expect "a name with a quote is refused (status 2)" '[ $status -eq 2 ] && [[ $out == *"a.json: name: \"x\\\"]; system("* ]]'
no_pwned "compare and plot of a hostile name"

# 2. a comparison of valid names, Chinese and cut by de-duplication: every
# CSV file reads back strictly, every folder name is valid UTF-8
long=一二三四五六七八九十一二三四五六七八九十一  # 21 characters, 63 bytes
scenario c1.json "群聊 a+b.c"; scenario c2.json "群聊 a+b.c"
scenario c3.json "$long"; scenario c4.json "$long"
"$shequn" compare c1.json c2.json c3.json c4.json -o ok >/dev/null 2>&1 || bad "compare of valid names"
python3 - ok <<'PY' && pass "every CSV of a comparison reads back strictly" || bad "strict CSV read-back"
import csv, os, sys
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for d in dirs:
        os.fsencode(d).decode("utf-8")  # a cut character would raise
    for f in files:
        if not f.endswith(".csv"):
            continue
        with open(os.path.join(root, f), newline="", encoding="utf-8") as h:
            rows = list(csv.reader(h, strict=True))
        assert rows and all(len(r) == len(rows[0]) for r in rows), f
        n += 1
assert n >= 10, n
names = [r[0] for r in csv.reader(open(os.path.join(sys.argv[1], "comparison.csv"), encoding="utf-8"))][1:]
assert len(set(names)) == 4 and all(os.path.isdir(os.path.join(sys.argv[1], x)) for x in names), names
PY
"$shequn" plot ok >/dev/null 2>&1 && pass "plot of Chinese and de-duplicated names" || bad "plot of valid names"

# 3. crafted files: titles with quotes, a trailing backslash, a tab
python3 - ok/survival.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
hostile = ["a\\", "];system('touch pwned2');#", "x'];system('touch pwned3');#\"", "tab\tsystem('touch pwned4')"]
names = sorted(set(r[0] for r in rows[1:]), key=[r[0] for r in rows[1:]].index)
for r in rows[1:]:
    r[0] = hostile[names.index(r[0]) % 4]
csv.writer(open(sys.argv[1], "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(rows)
PY
"$shequn" plot ok >/dev/null 2>&1 && pass "plot of crafted survival titles" || bad "plot of crafted survival titles"
no_pwned "titles with quotes, a trailing backslash and a tab"

# 4. folder paths with quotes, or that gnuplot would take for a command
"$shequn" run "$good" -o run >/dev/null 2>&1 || bad "run"
cp -r run "it's a \"dir\""
cp -r run '|touch pwned5;echo '
cp -r ok '<touch pwned6;echo '
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["name"]="q\x27; system(\x27touch pwned7\x27); \x27"; json.dump(j, open(sys.argv[1],"w"))' run/scenario.json
for d in "it's a \"dir\"" '|touch pwned5;echo ' '<touch pwned6;echo ' run "$tmp/it's a \"dir\""; do
  "$shequn" plot "$d" >/dev/null 2>&1 && pass "plot [$d]" || bad "plot [$d]"
done
[ -s "it's a \"dir\"/lifecycle.png" ] && pass "a folder with quotes gets its chart" || bad "no chart in a folder with quotes"
no_pwned "folder paths with quotes, '|' and '<'"

# 5. a grid sweep's tic labels from points.csv
mkdir grid
printf '{"name": "g'"'"'); system(\\"touch pwned8\\"); #", "design": "grid"}\n' >grid/sweep.json
{
  echo 'point,a,b,metric,runs,mean,sd,ci_low,ci_high,median,q25,q75'
  echo '0,1,"x""); system(""touch pwned9""); #",lifespan_days,1,5,,,,,,'
  echo "1,2,\"x'); system('touch pwned10'); #\",lifespan_days,1,6,,,,,,"
} >grid/points.csv
"$shequn" plot grid >/dev/null 2>&1 && pass "plot of crafted tic labels" || bad "plot of crafted tic labels"
no_pwned "tic labels and a sweep name"

# 6. plot says what is wrong with a folder or a file, status 2
say() { # description expected-text command...
  local what=$1 want=$2 out status; shift 2
  out=$("$@" 2>&1 >/dev/null); status=$?
  if [ $status -eq 2 ] && [[ $out == *"$want"* ]]; then pass "$what: $out"; else bad "$what: status $status, '$out'"; fi
}
touch afile
say "a missing folder" "nope: no such folder" "$shequn" plot nope
say "a file" "afile: not a folder" "$shequn" plot afile
say "a folder without results" "no curves.csv" "$shequn" plot grid/..
rm -f run/*.png
cp -r run bad && sed -i '3s/^\([0-9]*\),[0-9]*,/\1,lots,/' bad/curves.csv
say "a word in curves.csv" "bad/curves.csv:3: members_p10: expected a number, got \"lots\"" "$shequn" plot bad
cp -r run bad2 && sed -i '1s/active_median/act/' bad2/curves.csv
say "a column missing" "bad2/curves.csv:1: no column \"active_median\"" "$shequn" plot bad2
cp -r run bad3 && sed -i '4s/,[^,]*$//' bad3/curves.csv
say "a short line" "bad3/curves.csv:4: 19 fields, but the header has 20" "$shequn" plot bad3
[ ! -e bad/lifecycle.png ] && pass "no chart from a corrupt curves.csv" || bad "a chart from a corrupt curves.csv"

# 7. a gnuplot that fails after opening its output leaves no chart
mkdir fake && printf '#!/bin/sh\nexec %s "$@" -e "print undefined_zz"\n' "$(command -v gnuplot)" >fake/gnuplot
chmod +x fake/gnuplot
cp -r run failing && rm -f failing/*.png
PATH=$tmp/fake:$PATH "$shequn" plot failing >/dev/null 2>&1; status=$?
left=$(ls -A failing | grep -E 'png|tmp' | tr '\n' ' ')
expect "a failing gnuplot: status 1, nothing left ($left)" '[ $status -eq 1 ] && [ -z "$left" ]'
exit $fail

#!/usr/bin/env bash
# One sweep writes a folder at a time: while a sweep runs, a second one,
# fresh or --resume, is refused (exit 1) with a message naming the folder
# and the PID that holds its lock, and touches nothing; the first then
# ends with the files of an undisturbed sweep.  Two fresh starts racing
# into a new folder: one runs, the other is refused.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
sweep=tests/sweeps/kill.json

busy_message() { # dir pid
  echo "shequn sweep: $1: another sweep is writing to this folder (process $2 holds $1/.lock); wait for it to end, or write to another folder"
}

"$shequn" sweep $sweep -o "$tmp/whole" --threads 2 >/dev/null || bad "uninterrupted sweep"

# 1. a second writer, fresh or resuming, while the first runs
"$shequn" sweep $sweep -o "$tmp/locked" --threads 2 >/dev/null 2>"$tmp/first.err" &
pid=$!
wait_for "$tmp/locked" 5 || bad "the first sweep made progress"
for how in fresh resume; do
  opt=; [ $how = resume ] && opt=--resume
  "$shequn" sweep $sweep -o "$tmp/locked" $opt --threads 2 >"$tmp/$how.out" 2>"$tmp/$how.err"
  status=$?
  [ $status = 1 ] && [ "$(cat "$tmp/$how.err")" = "$(busy_message "$tmp/locked" $pid)" ] &&
    [ ! -s "$tmp/$how.out" ] &&
    pass "a second sweep ($how) is refused, exit 1, naming the folder and PID $pid" ||
    bad "second sweep ($how): status $status, stderr '$(cat "$tmp/$how.err")'"
done
kill -0 $pid 2>/dev/null && pass "the first sweep was still running meanwhile" ||
  bad "the first sweep ended before the second writers tried (the test proves nothing)"
wait $pid; status=$?
[ $status = 0 ] && ! grep -v "too few points" "$tmp/first.err" | grep -q . && pass "the first sweep ends normally" ||
  bad "first sweep: status $status, $(cat "$tmp/first.err")"
ok=1
for f in runs.csv points.csv sensitivity.csv sweep.json journal.csv; do
  [ $f = journal.csv ] && { sort "$tmp/whole/$f" > "$tmp/a"; sort "$tmp/locked/$f" > "$tmp/b"; } ||
    { cp "$tmp/whole/$f" "$tmp/a"; cp "$tmp/locked/$f" "$tmp/b"; }
  cmp -s "$tmp/a" "$tmp/b" || { ok=0; echo "      $f differs"; }
done
[ $ok = 1 ] && pass "files identical to an undisturbed sweep's (the journal's lines too)" ||
  bad "the refused writers changed the files"
[ -f "$tmp/locked/.lock" ] && [ ! -s "$tmp/locked/.lock" ] &&
  pass "the lock file is left empty: it names no holder once released" || bad "the lock file after the sweep"

# 2. two fresh starts at once into a folder that does not exist yet
"$shequn" sweep $sweep -o "$tmp/race/deep" --threads 1 >/dev/null 2>"$tmp/r1.err" &
p1=$!
"$shequn" sweep $sweep -o "$tmp/race/deep" --threads 1 >/dev/null 2>"$tmp/r2.err" &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
if [ $s1 = 0 ] && [ $s2 = 1 ]; then winner=$p1 loser=r2
elif [ $s1 = 1 ] && [ $s2 = 0 ]; then winner=$p2 loser=r1
else winner= loser=; fi
[ -n "$winner" ] && [ "$(cat "$tmp/$loser.err")" = "$(busy_message "$tmp/race/deep" $winner)" ] &&
  pass "two fresh starts racing: one runs, the other is refused naming it" ||
  bad "race: statuses $s1 and $s2: $(cat "$tmp/r1.err" "$tmp/r2.err")"
cmp -s "$tmp/whole/runs.csv" "$tmp/race/deep/runs.csv" && pass "race: the winner's files are whole" ||
  bad "race: runs.csv differs"
exit $fail

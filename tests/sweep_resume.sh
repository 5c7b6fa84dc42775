#!/usr/bin/env bash
# A sweep interrupted by a kill (with a torn last line, as a power cut may
# leave, and a damaged line, reported by number) or by Ctrl-C keeps its
# completed runs; --resume runs only the
# missing ones, and the final files are byte-identical to those of an
# uninterrupted sweep.  A journal is never overwritten, nor resumed for
# another sweep.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
sweep=tests/sweeps/resume.json

"$shequn" sweep $sweep -o "$tmp/whole" --threads 2 >/dev/null || bad "uninterrupted sweep"
runs=$(( $(wc -l < "$tmp/whole/runs.csv") - 1 ))
[ "$runs" = 480 ] && pass "uninterrupted: 480 runs" || bad "uninterrupted: $runs runs"

same_as_whole() { # label dir
  local f ok=1
  for f in runs.csv points.csv sensitivity.csv sweep.json; do
    cmp -s "$tmp/whole/$f" "$2/$f" || { ok=0; echo "      $f differs"; }
  done
  [ $ok = 1 ] && pass "$1: files identical to the uninterrupted sweep" || bad "$1: files differ"
}

# 1. killed (SIGKILL) part-way; then a torn, half-written line
"$shequn" sweep $sweep -o "$tmp/killed" --threads 2 >/dev/null 2>&1 &
pid=$!
wait_for "$tmp/killed" 40 || bad "the killed sweep made progress"
kill -KILL $pid; wait $pid 2>/dev/null
kept=$(( $(wc -l < "$tmp/killed/journal.csv") - 1 ))
[ "$kept" -ge 40 ] && [ "$kept" -lt 480 ] && pass "killed after $kept runs, all kept in the journal" || bad "killed: $kept runs kept"
[ ! -e "$tmp/killed/runs.csv" ] && pass "killed: no final file yet" || bad "killed: a final file appeared"
# damage a complete line (line 12, a record): one byte flipped
j=$tmp/killed/journal.csv
at=$(( $(head -n 11 "$j" | wc -c) + 5 ))
byte=$(od -An -tu1 -j $at -N1 "$j" | tr -d ' ')
printf "\\$(printf '%03o' $(( byte ^ 1 )))" | dd of="$j" bs=1 seek=$at conv=notrunc 2>/dev/null
torn=$(( $(wc -l < "$j") + 1 ))
printf '123,3.14159,27' >> "$j"   # a torn line: no newline, no checksum
out=$("$shequn" sweep $sweep -o "$tmp/killed" --resume --threads 2 2>"$tmp/killed.err")
echo "$out" | grep -q "resuming: $((kept - 1)) runs done, $((480 - kept + 1)) to go" && pass "resume runs only the $((480 - kept + 1)) missing runs" || bad "resume: '$out'"
want="shequn sweep: $j: 2 damaged lines (12, $torn) ignored; their runs are redone"
[ "$(grep -v 'too few points' "$tmp/killed.err")" = "$want" ] && pass "resume reports the damaged lines 12 and $torn" ||
  bad "damaged lines: got '$(cat "$tmp/killed.err")', expected '$want'"
same_as_whole "killed, damaged and resumed" "$tmp/killed"

# 2. interrupted by Ctrl-C (SIGINT): exit status 130, a hint, then resume
"$shequn" sweep $sweep -o "$tmp/int" --threads 2 >/dev/null 2>"$tmp/int.err" &
pid=$!
wait_for "$tmp/int" 30 || bad "the interrupted sweep made progress"
kill -INT $pid; wait $pid; status=$?
[ $status = 130 ] && grep -q "continue with --resume" "$tmp/int.err" && pass "Ctrl-C: exit status 130 and a hint" || bad "Ctrl-C: status $status, $(cat "$tmp/int.err")"
"$shequn" sweep $sweep -o "$tmp/int" --resume --threads 1 >/dev/null || bad "resume after Ctrl-C"
same_as_whole "interrupted, resumed on another number of threads" "$tmp/int"

# 3. resuming a finished sweep runs nothing and writes the same files
"$shequn" sweep $sweep -o "$tmp/whole" --resume | grep -q "resuming: 480 runs done, 0 to go" && pass "resuming a finished sweep runs nothing" || bad "resuming a finished sweep"

# 4. a journal is never overwritten, nor resumed for another sweep
"$shequn" sweep $sweep -o "$tmp/whole" >/dev/null 2>"$tmp/err"; status=$?
[ $status = 2 ] && grep -q "already there; resume it with --resume" "$tmp/err" && pass "refuses to overwrite a journal (exit 2)" || bad "overwrite: status $status"
sed 's/"replicates": 3/"replicates": 4/' $sweep > tests/sweeps/.changed.json
"$shequn" sweep tests/sweeps/.changed.json -o "$tmp/whole" --resume >/dev/null 2>"$tmp/err"; status=$?
rm -f tests/sweeps/.changed.json
[ $status = 2 ] && grep -q "belongs to another sweep" "$tmp/err" && pass "refuses to resume another sweep's journal (exit 2)" || bad "another sweep: status $status, $(cat "$tmp/err")"
exit $fail

#!/usr/bin/env bash
# A sweep killed (SIGKILL) at five random moments, resumed after each, ends
# with files byte-identical to an uninterrupted sweep's.  The moments come
# from a fixed seed, so a failure can be replayed; they are printed.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
sweep=tests/sweeps/kill.json
RANDOM=23 # fixed: the same kill times on every run

"$shequn" sweep $sweep -o "$tmp/whole" --threads 2 >/dev/null || bad "uninterrupted sweep"

journaled() { [ -f "$1" ] && echo $(( $(wc -l < "$1") - 1 )) || echo none; }

opt=
for kill in 1 2 3 4 5; do
  # (not inside $(...): a subshell would reseed RANDOM)
  printf -v delay '0.%03d' $(( RANDOM % 900 + 50 )) # 0.05 to 0.95 s
  "$shequn" sweep $sweep -o "$tmp/killed" $opt --threads 2 >/dev/null 2>"$tmp/err" &
  pid=$!
  sleep "$delay"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  echo "      kill $kill after ${delay} s: $(journaled "$tmp/killed/journal.csv") runs journaled"
  grep -v "no journal to resume\|too few points" "$tmp/err" | grep . && bad "kill $kill: unexpected message"
  opt=--resume
done
for attempt in 1 2 3; do # to the end (a sweep may have ended before its kill)
  "$shequn" sweep $sweep -o "$tmp/killed" --resume --threads 2 >/dev/null 2>"$tmp/err" && break
done
# (the small fixture's indices are warned about: too few points)
! grep -v "too few points" "$tmp/err" | grep -q . && pass "resumed to the end after five kills" || bad "resume: $(cat "$tmp/err")"
ok=1
for f in runs.csv points.csv sensitivity.csv sweep.json; do
  cmp -s "$tmp/whole/$f" "$tmp/killed/$f" || { ok=0; echo "      $f differs"; }
done
[ $ok = 1 ] && pass "files identical to the uninterrupted sweep" || bad "files differ"
[ "$(sort "$tmp/whole/journal.csv")" = "$(sort "$tmp/killed/journal.csv")" ] &&
  pass "the journal holds every run once, and nothing else" || bad "the journal has extra or missing lines"
exit $fail

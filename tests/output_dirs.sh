#!/usr/bin/env bash
# Output folders (docs/OUTPUTS.md, docs/SECURITY.md): results go into a new
# or empty folder, or with --force into one shequn marked (.shequn), after
# its own files are removed; never into a non-empty folder it did not write.
# A failed or interrupted run or comparison leaves nothing behind.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run() { "$shequn" run scenarios/well_run.json --replicates 2 "$@"; }
cmp2() { "$shequn" compare scenarios/well_run.json "$1" --replicates 2 "${@:2}"; }

# a new folder gets the results and a marker naming the command
run --members -o "$tmp/r" >/dev/null
expect "run writes a marker naming the command" 'grep -q "\"written_by\": \"shequn run\"" "$tmp/r/.shequn"'

# a rerun into it is refused, and the earlier results are untouched
before=$(cd "$tmp/r" && md5sum members.csv summary.json)
run -o "$tmp/r" >/dev/null 2>"$tmp/err"; status=$?
expect "rerun into a marked folder exits 2" '[ $status -eq 2 ]'
expect "rerun names the folder and --force" 'grep -q "$tmp/r: holds earlier shequn results; add --force" "$tmp/err"'
expect "refused rerun leaves the results" '[ "$before" = "$(cd "$tmp/r" && md5sum members.csv summary.json)" ]'

# --force replaces: no stale members.csv or chart, the user's own file kept
touch "$tmp/r/lifecycle.png" "$tmp/r/survival-zh.svg" "$tmp/r/.timeseries.csv.tmp-99" "$tmp/r/notes.txt"
run -o "$tmp/r" --force >/dev/null; status=$?
expect "--force rerun exits 0" '[ $status -eq 0 ]'
expect "--force removes the stale members.csv" '[ ! -e "$tmp/r/members.csv" ] && [ -s "$tmp/r/summary.json" ]'
expect "--force removes charts and temporary files" '[ ! -e "$tmp/r/lifecycle.png" ] && [ ! -e "$tmp/r/survival-zh.svg" ] && [ ! -e "$tmp/r/.timeseries.csv.tmp-99" ]'
expect "--force keeps files shequn did not write" '[ -e "$tmp/r/notes.txt" ]'

# a non-empty folder without the marker is refused, even with --force
mkdir "$tmp/mine" && echo keep >"$tmp/mine/data.csv"
run -o "$tmp/mine" --force >/dev/null 2>"$tmp/err"; status=$?
expect "unmarked non-empty folder refused with --force (exit 2)" '[ $status -eq 2 ]'
expect "message says it was not written by shequn" 'grep -q "$tmp/mine: not empty and not written by shequn" "$tmp/err"'
expect "unmarked folder untouched" '[ "$(ls -A "$tmp/mine")" = data.csv ]'

# an existing empty folder is fine; a file is not a folder; "" is no name
mkdir "$tmp/empty"
expect "an empty folder is written" 'run -o "$tmp/empty" >/dev/null && [ -s "$tmp/empty/summary.json" ]'
touch "$tmp/file"
run -o "$tmp/file" >/dev/null 2>"$tmp/err"; status=$?
expect "a file as -o is refused (exit 2)" '[ $status -eq 2 ] && grep -q "exists and is not a folder" "$tmp/err"'
run -o "" >"$tmp/out" 2>"$tmp/err"; status=$?
expect "-o \"\" refused (exit 2)" '[ $status -eq 2 ] && grep -qx "shequn run: -o: expected a folder, got an empty name" "$tmp/err"'
cmp2 scenarios/sin_boredom.json --output= >/dev/null 2>"$tmp/err"; status=$?
expect "compare --output= refused (exit 2)" '[ $status -eq 2 ] && grep -q "shequn compare: --output: expected a folder, got an empty name" "$tmp/err"'
"$shequn" gallery -o "" >/dev/null 2>"$tmp/err"; status=$?
expect "gallery -o \"\" refused (exit 2)" '[ $status -eq 2 ] && grep -q "shequn gallery: -o: expected a folder, got an empty name" "$tmp/err"'

# compare: the same rules; --force removes the earlier scenarios' folders
cmp2 scenarios/sin_boredom.json -o "$tmp/c" >/dev/null
cmp2 scenarios/sin_staleness.json -o "$tmp/c" >/dev/null 2>"$tmp/err"; status=$?
expect "compare into a marked folder refused (exit 2)" '[ $status -eq 2 ] && grep -q "add --force" "$tmp/err"'
cmp2 scenarios/sin_staleness.json -o "$tmp/c" --force >/dev/null; status=$?
expect "compare --force replaces the earlier scenario folders" '[ $status -eq 0 ] && [ ! -e "$tmp/c/sin_boredom" ] && [ -s "$tmp/c/sin_staleness/summary.json" ]'

# gallery: refuses a marked or foreign folder before running anything
"$shequn" gallery -o "$tmp/r" >/dev/null 2>"$tmp/err"; status=$?
expect "gallery into a marked folder refused (exit 2)" '[ $status -eq 2 ] && grep -q "add --force" "$tmp/err"'
"$shequn" gallery -o "$tmp/mine" --force >/dev/null 2>"$tmp/err"; status=$?
expect "gallery into an unmarked folder refused with --force (exit 2)" '[ $status -eq 2 ] && grep -q "not written by shequn" "$tmp/err"'

# Ctrl-C: nothing left, the folder it made removed, exit 130
long=(scenarios/replicating_network.json --replicates 200)
timeout --preserve-status -s INT 2 "$shequn" run "${long[@]}" -o "$tmp/int/run" >/dev/null 2>"$tmp/err"; status=$?
expect "interrupted run exits 130" '[ $status -eq 130 ]'
expect "interrupted run says nothing was written" 'grep -qx "shequn run: interrupted; nothing was written" "$tmp/err"'
expect "interrupted run removes the folders it made" '[ ! -e "$tmp/int" ]'
mkdir "$tmp/was_empty"
timeout --preserve-status -s INT 2 "$shequn" run "${long[@]}" -o "$tmp/was_empty" >/dev/null 2>&1
expect "interrupted run leaves an existing empty folder empty" '[ -d "$tmp/was_empty" ] && [ -z "$(ls -A "$tmp/was_empty")" ]'
timeout --preserve-status -s INT 3 "$shequn" compare scenarios/well_run.json "${long[@]}" -o "$tmp/cint" >/dev/null 2>"$tmp/err"; status=$?
expect "interrupted compare exits 130, says so, leaves nothing" '[ $status -eq 130 ] && grep -qx "shequn compare: interrupted; nothing was written" "$tmp/err" && [ ! -e "$tmp/cint" ]'

# a full disk: a 64 KiB tmpfs (needs mount rights; skipped without them)
mkdir "$tmp/disk"
if mount -t tmpfs -o size=64k tmpfs "$tmp/disk" 2>/dev/null; then
  trap 'umount "$tmp/disk" 2>/dev/null; rm -rf "$tmp"' EXIT
  run --members -o "$tmp/disk/out" >/dev/null 2>"$tmp/err"; status=$?
  expect "run on a full disk exits 1" '[ $status -eq 1 ] && grep -q "No space left on device; nothing was written" "$tmp/err"'
  expect "run on a full disk leaves nothing" '[ -z "$(ls -A "$tmp/disk")" ]'
  cmp2 scenarios/sin_boredom.json -o "$tmp/disk/c" >/dev/null 2>"$tmp/err"; status=$?
  expect "compare on a full disk exits 1 and leaves nothing" '[ $status -eq 1 ] && [ -z "$(ls -A "$tmp/disk")" ]'
  umount "$tmp/disk"
else
  echo "SKIP: full disk (cannot mount a tmpfs here)"
fi
exit $fail

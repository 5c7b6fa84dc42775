#!/usr/bin/env bash
# Output checksums of every shipped scenario (seed 1, 3 replicates, with
# --members): timeseries.csv, groups.csv and members.csv must match
# tests/golden/checksums.sha256 byte for byte.  A change of layout (moving
# code, renaming) must not change them; a change of the model on purpose
# refreshes them in the same commit, saying why:
#   bash tests/golden.sh build/shequn --update
set -u
shequn=$1
update=${2:-}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
golden=tests/golden/checksums.sha256

for s in scenarios/*.json; do
  name=$(basename "$s" .json)
  grep -q '"sweep"\|"design"' "$s" && continue   # sweep files are not scenarios
  if ! "$shequn" run "$s" --seed 1 --replicates 3 --threads 2 --members -o "$tmp/$name" >/dev/null; then
    bad "$name did not run"; continue
  fi
  for f in timeseries.csv groups.csv members.csv; do
    (cd "$tmp" && sha256sum "$name/$f") >> "$tmp/now.sha256"
  done
done

if [ "$update" = --update ]; then
  cp "$tmp/now.sha256" "$golden"; echo "updated $golden"; exit $fail
fi
while read -r sum file; do
  want=$(awk -v f="$file" '$2 == f {print $1}' "$golden")
  if [ -z "$want" ]; then bad "$file: no recorded checksum (run with --update if new)"
  elif [ "$want" != "$sum" ]; then bad "$file differs from the recorded checksum"
  else pass "$file"; fi
done < "$tmp/now.sha256"
[ "$(wc -l < "$golden")" -eq "$(wc -l < "$tmp/now.sha256")" ] || bad "the number of checked files changed"
exit $fail

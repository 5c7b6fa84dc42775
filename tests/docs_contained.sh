#!/usr/bin/env bash
# The docs are self-contained: README and docs/ cite nothing outside the
# repository (no ../shared/..., which users do not have), and every
# relative link in them leads to a file of the repository.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$PWD
docs=(README*.md docs/*.md)
expect "no ../shared in README or docs/" "! grep -n '\\.\\./shared' ${docs[*]}"
for doc in "${docs[@]}"; do
  dir=$(dirname "$doc")
  # [text](target) with a relative target, the #anchor dropped
  while read -r target; do
    path=$(realpath -m "$dir/${target%%#*}")
    case $path in "$root"/*) inside=1 ;; *) inside=0 ;; esac
    expect "$doc links $target, a file of the repository" "[ $inside = 1 ] && [ -e '$path' ]"
  done < <(grep -o '\](\([^)#:]*\)\(#[^)]*\)\?)' "$doc" | sed 's/^](\(.*\))$/\1/' | grep -v '^#' | sort -u)
done
exit $fail

#!/usr/bin/env bash
# The man page and the bash completion are written from the tables --help
# prints: every command `shequn --help` lists and every option each
# command's --help lists are in the man page (in that command's section)
# and are completed by the completion, with the values of each option.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$shequn" help --man > "$tmp/shequn.1" || bad "help --man exits 0"
"$shequn" help --bash-completion > "$tmp/completion" || bad "help --bash-completion exits 0"
sed 's/\\-/-/g' "$tmp/shequn.1" > "$tmp/man" # the roff text, hyphens unescaped

commands=$("$shequn" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/^Commands:/ {print $1}' | tr '\n' ' ')
expect "shequn --help lists eight commands" "[ \$(echo \$commands | wc -w) -eq 8 ]"
if command -v groff >/dev/null; then
  expect "the man page renders without a warning" \
    "[ -z \"\$(groff -man -ww -z -Tutf8 $tmp/shequn.1 2>&1)\" ]"
fi
expect "the man page is shequn(1)" "grep -q '^\\.TH SHEQUN 1 ' $tmp/shequn.1"

# complete WORD... : what the completion offers for the command line
# `shequn WORD...`, the last word being the one completed
complete_line() {
  (cd "$tmp" && bash -c '. ./completion; COMP_WORDS=(shequn "$@"); COMP_CWORD=$#; _shequn
                         [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' complete "$@") | sort | tr '\n' ' '
}

expect "completion of the command: every command, --help, --version" \
  "[ \"\$(complete_line '')\" = \"\$(printf '%s\n' $commands --help --version | sort | tr '\n' ' ')\" ]"
for c in $commands; do
  section=$(awk -v c="$c" '/^\.S[SH] / {inside = index($0, ".SS \"shequn " c " ") == 1}
                           inside' "$tmp/man")
  expect "man: $c in the command list" "grep -qx '\\.B $c\\( .*\\)\\?' $tmp/man"
  expect "man: a section for $c" "[ -n \"\$section\" ]"
  options=$("$shequn" "$c" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+')
  all=""
  while read -r left; do
    expect "man: $c $left" "echo \"\$section\" | grep -q -- '^\\.B $left'"
    all="$all ${left//,/}"
  done <<< "$options"
  expect "completion: the options of $c" \
    "[ \"\$(complete_line $c -)\" = \"\$(printf '%s\n' $all | sort | tr '\n' ' ')\" ]"
done

expect "completion: plot --format offers png, svg, pdf" \
  "[ \"\$(complete_line plot out --format '')\" = 'pdf png svg ' ]"
expect "completion: plot --lang offers en, zh" "[ \"\$(complete_line plot --lang '')\" = 'en zh ' ]"
mkdir -p "$tmp/results" && touch "$tmp/results.json" "$tmp/rest.json"
expect "completion: -o offers folders only" "[ \"\$(complete_line run x.json -o re)\" = 'results ' ]"
expect "completion: a scenario operand offers file names" \
  "[ \"\$(complete_line run res)\" = 'rest.json results results.json ' ]"
expect "completion: nothing to offer for a number" "[ -z \"\$(complete_line run --seed '')\" ]"
expect "completion: an unknown command offers nothing" "[ -z \"\$(complete_line nosuch -)\" ]"

"$shequn" help > /dev/null 2>&1; expect "help without --man or --bash-completion: status 2" "[ \$? -eq 2 ]"
exit $fail

# Sourced by the command-line tests: a scratch directory $tmp removed on
# exit, and PASS/FAIL lines; a test ends with `exit $fail`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass() { echo "PASS: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
expect() { if eval "$2"; then pass "$1"; else bad "$1"; fi; }

# Sourced by the command-line tests: a scratch directory $tmp removed on
# exit, and PASS/FAIL lines; a test ends with `exit $fail`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass() { echo "PASS: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
expect() { if eval "$2"; then pass "$1"; else bad "$1"; fi; }

# Sweeps: wait until the journal of sweep folder $1 holds more than $2 lines
wait_for() {
  for _ in $(seq 1 600); do
    [ -f "$1/journal.csv" ] && [ "$(wc -l < "$1/journal.csv")" -gt "$2" ] && return 0
    sleep 0.02
  done
  return 1
}

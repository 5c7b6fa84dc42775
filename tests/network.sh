#!/usr/bin/env bash
# A network that lasts (issue 11 item 7; docs/MODEL.md section 8, "What
# sustains a network"; ../shared/MODEL.md T3): replicating_network over 20
# replicates, figures from summary.json's realism.network.
#
#  1. As shipped: in the median replicate by day 1825 at least 50 groups
#     founded, at least 10,000 members in live groups, and the median count
#     of members in live groups rising over the last 365 days (least-squares
#     slope > 0).  These are the target's own bounds, not widened; the
#     figures reached are in docs/CALIBRATION.md ("The targets").
#  2. Replication and old brings new off (replication.enabled,
#     recruitment.word_of_mouth.enabled, mentoring.enabled false): the same
#     network does not last: fewer than 1,000 members in live groups at day
#     1825 in the median replicate (a tenth of the target; the seed group
#     has only its 21 founders and nobody to bring new members).
#  3. The network's renewal off (recruitment.returning.acceptance 0: nobody
#     who left comes back; population.arrival_share 0 with population.size
#     210,000: the three in ten who would enter the field later never do):
#     the network grows more slowly in its fifth year than with the renewal
#     (the median replicate's slope of members in live groups over the last
#     365 days below the shipped one's).  Seeds 1-5 gave slopes, without
#     and with the renewal, of -2.6/18.9, -10.9/12.7, 28.8/40.6, -4.2/39.1,
#     -10.0/12.2, see
#     docs/CALIBRATION.md.  An earlier version asserted a falling count and
#     moved the late entrants to day 0 instead of removing them; that gave
#     a larger market early and passed at seed 1 only (at seeds 2 and 3 the
#     slope was positive), so it tested the seed, not the renewal.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run() { # folder, then --set options
  local out=$1
  shift
  "$shequn" run scenarios/replicating_network.json --replicates 20 --threads 2 -o "$tmp/$out" \
    "$@" >/dev/null || bad "replicating_network $out runs"
}
network() { # folder: the figures, one line
  python3 - "$tmp/$1/summary.json" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))["realism"]["network"]
print(n["groups_created_median"], n["live_members_at_horizon_median"],
      n["live_members_slope_last_365_days"])
PY
}

run shipped
read -r groups live slope <<<"$(network shipped)"
echo "shipped: groups founded $groups, live members at day 1825 $live, slope $slope a day"
shipped_slope=$slope
expect "replicating_network: at least 50 groups founded (median $groups)" \
  "python3 -c 'import sys; sys.exit(not $groups >= 50)'"
expect "replicating_network: at least 10,000 members in live groups at day 1825 (median $live)" \
  "python3 -c 'import sys; sys.exit(not $live >= 10000)'"
expect "replicating_network: members in live groups rising over the last 365 days ($slope a day)" \
  "python3 -c 'import sys; sys.exit(not $slope > 0)'"

run no_old_brings_new --set replication.enabled=false \
  --set recruitment.word_of_mouth.enabled=false --set mentoring.enabled=false
read -r groups live slope <<<"$(network no_old_brings_new)"
echo "replication and old brings new off: groups $groups, live members $live, slope $slope a day"
expect "without replication and old brings new the network does not last (median $live < 1000)" \
  "python3 -c 'import sys; sys.exit(not $live < 1000)'"

run no_renewal --set recruitment.returning.acceptance=0 --set population.arrival_share=0 \
  --set population.size=210000
read -r groups live slope <<<"$(network no_renewal)"
echo "no returning members, no late entrants: groups $groups, live members $live, slope $slope a day"
expect "without its renewal the network grows more slowly in its fifth year (slope $slope < $shipped_slope)" \
  "python3 -c 'import sys; sys.exit(not $slope < $shipped_slope)'"
exit $fail

#!/usr/bin/env bash
# Every input error of `shequn fit` is located and exact: a bad observed
# file (file:line:column), an unknown prior key (with the closest key), a
# prior outside the key's range, a bad distribution, missing options, a bad
# --what-if.  Each case: exit status 2, nothing on stdout, stderr exactly
# as expected, nothing written.
set -u
shequn=$1
case $shequn in /*) ;; *) shequn=$PWD/$shequn ;; esac
scenario=$PWD/scenarios/well_run.json
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$tmp" || exit 1

printf 'day,members\n0,3\n1,4\n' > ok.csv
printf 'day,members,actve\n0,1,2\n' > column.csv
printf 'day,members\n0,3\n2,4\n1,5\n' > order.csv
printf 'day,members\n0,3\n1,x\n' > word.csv
printf 'members\n3\n' > noday.csv
printf 'day,members\n0,3\n1,4,5\n' > fields.csv
printf 'day,members\n0,3\n1,\n2,-1\n' > negative.csv
printf 'day,members\n0,3\n1.5,4\n' > halfday.csv
printf 'day,members\n0,\n1,\n' > allgaps.csv
prior() { printf '{"prior": {%s}}\n' "$2" > "$1"; }
prior good.json '"recruitment.outreach.per_day": {"distribution": "uniform", "min": 1, "max": 2}'
prior typo.json '"recruitment.outreach.per_dya": {"distribution": "uniform", "min": 1, "max": 2}'
prior below.json '"recruitment.outreach.per_day": {"distribution": "uniform", "min": -1, "max": 2}'
prior above.json '"engagement.leave_rate_per_day": {"distribution": "uniform", "min": 0, "max": 2}'
prior dist.json '"recruitment.outreach.per_day": {"distribution": "uniforn", "min": 1, "max": 2}'
prior beta.json '"engagement.leave_rate_per_day": {"distribution": "beta", "alpha": 2, "beta": 5, "max": 2}'
prior population.json '"population.size": {"distribution": "uniform", "min": 1, "max": 2}'
prior nosd.json '"recruitment.outreach.per_day": {"distribution": "normal", "mean": 1}'
prior mean.json '"engagement.leave_rate_per_day": {"distribution": "normal", "mean": 3, "sd": 1}'
prior logzero.json '"recruitment.outreach.per_day": {"distribution": "log-uniform", "min": 0, "max": 2}'
prior boolean.json '"group.known_first": {"distribution": "uniform", "min": 0, "max": 1}'
prior field.json '"recruitment.outreach.per_day": {"distribution": "uniform", "min": 1, "max": 2, "sd": 3}'
prior empty.json ''
printf '{"prior": {\n' > syntax.json
printf '{"priors": {}}\n' > noprior.json

n=0
check() { # expected-stderr arguments... (the scenario: $scen, or well_run)
  local expected=$1 out status
  shift
  n=$((n + 1))
  out=$("$shequn" fit "${scen:-$scenario}" -o "out$n" "$@" 2>err$n)
  status=$?
  if [ $status -ne 2 ]; then bad "fit $*: exit status $status, expected 2"; return; fi
  if [ -n "$out" ]; then bad "fit $*: wrote to stdout"; return; fi
  if [ -e "out$n" ]; then bad "fit $*: left out$n"; return; fi
  if [ "$(cat err$n)" != "$(printf '%b' "$expected")" ]; then
    bad "fit $*: stderr was '$(cat err$n)', expected '$(printf '%b' "$expected")'"; return
  fi
  pass "fit $*"
}
p=good.json
check "shequn fit: column.csv:1:13: unknown column 'actve' (did you mean 'active'?): expected day and some of members, active, posts, joins, leaves" --observed column.csv --prior $p
check "shequn fit: order.csv:4:1: day: days must increase, found 1 after 2" --observed order.csv --prior $p
check "shequn fit: word.csv:3:3: members: expected a number at least 0 or an empty cell (a gap), found 'x'" --observed word.csv --prior $p
check "shequn fit: noday.csv:1: no 'day' column in the header (expected day and some of members, active, posts, joins, leaves)" --observed noday.csv --prior $p
check "shequn fit: fields.csv:3: 3 fields, the header has 2" --observed fields.csv --prior $p
check "shequn fit: negative.csv:4:3: members: expected a number at least 0 or an empty cell (a gap), found '-1'" --observed negative.csv --prior $p
check "shequn fit: halfday.csv:3:1: day: expected a whole number from 0 to 36000, found '1.5'" --observed halfday.csv --prior $p
check "shequn fit: allgaps.csv: column 'members' has no values, only gaps" --observed allgaps.csv --prior $p
check "shequn fit: missing.csv: cannot read: No such file or directory" --observed missing.csv --prior $p
o=ok.csv
check "shequn fit: typo.json: prior.recruitment.outreach.per_dya: unknown key (did you mean recruitment.outreach.per_day?)" --observed $o --prior typo.json
check "shequn fit: below.json: prior.recruitment.outreach.per_day.min: -1 is outside the key's range [0, 1000000000]" --observed $o --prior below.json
check "shequn fit: above.json: prior.engagement.leave_rate_per_day.max: 2 is outside the key's range [0, 1]" --observed $o --prior above.json
check "shequn fit: dist.json: prior.recruitment.outreach.per_day.distribution: expected uniform, log-uniform, normal or beta, got \"uniforn\" (did you mean \"uniform\"?)" --observed $o --prior dist.json
check "shequn fit: beta.json: prior.engagement.leave_rate_per_day: the beta's support [0, 2] leaves the key's range [0, 1] (give \"min\" and \"max\" inside it)" --observed $o --prior beta.json
check "shequn fit: population.json: prior.population.size: cannot be fitted: population, graph and run keys are shared by every simulation of a fit" --observed $o --prior population.json
check "shequn fit: nosd.json: prior.recruitment.outreach.per_day: a normal prior needs \"sd\"" --observed $o --prior nosd.json
check "shequn fit: mean.json: prior.engagement.leave_rate_per_day.mean: 3 is outside the key's range [0, 1] (the normal is truncated to that range)" --observed $o --prior mean.json
check "shequn fit: logzero.json: prior.recruitment.outreach.per_day.min: a log-uniform prior needs min > 0 (got 0)" --observed $o --prior logzero.json
check "shequn fit: boolean.json: prior.group.known_first: cannot be fitted: a prior needs a real or integer key, this one is a boolean" --observed $o --prior boolean.json
check "shequn fit: field.json: prior.recruitment.outreach.per_day.sd: unknown field for a uniform prior (expected min and max)" --observed $o --prior field.json
check "shequn fit: empty.json: prior: no keys: name at least one key to fit" --observed $o --prior empty.json
check "shequn fit: syntax.json:2:1: JSON syntax error" --observed $o --prior syntax.json
check "shequn fit: noprior.json: no \"prior\" object: expected {\"prior\": {\"KEY\": {\"distribution\": \"uniform\", \"min\": A, \"max\": B}}}" --observed $o --prior noprior.json
check "shequn fit: --observed FILE is required: the observed series to fit\nTry 'shequn fit --help'." --prior $p
check "shequn fit: $scenario: no \"prior\" object in the scenario: name the keys to fit there or in a file given with --prior" --observed $o
printf '{"base": "%s", "prior": [1]}\n' "$scenario" > listprior.json
n=$((n + 1))
"$shequn" fit listprior.json --observed $o -o out$n 2>err$n >/dev/null
expect "a scenario's prior that is not an object is refused" \
  "[ \$? -eq 2 ] && [ \"\$(cat err$n)\" = 'shequn fit: listprior.json: prior: expected an object of keys and their distributions, got an array' ] && [ ! -e out$n ]"
check "shequn fit: --what-if: rituals.sharing.every_dys: unknown key (did you mean rituals.sharing.every_days?)\nTry 'shequn fit --help'." --observed $o --prior $p --what-if rituals.sharing.every_dys=0
check "shequn fit: --what-if: expected KEY=VALUE, got 'rituals'\nTry 'shequn fit --help'." --observed $o --prior $p --what-if rituals
check "shequn fit: --min-acceptance: expected a number between 0 and 1, got '2'\nTry 'shequn fit --help'." --observed $o --prior $p --min-acceptance 2
check "shequn fit: --budget 20 is below --particles 50: generation 0 alone simulates at least as many\nTry 'shequn fit --help'." --observed $o --prior $p --budget 20 --particles 50
printf '{"base": "%s", "vary": [{"key": "recruitment.outreach.per_day", "min": 1, "max": 3}]}\n' "$scenario" > varies.json
scen=varies.json check "shequn fit: good.json: prior.recruitment.outreach.per_day: the scenario's \"vary\" list draws this key anew for each run; a fitted key must not vary" --observed $o --prior $p
exit $fail

#!/usr/bin/env bash
# `shequn serve`'s HTTP API with curl (docs/SERVE_API.md): the page's files
# and nothing else, bad requests answered with the command line's located
# messages, the server's limits, a run's days streamed as server-sent
# events equal to `shequn run`'s rows of the same scenario and seed, the
# log-rank test of two runs, and a run stopped when its page goes away.
#   bash tests/serve_api.sh build/shequn
# Exits 77 (skipped) when shequn was built without libmicrohttpd.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl > /dev/null || { echo "SKIP: curl is not installed"; exit 77; }
if "$shequn" serve --bind nowhere 2>&1 | grep -q "built without"; then
  echo "SKIP: shequn was built without libmicrohttpd"
  exit 77
fi

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2> /dev/null; done; rm -rf "$tmp"' EXIT

# start_server NAME OPTIONS...: a server on a free port; $url is its address
start_server() {
  local name=$1
  shift
  "$shequn" serve --port 0 "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" &
  pids+=($!)
  url=
  for _ in $(seq 1 200); do
    url=$(sed -n 's|^shequn serve: open \(http://127.0.0.1:[0-9]*\)/ .*|\1|p' "$tmp/$name.out")
    [ -n "$url" ] && return 0
    sleep 0.05
  done
  echo "FAIL: $name: the server printed no address"; cat "$tmp/$name.err"; exit 1
}

# status METHOD PATH [BODY [CONTENT-TYPE]]: the status; the body in $tmp/body
status() {
  local args=(-s -o "$tmp/body" -w '%{http_code}' --path-as-is -X "$1")
  [ $# -ge 3 ] && args+=(-H "Content-Type: ${4:-application/json}" --data-binary "$3")
  curl "${args[@]}" "$url$2"
}

# api_error NAME BODY STATUS MESSAGE: POST /api/runs answers STATUS and {"error": MESSAGE}
api_error() {
  local got
  got=$(status POST /api/runs "$2")
  local message
  message=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"])' "$tmp/body" 2>&1)
  if [ "$got" = "$3" ] && [ "$message" = "$4" ]; then
    pass "$1"
  else
    bad "$1: expected $3 '$4', got $got '$message'"
  fi
}

# same_as_cli NAME SETS...: the API's message for --set SETS is the command line's
same_as_cli() {
  local name=$1
  shift
  local cli
  cli=$("$shequn" run scenarios/well_run.json -o "$tmp/cli_out" "${@/#/--set=}" 2>&1 > /dev/null)
  local json
  json=$(python3 -c '
import json, sys
sets = {}
for a in sys.argv[1:]:
    k, v = a.split("=", 1)
    try: sets[k] = json.loads(v)
    except ValueError: sets[k] = v
print(json.dumps({"scenario": "well_run", "set": sets}))' "$@")
  api_error "$name: as the command line says it" "$json" 400 "$cli"
}

# ---- usage -----------------------------------------------------------------
"$shequn" serve --bind nowhere > /dev/null 2> "$tmp/err"
expect "--bind nowhere: exit 2" "[ $? -eq 2 ]"
expect "--bind nowhere: the message" \
  "grep -qx 'shequn serve: --bind: expected an IPv4 address such as 127.0.0.1, got .nowhere.' $tmp/err"
"$shequn" serve --port 65536 > /dev/null 2>&1
expect "--port 65536: exit 2" "[ $? -eq 2 ]"

start_server main --max-runs 3 --max-population 200000 --max-replicates 20 --max-horizon 2000
expect "it binds 127.0.0.1 by default" "[[ $url == http://127.0.0.1:* ]]"
"$shequn" serve --port "${url##*:}" > /dev/null 2> "$tmp/err"
expect "a port in use: exit 1" "[ $? -eq 1 ]"
expect "a port in use: the message" \
  "grep -qx 'shequn serve: cannot listen on 127.0.0.1 port ${url##*:} (in use, or not this machine.s)' $tmp/err"

# ---- the page's files, and no other ------------------------------------------
expect "GET /: the page" "[ $(status GET /) = 200 ] && grep -q 'vendor/uPlot.iife.min.js' $tmp/body && grep -q '<title>shequn' $tmp/body"
for f in /index.html /app.js /i18n.js /app.css /vendor/uPlot.iife.min.js /vendor/uPlot.min.css \
         /vendor/LICENSE.uPlot; do
  expect "GET $f: 200" "[ $(status GET $f) = 200 ]"
done
for f in /../CMakeLists.txt /web/index.html /scenarios/well_run.json /api/../../etc/passwd \
         /vendor/../app.js/../../README.md /%2e%2e/README.md /vendor/ /api/runs/1/../../../x; do
  expect "GET $f: 404" "[ $(status GET "$f") = 404 ]"
done
expect "PUT /api/runs: 405" "[ $(status PUT /api/runs) = 405 ]"
got=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$url/api/keys")
expect "a Host that is not this machine: 403 (DNS rebinding)" "[ $got = 403 ]"

# ---- scenarios and keys ----------------------------------------------------
expect "GET /api/scenarios: 200" "[ $(status GET /api/scenarios) = 200 ]"
python3 - "$tmp/body" > "$tmp/scenarios" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["scenarios"]:
    print(s["scenario"], s["name_zh"] != "", len(s["values"]), s["values"]["rules.strictness"])
EOF
expect "every shipped scenario but the sweep" \
  "[ \"$(cut -d' ' -f1 $tmp/scenarios | tr '\n' ' ')\" = \"$(cd scenarios && ls *.json | grep -v sweep | sed 's/\.json$//' | tr '\n' ' ')\" ]"
expect "well_run: its Chinese name, 13 strategy values, rules.strictness 0.5" \
  "grep -qx 'well_run True 13 0.5' $tmp/scenarios"
expect "GET /api/keys: 200" "[ $(status GET /api/keys) = 200 ]"
expect "13 keys, each with its meaning in English and Chinese, and the limits" "python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
k = d[\"keys\"]
assert len(k) == 13 and all(x[\"doc\"] and x[\"doc_zh\"] and x[\"strategy\"] for x in k)
assert d[\"limits\"] == {\"population\": 200000, \"horizon_days\": 2000, \"replicates\": 20, \"runs\": 3}
' $tmp/body"

# ---- bad requests -------------------------------------------------------------
api_error "not JSON" '{"scenario": ' 400 "request: not valid JSON (at byte 13 of 13)"
api_error "not an object" '[1]' 400 "request: expected a JSON object, got an array"
api_error "no scenario" '{}' 400 "request: scenario: expected a scenario's name, got nothing"
api_error "a path for a scenario" '{"scenario": "../../etc/passwd"}' 400 \
  "request: scenario: no shipped scenario is called '../../etc/passwd' (GET /api/scenarios lists them)"
api_error "the sweep is not a scenario" '{"scenario": "sweep_example"}' 400 \
  "request: scenario: no shipped scenario is called 'sweep_example' (GET /api/scenarios lists them)"
api_error "an unknown field" '{"scenario": "well_run", "sets": {}}' 400 \
  "request: sets: unknown field (expected scenario, set, seed, replicates)"
api_error "set: not an object" '{"scenario": "well_run", "set": ["a=1"]}' 400 \
  "request: set: expected an object of keys, got an array"
api_error "a seed that is not whole" '{"scenario": "well_run", "seed": 1.5}' 400 \
  "request: seed: must be a whole number between 0 and 9007199254740991 (got 1.5)"
api_error "replicates as text" '{"scenario": "well_run", "replicates": "3"}' 400 \
  "request: replicates: expected a whole number, got a string"
api_error "a file name from the page" \
  '{"scenario": "well_run", "set": {"graph.edge_list_file": "/etc/passwd"}}' 400 \
  "request: set: graph.edge_list_file: cannot be set from the page"
same_as_cli "an unknown key" rules.strictnes=0.2
same_as_cli "a section" rules=1
same_as_cli "out of range" rules.strictness=2
same_as_cli "a wrong type" team.owner=3
same_as_cli "an unknown choice" recruitment.entry.rule=lottery
same_as_cli "keys that disagree" group.founders=600
api_error "population over the server's limit" \
  '{"scenario": "well_run", "set": {"population.size": 200001}}' 400 \
  "scenarios/well_run.json with --set: population.size: at most 200000 on this server (shequn serve --max-population), got 200001"
api_error "the replicating network is over it too" '{"scenario": "replicating_network"}' 400 \
  "scenarios/replicating_network.json: population.size: at most 200000 on this server (shequn serve --max-population), got 300000"
api_error "replicates over the limit" '{"scenario": "well_run", "replicates": 21}' 400 \
  "scenarios/well_run.json: replicates: at most 20 on this server (shequn serve --max-replicates), got 21"
api_error "horizon over the limit" '{"scenario": "well_run", "set": {"horizon_days": 2001}}' 400 \
  "scenarios/well_run.json with --set: horizon_days: at most 2000 on this server (shequn serve --max-horizon), got 2001"
api_error "a scenario that varies settings" '{"scenario": "everyday_groups"}' 400 \
  "scenarios/everyday_groups.json: vary: a scenario that draws settings per replicate cannot run here (use shequn run)"
expect "text/plain: 415" "[ $(status POST /api/runs '{"scenario":"well_run"}' text/plain) = 415 ]"
head -c 70000 /dev/zero | tr '\0' ' ' > "$tmp/big"
expect "a body over 64 KiB: 413" "[ $(status POST /api/runs @$tmp/big) = 413 ]"
expect "GET /api/runs/999/events: 404" "[ $(status GET /api/runs/999/events) = 404 ]"
expect "GET /api/compare without runs: 400" "[ $(status GET '/api/compare?a=x&b=2') = 400 ]"

# ---- a run streamed, as `shequn run` computes it --------------------------------
body='{"scenario": "well_run", "seed": 7, "replicates": 4, "set": {"rules.strictness": 0.2}}'
expect "POST /api/scenario: 200, the resolved scenario" \
  "[ $(status POST /api/scenario "$body") = 200 ] && grep -q '\"strictness\":0.2' $tmp/body"
cp "$tmp/body" "$tmp/resolved.json"
expect "POST /api/runs: 201" "[ $(status POST /api/runs "$body") = 201 ]"
id_a=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/body")
curl -sN "$url/api/runs/$id_a/events" > "$tmp/a.events"
expect "its stream: start, days, stages, 4 replicates, survival, end" "python3 -c '
import sys
events = [l[7:].strip() for l in open(sys.argv[1]) if l.startswith(\"event: \")]
order = [e for i, e in enumerate(events) if i == 0 or e != events[i - 1]]
assert order == [\"start\", \"day\", \"stages\", \"replicate\", \"survival\", \"end\"], order
assert events.count(\"replicate\") == 4
' $tmp/a.events"
expect "a second stream of the run: 404" "[ $(status GET /api/runs/$id_a/events) = 404 ]"
# the scenario the page exports runs with shequn run as it ran here
python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["scenario"], open(sys.argv[2], "w"))' \
  "$tmp/resolved.json" "$tmp/exported.json"
"$shequn" run "$tmp/exported.json" --replicates 4 --threads 2 -o "$tmp/cli" > /dev/null 2>&1
expect "shequn run takes the resolved scenario" "[ -f $tmp/cli/timeseries.csv ]"
awk -F, 'NR > 1 && $1 == 0 {m[$2] += $4; a[$2] += $5; g[$2]++; j[$2] += $7; l[$2] += $8; p[$2] += $9;
         if ($3 == 0) s[$2] = $12; if ($2 > last) last = $2}
         END {for (d = 0; d <= last; d++) print d, m[d], a[d], g[d], j[d], l[d], p[d], s[d]}' \
  "$tmp/cli/timeseries.csv" > "$tmp/cli.days"
python3 - "$tmp/a.events" > "$tmp/api.days" <<'EOF'
import json, sys
lines = open(sys.argv[1]).read().split("\n\n")
days, stage = [], {}
for block in lines:
    if block.startswith("event: day\n"):
        days.append(json.loads(block.split("data: ", 1)[1]))
    if block.startswith("event: stages\n"):
        for b in json.loads(block.split("data: ", 1)[1])["bands"]:
            for d in range(b["from"], b["to"] + 1):
                stage[d] = b["stage"]
for r in days:
    print(r["day"], r["members"], r["active"], r["groups"], r["joins"], r["leaves"], r["posts"],
          stage.get(r["day"], ""))
EOF
expect "the streamed days are shequn run's replicate 0, summed over groups, with group 0's stages" \
  "[ -s $tmp/api.days ] && cmp -s $tmp/cli.days $tmp/api.days"
expect "survival: as many groups as groups.csv" "python3 -c '
import json, sys
text = open(sys.argv[1]).read().split(\"event: survival\ndata: \")[1].split(\"\n\")[0]
assert json.loads(text)[\"groups\"] == sum(1 for _ in open(sys.argv[2])) - 1
' $tmp/a.events $tmp/cli/groups.csv"

# strategy B: no rules, the same seed; then the log-rank verdict of the two
body_b='{"scenario": "well_run", "seed": 7, "replicates": 4, "set": {"rules.strictness": 0}}'
status POST /api/runs "$body_b" > /dev/null
id_b=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/body")
expect "GET /api/compare before B ran: 409" "[ $(status GET "/api/compare?a=$id_a&b=$id_b") = 409 ]"
curl -sN "$url/api/runs/$id_b/events" > "$tmp/b.events"
expect "GET /api/compare: 200" "[ $(status GET "/api/compare?a=$id_a&b=$id_b") = 200 ]"
expect "the log-rank verdict in both languages, A's groups live longer" "python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"groups_a\"] == 4 and d[\"groups_b\"] == 4 and d[\"chi2\"] > 0
assert d[\"verdict\"][\"en\"] and d[\"verdict\"][\"zh\"]
' $tmp/body"

# ---- limits: runs at once; a closed page stops its run ----------------------------
for i in 1 2 3; do status POST /api/runs '{"scenario": "well_run", "replicates": 1}' > /dev/null; done
got=$(status POST /api/runs '{"scenario": "well_run", "replicates": 1}')
expect "a run over --max-runs 3 (three wait for their pages): 429" "[ $got = 429 ]"
expect "its message names the option" \
  "grep -q 'this server runs at most 3 runs at once (shequn serve --max-runs)' $tmp/body"

start_server one --max-runs 1 --max-horizon 36500 --threads 3
# the same run on 3 threads: the same survival, to the byte
status POST /api/runs "$body" > /dev/null
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/body")
curl -sN "$url/api/runs/$id/events" > "$tmp/threads.events"
# (the first server ran it on one thread)
expect "replicates on 3 threads (--threads 3): the same events, byte for byte" \
  "cmp -s <(grep -v '^data: {\"id\"' $tmp/a.events) <(grep -v '^data: {\"id\"' $tmp/threads.events)"
# a run that would take minutes: groups that never die, for a century, 100 times
long='{"scenario": "well_run", "replicates": 100, "set": {"horizon_days": 36500, "death.min_active": 0}}'
status POST /api/runs "$long" > /dev/null
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/body")
# read until the first replicate is done, then hang up, as a closed page does
curl -sN "$url/api/runs/$id/events" | grep -m1 -q '^event: replicate'
got=429
for _ in $(seq 1 300); do # the run stops at the end of a day; up to 30 s on a loaded machine
  got=$(status POST /api/runs '{"scenario": "well_run", "replicates": 1}')
  [ "$got" = 201 ] && break
  sleep 0.1
done
expect "the run stopped when its stream closed: the one slot is free again" "[ $got = 201 ]"

# ---- stopping ---------------------------------------------------------------------------
kill -INT "${pids[0]}"
wait "${pids[0]}"
expect "Ctrl-C stops the server: exit 0" "[ $? -eq 0 ]"
expect "and it says so" "grep -qx 'shequn serve: stopped' $tmp/main.err"
exit $fail

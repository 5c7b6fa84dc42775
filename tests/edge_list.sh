#!/usr/bin/env bash
# graph.model edge_list: a real network read from a file (docs/MODEL.md,
# section 2; docs/SCENARIOS.md).  tests/scenarios/edge_list.json runs the
# well-run community on tests/networks/villages.csv: the population is the
# file's 100 agents, every invitation goes along one of its edges, the run
# is the same on any number of threads and from its own scenario.json; bad
# files and sizes are refused with status 2, naming the file and the line.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scenario=tests/scenarios/edge_list.json
net=tests/networks/villages.csv

# 1. a run end to end
"$shequn" run $scenario --members --threads 2 -o "$tmp/a" >/dev/null 2>"$tmp/a.err" || bad "the run: $(cat "$tmp/a.err")"
expect "the population is the edge list's 100 agents" \
  "grep -A1 '\"population\":' '$tmp/a/scenario.json' | grep -q '\"size\":	100,'"
expect "scenario.json keeps the edge list as an absolute path" \
  "grep -q '\"edge_list_file\":	\"$PWD/$net\"' '$tmp/a/scenario.json'"
# agents are the ids in order of first appearance (the header and comments skipped)
awk -F, '/^#/ || NR == 1 || $1 == "source" { next }
         { for (i = 1; i <= 2; i++) if (!($i in id)) id[$i] = n++; print id[$1], id[$2] }' $net > "$tmp/edges"
invited=$(awk -F, 'NR > 1 && $6 != ""' "$tmp/a/members.csv" | wc -l)
outside=$(awk 'NR == FNR { e[$1 " " $2] = e[$2 " " $1] = 1; next }
               FNR > 1 && $6 != "" && !(($2 " " $6) in e) { n++ } END { print n + 0 }' \
          "$tmp/edges" FS=, "$tmp/a/members.csv")
[ "$invited" -gt 10 ] && [ "$outside" = 0 ] &&
  pass "all $invited invitations went along an edge of the file" ||
  bad "$outside of $invited invitations are not edges of the file"
agents=$(awk -F, 'NR > 1 { print $2 } NR > 1 && $6 != "" { print $6 }' "$tmp/a/members.csv" | sort -un | tail -1)
[ "$agents" -lt 100 ] && pass "every member is one of the 100 agents (largest id $agents)" || bad "agent $agents"
"$shequn" run $scenario --members --threads 1 -o "$tmp/b" >/dev/null 2>&1
same=1; for f in timeseries.csv groups.csv members.csv; do cmp -s "$tmp/a/$f" "$tmp/b/$f" || same=0; done
[ $same = 1 ] && pass "1 and 2 threads: byte-identical" || bad "1 and 2 threads differ"
mkdir "$tmp/elsewhere" && cp "$tmp/a/scenario.json" "$tmp/elsewhere/copy.json"
abs=$(cd "$(dirname "$shequn")" && pwd)/$(basename "$shequn")
(cd "$tmp/elsewhere" && "$abs" run copy.json --members -o "$tmp/c" >/dev/null 2>&1) || bad "scenario.json runs from another folder"
same=1; for f in timeseries.csv groups.csv members.csv; do cmp -s "$tmp/a/$f" "$tmp/c/$f" || same=0; done
[ $same = 1 ] && pass "its scenario.json, run from another folder, gives the same files" || bad "the re-run differs"

# a sweep over it, and the sweep.json it writes, give the same files
cat > "$tmp/sweep.json" <<JSON
{"name": "edge_list_sweep", "scenario": "$PWD/$scenario", "replicates": 2,
 "parameters": [{"key": "recruitment.entry.rule", "values": ["open", "paid"]}]}
JSON
"$shequn" sweep "$tmp/sweep.json" -o "$tmp/s1" >/dev/null 2>&1 &&
  "$shequn" sweep "$tmp/s1/sweep.json" -o "$tmp/s2" >/dev/null 2>&1 &&
  cmp -s "$tmp/s1/runs.csv" "$tmp/s2/runs.csv" && cmp -s "$tmp/s1/sweep.json" "$tmp/s2/sweep.json" &&
  pass "a sweep on the edge list re-runs from its sweep.json, byte for byte" || bad "sweep on the edge list"

# 2. population.size: from a base it gives way; given here it must be equal
"$shequn" validate $scenario >/dev/null && pass "validate: well_run's population.size (a base's) gives way" || bad "validate"
"$shequn" run $scenario --set population.size=100 --replicates 1 -o "$tmp/equal" >/dev/null 2>&1 &&
  pass "population.size equal to the agents: accepted" || bad "population.size=100 refused"
fails() { # label want-substring args...
  local label=$1 want=$2; shift 2
  out=$("$@" 2>&1 >/dev/null); status=$?
  if [ $status = 2 ] && [[ "$out" == *"$want"* ]]; then pass "$label: status 2, '$out'"
  else bad "$label: status $status, '$out' (expected '$want')"; fi
}
fails "another population.size" \
  "$scenario with --set: population.size: must be left out or equal the 100 agents of the edge list $PWD/$net, got 50" \
  "$shequn" run $scenario --set population.size=50 -o "$tmp/x1"

# 3. bad files
w() { printf '%s' "$2" > "$tmp/$1"; }
w base.json "{\"base\": \"$PWD/$scenario\", \"graph\": {\"edge_list_file\": \"net.csv\"}}"
w net.csv $'# ids\n1,2\n2,3\n3 4 5\n'
fails "a line of three fields" \
  "$tmp/base.json: graph.edge_list_file: $tmp/net.csv:4: expected two agent ids separated by a comma or white space, found 3 fields: '3 4 5'" \
  "$shequn" run "$tmp/base.json" -o "$tmp/x2"
w net.csv $'1,2\n,3\n'
fails "an empty id" "net.csv:2: expected two agent ids separated by a comma or white space, found an empty id among 2 fields: ',3'" \
  "$shequn" validate "$tmp/base.json"
rm "$tmp/net.csv"
fails "a missing file" "$tmp/base.json: graph.edge_list_file: $tmp/net.csv: cannot read: No such file or directory" \
  "$shequn" validate "$tmp/base.json"
mkdir "$tmp/net.csv"
fails "a folder" "$tmp/base.json: graph.edge_list_file: $tmp/net.csv: cannot read: Is a directory" \
  "$shequn" validate "$tmp/base.json"
w nofile.json '{"graph": {"model": "edge_list"}}'
fails "edge_list without a file" "$tmp/nofile.json: graph.edge_list_file: graph.model edge_list needs the edge list's file, got none" \
  "$shequn" validate "$tmp/nofile.json"
w empty.csv $'# nothing but a comment\n'
w empty.json '{"graph": {"model": "edge_list", "edge_list_file": "empty.csv"}}'
fails "an edge list with no edge" "empty.csv: expected at least one edge (two agent ids a line), found none" \
  "$shequn" validate "$tmp/empty.json"
[ ! -e "$tmp/x1" ] && [ ! -e "$tmp/x2" ] && pass "nothing written on bad input" || bad "something was written"
exit $fail

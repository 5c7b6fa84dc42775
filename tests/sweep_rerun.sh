#!/usr/bin/env bash
# The sweep.json a sweep writes is a sweep file that runs the same sweep
# again, byte for byte, from any folder; Sobol indices are reported within
# [0, 1] with a warning when there are too few points; points.csv
# summarises the censored lifespan with Kaplan-Meier (docs/SWEEPS.md).
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sweep=tests/sweeps/rerun.json

same_files() { # label dirA dirB
  local f ok=1
  for f in runs.csv points.csv sensitivity.csv sweep.json; do
    [ -e "$2/$f" ] || [ -e "$3/$f" ] || continue
    cmp -s "$2/$f" "$3/$f" || { ok=0; echo "      $f differs"; }
  done
  [ $ok = 1 ] && pass "$1: runs, points, sensitivity and sweep.json byte-identical" || bad "$1: files differ"
}

# 1. a Sobol sweep with sensitivity, re-run from its sweep.json elsewhere
"$shequn" sweep $sweep -o "$tmp/first" --threads 2 >/dev/null 2>"$tmp/first.err" || bad "the sweep runs"
expect "sweep.json validates as a sweep" "'$shequn' validate '$tmp/first/sweep.json' >/dev/null"
expect "sweep.json gives the base scenario in full, names no scenario file" \
  "grep -q '\"base_scenario\":' '$tmp/first/sweep.json' && ! grep -q '\"scenario\":' '$tmp/first/sweep.json'"
expect "no output file names the output folder" "! grep -rlF '$tmp' '$tmp/first' --include='*.csv' --include=sweep.json"
mkdir "$tmp/elsewhere" && cp "$tmp/first/sweep.json" "$tmp/elsewhere/copied.json"
"$shequn" sweep "$tmp/elsewhere/copied.json" -o "$tmp/again" --threads 1 >/dev/null 2>&1 || bad "sweep.json runs again"
same_files "re-run of sweep.json (1 thread, another folder)" "$tmp/first" "$tmp/again"
"$shequn" sweep "$tmp/again/sweep.json" -o "$tmp/third" --threads 2 >/dev/null 2>&1 || bad "its sweep.json runs again"
same_files "re-run of the re-run's sweep.json" "$tmp/first" "$tmp/third"

# 2. a grid: no "points" in its sweep.json, and it re-runs the same; short
# horizons, so that some lifespans are censored (used in 5)
cat > "$tmp/grid.json" <<JSON
{"name": "grid_rerun", "scenario": "$PWD/scenarios/well_run.json", "replicates": 4,
 "parameters": [{"key": "horizon_days", "values": [120, 400, 1460]},
                {"key": "recruitment.entry.rule", "values": ["open", "paid"]}]}
JSON
"$shequn" sweep "$tmp/grid.json" -o "$tmp/grid" --threads 2 >/dev/null 2>&1 || bad "the grid sweep runs"
expect "a grid's sweep.json has no points" "! grep -q '\"points\"' '$tmp/grid/sweep.json'"
"$shequn" sweep "$tmp/grid/sweep.json" -o "$tmp/grid2" --threads 2 >/dev/null 2>&1 || bad "the grid's sweep.json runs"
same_files "grid re-run" "$tmp/grid" "$tmp/grid2"

# 3. a sweep file both naming and giving its scenario is refused
sed 's|"name":|"scenario": "x.json", "name":|' "$tmp/first/sweep.json" > "$tmp/both.json"
out=$("$shequn" sweep "$tmp/both.json" -o "$tmp/both" 2>&1); status=$?
[ $status = 2 ] && [[ "$out" == *"both.json: base_scenario: a sweep names its scenario"*"not both"* ]] &&
  pass "scenario and base_scenario together: status 2, located" || bad "both: status $status, '$out'"

# 4. indices within [0, 1]; too few points warned about on stderr and in the file
sens=$tmp/first/sensitivity.csv
expect "sensitivity.csv ends with a warning column" "head -1 '$sens' | grep -q ',bootstrap,warning$'"
bounded=$(awk -F, 'NR > 1 { for (i = 3; i <= 8; i++) if ($i != "" && ($i < 0 || $i > 1)) bad++ } END { print bad + 0 }' "$sens")
[ "$bounded" = 0 ] && pass "every index and bound in [0, 1]" || bad "$bounded values outside [0, 1]"
# the warning column is recomputed here from the rules (an unclipped width cannot
# be read back, so a wide clipped interval must be warned and a flagged
# first-above-total must hold in the clipped estimates unless one was clipped)
awk -F, 'NR > 1 && (($5 - $4 > 0.3 || $8 - $7 > 0.3) && $11 !~ /wide_interval/) { exit 1 }' "$sens" &&
  pass "every interval wider than 0.3 carries wide_interval" || bad "a wide interval is not warned about"
warned=$(awk -F, 'NR > 1 && $11 != "" { n++ } END { print n + 0 }' "$sens")
[ "$warned" -gt 0 ] && pass "$warned rows warned about (N = 8)" || bad "no warning at N = 8"
for m in lifespan_days peak_members reach; do
  if awk -F, -v m=$m 'NR > 1 && $1 == m && $11 != "" { found = 1 } END { exit !found }' "$sens"; then
    grep -q "^shequn sweep: $tmp/first/sensitivity.csv: $m: .*too few points for these indices (N = 8 base points); raise points$" "$tmp/first.err" &&
      pass "$m: warned about on stderr" || bad "$m: no warning on stderr: $(cat "$tmp/first.err")"
  fi
done

# 5. points.csv: the lifespan's median, quartiles and survival at 90, 365
# and 730 days by Kaplan-Meier, recomputed from runs.csv (censoring is at
# the horizon only, so S(t) is the share alive past t, and a quantile is
# empty when more than its share outlived the horizon)
check_km() { # label dir
awk -F, '
  function col(name,  i) { for (i = 1; i <= NF; i++) if ($i == name) return i }
  FNR == 1 && FILENAME ~ /runs/ { P = col("point"); L = col("lifespan_days"); C = col("censored"); next }
  FILENAME ~ /runs/ { n[$P]++; t[$P, n[$P]] = $L; c[$P, n[$P]] = $C; next }
  FNR == 1 { M = col("metric"); MED = col("median"); Q = col("q25"); Q3 = col("q75"); S = col("survival_90"); next }
  $M != "lifespan_days" { if ($S != "") { print "survival on " $M; bad = 1 }; next }
  {
    p = $1; k = n[p]
    # sort the point s lifespans (insertion sort; a few replicates)
    for (i = 1; i <= k; i++) { tt[i] = t[p, i]; cc[i] = c[p, i] }
    for (i = 2; i <= k; i++) for (j = i; j > 1 && tt[j - 1] > tt[j]; j--) {
      x = tt[j]; tt[j] = tt[j - 1]; tt[j - 1] = x; x = cc[j]; cc[j] = cc[j - 1]; cc[j - 1] = x }
    split("0.5 0.25 0.75", ps, " "); split(MED " " Q " " Q3, at, " ")
    for (q = 1; q <= 3; q++) {         # KM quantile: first death time where S <= 1 - p
      want = ""; for (i = 1; i <= k; i++) if (!cc[i] && (k - i) / k <= 1 - ps[q] + 1e-12) { want = tt[i]; break }
      if ($at[q] != want) { print "point " p ": quantile " ps[q] " " $at[q] " expected " want; bad = 1 }
    }
    split("90 365 730", days, " ")
    for (d = 1; d <= 3; d++) {
      alive = 0; for (i = 1; i <= k; i++) alive += tt[i] > days[d] || (cc[i] && tt[i] >= days[d])
      want = sprintf("%.10g", alive / k)
      open_end = 0; for (i = 1; i <= k; i++) open_end += cc[i] && tt[i] == tt[k]
      if (days[d] > tt[k] && open_end) want = ""  # past the last observation, some still alive
      got = $(S + d - 1); if (got != "") got = sprintf("%.10g", got)
      if (got != want) { print "point " p ": survival at " days[d] " " got " expected " want; bad = 1 }
    }
    checked++
  }
  END { if (!checked) { print "no lifespan rows"; bad = 1 }; exit bad }
' "$2/runs.csv" "$2/points.csv" && pass "$1: Kaplan-Meier median, quartiles and survival recomputed from runs.csv" ||
  bad "$1: points.csv lifespan summaries differ from runs.csv"
}
expect "points.csv has survival_90, survival_365, survival_730" \
  "head -1 '$tmp/first/points.csv' | grep -q ',median,q25,q75,survival_90,survival_365,survival_730$'"
check_km "Sobol sweep" "$tmp/first"
check_km "grid with censoring" "$tmp/grid"
censored=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "censored") c = i; next } $c == 1 { n++ } END { print n + 0 }' "$tmp/grid/runs.csv")
empty=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "median") m = i; next }
                 /,lifespan_days,/ && $m == "" { n++ } END { print n + 0 }' "$tmp/grid/points.csv")
[ "$censored" -gt 0 ] && [ "$empty" -gt 0 ] &&
  pass "the grid has $censored censored lifespans and $empty points whose median outlived the horizon (empty)" ||
  bad "the grid exercises no censoring: $censored censored, $empty empty medians"
exit $fail

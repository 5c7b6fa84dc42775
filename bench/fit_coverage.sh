#!/usr/bin/env bash
# Coverage of `shequn fit`'s intervals (docs/FIT.md, "Does it work?"): M
# synthetic histories, each made with settings drawn from the prior
# (scripts/synthetic_observed.sh), fitted; for each parameter, how often
# the 90% interval of summary.json (lo90, hi90) holds the setting the
# history was made with.  A calibrated fit covers about 90% of them.
#
#   bash bench/fit_coverage.sh [-M N] [--scenario FILE] [--prior FILE] [--days D]
#        [--set KEY=VALUE]... [--seed S] [-o DIR] [-- FIT OPTIONS...]
#
#   -M N        datasets (default 40)
#   --scenario  the scenario (default scenarios/well_run.json)
#   --prior     the prior (default scenarios/observed/book_club.prior.json);
#               uniform and log-uniform priors only (python3 reads the JSON)
#   --days D    days observed (default 150)
#   --set       a scenario setting of both the histories and the fits
#               (default, as in the book club example: group.known_first=true;
#               any --set replaces it)
#   --seed S    dataset i is made with seed S + i and fitted with seed S + i
#               (default 1000)
#   -o DIR      where to keep the datasets, the fits and the tables
#               (default out/fit_coverage; refused if it exists)
#   -- ...      options given to every `shequn fit` (e.g. --particles 100)
#
# Prints a table (parameter, covered/M, share, binomial SE of the share)
# and writes DIR/coverage.csv (that table) and DIR/datasets.csv (per dataset
# and parameter: truth, median, lo90, hi90, covered).  A dataset whose fit
# fails is counted apart (DIR/failed.txt), not in M.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
m=40 scenario=scenarios/well_run.json prior=scenarios/observed/book_club.prior.json
days=150 seed=1000 out=out/fit_coverage shequn=${SHEQUN:-build/shequn}
fit_args=() sets=() own_sets=()
while [ $# -gt 0 ]; do
  case $1 in
    -M) m=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --prior) prior=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --set) own_sets+=(--set "$2"); shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    --) shift; fit_args=("$@"); break ;;
    *) echo "usage: bash bench/fit_coverage.sh [-M N] [--scenario FILE] [--prior FILE] [--days D] [--set KEY=VALUE]... [--seed S] [-o DIR] [-- FIT OPTIONS...]" >&2; exit 2 ;;
  esac
done
if [ ${#own_sets[@]} -gt 0 ]; then sets=("${own_sets[@]}"); else sets=(--set group.known_first=true); fi
[ -e "$out" ] && { echo "fit_coverage: $out exists: name another folder with -o" >&2; exit 2; }
[ -x "$shequn" ] || { echo "fit_coverage: $shequn: build it first (bash scripts/setup.sh build)" >&2; exit 2; }
mkdir -p "$out"
command -v python3 >/dev/null || { echo "fit_coverage: needs python3 (for JSON)" >&2; exit 2; }
# the prior's keys and ranges: "key distribution min max" a line
python3 - "$prior" > "$out/prior.txt" <<'PY' || exit 2
import json, sys
prior = json.load(open(sys.argv[1]))["prior"]
for key, p in prior.items():
    if p.get("distribution") not in ("uniform", "log-uniform"):
        sys.exit(f"fit_coverage: {sys.argv[1]}: {key}: only uniform and log-uniform priors are drawn here, got {p.get('distribution')!r}")
    print(key, p["distribution"], p["min"], p["max"])
PY
echo "dataset,parameter,truth,median,lo90,hi90,covered" > "$out/datasets.csv"
: > "$out/failed.txt"
start=$(date +%s)
for i in $(seq 1 "$m"); do
  s=$((seed + i))
  # the true settings: drawn from the prior with Python's generator seeded by s
  python3 - "$out/prior.txt" "$s" > "$out/truth_$i.txt" <<'PY'
import math, random, sys
r = random.Random(int(sys.argv[2]))
for line in open(sys.argv[1]):
    key, d, lo, hi = line.split()
    lo, hi = float(lo), float(hi)
    v = math.exp(r.uniform(math.log(lo), math.log(hi))) if d == "log-uniform" else r.uniform(lo, hi)
    print(key, "%.6g" % v)
PY
  truth=()
  while read -r key v; do truth+=(--set "$key=$v"); done < "$out/truth_$i.txt"
  if ! bash scripts/synthetic_observed.sh "$scenario" "$days" "$out/observed_$i.csv" "${sets[@]}" "${truth[@]}" \
       --seed "$s" --shequn "$shequn" 2> "$out/observed_$i.log"; then
    echo "dataset $i: synthetic_observed failed ($(tr '\n' ' ' < "$out/observed_$i.log"))" >> "$out/failed.txt"
    continue
  fi
  if ! "$shequn" fit "$scenario" "${sets[@]}" --observed "$out/observed_$i.csv" --prior "$prior" --seed "$s" \
       --quiet "${fit_args[@]}" -o "$out/fit_$i" > "$out/fit_$i.log" 2>&1; then
    echo "dataset $i: fit failed ($(tail -1 "$out/fit_$i.log"))" >> "$out/failed.txt"
    continue
  fi
  python3 - "$out/fit_$i/summary.json" "$out/truth_$i.txt" "$i" >> "$out/datasets.csv" <<'PY'
import json, sys
summary = {p["key"]: p for p in json.load(open(sys.argv[1]))["parameters"]}
for line in open(sys.argv[2]):
    key, truth = line.split()
    p, t = summary[key], float(truth)
    print(f"{sys.argv[3]},{key},{truth},{p['median']},{p['lo90']},{p['hi90']},{int(p['lo90'] <= t <= p['hi90'])}")
PY
  echo "dataset $i of $m: $(( $(date +%s) - start )) s so far" >&2
done
awk -F, 'NR > 1 { n[$2]++; c[$2] += $7; if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 } }
  END {
    print "parameter,covered,datasets,share,se" > out
    printf "%-36s %9s %7s %7s\n", "parameter", "covered", "share", "SE"
    for (j = 1; j <= k; j++) {
      p = order[j]; s = c[p] / n[p]; se = sqrt(s * (1 - s) / n[p])
      printf "%-36s %4d/%-4d %7.3f %7.3f\n", p, c[p], n[p], s, se
      printf "%s,%d,%d,%.4f,%.4f\n", p, c[p], n[p], s, se > out
    }
  }' out="$out/coverage.csv" "$out/datasets.csv"
failed=$(wc -l < "$out/failed.txt")
echo "nominal 0.900; datasets whose fit failed: $failed (listed in $out/failed.txt); $(( $(date +%s) - start )) s in all"

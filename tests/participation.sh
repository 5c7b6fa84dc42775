#!/usr/bin/env bash
# Participation inequality in well_run (issue 11 item 3; docs/CALIBRATION.md,
# "Participation"): over the scenario's 100 replicates, the median membership
# writes at most one post per 30 days, and the never-posted share and the
# Gini coefficient of posts are above their values before lurkers
# (population.lurker_share 0: never posted 0.096, Gini 0.785).  Each
# replicate's figure is computed from members.csv; a bound is met when the
# mean over replicates clears it by 3 standard errors of that mean.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$shequn" run scenarios/well_run.json --replicates 100 --threads 2 --members -o "$tmp/well" \
  >/dev/null || bad "well_run runs"

python3 - "$tmp/well" <<'PY' && pass "well_run participation: most members read, few write" || bad "well_run participation"
import csv, json, math, statistics as st, sys
d = sys.argv[1]
horizon = json.load(open(f"{d}/scenario.json"))["horizon_days"]
by = {}
for r in csv.DictReader(open(f"{d}/members.csv")):
    end = int(r["leave_day"]) if r["leave_day"] else horizon
    by.setdefault(r["replicate"], []).append((int(r["posts"]), max(end - int(r["join_day"]), 1)))
def gini(x):
    x = sorted(x); n = len(x); s = sum(x)
    return sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(x)) / (n * s) if s else 0
fig = {"median": [], "never": [], "gini": []}
for spells in by.values():
    fig["median"].append(st.median(30 * p / t for p, t in spells))
    fig["never"].append(sum(p == 0 for p, _ in spells) / len(spells))
    fig["gini"].append(gini([p for p, _ in spells]))
ok = len(by) >= 50
print(f"replicates {len(by)}")
def check(name, sign, bound):
    global ok
    x = fig[name]; m = st.mean(x); se = st.stdev(x) / math.sqrt(len(x))
    good = (bound - m) >= 3 * se if sign == "<=" else (m - bound) >= 3 * se
    print(f"{name}: mean {m:.3f} (SE {se:.4f}) {sign} {bound}: {'ok' if good else 'FAIL'}")
    ok &= good
check("median", "<=", 1.0)
check("never", ">=", 0.096)
check("gini", ">=", 0.785)
p = json.load(open(f"{d}/summary.json"))["realism"]["participation"]
print("summary.json:", p)
ok &= p["posts_per_30_days_median"] <= 1 and p["never_posted_share"] > 0.096 and p["gini_posts"] > 0.785
sys.exit(0 if ok else 1)
PY
exit $fail

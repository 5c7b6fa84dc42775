#!/usr/bin/env bash
# summary.json's "realism" object (docs/OUTPUTS.md): every figure is there,
# in range, and agrees with the files it is computed from; participation and
# tenure are null without --members; members.csv's censored column matches
# an empty leave_day.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$shequn" run scenarios/everyday_groups.json --replicates 60 --threads 2 --members -o "$tmp/every" >/dev/null \
  || bad "everyday_groups runs"
"$shequn" run scenarios/well_run.json --replicates 4 --threads 2 --members --set horizon_days=900 \
  -o "$tmp/well" >/dev/null || bad "well_run runs"
"$shequn" run scenarios/replicating_network.json --replicates 2 --threads 2 --members \
  --set horizon_days=500 --set population.size=60000 --set population.arrival_share=0 \
  -o "$tmp/net" >/dev/null || bad "replicating_network runs"
"$shequn" run scenarios/unmanaged.json --replicates 3 --threads 2 -o "$tmp/plain" >/dev/null \
  || bad "unmanaged runs without --members"

for d in every well net; do
  expect "$d: members.csv ends with censored, 1 exactly when leave_day is empty" \
    "head -1 '$tmp/$d/members.csv' | grep -q ',posts,censored\$' && awk -F, 'NR > 1 && ((\$5 == \"\") != (\$8 == 1) || NF != 8) {bad++} END {exit bad > 0}' '$tmp/$d/members.csv'"
done

python3 - "$tmp" <<'PY' && pass "realism figures present, in range and consistent" || bad "realism figures"
import csv, json, math, sys
tmp = sys.argv[1]
ok = True
def fail(msg):
    global ok
    ok = False
    print("FAIL:", msg)
def share(x, where):
    if x is None or not (0 <= x <= 1): fail(f"{where} = {x} is not a share in [0, 1]")
def num(x, where, lo=0, hi=math.inf):
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not (lo <= x <= hi):
        fail(f"{where} = {x} is not a number in [{lo}, {hi}]")

for d in ["every", "well", "net", "plain"]:
    s = json.load(open(f"{tmp}/{d}/summary.json"))
    r = s.get("realism")
    if r is None: fail(f"{d}: no realism object"); continue
    life = r["lifespan_days"]
    ps = ["p10", "p25", "p50", "p75", "p90"]
    for p in ps:
        if life["beyond_horizon"][p] != (life[p] is None): fail(f"{d}: {p} and its beyond_horizon flag disagree")
        if life[p] is not None: num(life[p], f"{d} lifespan {p}", 0, s["horizon_days"])
    known = [life[p] for p in ps if life[p] is not None]
    if known != sorted(known): fail(f"{d}: lifespan percentiles not in order: {known}")
    if life["p10"] is not None and life["p90"] is not None and life["p10"] > 0:
        num(life["p90_over_p10"], f"{d} p90_over_p10", 1)
    elif life["p90_over_p10"] is not None: fail(f"{d}: p90_over_p10 without both percentiles")
    if life["p50"] != s["lifespan_days"]["median"]: fail(f"{d}: p50 differs from lifespan_days.median")
    for k in ["died_day_0_share", "first_group_silent_within_7_days_share", "first_group_alive_after_30_days_share"]:
        share(life[k], f"{d} {k}")
    if life["cv_uncensored"] is not None: num(life["cv_uncensored"], f"{d} cv_uncensored")
    # T7's definitions, from groups.csv: the first group of each replicate
    g = list(csv.DictReader(open(f"{tmp}/{d}/groups.csv")))
    first = [x for x in g if x["group"] == "0"]
    silent = sum(x["censored"] == "0" and int(x["lifespan_days"]) <= 7 for x in first) / len(first)
    month = sum(int(x["lifespan_days"]) > 30 for x in first) / len(first)
    day0 = sum(x["censored"] == "0" and x["lifespan_days"] == "0" for x in g) / len(g)
    for k, v in [("first_group_silent_within_7_days_share", silent),
                 ("first_group_alive_after_30_days_share", month), ("died_day_0_share", day0)]:
        if abs(life[k] - v) > 1e-5: fail(f"{d}: {k} {life[k]} but groups.csv gives {v}")
    cap = r["capacity"]
    share(cap["reached_share"], f"{d} capacity reached_share")
    if cap["mean_days_at_cap"] is not None: num(cap["mean_days_at_cap"], f"{d} mean_days_at_cap", 1, s["horizon_days"])
    net = r["network"]
    num(net["groups_created_median"], f"{d} groups_created_median", 1)
    for k in ["live_members_at_horizon_q25", "live_members_at_horizon_median", "live_members_at_horizon_q75"]:
        num(net[k], f"{d} {k}")
    if not (net["live_members_at_horizon_q25"] <= net["live_members_at_horizon_median"] <= net["live_members_at_horizon_q75"]):
        fail(f"{d}: live members quartiles out of order")
    num(net["live_members_slope_last_365_days"], f"{d} slope", -math.inf)
    if net["live_members_rising"] != (net["live_members_slope_last_365_days"] > 0): fail(f"{d}: rising disagrees with the slope")
    if d == "plain":
        if r["participation"] is not None or r["tenure"] is not None: fail("without --members: participation and tenure must be null")
        continue
    m = list(csv.DictReader(open(f"{tmp}/{d}/members.csv")))
    pa, te = r["participation"], r["tenure"]
    if pa["memberships"] != len(m) or te["memberships"] != len(m): fail(f"{d}: memberships differ from members.csv rows")
    for k in ["never_posted_share", "top_1pct_posts_share", "top_10pct_posts_share", "gini_posts", "censored_share"]:
        share((pa | te)[k], f"{d} {k}")
    if not pa["top_1pct_posts_share"] <= pa["top_10pct_posts_share"]: fail(f"{d}: top 1% share above top 10%")
    never = sum(x["posts"] == "0" for x in m) / len(m)
    if abs(pa["never_posted_share"] - never) > 1e-5: fail(f"{d}: never_posted_share {pa['never_posted_share']} vs {never}")
    num(pa["posts_per_30_days_median"], f"{d} posts per 30 days")
    num(pa["posts_per_30_days_median_by_days"], f"{d} posts per 30 days by days")
    if abs(te["censored_share"] - sum(x["censored"] == "1" for x in m) / len(m)) > 1e-5: fail(f"{d}: censored_share")
    if te["mean_days"] is not None:
        num(te["mean_days"], f"{d} mean dwell")
        if not (te["p50_days"] <= te["p90_days"] <= te["p99_days"]): fail(f"{d}: dwell percentiles out of order")
        num(te["max_over_mean"], f"{d} max_over_mean", 1)
    closed = [int(x["leave_day"]) - int(x["join_day"]) for x in m if x["censored"] == "0"]
    if closed and abs(te["mean_days"] - sum(closed) / len(closed)) > 1e-3 * max(1, te["mean_days"]):
        fail(f"{d}: mean dwell {te['mean_days']} vs {sum(closed) / len(closed)}")
sys.exit(0 if ok else 1)
PY
s=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["realism"]["capacity"]["reached_share"])' "$tmp/net/summary.json")
expect "replicating_network: groups reach the cap (they split there), share $s" "python3 -c 'import sys; sys.exit(not float(sys.argv[1]) > 0)' $s"
exit $fail

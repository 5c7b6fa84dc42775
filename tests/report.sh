#!/usr/bin/env bash
# The closing report of `shequn run` and `shequn compare` (README, "Running
# a scenario"; docs/OUTPUTS.md, summary.json "report"): a club whose
# capacity is far from binding is told so, with the real limit named; one
# whose capacity binds is told capacity; --lang zh speaks Chinese; the
# figures of summary.json are in range and agree with groups.csv; compare
# prints a report per scenario and a comparison line that agrees with
# comparison.csv.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# a paid club of 300 places, recruiting 5 people a day: it stays small
club="scenarios/well_run.json --replicates 12 --threads 2 --set group.capacity=300
  --set recruitment.entry.rule=paid --set recruitment.outreach.per_day=5"
# the well-run community in groups of 150: full
full="scenarios/well_run.json --replicates 12 --threads 2 --set group.capacity=150"
# shellcheck disable=SC2086
"$shequn" run $club -o "$tmp/club" > "$tmp/club.out" || bad "the club runs"
# shellcheck disable=SC2086
"$shequn" run $club -o "$tmp/club_zh" --lang zh > "$tmp/club_zh.out" || bad "the club runs in zh"
# shellcheck disable=SC2086
"$shequn" run $full -o "$tmp/full" > "$tmp/full.out" || bad "the full group runs"

json() { python3 -c "import json, sys; r = json.load(open('$1/summary.json'))['report']; print($2)"; }

main=$(json "$tmp/club" "r['main_limit']")
expect "club: the main limit is not capacity (got $main)" "[ -n '$main' ] && [ '$main' != capacity ]"
expect "club: summary.json warns that capacity was never approached" \
  "[ \"\$(json '$tmp/club' \"'capacity_never_approached' in r['warnings']\")\" = True ]"
words=$(python3 -c "print({'qr_join_limit': 'the QR-code join limit', 'entry_threshold': 'the entry threshold',
  'departures': 'departures', 'outreach': 'outreach', 'word_of_mouth': 'word of mouth'}.get('$main', '?'))")
expect "club: the warning says capacity (300) was never the limit and names the real one ($words)" \
  "grep -q '^warning: capacity (300) was never the limit: .*; growth was limited by $words\$' '$tmp/club.out'"
expect "club: 'what limited growth' explains the same limit" \
  "grep -q '^what limited growth: $words' '$tmp/club.out'"
expect "club: the report has the lifespan with its interval and the members" \
  "grep -q '^lifespan in days (Kaplan-Meier): median [0-9>]* (95% interval ' '$tmp/club.out' &&
   grep -q '^members: peak [0-9.]*, at the end [0-9.]* (medians over 12 replicates)' '$tmp/club.out'"
expect "club: the same report in Chinese" \
  "grep -q '^寿命（天，Kaplan-Meier）：中位数' '$tmp/club_zh.out' && grep -q '^增长受限于：' '$tmp/club_zh.out' &&
   grep -q '^注意：群容量（300）从未成为限制' '$tmp/club_zh.out' && ! grep -q 'what limited growth' '$tmp/club_zh.out'"
expect "club: the language changes the words, not the files" \
  "cmp -s '$tmp/club/groups.csv' '$tmp/club_zh/groups.csv'"

# every group outlives a short horizon: no median, so no interval to give
"$shequn" run scenarios/well_run.json --replicates 3 --set horizon_days=30 -o "$tmp/young" \
  > "$tmp/young.out" || bad "the short run runs"
"$shequn" run scenarios/well_run.json --replicates 3 --set horizon_days=30 -o "$tmp/young_zh" \
  --lang zh > "$tmp/young_zh.out" || bad "the short run runs in zh"
expect "short run: the median is beyond the horizon, with no interval" \
  "grep -q '^lifespan in days (Kaplan-Meier): median beyond the horizon (>30: fewer than half of the groups died), quartiles >30 and >30; 3 of 3 groups alive' '$tmp/young.out' &&
   ! grep -q '?' '$tmp/young.out' && grep -q '^寿命（天，Kaplan-Meier）：中位数超出模拟期（>30' '$tmp/young_zh.out'"

expect "full: capacity is the main limit" "[ \"\$(json '$tmp/full' \"r['main_limit']\")\" = capacity ]"
expect "full: the report says capacity, with no 'never the limit' warning" \
  "grep -q '^what limited growth: capacity: the largest group reached 150 members, its capacity 150' '$tmp/full.out' &&
   ! grep -q 'never the limit' '$tmp/full.out'"

python3 - "$tmp" <<'PY' && pass "summary.json's report: in range and agreeing with groups.csv" || bad "summary.json's report"
import csv, json, math, sys
tmp = sys.argv[1]
ok = True
def check(cond, msg):
    global ok
    if not cond:
        print("  " + msg); ok = False
for d, cap in (("club", 300), ("full", 150)):
    r = json.load(open(f"{tmp}/{d}/summary.json"))["report"]
    up = r["until_peak"]
    life = r["lifespan_days"]
    check(r["capacity"] == cap, f"{d}: capacity {r['capacity']}")
    check(life["ci_low"] is None or life["median"] is None or life["ci_low"] <= life["median"], f"{d}: ci_low")
    check(life["ci_high"] is None or life["median"] is None or life["median"] <= life["ci_high"], f"{d}: ci_high")
    check(0 < r["largest_group_peak_median"] <= cap, f"{d}: largest peak within the capacity")
    check(r["peak_members_median"] <= cap, f"{d}: one group: peak within the capacity")
    check(0 <= r["final_members_median"] <= r["peak_members_median"], f"{d}: final <= peak")
    check(abs(r["largest_peak_share_of_capacity"] - r["largest_group_peak_median"] / cap) < 1e-5, f"{d}: share of capacity")
    for k in ("groups_at_capacity_share", "days_at_capacity_share", "reach_share_of_population"):
        check(0 <= r[k] <= 1, f"{d}: {k} {r[k]}")
    for k in ("below_threshold_share", "declined_share", "left_share"):
        check(0 <= up[k] <= 1, f"{d}: {k} {up[k]}")
    check(up["below_threshold"] + up["declined"] <= up["reached"] + up["invited"], f"{d}: refusals within the offers")
    check(up["joined_by_outreach"] + up["joined_by_invitation"] <= up["joined"], f"{d}: newcomers within the joins")
    check(up["left"] <= up["joined"], f"{d}: leaves within the joins")
    check(r["main_limit"] == r["limits"][0], f"{d}: the main limit comes first")
    # groups.csv's inflow columns add up to until_peak
    rows = list(csv.DictReader(open(f"{tmp}/{d}/groups.csv")))
    for col, key in (("reached_to_peak", "reached"), ("invited_to_peak", "invited"),
                     ("below_threshold_to_peak", "below_threshold"), ("declined_to_peak", "declined"),
                     ("no_room_to_peak", "no_room"), ("outreach_joins_to_peak", "joined_by_outreach"),
                     ("invitation_joins_to_peak", "joined_by_invitation")):
        check(sum(int(x[col]) for x in rows) == up[key], f"{d}: groups.csv {col} against {key}")
    # timeseries.csv up to each group's peak day gives the joins and leaves
    peak = {(x["replicate"], x["group"]): int(x["peak_day"]) for x in rows}
    joins = leaves = 0
    for x in csv.DictReader(open(f"{tmp}/{d}/timeseries.csv")):
        if int(x["day"]) <= peak[(x["replicate"], x["group"])]:
            joins += int(x["joins"]); leaves += int(x["leaves"])
    check((joins, leaves) == (up["joined"], up["left"]), f"{d}: joins and leaves to the peak {joins} {leaves}")
full = json.load(open(f"{tmp}/full/summary.json"))["report"]
check(full["groups_at_capacity_share"] >= 0.5, "full: most groups reached the capacity")
check(full["until_peak"]["no_room"] > 0, "full: newcomers were turned away for lack of room")
sys.exit(0 if ok else 1)
PY

# compare: a report per scenario, then the comparison line
"$shequn" compare scenarios/well_run.json scenarios/sin_leaderless.json --replicates 12 --threads 2 \
  -o "$tmp/cmp" > "$tmp/cmp.out" || bad "compare runs"
expect "compare: a report per scenario" \
  "[ \"\$(grep -c '^what limited growth: ' '$tmp/cmp.out')\" = 2 ] && grep -q '^well_run:\$' '$tmp/cmp.out' && grep -q '^sin_leaderless:\$' '$tmp/cmp.out'"
expect "compare: well_run lives longest and grows biggest (as comparison.csv), intervals apart" \
  "awk -F, 'NR == 2 {w = \$4; wp = \$11} NR == 3 {l = \$4; lp = \$11} END {exit !(w > l && wp > lp)}' '$tmp/cmp/comparison.csv' &&
   grep -q '^comparison: well_run lives longest: median [0-9]* days, sin_leaderless [0-9]* days ([0-9]* days more; the 95% intervals do not overlap); well_run grows biggest: ' '$tmp/cmp.out'"
"$shequn" compare scenarios/well_run.json scenarios/sin_leaderless.json --replicates 12 --threads 2 \
  -o "$tmp/cmp_zh" --lang zh > "$tmp/cmp_zh.out" || bad "compare runs in zh"
expect "compare --lang zh: the reports and the comparison in Chinese" \
  "[ \"\$(grep -c '^增长受限于：' '$tmp/cmp_zh.out')\" = 2 ] && grep -q '^比较：well_run 寿命最长' '$tmp/cmp_zh.out'"

"$shequn" run scenarios/well_run.json --lang fr -o "$tmp/fr" > /dev/null 2> "$tmp/fr.err"
expect "--lang fr is refused with status 2" "[ \$? -eq 2 ] && grep -q 'lang' '$tmp/fr.err' && [ ! -e '$tmp/fr' ]"
exit $fail

#include "sim/commands/report.h"

#include <math.h>
#include <string.h>

/* Every sentence of the report in both languages, with the same arguments
 * in the same order. */
typedef struct words {
  const char *lifespan, *lifespan_beyond, *members, *no_newcomer, *inflow, *limited_by, *also, *and_, *warning;
  const char *limit[SQ_LIMIT_COUNT];   /* short names */
  const char *explain[SQ_LIMIT_COUNT]; /* the main limit with its figures */
  const char *no_outreach;             /* SQ_LIMIT_OUTREACH when outreach reached nobody */
  const char *capacity_never, *qr_never_too, *capacity_always, *population, *varied;
  const char *compare, *overlap, *no_overlap, *both_beyond;
} words;

static const words en = {
    .lifespan = "lifespan in days (Kaplan-Meier): median %s (95%% interval %s-%s), quartiles %s "
                "and %s; %zu of %zu groups alive at the horizon\n",
    .lifespan_beyond = "lifespan in days (Kaplan-Meier): median beyond the horizon (>%d: fewer "
                       "than half of the groups died), quartiles %s and %s; %zu of %zu groups "
                       "alive at the horizon\n",
    .members = "members: peak %s, at the end %s (medians over %u replicates)\n",
    .no_newcomer = "until its peak no newcomer joined: the largest group never grew beyond its "
                   "founders\n",
    .inflow = "until its peak, a group a day: outreach reached %.1f people and members invited "
              "%.1f; the entry rule refused %.0f%% of them and %.0f%% declined; %.2f joined, "
              "and %.0f%% of all who joined had left again\n",
    .limited_by = "what limited growth: ",
    .also = "; also: ",
    .and_ = ", ",
    .warning = "warning: ",
    .limit = {"capacity", "the QR-code join limit", "the entry threshold", "departures",
              "outreach", "word of mouth"},
    .explain =
        {[SQ_LIMIT_CAPACITY] = "capacity: the largest group reached %s members, its capacity "
                               "%s (medians); %.0f%% of groups were full on some day",
         [SQ_LIMIT_QR_JOIN_LIMIT] = "the QR-code join limit: outreach stops at %s members "
                                    "(group.qr_join_limit) and beyond it only invitations bring "
                                    "members; the largest group peaked at %s",
         [SQ_LIMIT_ENTRY_THRESHOLD] = "the entry threshold: it refused %.0f%% of the people "
                                      "reached or invited (recruitment.entry.*)",
         [SQ_LIMIT_DEPARTURES] = "departures: %.0f%% of those who joined had left by the peak "
                                 "(%.2f%% of members a day), so leaves caught up with joins",
         [SQ_LIMIT_OUTREACH] = "outreach: it reached %.1f people a group a day and brought "
                               "%.2f newcomers a day (recruitment.outreach.*)",
         [SQ_LIMIT_WORD_OF_MOUTH] = "word of mouth: members sent %.1f invitations a group a day, "
                                    "which brought %.2f newcomers a day "
                                    "(recruitment.word_of_mouth.*)"},
    .no_outreach = "outreach: it reached nobody (no schedule, or nobody to run it: "
                   "recruitment.outreach.*, team.*), and invitations brought %.2f newcomers a "
                   "group a day",
    .capacity_never = "capacity (%s) was never the limit: the largest group peaked at %s "
                      "members, %.0f%% of it%s; growth was limited by %s\n",
    .qr_never_too = ", and the QR-code join limit (%s) was never approached either",
    .capacity_always = "capacity (%s) was binding on %.0f%% of the groups' days: they were full "
                       "most of their lives; a larger capacity, or splitting into sub-groups "
                       "(replication.*), would hold more\n",
    .population = "outreach ran through the market: %.0f%% of the population joined a group at "
                  "some point (population.size)\n",
    .varied = "varied",
    .compare = "comparison: %s lives longest: median %s days, %s %s days (%s days more; the 95%% "
               "intervals %s); %s grows biggest: peak %s members, %s %s (%s more; the quartiles "
               "%s)\n",
    .overlap = "overlap",
    .no_overlap = "do not overlap",
    .both_beyond = "both beyond the horizon",
};

static const words zh = {
    .lifespan = "寿命（天，Kaplan-Meier）：中位数 %s（95%% 区间 %s-%s），四分位数 %s 和 %s；"
                "期末仍存活的群 %zu 个，共 %zu 个\n",
    .lifespan_beyond = "寿命（天，Kaplan-Meier）：中位数超出模拟期（>%d：死亡的群不到一半），"
                       "四分位数 %s 和 %s；期末仍存活的群 %zu 个，共 %zu 个\n",
    .members = "成员：峰值 %s 人，期末 %s 人（%u 次重复的中位数）\n",
    .no_newcomer = "峰值之前没有新成员加入：最大的群始终只有创始成员\n",
    .inflow = "峰值之前，平均每群每天：推广触达 %.1f 人，成员邀请 %.1f 人；入群门槛拒绝其中 "
              "%.0f%%，另有 %.0f%% 未接受；新加入 %.2f 人；所有加入者中 %.0f%% 又离开了\n",
    .limited_by = "增长受限于：",
    .also = "；另外：",
    .and_ = "、",
    .warning = "注意：",
    .limit = {"群容量", "二维码入群上限", "入群门槛", "成员流失", "推广", "口碑（老带新）"},
    .explain =
        {[SQ_LIMIT_CAPACITY] = "群容量：最大的群达到 %s 人，容量为 %s（中位数）；%.0f%% "
                               "的群曾经满员",
         [SQ_LIMIT_QR_JOIN_LIMIT] = "二维码入群上限：推广在 %s 人时停止（group.qr_join_limit），"
                                    "此后只有邀请能带来新成员；最大的群峰值 %s 人",
         [SQ_LIMIT_ENTRY_THRESHOLD] = "入群门槛：拒绝了被触达或被邀请者中的 %.0f%%"
                                      "（recruitment.entry.*）",
         [SQ_LIMIT_DEPARTURES] = "成员流失：到峰值时加入者中 %.0f%% 已离开（每天 %.2f%% "
                                 "的成员离开），离开追上了加入",
         [SQ_LIMIT_OUTREACH] = "推广：每群每天只触达 %.1f 人，带来 %.2f 名新成员"
                               "（recruitment.outreach.*）",
         [SQ_LIMIT_WORD_OF_MOUTH] = "口碑（老带新）：成员每群每天发出 %.1f 个邀请，带来 %.2f "
                                    "名新成员（recruitment.word_of_mouth.*）"},
    .no_outreach = "推广：没有触达任何人（没有推广计划，或无人负责推广：recruitment.outreach.*、"
                   "team.*），邀请每群每天带来 %.2f 名新成员",
    .capacity_never = "群容量（%s）从未成为限制：最大的群峰值 %s 人，仅为容量的 %.0f%%%s；"
                      "真正限制增长的是%s\n",
    .qr_never_too = "，二维码入群上限（%s）也从未接近",
    .capacity_always = "群容量（%s）在 %.0f%% 的群日里已满员：群一生大多处于满员状态；更大的"
                       "容量或分裂出子群（replication.*）能容纳更多人\n",
    .population = "市场已接近饱和：%.0f%% 的人口曾经入群（population.size）\n",
    .varied = "不定",
    .compare = "比较：%s 寿命最长：中位数 %s 天，%s 为 %s 天（多 %s 天；95%% 区间%s）；%s "
               "规模最大：峰值 %s 人，%s 为 %s 人（多 %s 人；四分位区间%s）\n",
    .overlap = "重叠",
    .no_overlap = "不重叠",
    .both_beyond = "均超出模拟期",
};

typedef struct text { char s[32]; } text;

/* A count or a median: whole, or with one decimal (a median of two). */
static text number(double v, const words *w) {
  text t;
  if (isnan(v))
    snprintf(t.s, sizeof t.s, "%s", w->varied);
  else
    snprintf(t.s, sizeof t.s, v == floor(v) ? "%.0f" : "%.1f", v);
  return t;
}

/* Days; beyond the horizon H (NaN): ">H", or `missing` when given. */
static text days(double v, int horizon, const char *missing) {
  text t;
  if (!isnan(v))
    snprintf(t.s, sizeof t.s, "%.0f", v);
  else if (missing)
    snprintf(t.s, sizeof t.s, "%s", missing);
  else
    snprintf(t.s, sizeof t.s, ">%d", horizon);
  return t;
}

static double percent(double share) { return isnan(share) ? 0 : 100 * share; }

static void explain_limit(FILE *f, const sq_growth *g, const words *w) {
  double newcomers = sq_growth_per_group_day(g, g->joined_by_outreach + g->joined_by_invitation);
  switch (g->main_limit) {
  case SQ_LIMIT_CAPACITY:
    fprintf(f, w->explain[SQ_LIMIT_CAPACITY], number(g->largest_peak, w).s,
            number(g->capacity, w).s, percent(g->groups_at_capacity_share));
    break;
  case SQ_LIMIT_QR_JOIN_LIMIT:
    fprintf(f, w->explain[SQ_LIMIT_QR_JOIN_LIMIT], number(g->qr_join_limit, w).s,
            number(g->largest_peak, w).s);
    break;
  case SQ_LIMIT_ENTRY_THRESHOLD:
    fprintf(f, w->explain[SQ_LIMIT_ENTRY_THRESHOLD],
            percent(sq_growth_below_threshold_share(g)));
    break;
  case SQ_LIMIT_DEPARTURES:
    fprintf(f, w->explain[SQ_LIMIT_DEPARTURES], percent(sq_growth_left_share(g)),
            percent(sq_growth_departure_rate(g)));
    break;
  case SQ_LIMIT_OUTREACH:
    if (g->reached > 0)
      fprintf(f, w->explain[SQ_LIMIT_OUTREACH], sq_growth_per_group_day(g, g->reached), newcomers);
    else
      fprintf(f, w->no_outreach, newcomers);
    break;
  case SQ_LIMIT_WORD_OF_MOUTH:
    fprintf(f, w->explain[SQ_LIMIT_WORD_OF_MOUTH], sq_growth_per_group_day(g, g->invited),
            newcomers);
    break;
  case SQ_LIMIT_COUNT:
    break;
  }
  const char *sep = w->also;
  for (int k = 0; k < SQ_LIMIT_COUNT; k++)
    if (g->limits[k] && k != (int)g->main_limit) {
      fprintf(f, "%s%s", sep, w->limit[k]);
      sep = w->and_;
    }
  fputc('\n', f);
}

void sq_report_print(FILE *f, const sq_lifespan_summary *s, int horizon, bool chinese) {
  const words *w = chinese ? &zh : &en;
  const sq_growth *g = &s->growth;
  if (isnan(s->median)) /* no interval to give either */
    fprintf(f, w->lifespan_beyond, horizon, days(s->q25, horizon, NULL).s,
            days(s->q75, horizon, NULL).s, s->censored, s->groups);
  else
    fprintf(f, w->lifespan, days(s->median, horizon, NULL).s,
            days(s->median_low, horizon, "?").s, days(s->median_high, horizon, NULL).s,
            days(s->q25, horizon, NULL).s, days(s->q75, horizon, NULL).s, s->censored,
            s->groups);
  fprintf(f, w->members, number(g->peak_members, w).s, number(g->final_members, w).s,
          s->replicates);
  if (g->joined_by_outreach + g->joined_by_invitation == 0)
    fputs(w->no_newcomer, f);
  else
    fprintf(f, w->inflow, sq_growth_per_group_day(g, g->reached),
            sq_growth_per_group_day(g, g->invited), percent(sq_growth_below_threshold_share(g)),
            percent(sq_growth_declined_share(g)),
            sq_growth_per_group_day(g, g->joined_by_outreach + g->joined_by_invitation),
            percent(sq_growth_left_share(g)));
  fputs(w->limited_by, f);
  explain_limit(f, g, w);
  if (g->capacity_never_approached) {
    char qr[160] = "";
    if (g->qr_never_approached)
      snprintf(qr, sizeof qr, w->qr_never_too, number(g->qr_join_limit, w).s);
    fprintf(f, "%s", w->warning);
    fprintf(f, w->capacity_never, number(g->capacity, w).s, number(g->largest_peak, w).s,
            percent(g->largest_peak_share_of_capacity), qr, w->limit[g->main_limit]);
  }
  if (g->capacity_always_binding) {
    fprintf(f, "%s", w->warning);
    fprintf(f, w->capacity_always, number(g->capacity, w).s, percent(g->days_at_capacity_share));
  }
  if (g->population_exhausted) {
    fprintf(f, "%s", w->warning);
    fprintf(f, w->population, percent(g->reach_share));
  }
}

/* [lo, hi] and [lo2, hi2] share a point; a missing bound is open-ended. */
static bool overlap(double lo, double hi, double lo2, double hi2) {
  return (isnan(lo) || isnan(hi2) || lo <= hi2) && (isnan(lo2) || isnan(hi) || lo2 <= hi);
}

/* Is entry i strictly ahead of j: longer-lived (a NaN median lifespan is
 * beyond the horizon: the longest), or bigger? */
static bool ahead(const sq_report_entry *e, int i, int j, bool lifespan) {
  if (!lifespan) return e[i].peak > e[j].peak;
  double a = e[i].summary->median, b = e[j].summary->median;
  return isnan(a) ? !isnan(b) : !isnan(b) && a > b;
}

/* The first entry in that order, and the next after it (the earlier wins a tie). */
static void best_two(const sq_report_entry *e, int n, bool lifespan, int *best, int *next) {
  *best = 0;
  for (int i = 1; i < n; i++)
    if (ahead(e, i, *best, lifespan)) *best = i;
  *next = -1;
  for (int i = 0; i < n; i++)
    if (i != *best && (*next < 0 || ahead(e, i, *next, lifespan))) *next = i;
}

void sq_report_compare(FILE *f, const sq_report_entry *e, int n, bool chinese) {
  if (n < 2) return;
  const words *w = chinese ? &zh : &en;
  int l, l2, p, p2;
  best_two(e, n, true, &l, &l2);
  best_two(e, n, false, &p, &p2);
  const sq_lifespan_summary *a = e[l].summary, *b = e[l2].summary;
  text more;
  if (isnan(a->median) && isnan(b->median))
    snprintf(more.s, sizeof more.s, "%s", w->both_beyond);
  else if (isnan(a->median))
    snprintf(more.s, sizeof more.s, ">%.0f", e[l].horizon - b->median);
  else
    snprintf(more.s, sizeof more.s, "%.0f", a->median - b->median);
  bool life_overlap = overlap(a->median_low, a->median_high, b->median_low, b->median_high);
  bool peak_overlap = overlap(e[p].peak_q25, e[p].peak_q75, e[p2].peak_q25, e[p2].peak_q75);
  fprintf(f, w->compare, e[l].name, days(a->median, e[l].horizon, NULL).s, e[l2].name,
          days(b->median, e[l2].horizon, NULL).s, more.s,
          life_overlap ? w->overlap : w->no_overlap, e[p].name, number(e[p].peak, w).s,
          e[p2].name, number(e[p2].peak, w).s, number(e[p].peak - e[p2].peak, w).s,
          peak_overlap ? w->overlap : w->no_overlap);
}

/* The rules of the growth report (sim/analysis/growth.c, docs/OUTPUTS.md,
 * summary.json "report"): each limit is the verdict on facts made to show
 * it, in the documented order, with the warnings the caps call for. */
#include <math.h>

#include "check.h"
#include "sim/analysis/growth.h"

/* A group of capacity 500 and QR limit 200 that grew to 100 members on
 * 100 days, by outreach mostly, refusing and losing few. */
static sq_growth plain(void) {
  return (sq_growth){.capacity = 500, .qr_join_limit = 200, .largest_peak = 100,
                     .largest_peak_share_of_capacity = 0.2, .largest_peak_share_of_qr = 0.5,
                     .group_days = 100, .member_days = 5000, .reached = 1000, .invited = 100,
                     .below_threshold = 100, .declined = 800, .joined = 105,
                     .joined_by_outreach = 80, .joined_by_invitation = 20, .left = 5};
}

static sq_limit judged(sq_growth g) {
  sq_growth_judge(&g);
  return g.main_limit;
}

int main(void) {
  sq_growth g = plain();
  sq_growth_judge(&g);
  CHECK(g.main_limit == SQ_LIMIT_OUTREACH && g.limits[SQ_LIMIT_OUTREACH],
        "nothing stands out, outreach brought most: outreach (got %s)",
        sq_limit_names[g.main_limit]);
  CHECK(g.capacity_never_approached && !g.qr_never_approached && !g.capacity_always_binding,
        "peak at 20%% of the capacity, 50%% of the QR limit: only capacity never approached");
  CHECK(fabs(sq_growth_below_threshold_share(&g) - 100.0 / 1100) < 1e-12 &&
            fabs(sq_growth_left_share(&g) - 5.0 / 105) < 1e-12 &&
            fabs(sq_growth_departure_rate(&g) - 0.001) < 1e-12,
        "shares: refused of those offered, left of those joined, departures a member-day");

  g = plain(), g.joined_by_invitation = 90;
  CHECK(judged(g) == SQ_LIMIT_WORD_OF_MOUTH, "invitations brought most: word of mouth");
  g = plain(), g.reached = 0, g.joined_by_outreach = 0, g.below_threshold = 10;
  CHECK(judged(g) == SQ_LIMIT_OUTREACH, "outreach reached nobody: outreach");

  g = plain(), g.below_threshold = 600;
  CHECK(judged(g) == SQ_LIMIT_ENTRY_THRESHOLD, "the rule refused 55%%: the entry threshold");
  g.left = 60;
  sq_growth_judge(&g);
  CHECK(g.main_limit == SQ_LIMIT_DEPARTURES && g.limits[SQ_LIMIT_ENTRY_THRESHOLD],
        "and 57%% of joiners left: departures first, the threshold also");

  g = plain(), g.largest_peak_share_of_qr = 0.96, g.largest_peak_share_of_capacity = 0.4,
  g.left = 60;
  CHECK(judged(g) == SQ_LIMIT_QR_JOIN_LIMIT, "the largest group at 96%% of the QR limit: it");
  g.reached = 0;
  CHECK(judged(g) == SQ_LIMIT_DEPARTURES, "but without outreach the QR limit does not apply");

  g = plain(), g.largest_peak_share_of_capacity = 0.95, g.largest_peak_share_of_qr = 2.4,
  g.below_threshold = 900;
  sq_growth_judge(&g);
  CHECK(g.main_limit == SQ_LIMIT_CAPACITY && !g.capacity_never_approached &&
            !g.limits[SQ_LIMIT_QR_JOIN_LIMIT],
        "the largest group at 95%% of the capacity: capacity, before everything else");
  g = plain(), g.groups_at_capacity_share = 0.5, g.days_at_capacity_share = 0.7;
  sq_growth_judge(&g);
  CHECK(g.main_limit == SQ_LIMIT_CAPACITY && g.capacity_always_binding,
        "half the groups full, 70%% of the days at the cap: capacity, always binding");

  g = plain(), g.largest_peak_share_of_qr = 0.3, g.largest_peak_share_of_capacity = 0.12;
  sq_growth_judge(&g);
  CHECK(g.capacity_never_approached && g.qr_never_approached, "both caps far: two warnings");
  g = plain(), g.capacity = NAN, g.largest_peak_share_of_capacity = 0.1;
  sq_growth_judge(&g);
  CHECK(!g.qr_never_approached, "a varied capacity: the QR limit is not compared with it");
  g = plain(), g.reach_share = 0.6;
  sq_growth_judge(&g);
  CHECK(g.population_exhausted, "60%% of the population joined: exhausted");
  g = plain(), g.reached = g.invited = g.below_threshold = g.declined = 0;
  sq_growth_judge(&g);
  CHECK(!g.limits[SQ_LIMIT_ENTRY_THRESHOLD] && isnan(sq_growth_below_threshold_share(&g)),
        "no offers: no share, no threshold limit");
  return CHECK_DONE();
}

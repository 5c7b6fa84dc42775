#include "sim/analysis/growth.h"

#include <math.h>

const char *const sq_limit_names[SQ_LIMIT_COUNT] = {
    [SQ_LIMIT_CAPACITY] = "capacity",
    [SQ_LIMIT_QR_JOIN_LIMIT] = "qr_join_limit",
    [SQ_LIMIT_ENTRY_THRESHOLD] = "entry_threshold",
    [SQ_LIMIT_DEPARTURES] = "departures",
    [SQ_LIMIT_OUTREACH] = "outreach",
    [SQ_LIMIT_WORD_OF_MOUTH] = "word_of_mouth",
};

static double ratio(double part, double whole) { return whole > 0 ? part / whole : NAN; }

double sq_growth_below_threshold_share(const sq_growth *g) {
  return ratio(g->below_threshold, g->reached + g->invited);
}

double sq_growth_declined_share(const sq_growth *g) {
  return ratio(g->declined, g->reached + g->invited);
}

double sq_growth_left_share(const sq_growth *g) { return ratio(g->left, g->joined); }

double sq_growth_per_group_day(const sq_growth *g, double x) { return ratio(x, g->group_days); }

double sq_growth_departure_rate(const sq_growth *g) { return ratio(g->left, g->member_days); }

/* NaN compares false: an undefined share never makes a limit. */
static bool at_least(double v, double threshold) { return v >= threshold; }

void sq_growth_judge(sq_growth *g) {
  for (int k = 0; k < SQ_LIMIT_COUNT; k++) g->limits[k] = false;
  bool *is = g->limits;
  is[SQ_LIMIT_CAPACITY] = at_least(g->largest_peak_share_of_capacity, SQ_LIMIT_BINDING) ||
                          at_least(g->groups_at_capacity_share, SQ_LIMIT_MOST);
  /* the QR limit is a cap of its own only below the capacity and with outreach */
  bool qr_applies = g->qr_join_limit < g->capacity && g->reached > 0;
  is[SQ_LIMIT_QR_JOIN_LIMIT] = qr_applies && !is[SQ_LIMIT_CAPACITY] &&
                               at_least(g->largest_peak_share_of_qr, SQ_LIMIT_BINDING);
  is[SQ_LIMIT_ENTRY_THRESHOLD] = at_least(sq_growth_below_threshold_share(g), SQ_LIMIT_MOST);
  is[SQ_LIMIT_DEPARTURES] = at_least(sq_growth_left_share(g), SQ_LIMIT_MOST);
  /* when nothing else stands out, the way in brought too few: outreach if
   * it reached nobody or brought most newcomers, else word of mouth */
  sq_limit channel = g->reached == 0 || g->joined_by_outreach >= g->joined_by_invitation
                         ? SQ_LIMIT_OUTREACH
                         : SQ_LIMIT_WORD_OF_MOUTH;
  if (is[SQ_LIMIT_CAPACITY])
    g->main_limit = SQ_LIMIT_CAPACITY;
  else if (is[SQ_LIMIT_QR_JOIN_LIMIT])
    g->main_limit = SQ_LIMIT_QR_JOIN_LIMIT;
  else if (is[SQ_LIMIT_DEPARTURES]) /* before the threshold, which refuses most by design */
    g->main_limit = SQ_LIMIT_DEPARTURES;
  else if (is[SQ_LIMIT_ENTRY_THRESHOLD])
    g->main_limit = SQ_LIMIT_ENTRY_THRESHOLD;
  else
    g->main_limit = channel;
  is[g->main_limit] = true;
  g->capacity_never_approached = !is[SQ_LIMIT_CAPACITY] &&
                                 g->largest_peak_share_of_capacity < SQ_LIMIT_FAR;
  g->capacity_always_binding = at_least(g->days_at_capacity_share, SQ_LIMIT_MOST);
  g->qr_never_approached = qr_applies && g->largest_peak_share_of_qr < SQ_LIMIT_FAR;
  g->population_exhausted = at_least(g->reach_share, SQ_LIMIT_MOST);
}

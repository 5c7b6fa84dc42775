/* What limited a scenario's growth: the facts of its runs and a verdict
 * by fixed rules (docs/OUTPUTS.md, summary.json "report").  The facts are
 * gathered by sim/io/output.c; shequn run and compare print them in plain
 * words (sim/commands/report.c). */
#ifndef SQ_GROWTH_H
#define SQ_GROWTH_H

#include <stdbool.h>

typedef enum sq_limit {
  SQ_LIMIT_CAPACITY,        /* groups filled up to group.capacity */
  SQ_LIMIT_QR_JOIN_LIMIT,   /* outreach stopped at group.qr_join_limit */
  SQ_LIMIT_ENTRY_THRESHOLD, /* the entry rule refused most of those offered a place */
  SQ_LIMIT_DEPARTURES,      /* most of those who joined had left again by the peak */
  SQ_LIMIT_OUTREACH,        /* outreach, the main way in, brought too few */
  SQ_LIMIT_WORD_OF_MOUTH,   /* invitations, the main way in, brought too few */
  SQ_LIMIT_COUNT
} sq_limit;

extern const char *const sq_limit_names[SQ_LIMIT_COUNT];

/* Thresholds of the rules (docs/OUTPUTS.md). */
#define SQ_LIMIT_BINDING 0.95 /* a cap binds when the largest group reaches 95% of it */
#define SQ_LIMIT_FAR 0.5      /* a cap was never approached below 50% of it */
#define SQ_LIMIT_MOST 0.5     /* "most": a share of at least one half */

typedef struct sq_growth {
  /* the scenario's caps; NaN when the scenario varies them */
  double capacity, qr_join_limit;
  /* medians over replicates */
  double peak_members;       /* most members of all groups together on one day */
  double final_members;      /* members of all groups on the horizon's last day */
  double largest_peak;       /* the largest group's peak */
  double largest_peak_share_of_capacity, largest_peak_share_of_qr;
  double reach_share;        /* agents who ever joined over population.size */
  /* over all groups */
  double groups_at_capacity_share; /* share of groups at their cap on some day */
  double days_at_capacity_share;   /* share of all group-days spent at the cap */
  /* sums over all groups of all replicates, from each group's birth to the
   * end of its peak day (its growth) */
  double group_days, member_days;
  double reached, invited, below_threshold, declined, no_room;
  double joined, joined_by_outreach, joined_by_invitation, left;
  /* the verdict (sq_growth_judge) */
  sq_limit main_limit;
  bool limits[SQ_LIMIT_COUNT];
  bool capacity_never_approached, capacity_always_binding, qr_never_approached;
  bool population_exhausted;
} sq_growth;

/* Shares of the facts; NaN when the whole is 0. */
double sq_growth_below_threshold_share(const sq_growth *g); /* of those reached or invited */
double sq_growth_declined_share(const sq_growth *g);        /* of those reached or invited */
double sq_growth_left_share(const sq_growth *g);            /* of those who joined */
/* x a day of a group's growth; departures a member and a day. */
double sq_growth_per_group_day(const sq_growth *g, double x);
double sq_growth_departure_rate(const sq_growth *g);

/* Fill the verdict of g from its facts by the rules of docs/OUTPUTS.md. */
void sq_growth_judge(sq_growth *g);

#endif

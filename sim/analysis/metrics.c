#include "sim/analysis/metrics.h"

#include <string.h>

#include "models/error.h"

/* The first group of a run: the one founded first (group 0). */
static const sq_group_record *first_group(const sq_run_result *r) {
  for (size_t k = 0; k < r->n_groups; k++)
    if (r->groups[k].group == 0) return &r->groups[k];
  return NULL;
}

static double lifespan(const sq_run_result *r) {
  const sq_group_record *g = first_group(r);
  return g ? g->lifespan_days : 0;
}
static double censored(const sq_run_result *r) {
  const sq_group_record *g = first_group(r);
  return g ? g->censored : 0;
}
static double peak_day(const sq_run_result *r) {
  const sq_group_record *g = first_group(r);
  return g ? g->peak_day : 0;
}
static double peak_members(const sq_run_result *r) { return (double)r->peak_total_members; }
static double reach(const sq_run_result *r) { return (double)r->reach; }
static double groups(const sq_run_result *r) { return (double)r->n_groups; }
static double peak_groups(const sq_run_result *r) { return r->peak_groups; }
static double member_steps(const sq_run_result *r) { return (double)r->member_steps; }

/* A sum over the rows of the run's last day, for the groups alive then. */
static double last_day_sum(const sq_run_result *r, size_t field) {
  double sum = 0;
  for (size_t k = 0; k < r->n_rows; k++) {
    const sq_day_row *x = &r->rows[k];
    if (x->day != r->days_run - 1 || x->stage == SQ_STAGE_DEATH) continue;
    sum += field == 0 ? x->active : x->members;
  }
  return sum;
}
static double final_active(const sq_run_result *r) { return last_day_sum(r, 0); }
static double final_members(const sq_run_result *r) { return last_day_sum(r, 1); }

static double posts(const sq_run_result *r) {
  double sum = 0;
  for (size_t k = 0; k < r->n_rows; k++) sum += r->rows[k].posts;
  return sum;
}

#define STAGE_DAYS(name, s)                          \
  static double name(const sq_run_result *r) {       \
    const sq_group_record *g = first_group(r);       \
    return g ? g->stage_days[s] : 0;                 \
  }
STAGE_DAYS(sprout_days, SQ_STAGE_SPROUT)
STAGE_DAYS(growth_days, SQ_STAGE_GROWTH)
STAGE_DAYS(active_days, SQ_STAGE_ACTIVE)
STAGE_DAYS(decline_days, SQ_STAGE_DECLINE)
STAGE_DAYS(death_days, SQ_STAGE_DEATH)

const sq_metric sq_metrics[] = {
    {"lifespan_days", "lifespan of the first group (to the horizon if alive there)", lifespan},
    {"censored", "1 if the first group was alive at the horizon, else 0", censored},
    {"peak_members", "most members over all groups on one day", peak_members},
    {"reach", "agents who ever joined a group", reach},
    {"groups", "groups ever created (founded or split off)", groups},
    {"final_active", "active members of the groups alive on the last day", final_active},
    {"final_members", "members of the groups alive on the last day", final_members},
    {"peak_groups", "most groups alive on one day", peak_groups},
    {"peak_day", "the day the first group was largest", peak_day},
    {"posts", "posts written over the run", posts},
    {"sprout_days", "days the first group spent in the sprout stage", sprout_days},
    {"growth_days", "days the first group spent growing", growth_days},
    {"active_days", "days the first group spent active", active_days},
    {"decline_days", "days the first group spent declining", decline_days},
    {"death_days", "silent days of the first group before it was found dead", death_days},
    {"member_steps", "member-days simulated", member_steps},
};
const size_t sq_metric_count = SQ_LEN(sq_metrics);
_Static_assert(SQ_LEN(sq_metrics) <= SQ_MAX_METRICS, "raise SQ_MAX_METRICS");

int sq_metric_find(const char *name) {
  for (size_t i = 0; i < sq_metric_count; i++)
    if (strcmp(sq_metrics[i].name, name) == 0) return (int)i;
  return -1;
}

/* Adding a mechanism (docs/ARCHITECTURE.md, "Adding a mechanism"): a test
 * plugs in mechanisms of its own through the descriptor table (the run
 * options' `mechanisms`) and checks
 * their effect on a run against the same run without them.
 *
 *   extra_leaving  a `terms` hook: every member's leaving hazard gains a
 *                  fixed EXTRA_LEAVE_PER_DAY, contributed to the vectorised
 *                  kernel as a per-day coefficient (no call per member);
 *   day_counter    a `born` hook that counts the groups it sees born and
 *                  a `close_day` hook that counts the group-days.
 *
 * The shipped table is copied and the new rows appended: draws of the
 * shipped mechanisms are keyed by purpose, not by order of calls, and a
 * mechanism appended after them changes nothing they do. */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "check.h"
#include "models/world.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

#define EXTRA_LEAVE_PER_DAY 0.0137 /* about one member in 73 a day */

static double extra_leave = 0; /* the plug-in's setting, per test */
static size_t group_days = 0;  /* what day_counter saw (runs are single-threaded here) */
static size_t groups_born = 0;

static void extra_leaving_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)w, (void)g, (void)day;
  t->base_leave += extra_leave;
}

static const sq_mechanism extra_leaving = {
    .name = "extra_leaving",
    .doc = "a fixed extra leaving hazard for every member (a test's plug-in)",
    .terms = extra_leaving_terms,
};

static void day_counter_close_day(sq_world *w, sq_group *g, int day) {
  (void)w, (void)g, (void)day;
  group_days++;
}

static void day_counter_born(sq_world *w, sq_group *g, int day) {
  (void)w, (void)g, (void)day;
  groups_born++;
}

static const sq_mechanism day_counter = {
    .name = "day_counter",
    .doc = "counts the groups born and the group-days the engine closes (a test's plug-in)",
    .born = day_counter_born, .close_day = day_counter_close_day,
};

/* The shipped table with `extra` appended (room for 63 mechanisms). */
static const sq_mechanism *table[64];
static void build_table(const sq_mechanism *extra) {
  size_t n = 0;
  while (sq_mechanisms[n]) table[n] = sq_mechanisms[n], n++;
  table[n++] = extra;
  table[n] = NULL;
}

static sq_run_result run(const sq_scenario *sc, const sq_mechanism *const *mechanisms) {
  sq_population pop;
  sq_error err = {0};
  sq_run_result r;
  sq_run_options opt = {.threads = 1, .record_members = true, .mechanisms = mechanisms};
  if (sq_population_init(&pop, sc, (uint64_t)sc->seed, 1, &err) ||
      sq_run(sc, &pop, 0, &opt, &r, &err)) {
    printf("FAIL: %s\n", err.message);
    exit(1);
  }
  sq_population_free(&pop);
  return r;
}

static bool same_rows(const sq_run_result *a, const sq_run_result *b) {
  if (a->n_rows != b->n_rows || a->n_members != b->n_members) return false;
  for (size_t k = 0; k < a->n_rows; k++) {
    const sq_day_row *x = &a->rows[k], *y = &b->rows[k];
    if (x->day != y->day || x->group != y->group || x->members != y->members ||
        x->active != y->active || x->joins != y->joins || x->leaves != y->leaves ||
        x->posts != y->posts || x->mean_engagement != y->mean_engagement)
      return false;
  }
  return true;
}

/* Leaves and member-days of group 0 over its first `days` days. */
static void tally(const sq_run_result *r, int days, double *leaves, double *member_days) {
  *leaves = *member_days = 0;
  for (size_t k = 0; k < r->n_rows; k++)
    if (r->rows[k].group == 0 && r->rows[k].day < days) {
      *leaves += r->rows[k].leaves;
      *member_days += r->rows[k].members;
    }
}

int main(void) {
  gsl_set_error_handler_off();
  sq_scenario sc;
  sq_error err = {0};
  if (sq_scenario_read(&sc, "scenarios/well_run.json", NULL, &err)) {
    printf("FAIL: %s\n", err.message);
    return 1;
  }
  sc.horizon_days = 240;
  sc.replication.enabled = false; /* one group: its rows are the whole run */
  /* every member leaves alike (no frailty, no commitment deepening with
   * tenure), so that belonging alone damps the plug-in's hazard below */
  sc.population.leave_frailty_variance = 0;
  sc.engagement.tenure_halving_days = 0;

  int named = 1;
  for (size_t k = 0; sq_mechanisms[k]; k++)
    named &= sq_mechanisms[k]->name && sq_mechanisms[k]->doc && *sq_mechanisms[k]->doc;
  CHECK(named, "every shipped mechanism has a name and a line of what it models");

  sq_run_result shipped = run(&sc, sq_mechanisms);
  sq_run_result via_run;
  {
    sq_population pop;
    sq_run_options opt = {.threads = 1, .record_members = true};
    if (sq_population_init(&pop, &sc, (uint64_t)sc.seed, 1, &err) ||
        sq_run(&sc, &pop, 0, &opt, &via_run, &err)) {
      printf("FAIL: %s\n", err.message);
      return 1;
    }
    sq_population_free(&pop);
  }
  CHECK(same_rows(&shipped, &via_run), "no table in the options is the shipped table");

  /* A plug-in with nothing to add leaves the run as it was. */
  build_table(&extra_leaving);
  extra_leave = 0;
  sq_run_result idle = run(&sc, table);
  CHECK(same_rows(&shipped, &idle), "extra_leaving at 0/day: the same run, row for row");

  /* With a hazard of its own, members leave sooner. */
  extra_leave = EXTRA_LEAVE_PER_DAY;
  sq_run_result harsh = run(&sc, table);
  double leaves0, days0, leaves1, days1;
  tally(&shipped, 60, &leaves0, &days0);
  tally(&harsh, 60, &leaves1, &days1);
  double rate0 = leaves0 / days0, rate1 = leaves1 / days1;
  /* Belonging damps a hazard (by at most engagement.belonging_protection),
   * so the leaving rate must rise by at least that share of the extra;
   * over ~10^4 member-days its standard error is ~0.001/day, far below. */
  double floor = (1 - sc.engagement.belonging_protection) * EXTRA_LEAVE_PER_DAY;
  CHECK(rate1 - rate0 >= floor,
        "extra_leaving at %.4f/day: leaving rate %.4f -> %.4f a member-day over 60 days "
        "(rise at least %.4f)",
        EXTRA_LEAVE_PER_DAY, rate0, rate1, floor);
  CHECK(harsh.rows[59].members < shipped.rows[59].members,
        "extra_leaving: %u members on day 59 against %u without it", harsh.rows[59].members,
        shipped.rows[59].members);

  /* A close_day hook is called once for every group-day written. */
  build_table(&day_counter);
  group_days = groups_born = 0;
  sq_run_result counted = run(&sc, table);
  CHECK(groups_born == counted.n_groups && groups_born > 0,
        "day_counter saw %zu groups born, one per group record (%zu)", groups_born,
        counted.n_groups);
  CHECK(group_days == counted.n_rows && same_rows(&shipped, &counted),
        "day_counter saw %zu group-days, one per row (%zu), and changed nothing", group_days,
        counted.n_rows);

  sq_result_free(&shipped);
  sq_result_free(&via_run);
  sq_result_free(&idle);
  sq_result_free(&harsh);
  sq_result_free(&counted);
  return CHECK_DONE();
}

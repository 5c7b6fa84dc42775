/* The bookkeeping of the model's mechanisms, checked on small runs:
 * replication (spells, parents, capacity), settings drawn per replicate,
 * the core team (burnout, succession), a closed group, hard selling, the
 * market's renewal (late entrants, former members returning). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "check.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

static sq_scenario read(const char *path) {
  sq_scenario sc;
  sq_error err = {0};
  if (sq_scenario_read(&sc, path, NULL, &err)) {
    printf("%s\n", err.message);
    exit(1);
  }
  return sc;
}

/* Run replicate `rep` of sc with `threads`, keeping members' records. */
static sq_run_result run(const sq_scenario *sc, uint32_t rep, int threads) {
  sq_population pop;
  sq_error err = {0};
  sq_run_result r;
  sq_population_init(&pop, sc, (uint64_t)sc->seed, threads, &err);
  sq_run_options opt = {.threads = threads, .record_members = true};
  if (sq_run(sc, &pop, rep, &opt, &r, &err)) {
    printf("%s\n", err.message);
    exit(1);
  }
  sq_population_free(&pop);
  return r;
}

static int by_member_then_day(const void *a, const void *b) {
  const sq_member_record *x = a, *y = b;
  if (x->member != y->member) return x->member < y->member ? -1 : 1;
  return (x->join_day > y->join_day) - (x->join_day < y->join_day);
}

static void test_replication(void) {
  sq_scenario sc = read("scenarios/replicating_network.json");
  sc.horizon_days = 900;
  /* A split needs a group that grows past its threshold, and about half the
   * groups never do: look at the first of 8 replicates that split at least
   * three times (0.5^8 < 0.4% that none grows, were they independent). */
  sq_run_result r = {0};
  size_t children = 0;
  for (uint32_t rep = 0; rep < 8 && children < 3; rep++) {
    if (rep > 0) sq_result_free(&r);
    r = run(&sc, rep, 2);
    children = 0;
    for (size_t k = 0; k < r.n_groups; k++) children += r.groups[k].parent >= 0;
  }
  int parents_ok = 1, cooldown_ok = 1;
  for (size_t k = 0; k < r.n_groups; k++) {
    const sq_group_record *g = &r.groups[k];
    if (g->parent < 0) continue;
    const sq_group_record *p = NULL;
    for (size_t j = 0; j < r.n_groups; j++)
      if (r.groups[j].group == g->parent) p = &r.groups[j];
    parents_ok &= p != NULL && p->born_day <= g->born_day;
    cooldown_ok &= p && g->born_day - p->born_day >= sc.replication.cooldown_days;
  }
  CHECK(children >= 3, "groups split: %zu sub-groups within %d days in the first replicate of 8 "
        "that split", children, sc.horizon_days);
  CHECK(parents_ok && cooldown_ok, "every sub-group names an earlier group as its parent, at "
        "least replication.cooldown_days after the parent's founding");
  int within_cap = 1;
  for (size_t k = 0; k < r.n_rows; k++) within_cap &= r.rows[k].members <= (uint32_t)sc.group.capacity;
  CHECK(within_cap, "no group ever holds more than group.capacity members");

  /* an agent is in one group at a time; a move ends one spell the day the next begins */
  qsort(r.members, r.n_members, sizeof *r.members, by_member_then_day);
  int disjoint = 1, moves = 0;
  for (size_t k = 1; k < r.n_members; k++) {
    const sq_member_record *a = &r.members[k - 1], *b = &r.members[k];
    if (a->member != b->member) continue;
    disjoint &= a->leave_day >= 0 && a->leave_day <= b->join_day;
    moves += a->leave_day == b->join_day && a->group != b->group;
  }
  CHECK(disjoint, "an agent's membership spells never overlap");
  CHECK(moves > 100, "%d members moved into sub-groups on the day of a split", moves);
  sq_result_free(&r);
}

static void test_vary(void) {
  sq_scenario sc = read("scenarios/everyday_groups.json");
  sc.horizon_days = 20;
  double first[8][SQ_MAX_VARY];
  int in_range = 1, integral = 1;
  for (uint32_t rep = 0; rep < 8; rep++) {
    sq_run_result r = run(&sc, rep, 1);
    memcpy(first[rep], r.varied, sizeof first[rep]);
    for (int k = 0; k < sc.vary.count; k++) {
      const sq_vary_item *it = &sc.vary.item[k];
      double v = r.varied[k];
      if (it->has_values) {
        int found = 0;
        for (int j = 0; j < it->n_values; j++) found |= it->values[j] == v;
        in_range &= found;
      } else {
        in_range &= v >= it->min && v <= it->max;
        if (it->param->type != SQ_PARAM_REAL) integral &= v == floor(v);
      }
    }
    sq_result_free(&r);
  }
  CHECK(in_range, "drawn settings lie within their ranges or lists");
  CHECK(integral, "integer keys are drawn as integers");
  int differ = 0;
  for (int k = 0; k < sc.vary.count; k++) differ += first[0][k] != first[1][k];
  CHECK(differ >= sc.vary.count / 2, "replicates draw their own settings (%d of %d differ)", differ,
        sc.vary.count);
  sq_run_result again = run(&sc, 5, 2);
  CHECK(memcmp(again.varied, first[5], sizeof first[5]) == 0,
        "a replicate's settings are the same on another run with other threads");
  sq_result_free(&again);
  sq_scenario out;
  sq_error err = {0};
  double drawn[SQ_MAX_VARY];
  sq_scenario_vary(&sc, 5, &out, drawn, &err);
  CHECK(out.group.founders == (int)drawn[0] && sc.vary.item[0].param == sq_param_find("group.founders"),
        "the drawn value is the value the replicate runs with (group.founders = %d)",
        out.group.founders);
}

static void test_team(void) {
  sq_scenario sc = read("scenarios/well_run.json");
  sc.team.burnout_per_year = 2.385; /* organisers last months, not years */
  sc.team.burnout_spread = 0;
  sc.team.discouragement = 0;
  sc.horizon_days = 600;
  sq_run_result r = run(&sc, 0, 1);
  int successions = 0, leaderless_day = -1;
  float last = 1;
  for (size_t k = 0; k < r.n_rows; k++) {
    float e = r.rows[k].leader_energy;
    if (e > last + 0.05f) successions++;
    if (e == 0 && leaderless_day < 0) leaderless_day = r.rows[k].day;
    last = e;
  }
  /* owner: 0.8 / (2.385/365) = 122 days; two managers then take over */
  CHECK(successions == 2, "two managers succeed the owner in turn (%d successions)", successions);
  CHECK(leaderless_day > 122 && leaderless_day < 400,
        "with the team spent the group is leaderless from day %d", leaderless_day);
  sq_result_free(&r);

  sc = read("scenarios/sin_leaderless.json");
  sc.horizon_days = 30;
  r = run(&sc, 0, 1);
  int never = 1;
  for (size_t k = 0; k < r.n_rows; k++) never &= r.rows[k].leader_energy == 0;
  CHECK(never, "without an owner or managers a group is never led");
  sq_result_free(&r);
}

static void test_closed_and_selling(void) {
  sq_scenario sc = read("scenarios/sin_staleness.json");
  sc.horizon_days = 200;
  sq_run_result r = run(&sc, 0, 1);
  uint32_t late_joins = 0, early_joins = 0;
  for (size_t k = 0; k < r.n_rows; k++)
    if (r.rows[k].day >= sc.recruitment.closed_after_days)
      late_joins += r.rows[k].joins;
    else
      early_joins += r.rows[k].joins;
  CHECK(early_joins > 20 && late_joins == 0, "a closed group admits %u before day %d and none after",
        early_joins, sc.recruitment.closed_after_days);
  sq_result_free(&r);

  sc = read("scenarios/well_run.json");
  sc.horizon_days = 60;
  sc.population.spammer_share = 0;
  r = run(&sc, 0, 1);
  uint32_t quiet = 0;
  for (size_t k = 0; k < r.n_rows; k++) quiet += r.rows[k].ads;
  sq_result_free(&r);
  sc.marketing.ads_per_day = 23.85;
  r = run(&sc, 0, 1);
  uint32_t selling = 0;
  for (size_t k = 0; k < r.n_rows; k++) selling += r.rows[k].ads;
  double expected = 23.85 * 60;
  CHECK(quiet == 0 && fabs(selling - expected) < 4 * sqrt(expected),
        "hard selling: %u ads in 60 days from the operator, about 23.85 a day (none without it)",
        selling);
  sq_result_free(&r);
}

/* Late entrants are never reached before their arrival day; former
 * members come back only after returning.after_days away, and never when
 * returning.acceptance is 0; reach counts each agent once. */
static void test_renewal(void) {
  sq_scenario sc = read("scenarios/well_run.json");
  sc.horizon_days = 400;
  sc.population.arrival_share = 0.5;
  sc.population.arrival_days = 200;
  sc.recruitment.returning.acceptance = 1;
  sc.recruitment.returning.after_days = 60;
  sq_population pop;
  sq_error err = {0};
  sq_population_init(&pop, &sc, (uint64_t)sc.seed, 1, &err);
  sq_run_result r = run(&sc, 3, 2);
  sq_population view = sq_population_view(&pop, 3);
  int arrived = 1, late = 0, away = 1, returns = 0;
  size_t agents = 0;
  for (size_t k = 0; k < r.n_members; k++) {
    int32_t a = sq_agent_arrival_day(&view, r.members[k].member);
    arrived &= a <= r.members[k].join_day;
    late += a > 0;
  }
  qsort(r.members, r.n_members, sizeof *r.members, by_member_then_day);
  for (size_t k = 0; k < r.n_members; k++) {
    const sq_member_record *b = &r.members[k];
    if (k == 0 || r.members[k - 1].member != b->member) {
      agents++;
      continue;
    }
    const sq_member_record *a = &r.members[k - 1];
    away &= a->leave_day >= 0 && b->join_day - a->leave_day >= sc.recruitment.returning.after_days;
    returns++;
  }
  CHECK(arrived && late > 0, "no member joins before its arrival day (%d spells of late entrants)",
        late);
  CHECK(away && returns > 0, "%d former members came back, each after %d days away or more",
        returns, sc.recruitment.returning.after_days);
  CHECK(r.reach == agents, "reach counts each agent once (%llu agents, %zu spells)",
        (unsigned long long)r.reach, r.n_members);
  sq_result_free(&r);
  sc.recruitment.returning.acceptance = 0;
  r = run(&sc, 3, 2);
  qsort(r.members, r.n_members, sizeof *r.members, by_member_then_day);
  returns = 0;
  for (size_t k = 1; k < r.n_members; k++) returns += r.members[k - 1].member == r.members[k].member;
  CHECK(returns == 0, "with returning.acceptance 0 nobody who has left joins again (%d)", returns);
  sq_result_free(&r);
  sq_population_free(&pop);
}

int main(void) {
  gsl_set_error_handler_off();
  test_replication();
  test_vary();
  test_team();
  test_closed_and_selling();
  test_renewal();
  return CHECK_DONE();
}

/* `shequn serve`'s request handling without sockets (sim/serve/api.c): the
 * scenario list, a request read as the command line reads --set, the
 * server's limits, the day rows summed over groups, the stage bands, the
 * survival and the log-rank verdict's direction. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sim/serve/api.h"

static const sq_serve_limits limits = {200000, 2000, 20, 4};

static int resolve(const sq_scenario_list *list, const char *body, sq_scenario *sc,
                   sq_error *err) {
  memset(err, 0, sizeof *err);
  return sq_api_resolve(list, &limits, body, strlen(body), sc, err);
}

int main(void) {
  static sq_scenario_list list;
  sq_error err = {0};
  CHECK(sq_api_list_scenarios("scenarios", &list, &err) == 0, "list scenarios/ (%s)", err.message);
  bool well_run = false, sweep = false;
  for (int i = 0; i < list.count; i++) {
    well_run |= strcmp(list.name[i], "well_run") == 0;
    sweep |= strcmp(list.name[i], "sweep_example") == 0;
  }
  CHECK(well_run && !sweep, "well_run is listed, the sweep file is not (%d scenarios)", list.count);
  CHECK(sq_api_list_scenarios("no/such/dir", &(sq_scenario_list){0}, &err) == SQ_ERUNTIME,
        "a missing folder: %s", err.message);

  static sq_scenario sc;
  int rc = resolve(&list, "{\"scenario\":\"well_run\",\"seed\":5,\"replicates\":3,"
                          "\"set\":{\"rules.strictness\":0,\"recruitment.entry.rule\":\"open\"}}",
                   &sc, &err);
  CHECK(rc == 0 && sc.seed == 5 && sc.replicates == 3 && sc.rules.strictness == 0 &&
            sc.recruitment.entry.rule == 0 && sc.horizon_days == 1460,
        "a request: seed, replicates, a number and a choice set over well_run (%s)", err.message);

  static const struct {
    const char *body, *message;
  } bad[] = {
      {"{\"scenario\":\"well_run\",\"set\":{\"rules.strictness\":1.5}}",
       "--set: rules.strictness: must be between 0 and 1 inclusive (got 1.5)"},
      {"{\"scenario\":\"well_run\",\"set\":{\"group.founders\":600}}",
       "scenarios/well_run.json with --set: group.founders: must be less than group.capacity "
       "(500), got 600"},
      {"{\"scenario\":\"well_run\",\"set\":{\"name\":\"x\"}}",
       "request: set: name: cannot be set from the page"},
      {"{\"scenario\":\"/etc/passwd\"}",
       "request: scenario: no shipped scenario is called '/etc/passwd' (GET /api/scenarios lists "
       "them)"},
      {"{\"scenario\":\"well_run\"} x", /* the x */
       "request: not valid JSON (at byte 25 of 25)"},
      {"{\"scenario\":\"well_run\",\"replicates\":0}",
       "request: replicates: must be a whole number between 1 and 1000000 (got 0)"},
      {"{\"scenario\":\"well_run\"}",
       "scenarios/well_run.json: replicates: at most 20 on this server (shequn serve "
       "--max-replicates), got 200"},
  };
  for (size_t i = 0; i < SQ_LEN(bad); i++) {
    rc = resolve(&list, bad[i].body, &sc, &err);
    CHECK(rc == SQ_EINPUT && strcmp(err.message, bad[i].message) == 0, "%s -> %s", bad[i].body,
          err.message);
    CHECK(!strstr(err.message, list.dir) || list.dir[0] != '/', "no server path in: %s",
          err.message);
  }

  /* a day: two groups' rows summed */
  sq_day_row rows[2] = {{.day = 9, .group = 0, .members = 10, .active = 4, .joins = 2, .posts = 7},
                        {.day = 9, .group = 3, .members = 5, .active = 1, .leaves = 1}};
  char *day = sq_api_day_json(9, rows, 2);
  CHECK(day && strcmp(day, "{\"day\":9,\"members\":15,\"active\":5,\"groups\":2,\"joins\":2,"
                           "\"leaves\":1,\"posts\":7}") == 0,
        "a day's rows summed: %s", day);
  free(day);

  /* stage bands of group 0 only */
  sq_day_row life[6] = {{.day = 0, .group = 0, .stage = SQ_STAGE_SPROUT},
                        {.day = 1, .group = 0, .stage = SQ_STAGE_SPROUT},
                        {.day = 1, .group = 1, .stage = SQ_STAGE_DEATH},
                        {.day = 2, .group = 0, .stage = SQ_STAGE_GROWTH},
                        {.day = 3, .group = 0, .stage = SQ_STAGE_DECLINE},
                        {.day = 4, .group = 0, .stage = SQ_STAGE_DECLINE}};
  sq_run_result r = {.rows = life, .n_rows = 6};
  char *bands = sq_api_stages_json(&r);
  CHECK(bands && strcmp(bands, "{\"bands\":[{\"stage\":\"sprout\",\"from\":0,\"to\":1},"
                               "{\"stage\":\"growth\",\"from\":2,\"to\":2},"
                               "{\"stage\":\"decline\",\"from\":3,\"to\":4}]}") == 0,
        "stage bands of group 0: %s", bands);
  free(bands);

  /* survival: 4 groups, 2 died, 2 censored at 100 */
  const double time[] = {10, 20, 100, 100};
  const bool died[] = {1, 1, 0, 0};
  char *s = sq_api_survival_json(time, died, 4);
  CHECK(s && strstr(s, "\"groups\":4,\"deaths\":2,\"median\":20,") &&
            strstr(s, "[0,1,1,1]") && strstr(s, "[100,0.5,"),
        "survival: median 20 (S falls to 0.5 at 20), held to the last observation: %s", s);
  free(s);

  /* A dies early, B late: B lives longer, and the reverse */
  const double early[] = {5, 6, 7, 8, 9, 10, 11, 12}, late[] = {50, 60, 70, 80, 90, 95, 99, 100};
  const bool all[] = {1, 1, 1, 1, 1, 1, 1, 1};
  char *v = sq_api_logrank_json(early, all, 8, late, all, 8);
  CHECK(v && strstr(v, "\"en\":\"B's groups live longer than A's"),
        "the verdict: B lives longer when A dies early: %s", v);
  free(v);
  v = sq_api_logrank_json(late, all, 8, early, all, 8);
  CHECK(v && strstr(v, "\"en\":\"A's groups live longer than B's"), "and the reverse: %s", v);
  free(v);
  v = sq_api_logrank_json(early, all, 8, early, all, 8);
  CHECK(v && strstr(v, "No clear difference") && strstr(v, "没有明显差别"),
        "no difference between equal samples: %s", v);
  free(v);
  return CHECK_DONE();
}

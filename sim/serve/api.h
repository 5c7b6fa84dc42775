/* `shequn serve`'s requests, without the sockets: parsing and checking
 * what a page sends, and the JSON it gets back (docs/SERVE_API.md).  Every
 * function here is pure (no threads, no network), so tests call it
 * directly; sim/serve/http.c is the glue to libmicrohttpd and
 * sim/serve/runs.c runs what was asked for. */
#ifndef SQ_SERVE_API_H
#define SQ_SERVE_API_H

#include <stdbool.h>
#include <stddef.h>

#include "models/error.h"
#include "models/params.h"
#include "models/results.h"

/* What one server allows a page to ask for (`shequn serve --max-*`). */
typedef struct sq_serve_limits {
  long long max_population; /* population.size */
  long long max_horizon;    /* horizon_days */
  long long max_replicates; /* replicates */
  long long max_runs;       /* runs going (or waiting for their page) at once */
} sq_serve_limits;

#define SQ_SERVE_MAX_SCENARIOS 64
#define SQ_SERVE_MAX_BODY 65536 /* bytes of a request's body */

/* The shipped scenarios a page may name: the scenario files (not sweeps)
 * of one folder, by name without ".json", sorted. */
typedef struct sq_scenario_list {
  char dir[4096];
  int count;
  char name[SQ_SERVE_MAX_SCENARIOS][SQ_NAME_MAX];
} sq_scenario_list;

/* List the scenarios of `dir`; SQ_ERUNTIME when it cannot be read or holds
 * none. */
int sq_api_list_scenarios(const char *dir, sq_scenario_list *list, sq_error *err);

/* GET /api/scenarios: each scenario's names, descriptions in both
 * languages, run settings and the values of the strategy keys.  Caller
 * frees; NULL when out of memory. */
char *sq_api_scenarios_json(const sq_scenario_list *list);

/* GET /api/keys: the strategy keys the page shows, each with its type,
 * unit, range, default, choices, a slider's range and its meaning in
 * English and Chinese (models/params.c, models/params_zh.c); and the
 * server's limits. */
char *sq_api_keys_json(const sq_serve_limits *limits);

/* The body of POST /api/scenario and POST /api/runs:
 *   {"scenario": NAME, "set": {KEY: VALUE, ...}, "seed": N, "replicates": N}
 * (all but "scenario" optional).  Reads the named shipped scenario with
 * the settings as `shequn run --set KEY=VALUE --seed N --replicates N`
 * would, so messages are the command line's, then checks the server's
 * limits.  body[length] must be '\0'.  0, or SQ_EINPUT with a located
 * message. */
int sq_api_resolve(const sq_scenario_list *list, const sq_serve_limits *limits, const char *body,
                   size_t length, sq_scenario *sc, sq_error *err);

/* {"error": MESSAGE}. */
char *sq_api_error_json(const char *message);

/* Day `day`'s rows of a run (rows[0..n), one per group alive) summed over
 * the groups, as one JSON object:
 *   {"day":D,"members":..,"active":..,"groups":..,"joins":..,"leaves":..,"posts":..} */
char *sq_api_day_json(int day, const sq_day_row *rows, size_t n);

/* The stages of the run's first group (group 0) as bands of days:
 *   {"bands":[{"stage":"sprout","from":0,"to":11}, ...]}  (to inclusive) */
char *sq_api_stages_json(const sq_run_result *r);

/* The Kaplan-Meier survival of lifespans (time[i], died[i]: an event, not
 * censored at the horizon): {"groups":N,"deaths":D,"median":M or null,
 * "steps":[[day, survival, lower, upper], ...]} with 95% Greenwood bands. */
char *sq_api_survival_json(const double *time, const bool *died, size_t n);

/* The log-rank test of A's lifespans against B's, with a verdict in both
 * languages: {"chi2":..,"p_value":..,"observed_a":..,"expected_a":..,
 * "groups_a":..,"groups_b":..,"verdict":{"en":..,"zh":..}}. */
char *sq_api_logrank_json(const double *time_a, const bool *died_a, size_t n_a,
                          const double *time_b, const bool *died_b, size_t n_b);

#endif

#include "sim/serve/api.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/params_zh.h"
#include "sim/analysis/survival.h"
#include "sim/io/scenario.h"
#include "sim/io/sweep.h"

/* The strategy keys the page offers, by the sources' names for them, with
 * the range a slider spans (within the key's own range, which the server
 * enforces). */
typedef struct strategy_key {
  const char *strategy; /* pacing, entry, rules, old_brings_new, replication, rituals, team */
  const char *path;
  double slider_min, slider_max, step; /* numbers only */
} strategy_key;

static const strategy_key strategy_keys[] = {
    {"pacing", "recruitment.outreach.schedule", 0, 0, 0},
    {"pacing", "recruitment.outreach.per_day", 0, 200, 1},
    {"entry", "recruitment.entry.rule", 0, 0, 0},
    {"entry", "recruitment.entry.fit_threshold", 0, 1, 0.05},
    {"rules", "rules.strictness", 0, 1, 0.05},
    {"old_brings_new", "recruitment.word_of_mouth.enabled", 0, 0, 0},
    {"old_brings_new", "mentoring.enabled", 0, 0, 0},
    {"replication", "replication.enabled", 0, 0, 0},
    {"rituals", "rituals.sharing.every_days", 0, 60, 1},
    {"rituals", "rituals.meetup.every_days", 0, 365, 5},
    {"team", "team.owner", 0, 0, 0},
    {"team", "team.managers", 0, 10, 1},
    {"team", "team.succession", 0, 0, 0},
};

static int by_name(const void *a, const void *b) { return strcmp(a, b); }

int sq_api_list_scenarios(const char *dir, sq_scenario_list *list, sq_error *err) {
  memset(list, 0, sizeof *list);
  snprintf(list->dir, sizeof list->dir, "%s", dir);
  DIR *d = opendir(dir);
  if (!d) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read the scenarios folder", dir);
  struct dirent *e;
  while ((e = readdir(d)) && list->count < SQ_SERVE_MAX_SCENARIOS) {
    size_t n = strlen(e->d_name);
    if (n < 6 || n - 5 >= SQ_NAME_MAX || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (sq_is_sweep_file(path)) continue;
    snprintf(list->name[list->count++], SQ_NAME_MAX, "%.*s", (int)(n - 5), e->d_name);
  }
  closedir(d);
  if (list->count == 0) return sq_error_set(err, SQ_ERUNTIME, "%s: holds no scenario", dir);
  qsort(list->name, (size_t)list->count, sizeof list->name[0], by_name);
  return SQ_OK;
}

static char *print_and_free(cJSON *j) {
  char *text = j ? cJSON_PrintUnformatted(j) : NULL;
  cJSON_Delete(j);
  return text;
}

/* A key's value in JSON: a number, a boolean, or a choice's name. */
static cJSON *key_value(const sq_scenario *sc, const sq_param *p) {
  double v = sq_param_get_number(sc, p);
  if (p->type == SQ_PARAM_BOOL) return cJSON_CreateBool(v != 0);
  if (p->type == SQ_PARAM_ENUM) return cJSON_CreateString(sq_choice_name(p->choices, (size_t)v));
  return cJSON_CreateNumber(v);
}

char *sq_api_scenarios_json(const sq_scenario_list *list) {
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
  sq_scenario *sc = malloc(sizeof *sc);
  if (!sc) {
    cJSON_Delete(root);
    return NULL;
  }
  for (int i = 0; i < list->count; i++) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s.json", list->dir, list->name[i]);
    sq_error err = {0};
    if (sq_scenario_read(sc, path, NULL, &err)) continue; /* tests/cli keep them valid */
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", list->name[i]);
    cJSON_AddStringToObject(o, "name", sc->name);
    cJSON_AddStringToObject(o, "name_zh", sc->name_zh[0] ? sc->name_zh : sc->name);
    cJSON_AddStringToObject(o, "description", sc->description);
    cJSON_AddStringToObject(o, "description_zh", sc->description_zh);
    cJSON_AddNumberToObject(o, "seed", (double)sc->seed);
    cJSON_AddNumberToObject(o, "replicates", sc->replicates);
    cJSON_AddNumberToObject(o, "horizon_days", sc->horizon_days);
    cJSON_AddNumberToObject(o, "population", (double)sc->population.size);
    cJSON *values = cJSON_AddObjectToObject(o, "values");
    for (size_t k = 0; k < SQ_LEN(strategy_keys); k++) {
      const sq_param *p = sq_param_find(strategy_keys[k].path);
      cJSON_AddItemToObject(values, p->path, key_value(sc, p));
    }
    cJSON_AddItemToArray(arr, o);
  }
  free(sc);
  return print_and_free(root);
}

static const char *type_name(const sq_param *p) {
  switch (p->type) {
    case SQ_PARAM_BOOL: return "boolean";
    case SQ_PARAM_ENUM: return "choice";
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64: return "integer";
    default: return "number";
  }
}

char *sq_api_keys_json(const sq_serve_limits *limits) {
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(root, "keys");
  for (size_t k = 0; k < SQ_LEN(strategy_keys); k++) {
    const strategy_key *s = &strategy_keys[k];
    const sq_param *p = sq_param_find(s->path);
    const sq_param_zh *zh = sq_param_zh_find(s->path);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", p->path);
    cJSON_AddStringToObject(o, "strategy", s->strategy);
    cJSON_AddStringToObject(o, "type", type_name(p));
    cJSON_AddStringToObject(o, "unit", p->unit);
    cJSON_AddStringToObject(o, "unit_zh", zh ? zh->unit : p->unit);
    cJSON_AddStringToObject(o, "doc", p->doc);
    cJSON_AddStringToObject(o, "doc_zh", zh ? zh->doc : p->doc);
    if (p->type == SQ_PARAM_ENUM) {
      cJSON *c = cJSON_AddArrayToObject(o, "choices");
      for (size_t i = 0; i < *p->choices->count; i++)
        cJSON_AddItemToArray(c, cJSON_CreateString(sq_choice_name(p->choices, i)));
      cJSON_AddStringToObject(o, "default", sq_choice_name(p->choices, (size_t)p->def));
    } else if (p->type == SQ_PARAM_BOOL) {
      cJSON_AddBoolToObject(o, "default", p->def != 0);
    } else {
      cJSON_AddNumberToObject(o, "default", p->def);
      cJSON_AddNumberToObject(o, "min", p->min);
      cJSON_AddNumberToObject(o, "max", p->max);
      cJSON_AddBoolToObject(o, "min_open", p->min_open);
      cJSON_AddNumberToObject(o, "slider_min", s->slider_min);
      cJSON_AddNumberToObject(o, "slider_max", s->slider_max);
      cJSON_AddNumberToObject(o, "step", s->step);
    }
    cJSON_AddItemToArray(arr, o);
  }
  cJSON *l = cJSON_AddObjectToObject(root, "limits");
  cJSON_AddNumberToObject(l, "population", (double)limits->max_population);
  cJSON_AddNumberToObject(l, "horizon_days", (double)limits->max_horizon);
  cJSON_AddNumberToObject(l, "replicates", (double)limits->max_replicates);
  cJSON_AddNumberToObject(l, "runs", (double)limits->max_runs);
  return print_and_free(root);
}

char *sq_api_error_json(const char *message) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "error", message);
  return print_and_free(root);
}

/* Replace the server's path to the scenarios with "scenarios" in a
 * message, so that a page sees what a user of the command line would and
 * nothing of the server's file system. */
static void hide_dir(sq_error *err, const char *dir) {
  char *at = strstr(err->message, dir);
  if (!at) return;
  char rest[sizeof err->message];
  snprintf(rest, sizeof rest, "%s", at + strlen(dir));
  snprintf(at, sizeof err->message - (size_t)(at - err->message), "scenarios%s", rest);
}

static int limit(long long value, long long max, const char *source, const char *key,
                 const char *option, sq_error *err) {
  if (value <= max) return SQ_OK;
  return sq_error_set(err, SQ_EINPUT,
                      "%s: %s: at most %lld on this server (shequn serve %s), got %lld", source,
                      key, max, option, value);
}

/* A whole number from the body's field, or an error naming it. */
static int whole(const cJSON *v, const char *field, long long lo, long long hi, long long *out,
                 sq_error *err) {
  if (!cJSON_IsNumber(v))
    return sq_error_set(err, SQ_EINPUT, "request: %s: expected a whole number, got %s", field,
                        sq_json_kind(v));
  double d = v->valuedouble;
  if (d != floor(d) || d < (double)lo || d > (double)hi)
    return sq_error_set(err, SQ_EINPUT,
                        "request: %s: must be a whole number between %lld and %lld (got %.15g)",
                        field, lo, hi, d);
  *out = (long long)d;
  return SQ_OK;
}

/* The "set" object into --set texts, sets[0..*n). */
static int read_sets(const cJSON *set, char **sets, int max, int *n, sq_error *err) {
  *n = 0;
  if (!set) return SQ_OK;
  if (!cJSON_IsObject(set))
    return sq_error_set(err, SQ_EINPUT, "request: set: expected an object of keys, got %s",
                        sq_json_kind(set));
  for (const cJSON *v = set->child; v; v = v->next) {
    if (*n == max)
      return sq_error_set(err, SQ_EINPUT, "request: set: at most %d keys", max);
    const sq_param *p = sq_param_find(v->string);
    /* a text key could name a file (graph.edge_list_file): none from a page */
    if (p && (p->type == SQ_PARAM_STRING || p->type == SQ_PARAM_INT_LIST))
      return sq_error_set(err, SQ_EINPUT, "request: set: %s: cannot be set from the page",
                          p->path);
    char *value = cJSON_PrintUnformatted(v);
    if (!value) return sq_error_set(err, SQ_ERUNTIME, "out of memory");
    size_t size = strlen(v->string) + strlen(value) + 2;
    if ((sets[*n] = malloc(size))) snprintf(sets[*n], size, "%s=%s", v->string, value);
    free(value);
    if (!sets[(*n)++]) return sq_error_set(err, SQ_ERUNTIME, "out of memory");
  }
  return SQ_OK;
}

static int resolve(const sq_scenario_list *list, const sq_serve_limits *limits,
                   const cJSON *root, sq_scenario *sc, char **sets, int max_sets, int *n_sets,
                   sq_error *err) {
  if (!cJSON_IsObject(root))
    return sq_error_set(err, SQ_EINPUT, "request: expected a JSON object, got %s",
                        sq_json_kind(root));
  static const char *const fields[] = {"scenario", "set", "seed", "replicates"};
  for (const cJSON *f = root->child; f; f = f->next) {
    bool known = false;
    for (size_t i = 0; i < SQ_LEN(fields); i++) known |= strcmp(f->string, fields[i]) == 0;
    if (!known)
      return sq_error_set(err, SQ_EINPUT,
                          "request: %s: unknown field (expected scenario, set, seed, replicates)",
                          f->string);
  }
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "scenario");
  if (!cJSON_IsString(name))
    return sq_error_set(err, SQ_EINPUT, "request: scenario: expected a scenario's name, got %s",
                        sq_json_kind(name));
  int found = -1;
  for (int i = 0; i < list->count; i++)
    if (strcmp(list->name[i], name->valuestring) == 0) found = i;
  if (found < 0)
    return sq_error_set(err, SQ_EINPUT,
                        "request: scenario: no shipped scenario is called '%.100s' (GET "
                        "/api/scenarios lists them)",
                        name->valuestring);
  long long seed, replicates;
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "seed");
  const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "replicates");
  if (s && whole(s, "seed", 0, 9007199254740991LL, &seed, err)) return SQ_EINPUT;
  if (r && whole(r, "replicates", 1, 1000000, &replicates, err)) return SQ_EINPUT;
  int rc = read_sets(cJSON_GetObjectItemCaseSensitive(root, "set"), sets, max_sets, n_sets, err);
  if (rc) return rc;
  sq_scenario_overrides over = {(const char *const *)sets, *n_sets, s ? &seed : NULL,
                                r ? &replicates : NULL};
  char path[4400];
  snprintf(path, sizeof path, "%s/%s.json", list->dir, list->name[found]);
  if ((rc = sq_scenario_read(sc, path, &over, err))) return rc;
  char source[4400];
  snprintf(source, sizeof source, "scenarios/%s.json%s", list->name[found],
           *n_sets ? " with --set" : "");
  if (sc->vary.count > 0) /* the page shows one scenario's settings, not drawn ones */
    return sq_error_set(err, SQ_EINPUT,
                        "%s: vary: a scenario that draws settings per replicate cannot run here "
                        "(use shequn run)",
                        source);
  if (limit(sc->population.size, limits->max_population, source, "population.size",
            "--max-population", err) ||
      limit(sc->horizon_days, limits->max_horizon, source, "horizon_days", "--max-horizon", err) ||
      limit(sc->replicates, limits->max_replicates, source, "replicates", "--max-replicates",
            err))
    return SQ_EINPUT;
  return SQ_OK;
}

int sq_api_resolve(const sq_scenario_list *list, const sq_serve_limits *limits, const char *body,
                   size_t length, sq_scenario *sc, sq_error *err) {
  if (length > SQ_SERVE_MAX_BODY)
    return sq_error_set(err, SQ_EINPUT, "request: more than %d bytes", SQ_SERVE_MAX_BODY);
  const char *end = NULL;
  /* body[length] is its terminating NUL: nothing may follow the value */
  cJSON *root = cJSON_ParseWithLengthOpts(body, length + 1, &end, true);
  if (!root) {
    size_t at = end && end >= body ? (size_t)(end - body) + 1 : 1; /* counted from 1 */
    if (at > length) at = length; /* it ended too soon */
    return sq_error_set(err, SQ_EINPUT, "request: not valid JSON (at byte %zu of %zu)", at,
                        length);
  }
  enum { MAX_SETS = 64 };
  char *sets[MAX_SETS] = {0};
  int n_sets = 0;
  int rc = resolve(list, limits, root, sc, sets, MAX_SETS, &n_sets, err);
  for (int i = 0; i < n_sets; i++) free(sets[i]);
  cJSON_Delete(root);
  if (rc) hide_dir(err, list->dir);
  return rc;
}

char *sq_api_day_json(int day, const sq_day_row *rows, size_t n) {
  unsigned long long members = 0, active = 0, joins = 0, leaves = 0, posts = 0;
  for (size_t i = 0; i < n; i++) {
    members += rows[i].members, active += rows[i].active, joins += rows[i].joins;
    leaves += rows[i].leaves, posts += rows[i].posts;
  }
  char *text = malloc(256);
  if (text)
    snprintf(text, 256,
             "{\"day\":%d,\"members\":%llu,\"active\":%llu,\"groups\":%zu,\"joins\":%llu,"
             "\"leaves\":%llu,\"posts\":%llu}",
             day, members, active, n, joins, leaves, posts);
  return text;
}

char *sq_api_stages_json(const sq_run_result *r) {
  cJSON *root = cJSON_CreateObject();
  cJSON *bands = cJSON_AddArrayToObject(root, "bands");
  cJSON *band = NULL;
  int stage = -1;
  for (size_t k = 0; k < r->n_rows; k++) {
    const sq_day_row *row = &r->rows[k];
    if (row->group != 0) continue;
    if (row->stage != stage || !band) {
      stage = row->stage;
      band = cJSON_CreateObject();
      cJSON_AddStringToObject(band, "stage", sq_stage_names[stage]);
      cJSON_AddNumberToObject(band, "from", row->day);
      cJSON_AddNumberToObject(band, "to", row->day);
      cJSON_AddItemToArray(bands, band);
    }
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(band, "to"), row->day);
  }
  return print_and_free(root);
}

static double round4(double x) { return round(x * 1e4) / 1e4; }

char *sq_api_survival_json(const double *time, const bool *died, size_t n) {
  sq_km km;
  if (sq_km_estimate(time, died, n, &km)) return NULL;
  cJSON *root = cJSON_CreateObject();
  cJSON_AddNumberToObject(root, "groups", (double)n);
  cJSON_AddNumberToObject(root, "deaths", (double)(km.subjects - km.censored));
  double median = sq_km_quantile(&km, 0.5);
  if (isnan(median)) cJSON_AddNullToObject(root, "median");
  else cJSON_AddNumberToObject(root, "median", median);
  cJSON *steps = cJSON_AddArrayToObject(root, "steps");
  const double z = 1.959963984540054;
  double first[4] = {0, 1, 1, 1};
  cJSON_AddItemToArray(steps, cJSON_CreateDoubleArray(first, 4));
  for (size_t i = 0; i < km.n; i++) {
    double s = km.steps[i].survival, se = sqrt(km.steps[i].variance);
    double step[4] = {km.steps[i].time, round4(s), round4(fmax(0, s - z * se)),
                      round4(fmin(1, s + z * se))};
    cJSON_AddItemToArray(steps, cJSON_CreateDoubleArray(step, 4));
  }
  if (km.last_time > (km.n ? km.steps[km.n - 1].time : 0)) { /* to the last observation */
    double s = km.n ? km.steps[km.n - 1].survival : 1;
    double se = km.n ? sqrt(km.steps[km.n - 1].variance) : 0;
    double step[4] = {km.last_time, round4(s), round4(fmax(0, s - z * se)),
                      round4(fmin(1, s + z * se))};
    cJSON_AddItemToArray(steps, cJSON_CreateDoubleArray(step, 4));
  }
  sq_km_free(&km);
  return print_and_free(root);
}

char *sq_api_logrank_json(const double *time_a, const bool *died_a, size_t n_a,
                          const double *time_b, const bool *died_b, size_t n_b) {
  sq_logrank lr;
  if (sq_logrank_test(time_a, died_a, n_a, time_b, died_b, n_b, &lr)) return NULL;
  cJSON *root = cJSON_CreateObject();
  bool defined = isfinite(lr.chi2) && isfinite(lr.p_value);
  cJSON_AddNumberToObject(root, "chi2", defined ? lr.chi2 : 0);
  cJSON_AddNumberToObject(root, "p_value", defined ? lr.p_value : 1);
  cJSON_AddNumberToObject(root, "observed_a", lr.observed_a);
  cJSON_AddNumberToObject(root, "expected_a", lr.expected_a);
  cJSON_AddNumberToObject(root, "groups_a", (double)n_a);
  cJSON_AddNumberToObject(root, "groups_b", (double)n_b);
  char en[256], zh[256];
  if (!defined || lr.variance <= 0) {
    snprintf(en, sizeof en, "No test: too few groups died in A and B together.");
    snprintf(zh, sizeof zh, "无法检验：A 和 B 中死亡的群太少。");
  } else if (lr.p_value >= 0.05) {
    snprintf(en, sizeof en,
             "No clear difference: A's and B's groups live alike (log-rank chi2 = %.2f, p = %.3g).",
             lr.chi2, lr.p_value);
    snprintf(zh, sizeof zh, "没有明显差别：A 和 B 的群寿命相近（log-rank 卡方 = %.2f，p = %.3g）。",
             lr.chi2, lr.p_value);
  } else {
    bool b_longer = lr.observed_a > lr.expected_a; /* A's groups die more than expected */
    snprintf(en, sizeof en, "%s's groups live longer than %s's (log-rank chi2 = %.2f, p = %.3g).",
             b_longer ? "B" : "A", b_longer ? "A" : "B", lr.chi2, lr.p_value);
    snprintf(zh, sizeof zh, "%s 的群比 %s 的群活得更久（log-rank 卡方 = %.2f，p = %.3g）。",
             b_longer ? "B" : "A", b_longer ? "A" : "B", lr.chi2, lr.p_value);
  }
  cJSON *verdict = cJSON_AddObjectToObject(root, "verdict");
  cJSON_AddStringToObject(verdict, "en", en);
  cJSON_AddStringToObject(verdict, "zh", zh);
  return print_and_free(root);
}

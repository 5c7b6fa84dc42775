#include "sim/io/sweep.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/io/csv.h"
#include "sim/io/fileio.h"
#include "sim/io/names.h"
#include "sim/engine/progress.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"
#include "sim/analysis/sensitivity.h"
#include "sim/analysis/survival.h"

/* The metrics summarised when a sweep names none. */
static const char *const default_metrics[] = {"lifespan_days", "censored",     "peak_members",
                                              "reach",         "groups",       "final_active"};

/* ---- reading a sweep file ------------------------------------------------- */

/* A whole number in [lo, hi] at key `name` of object o, or `def` if absent. */
static int get_count(const cJSON *o, const char *name, long long lo, long long hi, long long def,
                     const char *source, const char *where, long long *out, sq_error *err) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
  if (!v) {
    *out = def;
    return SQ_OK;
  }
  if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble))
    return sq_error_set(err, SQ_EINPUT, "%s: %s%s: expected a whole number, got %s", source, where,
                        name, cJSON_IsNumber(v) ? "a fraction" : sq_json_kind(v));
  if (v->valuedouble < lo || v->valuedouble > hi)
    return sq_error_set(err, SQ_EINPUT, "%s: %s%s: must be between %lld and %lld inclusive (got %.15g)",
                        source, where, name, lo, hi, v->valuedouble);
  *out = (long long)v->valuedouble;
  return SQ_OK;
}

/* The design module numbers axes ("axis 2: ..."); a sweep's user knows
 * them as parameters: "sweep.json: parameters[2] (rules.strictness): ...". */
static int name_axis(const sq_sweep *s, sq_error *err) {
  size_t j;
  int used = 0;
  char rest[sizeof err->message];
  if (sscanf(err->message, "axis %zu: %n", &j, &used) == 1 && used > 0 &&
      j < SQ_MAX_SWEEP_PARAMS && s->params[j].param) {
    snprintf(rest, sizeof rest, "%s", err->message + used);
    sq_error_set(err, err->status, "%s: parameters[%zu] (%s): %s", s->source, j,
                 s->params[j].param->path, rest);
  } else {
    sq_error_prefix(err, s->source);
  }
  return err->status;
}

static int parse_parameter(sq_sweep *s, const cJSON *o, int index, sq_error *err) {
  static const char *const fields[] = {"key", "min", "max", "scale", "levels", "values", NULL};
  char where[64];
  snprintf(where, sizeof where, "parameters[%d]", index);
  sq_param_spec spec;
  int rc = sq_param_spec_key(o, fields, where, s->source, &spec, err);
  if (rc) return rc;
  const sq_param *p = spec.param;
  if (p->type == SQ_PARAM_STRING || p->type == SQ_PARAM_INT_LIST ||
      strcmp(p->path, "seed") == 0 || strcmp(p->path, "replicates") == 0)
    return sq_error_set(err, SQ_EINPUT, "%s: %s.key: %s cannot be swept (a number, boolean or "
                        "choice of the model is expected)", s->source, where, p->path);
  for (int k = 0; k < s->n_params; k++)
    if (s->params[k].param == p)
      return sq_error_set(err, SQ_EINPUT, "%s: %s.key: %s is swept twice", s->source, where,
                          p->path);
  sq_sweep_param *sp = &s->params[s->n_params];
  memset(sp, 0, sizeof *sp);
  sp->param = p;
  sq_axis *a = &sp->axis;
  long long levels;
  char prefix[80];
  snprintf(prefix, sizeof prefix, "%s.", where);
  rc = get_count(o, "levels", 2, 100000, 5, s->source, prefix, &levels, err);
  if (rc) return rc;
  a->levels = (int)levels;
  rc = sq_param_spec_values(o, where, s->source, a->values, SQ_AXIS_MAX_VALUES, &spec, err);
  if (rc) return rc;
  a->n_values = spec.n_values;
  if (!a->n_values) {
    a->min = spec.min, a->max = spec.max, a->log_scale = spec.log_scale;
    a->integer = p->type == SQ_PARAM_INT || p->type == SQ_PARAM_INT64;
  }
  if ((rc = sq_axis_check(a, (size_t)index, err))) return name_axis(s, err);
  s->n_params++;
  return SQ_OK;
}

/* The name becomes the output folder out/<name>: it must be one safe path
 * component (sim/io/names.h). */
static int check_name(const sq_sweep *s, const cJSON *name, sq_error *err) {
  if (!cJSON_IsString(name))
    return sq_error_set(err, SQ_EINPUT, "%s: name: expected a string, got %s", s->source,
                        sq_json_kind(name));
  const char *why;
  if (sq_name_is_safe(name->valuestring, &why)) return SQ_OK;
  char quoted[160];
  return sq_error_set(err, SQ_EINPUT,
                      "%s: name: %s %s (a name becomes a folder name: " SQ_NAME_RULE ")",
                      s->source, sq_name_quote(name->valuestring, quoted, sizeof quoted), why);
}

static int parse_sweep(sq_sweep *s, const cJSON *root, sq_error *err) {
  static const char *const known[] = {"name",      "description", "scenario", "design",
                                      "points",    "replicates",  "seed",     "sensitivity",
                                      "bootstrap", "parameters",  "metrics",  "base_scenario"};
  for (const cJSON *f = root->child; f; f = f->next) {
    bool ok = false;
    for (size_t k = 0; k < SQ_LEN(known); k++) ok |= strcmp(f->string, known[k]) == 0;
    for (const cJSON *g = root->child; g != f; g = g->next)
      if (strcmp(g->string, f->string) == 0)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: duplicate key", s->source, f->string);
    if (!ok)
      return sq_error_set(err, SQ_EINPUT,
                          "%s: %s: unknown key (a sweep has name, description, scenario, design, "
                          "points, replicates, seed, sensitivity, bootstrap, parameters, metrics, "
                          "base_scenario)",
                          s->source, f->string);
  }
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
  const cJSON *desc = cJSON_GetObjectItemCaseSensitive(root, "description");
  const cJSON *scenario = cJSON_GetObjectItemCaseSensitive(root, "scenario");
  const cJSON *inline_base = cJSON_GetObjectItemCaseSensitive(root, "base_scenario");
  const cJSON *design = cJSON_GetObjectItemCaseSensitive(root, "design");
  const cJSON *sens = cJSON_GetObjectItemCaseSensitive(root, "sensitivity");
  const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "parameters");
  const cJSON *metrics = cJSON_GetObjectItemCaseSensitive(root, "metrics");
  int rc;
  if (name && (rc = check_name(s, name, err))) return rc;
  if (desc && (!cJSON_IsString(desc) || strlen(desc->valuestring) >= sizeof s->description))
    return sq_error_set(err, SQ_EINPUT, "%s: description: expected a string", s->source);
  if (scenario && inline_base)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: base_scenario: a sweep names its scenario (a file) or gives it "
                        "(base_scenario), not both",
                        s->source);
  if (inline_base && !cJSON_IsObject(inline_base))
    return sq_error_set(err, SQ_EINPUT, "%s: base_scenario: expected a scenario object, got %s",
                        s->source, sq_json_kind(inline_base));
  if (!inline_base && !cJSON_IsString(scenario))
    return sq_error_set(err, SQ_EINPUT, "%s: scenario: expected the base scenario's file name, got %s",
                        s->source, sq_json_kind(scenario));
  if (design && !cJSON_IsString(design))
    return sq_error_set(err, SQ_EINPUT, "%s: design: expected a string, got %s", s->source,
                        sq_json_kind(design));
  s->design = SQ_DESIGN_GRID;
  if (design && (rc = sq_design_parse(design->valuestring, &s->design, err))) {
    sq_error_prefix(err, "design");
    sq_error_prefix(err, s->source);
    return rc;
  }
  long long v;
  if ((rc = get_count(root, "points", 1, SQ_DESIGN_MAX_POINTS, 0, s->source, "", &v, err)))
    return rc;
  s->requested = (size_t)v;
  if (s->design != SQ_DESIGN_GRID && s->requested == 0)
    return sq_error_set(err, SQ_EINPUT, "%s: points: a %s design needs the number of points",
                        s->source, sq_design_name(s->design));
  if ((rc = get_count(root, "replicates", 1, 1000000, 10, s->source, "", &v, err))) return rc;
  s->replicates = (int)v;
  if ((rc = get_count(root, "seed", 0, 9007199254740991LL, 1, s->source, "", &v, err))) return rc;
  s->seed = v;
  if ((rc = get_count(root, "bootstrap", 0, 100000, 1000, s->source, "", &v, err))) return rc;
  s->bootstrap = (size_t)v;
  if (sens && !cJSON_IsBool(sens))
    return sq_error_set(err, SQ_EINPUT, "%s: sensitivity: expected true or false, got %s",
                        s->source, sq_json_kind(sens));
  bool can = s->design == SQ_DESIGN_SOBOL || s->design == SQ_DESIGN_RANDOM;
  s->saltelli = sens ? cJSON_IsTrue(sens) : can;
  if (s->saltelli && !can)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: sensitivity: indices need a sobol or random design (got %s)",
                        s->source, sq_design_name(s->design));
  snprintf(s->name, sizeof s->name, "%s", name ? name->valuestring : "sweep");
  snprintf(s->description, sizeof s->description, "%s", desc ? desc->valuestring : "");
  if (inline_base) { /* a written sweep.json: the resolved base scenario in full */
    if ((rc = sq_scenario_read_object(&s->base, inline_base, s->source, err))) return rc;
  } else {
    /* the base scenario is found relative to the sweep file */
    const char *slash = strrchr(s->source, '/');
    char path[4096];
    if (scenario->valuestring[0] == '/' || !slash)
      snprintf(path, sizeof path, "%s", scenario->valuestring);
    else
      snprintf(path, sizeof path, "%.*s/%s", (int)(slash - s->source), s->source,
               scenario->valuestring);
    if (access(path, R_OK) != 0)
      return sq_error_set(err, SQ_EINPUT, "%s: scenario: cannot read %s: %s", s->source, path,
                          strerror(errno));
    if ((rc = sq_scenario_read(&s->base, path, NULL, err))) return rc; /* names the scenario */
  }
  if (!cJSON_IsArray(params) || cJSON_GetArraySize(params) < 1 ||
      cJSON_GetArraySize(params) > SQ_MAX_SWEEP_PARAMS)
    return sq_error_set(err, SQ_EINPUT, "%s: parameters: expected an array of 1 to %d parameters",
                        s->source, SQ_MAX_SWEEP_PARAMS);
  int index = 0;
  for (const cJSON *o = params->child; o; o = o->next)
    if ((rc = parse_parameter(s, o, index++, err))) return rc;
  if (metrics) {
    if (!cJSON_IsArray(metrics) || cJSON_GetArraySize(metrics) < 1 ||
        cJSON_GetArraySize(metrics) > (int)SQ_LEN(s->metric))
      return sq_error_set(err, SQ_EINPUT, "%s: metrics: expected an array of metric names",
                          s->source);
    for (const cJSON *m = metrics->child; m; m = m->next) {
      int k = cJSON_IsString(m) ? sq_metric_find(m->valuestring) : -1;
      if (k < 0) {
        char list[1024];
        size_t used = 0;
        for (size_t i = 0; i < sq_metric_count && used < sizeof list; i++)
          used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                   sq_metrics[i].name);
        return sq_error_set(err, SQ_EINPUT, "%s: metrics[%d]: expected one of %s", s->source,
                            s->n_metrics, list);
      }
      for (int i = 0; i < s->n_metrics; i++) /* twice would give duplicate rows */
        if (s->metric[i] == k)
          return sq_error_set(err, SQ_EINPUT, "%s: metrics[%d]: \"%s\" is listed twice",
                              s->source, s->n_metrics, m->valuestring);
      s->metric[s->n_metrics++] = k;
    }
  } else {
    for (size_t i = 0; i < SQ_LEN(default_metrics); i++)
      s->metric[s->n_metrics++] = sq_metric_find(default_metrics[i]);
  }
  s->shared_population = true;
  for (int k = 0; k < s->n_params; k++) {
    const char *path = s->params[k].param->path;
    if (strncmp(path, "population.", 11) == 0 || strncmp(path, "graph.", 6) == 0)
      s->shared_population = false;
  }
  return SQ_OK;
}

/* The points of the design, and a check of every point's scenario. */
static int expand(sq_sweep *s, sq_error *err) {
  sq_axis axes[SQ_MAX_SWEEP_PARAMS];
  for (int k = 0; k < s->n_params; k++) axes[k] = s->params[k].axis;
  size_t d = (size_t)s->n_params;
  int rc = s->saltelli ? sq_saltelli_size(s->design, s->requested, d, &s->n_points, err)
                       : sq_design_size(s->design, axes, d, s->requested, &s->n_points, err);
  if (rc) return name_axis(s, err);
  if ((double)s->n_points * s->replicates > 4294967295.0)
    return sq_error_set(err, SQ_EINPUT, "%s: %zu points x %d replicates is too many runs",
                        s->source, s->n_points, s->replicates);
  s->values = malloc(s->n_points * d * sizeof *s->values);
  if (!s->values) return sq_error_set(err, SQ_ERUNTIME, "out of memory for %zu points", s->n_points);
  size_t n = s->n_points;
  rc = s->saltelli ? sq_saltelli_points(s->design, axes, s->requested, d, (uint64_t)s->seed,
                                        s->values, err)
                   : sq_design_points(s->design, axes, d, s->requested, (uint64_t)s->seed,
                                      s->values, &n, err);
  if (rc) {
    sq_error_prefix(err, s->source);
    return rc;
  }
  for (size_t p = 0; p < s->n_points; p++) {
    sq_scenario sc;
    sq_sweep_point_scenario(s, p, &sc);
    char where[4200];
    snprintf(where, sizeof where, "%s: point %zu", s->source, p);
    if ((rc = sq_scenario_check(&sc, where, err))) return rc;
  }
  return SQ_OK;
}

bool sq_is_sweep_file(const char *path) {
  char *text = sq_read_file(path, NULL, NULL);
  cJSON *root = text ? cJSON_Parse(text) : NULL;
  /* no scenario has a "scenario" or "base_scenario" key; with a design or
   * parameters it is a sweep, even one with mistakes (its errors are then a
   * sweep's) */
  bool sweep = (cJSON_GetObjectItemCaseSensitive(root, "scenario") ||
                cJSON_GetObjectItemCaseSensitive(root, "base_scenario")) &&
               (cJSON_GetObjectItemCaseSensitive(root, "parameters") ||
                cJSON_GetObjectItemCaseSensitive(root, "design"));
  cJSON_Delete(root);
  free(text);
  return sweep;
}

int sq_sweep_load(sq_sweep *s, const char *path, sq_error *err) {
  memset(s, 0, sizeof *s);
  snprintf(s->source, sizeof s->source, "%s", path);
  cJSON *root = sq_json_load(path, err);
  if (!root) return SQ_EINPUT;
  int rc = parse_sweep(s, root, err);
  if (!rc) rc = expand(s, err);
  cJSON_Delete(root);
  return rc;
}

void sq_sweep_free(sq_sweep *s) {
  free(s->values);
  s->values = NULL;
}

void sq_sweep_point_scenario(const sq_sweep *s, size_t point, sq_scenario *out) {
  *out = s->base;
  for (int k = 0; k < s->n_params; k++)
    sq_param_set_number(out, s->params[k].param, s->values[point * (size_t)s->n_params + k],
                        "sweep", NULL);
  out->seed = s->seed; /* one seed for all points: common random numbers */
  out->replicates = s->replicates;
}

/* ---- identity ------------------------------------------------------------------ */

static cJSON *value_json(const sq_param *p, double v) {
  if (p->type == SQ_PARAM_BOOL) return cJSON_CreateBool(v != 0);
  if (p->type == SQ_PARAM_ENUM) return cJSON_CreateString(sq_choice_name(p->choices, (size_t)v));
  return cJSON_CreateNumber(v);
}

char *sq_sweep_to_json(const sq_sweep *s) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "name", s->name);
  cJSON_AddStringToObject(root, "description", s->description);
  cJSON_AddStringToObject(root, "design", sq_design_name(s->design));
  if (s->design != SQ_DESIGN_GRID) cJSON_AddNumberToObject(root, "points", (double)s->requested);
  cJSON_AddNumberToObject(root, "replicates", s->replicates);
  cJSON_AddNumberToObject(root, "seed", (double)s->seed);
  cJSON_AddBoolToObject(root, "sensitivity", s->saltelli);
  cJSON_AddNumberToObject(root, "bootstrap", (double)s->bootstrap);
  cJSON *params = cJSON_AddArrayToObject(root, "parameters");
  for (int k = 0; k < s->n_params; k++) {
    const sq_axis *a = &s->params[k].axis;
    const sq_param *p = s->params[k].param;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", p->path);
    if (a->n_values) {
      cJSON *vals = cJSON_AddArrayToObject(o, "values");
      for (int j = 0; j < a->n_values; j++) cJSON_AddItemToArray(vals, value_json(p, a->values[j]));
    } else {
      cJSON_AddNumberToObject(o, "min", a->min);
      cJSON_AddNumberToObject(o, "max", a->max);
      cJSON_AddStringToObject(o, "scale", a->log_scale ? "log" : "linear");
      cJSON_AddNumberToObject(o, "levels", a->levels);
    }
    cJSON_AddItemToArray(params, o);
  }
  cJSON *metrics = cJSON_AddArrayToObject(root, "metrics");
  for (int k = 0; k < s->n_metrics; k++)
    cJSON_AddItemToArray(metrics, cJSON_CreateString(sq_metrics[s->metric[k]].name));
  char *base = sq_scenario_to_json(&s->base);
  cJSON_AddItemToObject(root, "base_scenario", cJSON_Parse(base));
  free(base);
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  return text;
}

static uint64_t fnv1a(const char *text, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)text[i]) * 0x100000001b3ull;
  return h;
}

uint64_t sq_sweep_fingerprint(const sq_sweep *s) {
  char *text = sq_sweep_to_json(s);
  uint64_t h = fnv1a(text, strlen(text)) ^ fnv1a(SHEQUN_VERSION, strlen(SHEQUN_VERSION));
  const sq_edge_list *edges = s->base.graph.edges; /* its file named, not included */
  if (edges) h ^= edges->checksum * 0x9e3779b97f4a7c15ull;
  free(text);
  return h;
}

/* ---- one run ---------------------------------------------------------------------- */

int sq_sweep_run(const sq_sweep *s, const sq_population *pop, size_t run, double *values,
                 sq_error *err) {
  size_t point = run / (size_t)s->replicates;
  uint32_t replicate = (uint32_t)(run % (size_t)s->replicates);
  sq_scenario sc;
  sq_sweep_point_scenario(s, point, &sc);
  sq_population own;
  if (!pop) { /* this point sweeps the population itself */
    int rc = sq_population_init(&own, &sc, (uint64_t)sc.seed, 1, err);
    if (rc) return rc;
  }
  sq_run_options opt = {.threads = 1};
  sq_run_result r;
  int rc = sq_run(&sc, pop ? pop : &own, replicate, &opt, &r, err);
  if (!pop) sq_population_free(&own);
  if (rc) return rc;
  for (size_t k = 0; k < sq_metric_count; k++) values[k] = sq_metrics[k].value(&r);
  sq_result_free(&r);
  return SQ_OK;
}

/* ---- the lock on the output folder -------------------------------------------------- */

/* The PID written in a held lock file, or 0 if it cannot be read (its
 * holder may be between taking the lock and writing it: wait a little). */
static long lock_holder(int fd) {
  for (int attempt = 0; attempt < 20; attempt++) {
    char text[32] = {0};
    long pid = 0;
    if (pread(fd, text, sizeof text - 1, 0) > 0 && sscanf(text, "%ld", &pid) == 1 && pid > 0)
      return pid;
    nanosleep(&(struct timespec){0, 10000000}, NULL);
  }
  return 0;
}

static int refuse_busy(int fd, const char *dir, sq_error *err) {
  long pid = lock_holder(fd);
  char who[64] = "another process";
  if (pid) snprintf(who, sizeof who, "process %ld", pid);
  return sq_error_set(err, SQ_ERUNTIME,
                      "%s: another sweep is writing to this folder (%s holds %s/.lock); wait "
                      "for it to end, or write to another folder",
                      dir, who, dir);
}

int sq_sweep_lock_take(sq_sweep_lock *l, const char *dir, sq_error *err) {
  l->fd = -1;
  char path[4200];
  snprintf(path, sizeof path, "%s/.lock", dir);
  int rc = sq_make_dirs(dir, err); /* mkdir tolerates a racer; the lock decides */
  if (rc) return rc;
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot open: %s", path, strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    rc = e == EWOULDBLOCK
             ? refuse_busy(fd, dir, err)
             : sq_error_set(err, SQ_ERUNTIME, "%s: cannot lock: %s", path, strerror(e));
    close(fd);
    return rc;
  }
  char text[32];
  int n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
  if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)n, 0) != n) {
    rc = sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", path, strerror(errno));
    close(fd);
    return rc;
  }
  l->fd = fd;
  return SQ_OK;
}

/* The file stays (were it removed, a process that had opened it before
 * could lock the unlinked file while a third locks a new one); emptied, it
 * names no one. */
void sq_sweep_lock_release(sq_sweep_lock *l) {
  if (l->fd < 0) return;
  int ignored = ftruncate(l->fd, 0); /* a stale PID is harmless: the flock is what counts */
  (void)ignored;
  close(l->fd);
  l->fd = -1;
}

/* ---- the journal --------------------------------------------------------------------- */

#define JOURNAL_MAGIC "# shequn sweep journal"

/* A journal line: "run,v1,...,vK,checksum" with the checksum over what
 * precedes its comma, so that a torn or damaged line is recognised. */
static int format_record(char *buf, size_t size, size_t run, const double *values) {
  int n = snprintf(buf, size, "%zu", run);
  for (size_t k = 0; k < sq_metric_count && n > 0 && (size_t)n < size; k++)
    n += snprintf(buf + n, size - (size_t)n, ",%.17g", values[k]);
  if (n <= 0 || (size_t)n >= size) return -1;
  n += snprintf(buf + n, size - (size_t)n, ",%016llx\n", (unsigned long long)fnv1a(buf, (size_t)n));
  return (size_t)n < size ? n : -1;
}

/* Parse a journal line; false if it is torn or damaged. */
static bool parse_record(char *line, size_t n_runs, size_t *run, double *values) {
  char *comma = strrchr(line, ',');
  if (!comma || !strchr(line, '\n')) return false; /* torn: no end of line */
  char check[32];
  snprintf(check, sizeof check, "%016llx", (unsigned long long)fnv1a(line, (size_t)(comma - line)));
  if (strncmp(comma + 1, check, 16) != 0) return false;
  char *p = line, *end;
  unsigned long long r = strtoull(p, &end, 10);
  if (end == p || *end != ',' || r >= n_runs) return false;
  *run = (size_t)r;
  for (size_t k = 0; k < sq_metric_count; k++) {
    p = end + 1;
    double v = strtod(p, &end);
    if (end == p || (*end != ',')) return false;
    if (values) values[k] = v;
  }
  return true;
}

/* Line numbers of the damaged lines of a journal, the first few kept. */
typedef struct damage {
  size_t count;
  size_t lines[8];
} damage;

/* Read a line into buf; a line too long for it is read to its end and
 * returned cut (without its newline, so that it parses as damaged). */
static bool next_line(FILE *f, char *buf, int size) {
  if (!fgets(buf, size, f)) return false;
  if (!strchr(buf, '\n')) {
    int c;
    while ((c = fgetc(f)) != EOF && c != '\n') continue;
  }
  return true;
}

/* Read the journal: call `each` for every valid record, and note the
 * damaged lines in `bad` (if not NULL).  Returns the header's fingerprint,
 * or 0 when the file has no valid header. */
static uint64_t read_journal(FILE *f, size_t n_runs,
                             void (*each)(void *ctx, size_t run, const double *values), void *ctx,
                             damage *bad) {
  char line[8192];
  unsigned long long fingerprint = 0;
  if (!next_line(f, line, sizeof line) ||
      strncmp(line, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) != 0 ||
      sscanf(line + strlen(JOURNAL_MAGIC), " %*s %llx", &fingerprint) != 1)
    return 0;
  double values[SQ_MAX_METRICS];
  for (size_t number = 2; next_line(f, line, sizeof line); number++) {
    size_t run;
    if (parse_record(line, n_runs, &run, values))
      each(ctx, run, values);
    else if (bad && bad->count++ < SQ_LEN(bad->lines))
      bad->lines[bad->count - 1] = number;
  }
  return fingerprint;
}

/* "DIR/journal.csv: 2 damaged lines (12, 40) ignored; their runs are redone" */
static void report_damage(const char *path, const damage *bad) {
  if (!bad->count) return;
  fprintf(stderr, "shequn sweep: %s: %zu damaged line%s (", path, bad->count,
          bad->count == 1 ? "" : "s");
  for (size_t k = 0; k < bad->count && k < SQ_LEN(bad->lines); k++)
    fprintf(stderr, "%s%zu", k ? ", " : "", bad->lines[k]);
  fprintf(stderr, "%s) ignored; %s redone\n", bad->count > SQ_LEN(bad->lines) ? ", ..." : "",
          bad->count == 1 ? "its run is" : "their runs are");
}

static void mark_done(void *ctx, size_t run, const double *values) {
  (void)values;
  sq_journal *j = ctx;
  if (!j->done[run]) j->done[run] = 1, j->n_done++;
}

/* The runs an existing journal holds; SQ_EINPUT if it is another sweep's. */
static int resume_journal(sq_journal *j, FILE *old, uint64_t fingerprint, sq_error *err) {
  damage bad = {0};
  uint64_t found = read_journal(old, j->n_runs, mark_done, j, &bad);
  fclose(old);
  if (found != fingerprint)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: this journal belongs to another sweep (the sweep file, its "
                        "scenario or shequn changed); write to another directory",
                        j->path);
  report_damage(j->path, &bad);
  j->f = fopen(j->path, "a+");
  /* a crash may have left a torn last line: end it, so that the next
   * record starts a line of its own */
  if (j->f && fseek(j->f, -1, SEEK_END) == 0 && fgetc(j->f) != '\n') {
    fseek(j->f, 0, SEEK_END);
    fputc('\n', j->f);
  }
  if (!j->f)
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", j->path, strerror(errno));
  return SQ_OK;
}

/* A new journal: its header written beside it and renamed into place, so
 * that a kill at any moment leaves either no journal or a valid one. */
static int new_journal(sq_journal *j, uint64_t fingerprint, sq_error *err) {
  char header[256];
  snprintf(header, sizeof header, "%s %s %016llx runs=%zu metrics=%zu\n", JOURNAL_MAGIC,
           SHEQUN_VERSION, (unsigned long long)fingerprint, j->n_runs, sq_metric_count);
  int rc = sq_write_text(j->path, header, err);
  if (rc) return rc;
  j->f = fopen(j->path, "a");
  if (!j->f)
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", j->path, strerror(errno));
  return SQ_OK;
}

int sq_journal_open(sq_journal *j, const char *dir, const sq_sweep *s, bool resume,
                    sq_error *err) {
  memset(j, 0, sizeof *j);
  j->n_runs = sq_sweep_runs(s);
  snprintf(j->path, sizeof j->path, "%s/journal.csv", dir);
  int rc = sq_make_dirs(dir, err);
  if (rc) return rc;
  j->done = calloc(j->n_runs ? j->n_runs : 1, 1);
  if (!j->done) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the journal");
  uint64_t fingerprint = sq_sweep_fingerprint(s);
  FILE *old = fopen(j->path, "r");
  if (old && !resume) {
    fclose(old);
    return sq_error_set(err, SQ_EINPUT,
                        "%s: a sweep journal is already there; resume it with --resume, or write "
                        "to another directory",
                        j->path);
  }
  if (old) return resume_journal(j, old, fingerprint, err);
  if (resume) fprintf(stderr, "shequn sweep: %s: no journal to resume; starting afresh\n", j->path);
  return new_journal(j, fingerprint, err);
}

/* Each record is handed to the operating system at once, which keeps it
 * if the process is killed; it reaches the disk at the next fdatasync, at
 * most SYNC_SECONDS later, so a power cut loses at most that much of the
 * sweep (its runs are redone by --resume), and a sweep of small runs is
 * not bound by one disk flush a run. */
static const double SYNC_SECONDS = 0.05;

int sq_journal_append(sq_journal *j, size_t run, const double *values, sq_error *err) {
  char line[8192];
  int n = format_record(line, sizeof line, run, values);
  double now = sq_seconds();
  bool sync = now - j->synced >= SYNC_SECONDS;
  if (n < 0 || fputs(line, j->f) < 0 || fflush(j->f) || (sync && fdatasync(fileno(j->f))))
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", j->path, strerror(errno));
  if (sync) j->synced = now;
  if (!j->done[run]) j->done[run] = 1, j->n_done++;
  return SQ_OK;
}

void sq_journal_close(sq_journal *j) {
  if (j->f) {
    fflush(j->f);
    fdatasync(fileno(j->f)); /* the last records, as every other */
    fclose(j->f);
  }
  free(j->done);
  memset(j, 0, sizeof *j);
}

/* ---- the final files ----------------------------------------------------------------- */

/* The journal holds runs in the order they finished.  The final files want
 * them in run order, point by point; so the journal is first copied into a
 * scratch file of fixed-size records indexed by run, and the files are
 * then written in one pass over it, a point at a time.  Memory stays
 * bounded by a point's replicates and the points' means, however many
 * runs there are. */

#define RECORD_DOUBLES (sq_metric_count + 1) /* the metrics, then 1 when present */

typedef struct by_run {
  int fd;
  int failed; /* errno of the first failed write */
} by_run;

static void put_record(void *ctx, size_t run, const double *values) {
  by_run *b = ctx;
  double rec[SQ_MAX_METRICS + 1];
  memcpy(rec, values, sq_metric_count * sizeof(double));
  rec[sq_metric_count] = 1;
  size_t size = RECORD_DOUBLES * sizeof(double);
  if (pwrite(b->fd, rec, size, (off_t)(run * size)) != (ssize_t)size && !b->failed)
    b->failed = errno ? errno : EIO;
}

static void put_value(FILE *f, const sq_param *p, double v) {
  if (p->type == SQ_PARAM_ENUM)
    fprintf(f, ",%s", sq_choice_name(p->choices, (size_t)v));
  else if (p->type == SQ_PARAM_BOOL)
    fprintf(f, ",%s", v != 0 ? "true" : "false");
  else
    fprintf(f, ",%.10g", v);
}

/* A number of runs.csv, points.csv or sensitivity.csv. */
static void put_number(FILE *f, double v) { sq_csv_number(f, v, 10); }

/* The parameter values of a point, each after a comma. */
static void put_params(FILE *f, const sq_sweep *s, size_t point) {
  for (int k = 0; k < s->n_params; k++)
    put_value(f, s->params[k].param, s->values[point * (size_t)s->n_params + k]);
}

static void put_param_header(FILE *f, const sq_sweep *s) {
  for (int k = 0; k < s->n_params; k++) fprintf(f, ",%s", s->params[k].param->path);
}

/* A point's rows of runs.csv: its replicates' records, `recs`. */
static void put_runs(FILE *f, const sq_sweep *s, size_t point, const double *recs) {
  for (size_t r = 0; r < (size_t)s->replicates; r++) {
    fprintf(f, "%zu,%zu", point, r);
    put_params(f, s, point);
    for (size_t m = 0; m < sq_metric_count; m++) put_number(f, recs[r * RECORD_DOUBLES + m]);
    fputc('\n', f);
  }
}

/* The days at which points.csv gives the first group's survival. */
static const int survival_days[] = {90, 365, 730};

/* The first group's lifespan at a point is censored where it was alive at
 * the horizon: its median and quartiles are Kaplan-Meier's (NaN when more
 * than that share outlived the horizon), and so is its survival at
 * survival_days (NaN past the last observation unless all had died).
 * `v` holds the point's lifespans; `q` gets median, q25, q75, then the
 * survivals.  Returns false when out of memory. */
static bool lifespan_summary(const sq_sweep *s, const double *recs, const double *v, double *q) {
  size_t n = (size_t)s->replicates, censored = (size_t)sq_metric_find("censored");
  bool *death = malloc(n * sizeof *death);
  sq_km km;
  if (!death) return false;
  for (size_t r = 0; r < n; r++) death[r] = recs[r * RECORD_DOUBLES + censored] == 0;
  int rc = sq_km_estimate(v, death, n, &km);
  free(death);
  if (rc) return false;
  q[0] = sq_km_quantile(&km, 0.5), q[1] = sq_km_quantile(&km, 0.25);
  q[2] = sq_km_quantile(&km, 0.75);
  bool all_died = km.n && km.steps[km.n - 1].survival == 0;
  for (size_t d = 0; d < SQ_LEN(survival_days); d++)
    q[3 + d] = survival_days[d] <= km.last_time || all_died ? sq_km_survival(&km, survival_days[d])
                                                            : NAN;
  sq_km_free(&km);
  return true;
}

/* A point's rows of points.csv, per metric: mean, sd, 95% t-interval of
 * the mean, median and quartiles (Kaplan-Meier's for the lifespan, with
 * its survival at fixed days); the means also go to means[metric].
 * Returns false when out of memory. */
static bool put_points(FILE *f, const sq_sweep *s, size_t point, const double *recs, double *v,
                       double t975, double *means) {
  size_t n = (size_t)s->replicates;
  int lifespan = sq_metric_find("lifespan_days");
  for (int k = 0; k < s->n_metrics; k++) {
    int m = s->metric[k];
    for (size_t r = 0; r < n; r++) v[r] = recs[r * RECORD_DOUBLES + (size_t)m];
    double mean = gsl_stats_mean(v, 1, n);
    double sd = n > 1 ? gsl_stats_sd_m(v, 1, n, mean) : NAN;
    double half = t975 * sd / sqrt((double)n);
    double q[3 + SQ_LEN(survival_days)] = {0};
    for (size_t d = 0; d < SQ_LEN(survival_days); d++) q[3 + d] = NAN;
    means[k] = mean;
    if (m == lifespan) {
      if (!lifespan_summary(s, recs, v, q)) return false;
    } else {
      gsl_sort(v, 1, n);
      q[0] = gsl_stats_median_from_sorted_data(v, 1, n);
      q[1] = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.25);
      q[2] = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.75);
    }
    fprintf(f, "%zu", point);
    put_params(f, s, point);
    fprintf(f, ",%s,%zu", sq_metrics[m].name, n);
    put_number(f, mean), put_number(f, sd);
    put_number(f, mean - half), put_number(f, mean + half);
    for (size_t j = 0; j < SQ_LEN(q); j++) put_number(f, q[j]);
    fputc('\n', f);
  }
  return true;
}

/* runs.csv and points.csv in one pass over the records by run; `means`
 * (n_points x n_metrics) receives each point's mean of each metric. */
static int write_runs_and_points(const sq_sweep *s, const char *dir, int fd, double *means,
                                 sq_error *err) {
  sq_atomic_file files[2];
  sq_atomic_file *runs = &files[0], *points = &files[1];
  int rc = sq_atomic_open_in(runs, dir, "runs.csv", "point,replicate", err);
  if (rc) return rc;
  rc = sq_atomic_open_in(points, dir, "points.csv", "point", err);
  if (rc) {
    sq_atomic_abort(runs);
    return rc;
  }
  put_param_header(runs->f, s);
  for (size_t m = 0; m < sq_metric_count; m++) fprintf(runs->f, ",%s", sq_metrics[m].name);
  fputc('\n', runs->f);
  put_param_header(points->f, s);
  fputs(",metric,runs,mean,sd,ci_low,ci_high,median,q25,q75", points->f);
  for (size_t d = 0; d < SQ_LEN(survival_days); d++)
    fprintf(points->f, ",survival_%d", survival_days[d]);
  fputc('\n', points->f);

  size_t n = (size_t)s->replicates, size = n * RECORD_DOUBLES * sizeof(double);
  double *recs = malloc(size), *v = malloc(n * sizeof *v);
  double t975 = n > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) : NAN;
  if (!recs || !v) rc = sq_error_set(err, SQ_ERUNTIME, "out of memory");
  for (size_t point = 0; point < s->n_points && !rc; point++) {
    if (pread(fd, recs, size, (off_t)(point * size)) != (ssize_t)size) {
      rc = sq_error_set(err, SQ_ERUNTIME, "%s/journal.csv: cannot read the runs back: %s", dir,
                        strerror(errno ? errno : EIO));
      break;
    }
    for (size_t r = 0; r < n && !rc; r++)
      if (recs[r * RECORD_DOUBLES + sq_metric_count] != 1)
        rc = sq_error_set(err, SQ_ERUNTIME, "%s/journal.csv: run %zu is missing", dir,
                          point * n + r);
    if (rc) break;
    put_runs(runs->f, s, point, recs);
    if (!put_points(points->f, s, point, recs, v, t975, means + point * (size_t)s->n_metrics))
      rc = sq_error_set(err, SQ_ERUNTIME, "out of memory");
  }
  free(recs);
  free(v);
  return sq_atomic_end(files, 2, rc, err);
}

/* The warning field of a row of sensitivity.csv. */
static const char *warning_text(unsigned flags) {
  static const char *const text[] = {"", "wide_interval", "first_above_total",
                                     "wide_interval;first_above_total"};
  return text[flags & 3];
}

/* One line on stderr per metric whose indices are not to be trusted:
 * "shequn sweep: DIR/sensitivity.csv: reach: rules.strictness (wide
 * interval), ...: too few points (N = 8); raise points". */
static void warn_indices(const sq_sweep *s, const char *dir, int k, const unsigned *flags) {
  bool any = false;
  for (int i = 0; i < s->n_params; i++) {
    if (!flags[i]) continue;
    if (!any)
      fprintf(stderr, "shequn sweep: %s/sensitivity.csv: %s: ", dir, sq_metrics[s->metric[k]].name);
    fprintf(stderr, "%s%s (%s%s%s)", any ? ", " : "", s->params[i].param->path,
            flags[i] & SQ_SOBOL_WIDE_INTERVAL ? "interval wider than " SQ_SOBOL_WIDE_TEXT : "",
            flags[i] == 3 ? ", " : "",
            flags[i] & SQ_SOBOL_FIRST_ABOVE_TOTAL ? "first-order above total" : "");
    any = true;
  }
  if (any)
    fprintf(stderr, ": too few points for these indices (N = %zu base points); raise points\n",
            s->requested);
}

/* Sobol indices of every parameter on every metric, from the mean of each
 * point over its replicates, in Saltelli's order of points; reported
 * clipped to [0, 1], with a warning where they are not to be trusted. */
static int write_sensitivity(const sq_sweep *s, const char *dir, const double *means,
                             sq_error *err) {
  sq_atomic_file af;
  int rc = sq_atomic_open_in(&af, dir, "sensitivity.csv",
                             "metric,parameter,first_order,first_low,first_high,total,total_low,"
                             "total_high,base_points,bootstrap,warning\n",
                             err);
  if (rc) return rc;
  double *column = malloc(s->n_points * sizeof *column);
  if (!column) {
    sq_atomic_abort(&af);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory");
  }
  for (int k = 0; k < s->n_metrics && !rc; k++) {
    for (size_t point = 0; point < s->n_points; point++)
      column[point] = means[point * (size_t)s->n_metrics + k];
    sq_sobol_result res;
    rc = sq_sobol_indices(column, s->requested, (size_t)s->n_params, s->bootstrap, 0.95,
                          (uint64_t)s->seed, &res, err);
    if (rc) break;
    unsigned flags[SQ_MAX_SWEEP_PARAMS];
    for (int i = 0; i < s->n_params; i++) {
      const sq_sobol_index *ix[] = {&res.first[i], &res.total[i]};
      fprintf(af.f, "%s,%s", sq_metrics[s->metric[k]].name, s->params[i].param->path);
      for (int j = 0; j < 2; j++) {
        put_number(af.f, sq_sobol_clip(ix[j]->value));
        put_number(af.f, sq_sobol_clip(ix[j]->lower));
        put_number(af.f, sq_sobol_clip(ix[j]->upper));
      }
      flags[i] = sq_sobol_warnings(&res, (size_t)i);
      fprintf(af.f, ",%zu,%zu,%s\n", s->requested, s->bootstrap, warning_text(flags[i]));
    }
    warn_indices(s, dir, k, flags);
    sq_sobol_result_free(&res);
  }
  free(column);
  return sq_atomic_end(&af, 1, rc, err);
}

static int write_summary(const sq_sweep *s, const char *dir, const sq_sweep_timing *tm,
                         sq_error *err) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "sweep", s->name);
  cJSON_AddStringToObject(root, "design", sq_design_name(s->design));
  cJSON_AddBoolToObject(root, "sensitivity", s->saltelli);
  cJSON_AddNumberToObject(root, "points", (double)s->n_points);
  cJSON_AddNumberToObject(root, "replicates", s->replicates);
  cJSON_AddNumberToObject(root, "runs", (double)sq_sweep_runs(s));
  cJSON_AddStringToObject(root, "version", SHEQUN_VERSION);
  cJSON *run = cJSON_AddObjectToObject(root, "run");
  cJSON_AddNumberToObject(run, "runs_simulated", (double)tm->runs_done);
  cJSON_AddNumberToObject(run, "seconds", round(tm->seconds * 1000) / 1000);
  cJSON_AddNumberToObject(run, "threads", tm->threads);
  cJSON_AddNumberToObject(run, "ranks", tm->ranks);
  cJSON_AddNumberToObject(run, "runs_per_second",
                          tm->seconds > 0 ? round(tm->runs_done / tm->seconds * 10) / 10 : 0);
  cJSON_AddNumberToObject(run, "member_steps_per_second",
                          tm->seconds > 0 ? round(tm->member_steps / tm->seconds) : 0);
  char *text = cJSON_Print(root), path[4200];
  cJSON_Delete(root);
  snprintf(path, sizeof path, "%s/summary.json", dir);
  return sq_write_json(path, text, err);
}

int sq_sweep_finish(const sq_sweep *s, const char *dir, const sq_sweep_timing *tm, sq_error *err) {
  char journal[4200], scratch[4200];
  snprintf(journal, sizeof journal, "%s/journal.csv", dir);
  snprintf(scratch, sizeof scratch, "%s/journal.by_run.tmp", dir);
  by_run b = {open(scratch, O_RDWR | O_CREAT | O_TRUNC, 0644), 0};
  if (b.fd < 0) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", scratch, strerror(errno));
  unlink(scratch); /* gone when closed, whatever happens */
  int rc = SQ_OK;
  size_t n_runs = sq_sweep_runs(s);
  /* a sparse file of zeros: a run never written reads as missing */
  if (ftruncate(b.fd, (off_t)(n_runs * RECORD_DOUBLES * sizeof(double))))
    rc = sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", scratch, strerror(errno));
  FILE *f = rc ? NULL : fopen(journal, "r");
  if (!rc && (!f || read_journal(f, n_runs, put_record, &b, NULL) != sq_sweep_fingerprint(s)))
    rc = sq_error_set(err, SQ_ERUNTIME, "%s: cannot read the journal back", journal);
  if (f) fclose(f);
  if (!rc && b.failed)
    rc = sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", scratch, strerror(b.failed));
  double *means = malloc((s->n_points ? s->n_points : 1) * (size_t)s->n_metrics * sizeof *means);
  if (!rc && !means) rc = sq_error_set(err, SQ_ERUNTIME, "out of memory");
  if (!rc) rc = write_runs_and_points(s, dir, b.fd, means, err);
  close(b.fd);
  if (!rc && s->saltelli) rc = write_sensitivity(s, dir, means, err);
  free(means);
  if (!rc) {
    char path[4200];
    snprintf(path, sizeof path, "%s/sweep.json", dir);
    rc = sq_write_json(path, sq_sweep_to_json(s), err);
  }
  if (!rc) rc = write_summary(s, dir, tm, err);
  return rc;
}

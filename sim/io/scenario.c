#include "sim/io/scenario.h"

#include "sim/io/names.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/entry.h"
#include "models/schedules.h"
#include "sim/io/fileio.h"
#include "sim/io/edge_list.h"
#include "models/rng.h"

#define MAX_BASE_DEPTH 16

/* ---- small helpers ------------------------------------------------------ */

static void *field(sq_scenario *sc, const sq_param *p) { return (char *)sc + p->offset; }
static const void *cfield(const sq_scenario *sc, const sq_param *p) {
  return (const char *)sc + p->offset;
}

const sq_param *sq_param_find(const char *path) {
  for (size_t i = 0; i < sq_param_count; i++)
    if (strcmp(sq_params[i].path, path) == 0) return &sq_params[i];
  return NULL;
}

/* Is `path` an object in the key hierarchy ("recruitment.outreach")? */
static bool is_section(const char *path) {
  size_t n = strlen(path);
  for (size_t i = 0; i < sq_param_count; i++)
    if (strncmp(sq_params[i].path, path, n) == 0 && sq_params[i].path[n] == '.') return true;
  return false;
}

size_t sq_edit_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  size_t *row = malloc((m + 1) * sizeof *row);
  if (!row) return (size_t)-1;
  for (size_t j = 0; j <= m; j++) row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  size_t d = row[m];
  free(row);
  return d;
}

static const char *last_component(const char *path) {
  const char *dot = strrchr(path, '.');
  return dot ? dot + 1 : path;
}

/* The valid key (or, when `section`, the valid section) closest to an
 * unknown `path`, or NULL when none is close.  A key of the same name
 * elsewhere (a misplaced key) wins. */
static const char *closest_key(const char *path, bool section, char *buf, size_t bufsize) {
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  const char *leaf = last_component(path);
  for (size_t i = 0; i < sq_param_count; i++) {
    /* candidates: the key itself, or each of its sections */
    char cand[256];
    snprintf(cand, sizeof cand, "%s", sq_params[i].path);
    for (bool is_key = true;; is_key = false) {
      if (is_key != section) {
        size_t d = sq_edit_distance(path, cand);
        if (strcmp(last_component(cand), leaf) == 0 && d > 0) d = 1;
        if (d < best_d) {
          best_d = d;
          snprintf(buf, bufsize, "%s", cand);
          best = buf;
        }
      }
      char *dot = strrchr(cand, '.');
      if (!dot) break;
      *dot = '\0';
    }
  }
  size_t allowed = strlen(leaf) / 3;
  if (allowed < 1) allowed = 1;
  return best && best_d <= allowed ? best : NULL;
}

const char *sq_closest_key(const char *path, char *buf, size_t size) {
  return closest_key(path, false, buf, size);
}

const char *sq_format_number(double v, char *buf, size_t size) {
  if (v == floor(v) && fabs(v) < 1e17)
    snprintf(buf, size, "%.0f", v);
  else
    snprintf(buf, size, "%.15g", v);
  return buf;
}

static int range_error(const sq_param *p, const char *where, const char *source, double value,
                       sq_error *err) {
  char lo[40], hi[40], got[40];
  sq_format_number(p->min, lo, sizeof lo);
  sq_format_number(p->max, hi, sizeof hi);
  sq_format_number(value, got, sizeof got);
  if (p->min_open)
    return sq_error_set(err, SQ_EINPUT, "%s: %s: must be greater than %s and at most %s (got %s)",
                        source, where, lo, hi, got);
  return sq_error_set(err, SQ_EINPUT, "%s: %s: must be between %s and %s inclusive (got %s)",
                      source, where, lo, hi, got);
}

static bool in_range(const sq_param *p, double v) {
  return (p->min_open ? v > p->min : v >= p->min) && v <= p->max;
}

static void choices_list(const sq_param *p, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < *p->choices->count && used < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s\"%s\"", i ? ", " : "",
                             sq_choice_name(p->choices, i));
}

/* ---- numbers ------------------------------------------------------------ */

double sq_param_get_number(const sq_scenario *sc, const sq_param *p) {
  const void *f = cfield(sc, p);
  switch (p->type) {
    case SQ_PARAM_REAL: return *(const double *)f;
    case SQ_PARAM_INT:
    case SQ_PARAM_ENUM: return *(const int *)f;
    case SQ_PARAM_INT64: return (double)*(const int64_t *)f;
    case SQ_PARAM_BOOL: return *(const bool *)f;
    default: return NAN;
  }
}

int sq_param_set_number(sq_scenario *sc, const sq_param *p, double v, const char *source,
                        sq_error *err) {
  void *f = field(sc, p);
  switch (p->type) {
    case SQ_PARAM_REAL:
      if (!isfinite(v) || !in_range(p, v)) return range_error(p, p->path, source, v, err);
      *(double *)f = v;
      return SQ_OK;
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64:
      if (v != floor(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an integer, got %.15g", source,
                            p->path, v);
      if (!in_range(p, v)) return range_error(p, p->path, source, v, err);
      if (p->type == SQ_PARAM_INT)
        *(int *)f = (int)v;
      else
        *(int64_t *)f = (int64_t)v;
      return SQ_OK;
    case SQ_PARAM_BOOL:
      if (v != 0 && v != 1)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected true or false, got %.15g", source,
                            p->path, v);
      *(bool *)f = v != 0;
      return SQ_OK;
    case SQ_PARAM_ENUM:
      if (v != floor(v) || v < 0 || v >= (double)*p->choices->count)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: no choice number %.15g", source, p->path, v);
      *(int *)f = (int)v;
      return SQ_OK;
    default:
      return sq_error_set(err, SQ_EINPUT, "%s: %s: not a numeric key", source, p->path);
  }
}

/* ---- defaults ----------------------------------------------------------- */

void sq_scenario_defaults(sq_scenario *sc) {
  memset(sc, 0, sizeof *sc);
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    void *f = field(sc, p);
    switch (p->type) {
      case SQ_PARAM_REAL: *(double *)f = p->def; break;
      case SQ_PARAM_INT:
      case SQ_PARAM_ENUM: *(int *)f = (int)p->def; break;
      case SQ_PARAM_INT64: *(int64_t *)f = (int64_t)p->def; break;
      case SQ_PARAM_BOOL: *(bool *)f = p->def != 0; break;
      case SQ_PARAM_STRING: snprintf(f, p->size, "%s", p->def_str); break;
      case SQ_PARAM_INT_LIST: ((sq_int_list *)f)->count = 0; break;
    }
  }
}

/* ---- names ---------------------------------------------------------------- */

/* The rule for names (sim/io/names.h), checked wherever one is set. */
static int check_name(const char *name, const char *source, sq_error *err) {
  const char *why;
  if (sq_name_is_safe(name, &why)) return SQ_OK;
  char quoted[400];
  return sq_error_set(err, SQ_EINPUT, "%s: name: %s %s (a name becomes a folder name: " SQ_NAME_RULE ")",
                      source, sq_name_quote(name, quoted, sizeof quoted), why);
}

/* Where text (JSON) has the escape \u0000 inside a string, or -1: cJSON
 * would cut the string there and hide what follows. */
long sq_json_nul_escape(const char *text) {
  bool in_string = false;
  for (const char *c = text; *c; c++) {
    if (*c == '"') in_string = !in_string;
    else if (in_string && *c == '\\') {
      if (c[1] == 'u' && strncmp(c + 2, "0000", 4) == 0) return (long)(c - text);
      if (c[1]) c++; /* an escaped character, maybe a quote */
    }
  }
  return -1;
}

/* ---- one JSON value into one key ---------------------------------------- */

/* A file named by a scenario key is found relative to the scenario file
 * that names it (`source`; the working folder for --set) and kept as an
 * absolute path when it exists, so that a written scenario.json or
 * sweep.json still finds it from anywhere. */
static void resolve_path(const char *name, const char *source, char *out, size_t size) {
  char joined[8400];
  const char *slash = strcmp(source, "--set") ? strrchr(source, '/') : NULL;
  if (!*name || name[0] == '/' || !slash)
    snprintf(joined, sizeof joined, "%s", name);
  else
    snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - source), source, name);
  char real[PATH_MAX];
  snprintf(out, size, "%s", *name && realpath(joined, real) ? real : joined);
}

static int set_from_json(sq_scenario *sc, const sq_param *p, const cJSON *v, const char *source,
                         sq_error *err) {
  void *f = field(sc, p);
  switch (p->type) {
    case SQ_PARAM_REAL:
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64:
      if (!cJSON_IsNumber(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected %s, got %s", source, p->path,
                            p->type == SQ_PARAM_REAL ? "a number" : "an integer",
                            sq_json_kind(v));
      sc->population_size_given |= strcmp(p->path, "population.size") == 0;
      return sq_param_set_number(sc, p, v->valuedouble, source, err);
    case SQ_PARAM_BOOL:
      if (!cJSON_IsBool(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected true or false, got %s", source,
                            p->path, sq_json_kind(v));
      *(bool *)f = cJSON_IsTrue(v);
      return SQ_OK;
    case SQ_PARAM_ENUM: {
      char list[512];
      choices_list(p, list, sizeof list);
      if (!cJSON_IsString(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected one of %s, got %s", source, p->path,
                            list, sq_json_kind(v));
      size_t best = 0, best_d = (size_t)-1;
      for (size_t i = 0; i < *p->choices->count; i++) {
        const char *name = sq_choice_name(p->choices, i);
        if (strcmp(name, v->valuestring) == 0) {
          *(int *)f = (int)i;
          return SQ_OK;
        }
        size_t d = sq_edit_distance(name, v->valuestring);
        if (d < best_d) best_d = d, best = i;
      }
      if (best_d <= 3)
        return sq_error_set(err, SQ_EINPUT,
                            "%s: %s: expected one of %s, got \"%s\" (did you mean \"%s\"?)",
                            source, p->path, list, v->valuestring,
                            sq_choice_name(p->choices, best));
      return sq_error_set(err, SQ_EINPUT, "%s: %s: expected one of %s, got \"%s\"", source,
                          p->path, list, v->valuestring);
    }
    case SQ_PARAM_STRING:
      if (!cJSON_IsString(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected a string, got %s", source, p->path,
                            sq_json_kind(v));
      if (strlen(v->valuestring) >= p->size)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: longer than %zu characters", source, p->path,
                            p->size - 1);
      if (strcmp(p->path, "name") == 0 && check_name(v->valuestring, source, err))
        return SQ_EINPUT;
      if (strcmp(p->path, "graph.edge_list_file") == 0) {
        char resolved[8400];
        resolve_path(v->valuestring, source, resolved, sizeof resolved);
        if (strlen(resolved) >= p->size)
          return sq_error_set(err, SQ_EINPUT, "%s: %s: the path is longer than %zu characters",
                              source, p->path, p->size - 1);
        snprintf(f, p->size, "%s", resolved);
        return SQ_OK;
      }
      snprintf(f, p->size, "%s", v->valuestring);
      return SQ_OK;
    case SQ_PARAM_INT_LIST: {
      if (!cJSON_IsArray(v))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an array of integers, got %s",
                            source, p->path, sq_json_kind(v));
      int n = cJSON_GetArraySize(v);
      if (n > SQ_MAX_LIST)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: at most %d items (got %d)", source, p->path,
                            SQ_MAX_LIST, n);
      sq_int_list list = {.count = n};
      int i = 0;
      for (const cJSON *item = v->child; item; item = item->next, i++) {
        char where[256];
        snprintf(where, sizeof where, "%s[%d]", p->path, i);
        if (!cJSON_IsNumber(item))
          return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an integer, got %s", source, where,
                              sq_json_kind(item));
        if (item->valuedouble != floor(item->valuedouble))
          return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an integer, got %.15g", source,
                              where, item->valuedouble);
        if (!in_range(p, item->valuedouble))
          return range_error(p, where, source, item->valuedouble, err);
        list.value[i] = (int32_t)item->valuedouble;
      }
      *(sq_int_list *)f = list;
      return SQ_OK;
    }
  }
  return SQ_OK;
}

static int unknown_key(const char *path, bool section, const char *source, sq_error *err) {
  char buf[256];
  const char *near = closest_key(path, section, buf, sizeof buf);
  if (near)
    return sq_error_set(err, SQ_EINPUT, "%s: %s: unknown key (did you mean %s?)", source, path,
                        near);
  return sq_error_set(err, SQ_EINPUT, "%s: %s: unknown key (`shequn params` lists them all)",
                      source, path);
}

/* ---- settings drawn per replicate: "vary" ------------------------------ */

/* Keys that cannot vary: the population and graph are shared by all
 * replicates, and these describe the run itself. */
static bool fixed_per_run(const char *path) {
  return strncmp(path, "population.", 11) == 0 || strncmp(path, "graph.", 6) == 0 ||
         strcmp(path, "seed") == 0 || strcmp(path, "replicates") == 0 ||
         strcmp(path, "horizon_days") == 0;
}

bool sq_param_can_vary(const sq_param *p) {
  return !fixed_per_run(p->path) && p->type != SQ_PARAM_STRING && p->type != SQ_PARAM_INT_LIST;
}

int sq_param_value_from_json(const sq_param *p, const cJSON *v, const char *where,
                             const char *source, double *out, sq_error *err) {
  sq_scenario scratch;
  sq_scenario_defaults(&scratch);
  int rc = set_from_json(&scratch, p, v, source, err);
  if (rc) { /* name the place in the vary list, not the key */
    const char *msg = strstr(err->message, p->path);
    char tail[sizeof err->message];
    snprintf(tail, sizeof tail, "%s", msg ? msg + strlen(p->path) : ": bad value");
    sq_error_set(err, SQ_EINPUT, "%s: %s (%s)%s", source, where, p->path, tail);
    return rc;
  }
  *out = sq_param_get_number(&scratch, p);
  return SQ_OK;
}

/* ---- parameter specs: "vary" and sweeps ------------------------------------ */

int sq_param_spec_key(const cJSON *o, const char *const *fields, const char *where,
                      const char *source, sq_param_spec *spec, sq_error *err) {
  memset(spec, 0, sizeof *spec);
  if (!cJSON_IsObject(o))
    return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an object, got %s", source, where,
                        sq_json_kind(o));
  for (const cJSON *f = o->child; f; f = f->next) {
    size_t k = 0;
    while (fields[k] && strcmp(f->string, fields[k])) k++;
    if (fields[k]) continue;
    char list[256];
    size_t used = 0;
    for (k = 0; fields[k] && used < sizeof list; k++)
      used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                               k == 0 ? "" : fields[k + 1] ? ", " : " or ", fields[k]);
    return sq_error_set(err, SQ_EINPUT, "%s: %s.%s: unknown field (expected %s)", source, where,
                        f->string, list);
  }
  const cJSON *key = cJSON_GetObjectItemCaseSensitive(o, "key");
  if (!cJSON_IsString(key))
    return sq_error_set(err, SQ_EINPUT, "%s: %s.key: expected a key path, got %s", source, where,
                        sq_json_kind(key));
  spec->param = sq_param_find(key->valuestring);
  if (spec->param) return SQ_OK;
  char near[256];
  if (closest_key(key->valuestring, false, near, sizeof near))
    return sq_error_set(err, SQ_EINPUT, "%s: %s.key: unknown key %s (did you mean %s?)", source,
                        where, key->valuestring, near);
  return sq_error_set(err, SQ_EINPUT, "%s: %s.key: unknown key %s (`shequn params` lists them)",
                      source, where, key->valuestring);
}

int sq_param_spec_values(const cJSON *o, const char *where, const char *source, double *values,
                         int max_values, sq_param_spec *spec, sq_error *err) {
  const sq_param *p = spec->param;
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "values");
  const cJSON *min = cJSON_GetObjectItemCaseSensitive(o, "min");
  const cJSON *max = cJSON_GetObjectItemCaseSensitive(o, "max");
  const cJSON *scale = cJSON_GetObjectItemCaseSensitive(o, "scale");
  char at[96];
  int rc;
  if (list) {
    if (min || max || scale)
      return sq_error_set(err, SQ_EINPUT, "%s: %s: give values, or min and max, not both", source,
                          where);
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1 ||
        cJSON_GetArraySize(list) > max_values)
      return sq_error_set(err, SQ_EINPUT, "%s: %s.values: expected an array of 1 to %d values",
                          source, where, max_values);
    for (const cJSON *v = list->child; v; v = v->next) {
      snprintf(at, sizeof at, "%s.values[%d]", where, spec->n_values);
      if ((rc = sq_param_value_from_json(p, v, at, source, &values[spec->n_values++], err)))
        return rc;
    }
    return SQ_OK;
  }
  if (!min || !max)
    return sq_error_set(err, SQ_EINPUT, "%s: %s: give min and max, or values", source, where);
  if (p->type != SQ_PARAM_REAL && p->type != SQ_PARAM_INT && p->type != SQ_PARAM_INT64)
    return sq_error_set(err, SQ_EINPUT, "%s: %s: %s takes values, not a range", source, where,
                        p->path);
  snprintf(at, sizeof at, "%s.min", where);
  if ((rc = sq_param_value_from_json(p, min, at, source, &spec->min, err))) return rc;
  snprintf(at, sizeof at, "%s.max", where);
  if ((rc = sq_param_value_from_json(p, max, at, source, &spec->max, err))) return rc;
  if (scale && (!cJSON_IsString(scale) ||
                (strcmp(scale->valuestring, "linear") && strcmp(scale->valuestring, "log"))))
    return sq_error_set(err, SQ_EINPUT, "%s: %s.scale: expected \"linear\" or \"log\"", source,
                        where);
  spec->log_scale = scale && strcmp(scale->valuestring, "log") == 0;
  return SQ_OK;
}

static int parse_vary(sq_scenario *sc, const cJSON *list, const char *source, sq_error *err) {
  static const char *const fields[] = {"key", "min", "max", "scale", "values", NULL};
  if (!cJSON_IsArray(list))
    return sq_error_set(err, SQ_EINPUT, "%s: vary: expected an array of objects, got %s", source,
                        sq_json_kind(list));
  sq_vary vary = {0};
  int index = 0;
  for (const cJSON *o = list->child; o; o = o->next, index++) {
    char where[64];
    snprintf(where, sizeof where, "vary[%d]", index);
    if (index >= SQ_MAX_VARY)
      return sq_error_set(err, SQ_EINPUT, "%s: vary: at most %d keys", source, SQ_MAX_VARY);
    sq_param_spec spec;
    int rc = sq_param_spec_key(o, fields, where, source, &spec, err);
    if (rc) return rc;
    const sq_param *p = spec.param;
    if (fixed_per_run(p->path))
      return sq_error_set(err, SQ_EINPUT,
                          "%s: %s.key: %s cannot vary between replicates (population, graph and "
                          "run keys are shared by all replicates)",
                          source, where, p->path);
    if (p->type == SQ_PARAM_STRING || p->type == SQ_PARAM_INT_LIST)
      return sq_error_set(err, SQ_EINPUT, "%s: %s.key: %s is not a number, boolean or choice",
                          source, where, p->path);
    for (int k = 0; k < vary.count; k++)
      if (vary.item[k].param == p)
        return sq_error_set(err, SQ_EINPUT, "%s: %s.key: %s varies twice", source, where, p->path);
    sq_vary_item it = {.param = p};
    rc = sq_param_spec_values(o, where, source, it.values, SQ_MAX_VARY_VALUES, &spec, err);
    if (rc) return rc;
    it.has_values = spec.n_values > 0;
    it.n_values = spec.n_values;
    it.min = spec.min, it.max = spec.max, it.log_scale = spec.log_scale;
    if (!it.has_values && it.min > it.max)
      return sq_error_set(err, SQ_EINPUT, "%s: %s: min (%.15g) is above max (%.15g)", source,
                          where, it.min, it.max);
    if (it.log_scale && it.min <= 0)
      return sq_error_set(err, SQ_EINPUT, "%s: %s: a log scale needs min > 0 (got %.15g)", source,
                          where, it.min);
    vary.item[vary.count++] = it;
  }
  sc->vary = vary; /* a file's list replaces its base's */
  return SQ_OK;
}

/* The value of a varied key for one uniform draw u in (0, 1). */
static double vary_draw(const sq_vary_item *it, double u) {
  if (it->has_values) return it->values[(int)(u * it->n_values)];
  bool integral = it->param->type != SQ_PARAM_REAL;
  double v;
  if (it->log_scale) {
    double hi = integral ? it->max + 1 : it->max;
    v = exp(log(it->min) + u * (log(hi) - log(it->min)));
  } else {
    v = it->min + u * (it->max - it->min + (integral ? 1 : 0));
  }
  if (integral) v = floor(v);
  return v > it->max ? it->max : v;
}

int sq_scenario_vary(const sq_scenario *sc, uint32_t replicate, sq_scenario *out, double *drawn,
                     sq_error *err) {
  *out = *sc;
  for (int k = 0; k < sc->vary.count; k++) {
    const sq_vary_item *it = &sc->vary.item[k];
    sq_bits4 b = sq_philox((uint64_t)sc->seed, replicate, SQ_NO_DAY, (uint32_t)k,
                           SQ_DRAW_SETTINGS, 0);
    double v = vary_draw(it, sq_u01(b.v[0]));
    if (drawn) drawn[k] = v;
    int rc = sq_param_set_number(out, it->param, v, "vary", err);
    if (rc) return rc;
  }
  if (sc->vary.count == 0) return SQ_OK;
  char source[64];
  snprintf(source, sizeof source, "vary, replicate %u", replicate);
  return sq_scenario_check(out, source, err);
}

/* Apply every member of the JSON object `obj` whose path starts at
 * `prefix` ("" at the top level). */
static int apply_object(sq_scenario *sc, const cJSON *obj, const char *prefix, const char *source,
                        sq_error *err) {
  for (const cJSON *item = obj->child; item; item = item->next) {
    char path[256];
    snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", item->string);
    for (const cJSON *prev = obj->child; prev != item; prev = prev->next)
      if (strcmp(prev->string, item->string) == 0)
        return sq_error_set(err, SQ_EINPUT, "%s: %s: duplicate key", source, path);
    if (!*prefix && strcmp(item->string, "base") == 0) continue; /* handled by the loader */
    if (!*prefix && strcmp(item->string, "$schema") == 0) { /* for editors; not a setting */
      if (!cJSON_IsString(item))
        return sq_error_set(err, SQ_EINPUT, "%s: $schema: expected the schema's address, got %s",
                            source, sq_json_kind(item));
      continue;
    }
    if (!*prefix && strcmp(item->string, "prior") == 0) { /* read by `shequn fit` (sim/io/prior.c) */
      if (!cJSON_IsObject(item))
        return sq_error_set(err, SQ_EINPUT,
                            "%s: prior: expected an object of keys and their distributions, got %s",
                            source, sq_json_kind(item));
      continue;
    }
    if (!*prefix && strcmp(item->string, "vary") == 0) {
      int rc = parse_vary(sc, item, source, err);
      if (rc) return rc;
      continue;
    }
    const sq_param *p = sq_param_find(path);
    int rc;
    if (p)
      rc = set_from_json(sc, p, item, source, err);
    else if (is_section(path)) {
      if (!cJSON_IsObject(item))
        return sq_error_set(err, SQ_EINPUT, "%s: %s: expected an object, got %s", source, path,
                            sq_json_kind(item));
      rc = apply_object(sc, item, path, source, err);
    } else
      rc = unknown_key(path, cJSON_IsObject(item), source, err);
    if (rc) return rc;
  }
  return SQ_OK;
}

/* ---- files -------------------------------------------------------------- */

/* "file:line:column" of byte `offset` of `text`. */
static void locate(const char *text, size_t offset, int *line, int *column) {
  *line = 1;
  *column = 1;
  for (size_t i = 0; i < offset && text[i]; i++) {
    if (text[i] == '\n')
      (*line)++, *column = 1;
    else
      (*column)++;
  }
}

/* Parse a JSON file; a syntax error names file:line:column. */
static cJSON *parse_file(const char *path, sq_error *err) {
  size_t len;
  char *text = sq_read_file(path, &len, err);
  if (!text) return NULL;
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
  if (!root && sq_json_deeper_than(text, len, CJSON_NESTING_LIMIT)) {
    sq_error_set(err, SQ_EINPUT, "%s: nested deeper than %d levels", path, CJSON_NESTING_LIMIT);
  } else if (!root) {
    size_t at = end ? (size_t)(end - text) : 0;
    if (at > len) at = len;
    /* cJSON reports a bad key one past its first character: step back to
     * a token that starts right after white space or punctuation */
    if (at > 0 && !isspace((unsigned char)text[at - 1]) &&
        (at == 1 || isspace((unsigned char)text[at - 2]) || strchr("{[,:", text[at - 2])))
      at--;
    size_t rest = at;
    while (rest < len && isspace((unsigned char)text[rest])) rest++;
    int line, column;
    locate(text, at, &line, &column);
    char near[24] = "";
    size_t k = 0;
    for (size_t i = at; text[i] && text[i] != '\n' && k < 16; i++) near[k++] = text[i];
    near[k] = '\0';
    if (rest >= len)
      sq_error_set(err, SQ_EINPUT, "%s:%d:%d: JSON syntax error: unexpected end of input", path,
                   line, column);
    else
      sq_error_set(err, SQ_EINPUT, "%s:%d:%d: JSON syntax error near '%s'", path, line, column,
                   near[0] ? near : "(end of line)");
  } else if (sq_json_nul_escape(text) >= 0) { /* cJSON would cut the string there */
    int line, column;
    locate(text, (size_t)sq_json_nul_escape(text), &line, &column);
    sq_error_set(err, SQ_EINPUT, "%s:%d:%d: a string holds \\u0000 (NUL): not allowed", path,
                 line, column);
    cJSON_Delete(root);
    root = NULL;
  } else if (!cJSON_IsObject(root)) {
    sq_error_set(err, SQ_EINPUT, "%s: expected a JSON object at the top level, got %s", path,
                 sq_json_kind(root));
    cJSON_Delete(root);
    root = NULL;
  }
  free(text);
  return root;
}

/* The chain of files being loaded, to name a cycle of bases. */
typedef struct base_chain {
  const char *path;
  char real[4096];
  const struct base_chain *child; /* the file that named this one as base */
} base_chain;

/* A base must be a regular file: a directory or device is refused where
 * it is named, before anything is read from it. */
static int check_base_kind(const char *path, const char *name, const char *real, sq_error *err) {
  struct stat st;
  if (stat(real, &st) != 0) return SQ_OK; /* the reader reports it */
  if (S_ISDIR(st.st_mode))
    return sq_error_set(err, SQ_EINPUT, "%s: base: \"%s\" is a directory, expected a scenario file",
                        path, name);
  if (!S_ISREG(st.st_mode))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: base: \"%s\" is not a regular file, expected a scenario file", path,
                        name);
  return SQ_OK;
}

/* A translation belongs to the text it translates: a file or --set that
 * changes the name or description but not its Chinese drops the Chinese it
 * inherited (from a base), which would otherwise title a different scenario. */
static const struct translated {
  const char *key, *key_zh;
  size_t offset_zh;
} translations[] = {{"name", "name_zh", offsetof(sq_scenario, name_zh)},
                    {"description", "description_zh", offsetof(sq_scenario, description_zh)}};

/* Whether the file's top level `root`, or else the --set texts, set `key`. */
static bool sets_key(const cJSON *root, const char *const *sets, int n_sets, const char *key) {
  if (root) return cJSON_GetObjectItemCaseSensitive(root, key) != NULL;
  size_t len = strlen(key);
  for (int i = 0; i < n_sets; i++)
    if (strncmp(sets[i], key, len) == 0 && sets[i][len] == '=') return true;
  return false;
}

static void drop_stale_translations(sq_scenario *sc, const cJSON *root, const char *const *sets,
                                    int n_sets) {
  for (size_t i = 0; i < SQ_LEN(translations); i++)
    if (sets_key(root, sets, n_sets, translations[i].key) &&
        !sets_key(root, sets, n_sets, translations[i].key_zh))
      ((char *)sc + translations[i].offset_zh)[0] = '\0';
}

static int load(sq_scenario *sc, const char *path, const base_chain *child, int depth,
                sq_error *err);

/* Apply the scenario object `root`, read from the file `path` (its base
 * and file names are found relative to it), after its base chain. */
static int load_object(sq_scenario *sc, const cJSON *root, const char *path,
                       const base_chain *child, int depth, sq_error *err) {
  base_chain here = {path, "", child};
  if (!realpath(path, here.real)) snprintf(here.real, sizeof here.real, "%s", path);
  int rc = SQ_OK;
  const cJSON *base = cJSON_GetObjectItemCaseSensitive(root, "base");
  if (base) {
    char base_path[4096], real[4096];
    const char *slash = strrchr(path, '/');
    if (cJSON_IsString(base)) { /* a base is found relative to the file that names it */
      if (base->valuestring[0] == '/' || !slash)
        snprintf(base_path, sizeof base_path, "%s", base->valuestring);
      else
        snprintf(base_path, sizeof base_path, "%.*s/%s", (int)(slash - path), path,
                 base->valuestring);
    }
    if (!cJSON_IsString(base)) {
      rc = sq_error_set(err, SQ_EINPUT, "%s: base: expected a file name, got %s", path,
                        sq_json_kind(base));
    } else if (!realpath(base_path, real)) {
      rc = sq_error_set(err, SQ_EINPUT, "%s: base: cannot read %s: %s", path, base_path,
                        strerror(errno));
    } else if ((rc = check_base_kind(path, base->valuestring, real, err))) {
      /* named by the file and key that point at it */
    } else if (depth >= MAX_BASE_DEPTH) {
      rc = sq_error_set(err, SQ_EINPUT, "%s: base: more than %d bases in a chain", path,
                        MAX_BASE_DEPTH);
    } else {
      const base_chain *seen = &here;
      while (seen && strcmp(seen->real, real) != 0) seen = seen->child;
      if (seen) { /* name the cycle, from the first file loaded to the repeat */
        const base_chain *order[MAX_BASE_DEPTH + 1];
        int n = 0;
        for (const base_chain *c = &here; c; c = c->child) order[n++] = c;
        char cycle[8192];
        size_t used = 0;
        for (int i = n - 1; i >= 0 && used < sizeof cycle; i--)
          used += (size_t)snprintf(cycle + used, sizeof cycle - used, "%s -> ", order[i]->path);
        if (used < sizeof cycle) snprintf(cycle + used, sizeof cycle - used, "%s", base_path);
        rc = sq_error_set(err, SQ_EINPUT, "%s: base: cycle %s", order[n - 1]->path, cycle);
      } else {
        rc = load(sc, base_path, &here, depth + 1, err); /* its errors name the base file */
      }
    }
  }
  /* a base's population.size gives way to an edge list's: only this file's counts */
  sc->population_size_given = false;
  if (!rc) rc = apply_object(sc, root, "", path, err);
  if (!rc) drop_stale_translations(sc, root, NULL, 0);
  return rc;
}

static int load(sq_scenario *sc, const char *path, const base_chain *child, int depth,
                sq_error *err) {
  cJSON *root = parse_file(path, err);
  if (!root) return SQ_EINPUT;
  int rc = load_object(sc, root, path, child, depth, err);
  cJSON_Delete(root);
  return rc;
}

int sq_scenario_load(sq_scenario *sc, const char *path, sq_error *err) {
  return load(sc, path, NULL, 0, err);
}

/* The edge list a scenario names, read once it is complete (its agents
 * are the population, unless population.size was given: then the check
 * requires them equal). */
static int read_edge_list(sq_scenario *sc, const char *source, sq_error *err) {
  sq_graph_params *g = &sc->graph;
  if (!g->edge_list_file[0]) return SQ_OK;
  g->edges = sq_edge_list_load(g->edge_list_file, err);
  if (!g->edges) {
    char at[4300];
    snprintf(at, sizeof at, "%s: graph.edge_list_file", source);
    sq_error_prefix(err, at);
    return err->status;
  }
  if (g->model == SQ_GRAPH_EDGE_LIST && !sc->population_size_given)
    sc->population.size = g->edges->nodes;
  return SQ_OK;
}

int sq_scenario_read_object(sq_scenario *sc, const cJSON *obj, const char *path, sq_error *err) {
  sq_scenario_defaults(sc);
  int rc = load_object(sc, obj, path, NULL, 0, err);
  if (!rc) rc = read_edge_list(sc, path, err);
  return rc ? rc : sq_scenario_check(sc, path, err);
}

int sq_scenario_read(sq_scenario *sc, const char *path, const sq_scenario_overrides *over,
                     sq_error *err) {
  static const sq_scenario_overrides none = {0};
  if (!over) over = &none;
  sq_scenario_defaults(sc);
  int rc = sq_scenario_load(sc, path, err);
  for (int i = 0; i < over->n_sets && !rc; i++) rc = sq_scenario_set(sc, over->sets[i], err);
  if (rc) return rc;
  drop_stale_translations(sc, NULL, over->sets, over->n_sets);
  if (over->seed) sc->seed = *over->seed;
  if (over->replicates) sc->replicates = (int)*over->replicates;
  char source[4200]; /* constraints are checked once the overrides are in */
  snprintf(source, sizeof source, "%s%s", path, over->n_sets ? " with --set" : "");
  rc = read_edge_list(sc, source, err);
  return rc ? rc : sq_scenario_check(sc, source, err);
}

int sq_scenario_set(sq_scenario *sc, const char *assignment, sq_error *err) {
  const char *eq = strchr(assignment, '=');
  if (!eq || eq == assignment)
    return sq_error_set(err, SQ_EINPUT, "--set %s: expected key.path=value", assignment);
  char key[256];
  snprintf(key, sizeof key, "%.*s", (int)(eq - assignment), assignment);
  const char *text = eq + 1;
  const sq_param *p = sq_param_find(key);
  if (!p && is_section(key))
    return sq_error_set(err, SQ_EINPUT,
                        "--set: %s: a section, not a key (`shequn params` lists its keys)", key);
  if (!p) return unknown_key(key, false, "--set", err);
  if (sq_json_nul_escape(text) >= 0)
    return sq_error_set(err, SQ_EINPUT, "--set: %s: a string holds \\u0000 (NUL): not allowed",
                        key);
  cJSON *v = cJSON_ParseWithOpts(text, NULL, true);
  /* a bare word is a string for string and enumerated keys */
  if ((p->type == SQ_PARAM_STRING || p->type == SQ_PARAM_ENUM) && !cJSON_IsString(v)) {
    cJSON_Delete(v);
    v = cJSON_CreateString(text);
  }
  if (!v)
    return sq_error_set(err, SQ_EINPUT, "--set: %s: cannot read the value '%s'", key, text);
  int rc = set_from_json(sc, p, v, "--set", err);
  cJSON_Delete(v);
  return rc;
}

/* ---- constraints between keys ------------------------------------------- */

int sq_scenario_check(const sq_scenario *sc, const char *source, sq_error *err) {
  const sq_graph_params *g = &sc->graph;
  if (g->model == SQ_GRAPH_EDGE_LIST) {
    if (!g->edge_list_file[0])
      return sq_error_set(err, SQ_EINPUT,
                          "%s: graph.edge_list_file: graph.model edge_list needs the edge list's "
                          "file, got none",
                          source);
    if (!g->edges) /* set by hand, not read: the scenario reader loads it */
      return sq_error_set(err, SQ_EINPUT, "%s: graph.edge_list_file: %s was not read", source,
                          g->edge_list_file);
    if (sc->population.size != g->edges->nodes)
      return sq_error_set(err, SQ_EINPUT,
                          "%s: population.size: must be left out or equal the %u agents of the "
                          "edge list %s, got %lld",
                          source, g->edges->nodes, g->edge_list_file,
                          (long long)sc->population.size);
  } else if (g->model != SQ_GRAPH_WELL_MIXED) {
    if (g->mean_degree % 2)
      return sq_error_set(err, SQ_EINPUT, "%s: graph.mean_degree: must be even (got %d)", source,
                          g->mean_degree);
    if (g->mean_degree >= sc->population.size)
      return sq_error_set(err, SQ_EINPUT,
                          "%s: graph.mean_degree: must be less than population.size (%lld), got %d",
                          source, (long long)sc->population.size, g->mean_degree);
  }
  if (sc->group.founders >= sc->group.capacity)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: group.founders: must be less than group.capacity (%d), got %d", source,
                        sc->group.capacity, sc->group.founders);
  if ((int64_t)sc->group.initial_groups * (sc->group.founders + sc->team.owner) > sc->population.size)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: group.initial_groups: %d groups need %lld founders and owners but "
                        "population.size is %lld",
                        source, sc->group.initial_groups, (long long)sc->group.initial_groups * (sc->group.founders + sc->team.owner),
                        (long long)sc->population.size);
  if (sc->group.theme_topic >= sc->population.topics)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: group.theme_topic: must be less than population.topics (%d), got %d",
                        source, sc->population.topics, sc->group.theme_topic);
  if (sc->team.managers > sc->group.founders)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: team.managers: must be at most group.founders (%d), got %d", source,
                        sc->group.founders, sc->team.managers);
  const sq_outreach_params *o = &sc->recruitment.outreach;
  if (o->wave_days > o->wave_period_days)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: recruitment.outreach.wave_days: must be at most "
                        "recruitment.outreach.wave_period_days (%d), "
                        "got %d",
                        source, o->wave_period_days, o->wave_days);
  if (sc->stages.decline_below > sc->stages.active_from)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: stages.decline_below: must be at most stages.active_from (%.15g), got %.15g",
                        source, sc->stages.active_from, sc->stages.decline_below);
  if (sc->stages.growth_from > sc->stages.active_from)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: stages.growth_from: must be at most stages.active_from (%.15g), got %.15g",
                        source, sc->stages.active_from, sc->stages.growth_from);
  return SQ_OK;
}

/* ---- the resolved scenario ------------------------------------------------ */

/* The object at `path`'s parent section, created as needed; sets *leaf. */
static cJSON *section_for(cJSON *root, const char *path, const char **leaf) {
  cJSON *obj = root;
  const char *start = path;
  for (const char *dot; (dot = strchr(start, '.')); start = dot + 1) {
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(dot - start), start);
    cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!child) child = cJSON_AddObjectToObject(obj, name);
    obj = child;
  }
  *leaf = start;
  return obj;
}

char *sq_scenario_to_json(const sq_scenario *sc) {
  cJSON *root = cJSON_CreateObject();
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    const char *leaf;
    cJSON *obj = section_for(root, p->path, &leaf);
    const void *f = cfield(sc, p);
    switch (p->type) {
      case SQ_PARAM_REAL:
      case SQ_PARAM_INT:
      case SQ_PARAM_INT64: cJSON_AddNumberToObject(obj, leaf, sq_param_get_number(sc, p)); break;
      case SQ_PARAM_BOOL: cJSON_AddBoolToObject(obj, leaf, *(const bool *)f); break;
      case SQ_PARAM_ENUM:
        cJSON_AddStringToObject(obj, leaf, sq_choice_name(p->choices, (size_t)*(const int *)f));
        break;
      case SQ_PARAM_STRING: cJSON_AddStringToObject(obj, leaf, f); break;
      case SQ_PARAM_INT_LIST: {
        const sq_int_list *l = f;
        cJSON *arr = cJSON_AddArrayToObject(obj, leaf);
        for (int k = 0; k < l->count; k++) cJSON_AddItemToArray(arr, cJSON_CreateNumber(l->value[k]));
        break;
      }
    }
  }
  if (sc->vary.count) {
    cJSON *list = cJSON_AddArrayToObject(root, "vary");
    for (int k = 0; k < sc->vary.count; k++) {
      const sq_vary_item *it = &sc->vary.item[k];
      const sq_param *p = it->param;
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "key", p->path);
      if (it->has_values) {
        cJSON *values = cJSON_AddArrayToObject(o, "values");
        for (int j = 0; j < it->n_values; j++) {
          double v = it->values[j];
          cJSON *x = p->type == SQ_PARAM_BOOL   ? cJSON_CreateBool(v != 0)
                     : p->type == SQ_PARAM_ENUM ? cJSON_CreateString(sq_choice_name(p->choices, (size_t)v))
                                                : cJSON_CreateNumber(v);
          cJSON_AddItemToArray(values, x);
        }
      } else {
        cJSON_AddNumberToObject(o, "min", it->min);
        cJSON_AddNumberToObject(o, "max", it->max);
        cJSON_AddStringToObject(o, "scale", it->log_scale ? "log" : "linear");
      }
      cJSON_AddItemToArray(list, o);
    }
  }
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  return text;
}

#include "sim/io/prior.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "sim/io/fileio.h"
#include "sim/io/scenario.h"

/* The fields of each distribution, after "distribution". */
static const char *const fields_of[SQ_PRIOR_KINDS][4] = {{"min", "max", NULL},
                                                         {"min", "max", NULL},
                                                         {"mean", "sd", NULL},
                                                         {"alpha", "beta", "min", "max"}};
static const int required_of[SQ_PRIOR_KINDS] = {2, 2, 2, 2};

static const char *range_text(const sq_param *p, char *buf, size_t size) {
  char lo[40], hi[40];
  sq_format_number(p->min, lo, sizeof lo);
  sq_format_number(p->max, hi, sizeof hi);
  snprintf(buf, size, "%s%s, %s]", p->min_open ? "(" : "[", lo, hi);
  return buf;
}

static bool below_min(const sq_param *p, double v) {
  return p->min_open ? v <= p->min : v < p->min;
}

static int read_one(const sq_param *p, const cJSON *o, const char *source, sq_prior *out,
                    sq_error *err) {
  const char *key = p->path;
  if (!cJSON_IsObject(o))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: prior.%s: expected an object such as {\"distribution\": \"uniform\", "
                        "\"min\": A, \"max\": B}, got %s",
                        source, key, sq_json_kind(o));
  const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "distribution");
  if (!cJSON_IsString(d))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: prior.%s.distribution: expected uniform, log-uniform, normal or beta, "
                        "got %s",
                        source, key, sq_json_kind(d));
  int kind = -1;
  size_t best = 0, best_d = (size_t)-1;
  for (int k = 0; k < SQ_PRIOR_KINDS; k++) {
    if (strcmp(d->valuestring, sq_prior_kind_names[k]) == 0) kind = k;
    size_t e = sq_edit_distance(d->valuestring, sq_prior_kind_names[k]);
    if (e < best_d) best_d = e, best = (size_t)k;
  }
  if (kind < 0) {
    char hint[64] = "";
    if (best_d <= 3)
      snprintf(hint, sizeof hint, " (did you mean \"%s\"?)", sq_prior_kind_names[best]);
    return sq_error_set(err, SQ_EINPUT,
                        "%s: prior.%s.distribution: expected uniform, log-uniform, normal or beta, "
                        "got \"%.60s\"%s",
                        source, key, d->valuestring, hint);
  }
  double v[4] = {NAN, NAN, NAN, NAN};
  const char *const *fields = fields_of[kind];
  for (const cJSON *f = o->child; f; f = f->next) {
    if (strcmp(f->string, "distribution") == 0) continue;
    int k = 0;
    while (k < 4 && fields[k] && strcmp(fields[k], f->string)) k++;
    if (k == 4 || !fields[k])
      return sq_error_set(err, SQ_EINPUT,
                          "%s: prior.%s.%.60s: unknown field for a %s prior (expected %s)", source,
                          key, f->string, sq_prior_kind_names[kind],
                          kind == SQ_PRIOR_NORMAL ? "mean and sd"
                          : kind == SQ_PRIOR_BETA ? "alpha, beta, and optionally min and max"
                                                  : "min and max");
    if (!cJSON_IsNumber(f) || !isfinite(f->valuedouble))
      return sq_error_set(err, SQ_EINPUT, "%s: prior.%s.%s: expected a number, got %s", source, key,
                          f->string, sq_json_kind(f));
    v[k] = f->valuedouble;
  }
  for (int k = 0; k < required_of[kind]; k++)
    if (isnan(v[k]))
      return sq_error_set(err, SQ_EINPUT, "%s: prior.%s: a %s prior needs \"%s\"", source, key,
                          sq_prior_kind_names[kind], fields[k]);
  char range[100], a[40], b[40];
  range_text(p, range, sizeof range);
  *out = (sq_prior){.kind = (sq_prior_kind)kind, .a = v[0], .b = v[1]};
  switch (kind) {
    case SQ_PRIOR_UNIFORM:
    case SQ_PRIOR_LOG_UNIFORM:
      if (!(v[0] < v[1]))
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s: min must be below max (got %s and %s)",
                            source, key, sq_format_number(v[0], a, sizeof a),
                            sq_format_number(v[1], b, sizeof b));
      if (kind == SQ_PRIOR_LOG_UNIFORM && !(v[0] > 0))
        return sq_error_set(err, SQ_EINPUT,
                            "%s: prior.%s.min: a log-uniform prior needs min > 0 (got %s)", source,
                            key, sq_format_number(v[0], a, sizeof a));
      if (below_min(p, v[0]))
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s.min: %s is outside the key's range %s",
                            source, key, sq_format_number(v[0], a, sizeof a), range);
      if (v[1] > p->max)
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s.max: %s is outside the key's range %s",
                            source, key, sq_format_number(v[1], a, sizeof a), range);
      out->lo = v[0], out->hi = v[1];
      break;
    case SQ_PRIOR_NORMAL:
      if (!(v[1] > 0))
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s.sd: must be greater than 0 (got %s)",
                            source, key, sq_format_number(v[1], a, sizeof a));
      if (below_min(p, v[0]) || v[0] > p->max)
        return sq_error_set(err, SQ_EINPUT,
                            "%s: prior.%s.mean: %s is outside the key's range %s (the normal is "
                            "truncated to that range)",
                            source, key, sq_format_number(v[0], a, sizeof a), range);
      /* truncated to the key's range; an open lower bound is approached,
       * never reached (a draw exactly on it has probability zero) */
      out->lo = p->min, out->hi = p->max;
      if (p->min_open) out->lo = nextafter(p->min, INFINITY);
      break;
    case SQ_PRIOR_BETA:
      if (!(v[0] > 0) || !(v[1] > 0))
        return sq_error_set(
            err, SQ_EINPUT, "%s: prior.%s: alpha and beta must be greater than 0 (got %s and %s)",
            source, key, sq_format_number(v[0], a, sizeof a), sq_format_number(v[1], b, sizeof b));
      out->lo = isnan(v[2]) ? 0 : v[2];
      out->hi = isnan(v[3]) ? 1 : v[3];
      if (!(out->lo < out->hi))
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s: min must be below max (got %s and %s)",
                            source, key, sq_format_number(out->lo, a, sizeof a),
                            sq_format_number(out->hi, b, sizeof b));
      /* the beta's open support (lo, hi) must lie in the key's range */
      if (out->lo < p->min || out->hi > p->max)
        return sq_error_set(err, SQ_EINPUT,
                            "%s: prior.%s: the beta's support [%s, %s] leaves the key's range %s "
                            "(give \"min\" and \"max\" inside it)",
                            source, key, sq_format_number(out->lo, a, sizeof a),
                            sq_format_number(out->hi, b, sizeof b), range);
      break;
  }
  return SQ_OK;
}

int sq_prior_parse(sq_fit_prior *prior, const cJSON *obj, const char *source, sq_error *err) {
  memset(prior, 0, sizeof *prior);
  if (!cJSON_IsObject(obj))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: prior: expected an object of keys and their distributions, got %s",
                        source, sq_json_kind(obj));
  for (const cJSON *item = obj->child; item; item = item->next) {
    const sq_param *p = sq_param_find(item->string);
    if (!p) {
      char near[256];
      if (sq_closest_key(item->string, near, sizeof near))
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%.100s: unknown key (did you mean %s?)",
                            source, item->string, near);
      return sq_error_set(err, SQ_EINPUT,
                          "%s: prior.%.100s: unknown key (`shequn params` lists them)", source,
                          item->string);
    }
    if (!sq_param_can_vary(p) && p->type != SQ_PARAM_STRING && p->type != SQ_PARAM_INT_LIST)
      return sq_error_set(err, SQ_EINPUT,
                          "%s: prior.%s: cannot be fitted: population, graph and run keys are "
                          "shared by every simulation of a fit",
                          source, p->path);
    if (p->type != SQ_PARAM_REAL && p->type != SQ_PARAM_INT)
      return sq_error_set(err, SQ_EINPUT,
                          "%s: prior.%s: cannot be fitted: a prior needs a real or integer key, "
                          "this one is a %s",
                          source, p->path,
                          p->type == SQ_PARAM_BOOL   ? "boolean"
                          : p->type == SQ_PARAM_ENUM ? "choice"
                                                     : "text or list");
    for (int k = 0; k < prior->n; k++)
      if (prior->param[k] == p)
        return sq_error_set(err, SQ_EINPUT, "%s: prior.%s: the key appears twice", source, p->path);
    if (prior->n == SQ_FIT_MAX_PARAMS)
      return sq_error_set(err, SQ_EINPUT, "%s: prior: more than %d keys", source,
                          SQ_FIT_MAX_PARAMS);
    int rc = read_one(p, item, source, &prior->dist[prior->n], err);
    if (rc) return rc;
    prior->param[prior->n++] = p;
  }
  if (prior->n == 0)
    return sq_error_set(err, SQ_EINPUT, "%s: prior: no keys: name at least one key to fit", source);
  return SQ_OK;
}

int sq_prior_read(sq_fit_prior *prior, const char *path, bool in_scenario, sq_error *err) {
  memset(prior, 0, sizeof *prior);
  cJSON *root = sq_json_load(path, err);
  if (!root) return SQ_EINPUT;
  int rc;
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "prior");
  if (!obj && in_scenario)
    rc = sq_error_set(err, SQ_EINPUT,
                      "%s: no \"prior\" object in the scenario: name the keys to fit there or in "
                      "a file given with --prior",
                      path);
  else if (!obj)
    rc = sq_error_set(err, SQ_EINPUT,
                      "%s: no \"prior\" object: expected {\"prior\": {\"KEY\": {\"distribution\": "
                      "\"uniform\", \"min\": A, \"max\": B}}}",
                      path);
  else
    rc = sq_prior_parse(prior, obj, path, err);
  for (const cJSON *item = root->child; item && !rc && !in_scenario; item = item->next)
    if (strcmp(item->string, "prior") && strcmp(item->string, "$schema") &&
        strcmp(item->string, "description"))
      rc = sq_error_set(err, SQ_EINPUT, "%s: %.60s: unknown field (expected \"prior\")", path,
                        item->string);
  cJSON_Delete(root);
  return rc;
}

cJSON *sq_prior_to_json(const sq_fit_prior *prior, int k) {
  const sq_prior *d = &prior->dist[k];
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddStringToObject(o, "distribution", sq_prior_kind_names[d->kind]);
  switch (d->kind) {
    case SQ_PRIOR_UNIFORM:
    case SQ_PRIOR_LOG_UNIFORM:
      cJSON_AddNumberToObject(o, "min", d->a);
      cJSON_AddNumberToObject(o, "max", d->b);
      break;
    case SQ_PRIOR_NORMAL:
      cJSON_AddNumberToObject(o, "mean", d->a);
      cJSON_AddNumberToObject(o, "sd", d->b);
      cJSON_AddNumberToObject(o, "truncated_min", prior->param[k]->min);
      cJSON_AddNumberToObject(o, "truncated_max", prior->param[k]->max);
      break;
    case SQ_PRIOR_BETA:
      cJSON_AddNumberToObject(o, "alpha", d->a);
      cJSON_AddNumberToObject(o, "beta", d->b);
      cJSON_AddNumberToObject(o, "min", d->lo);
      cJSON_AddNumberToObject(o, "max", d->hi);
      break;
    default:
      break;
  }
  return o;
}

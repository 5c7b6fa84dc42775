/* The charts of a fit (`shequn fit`, docs/FIT.md): the observed series
 * over the posterior predictive bands (predictive.csv), the marginal
 * posteriors and pairs of the last generation (particles.csv), the
 * tolerance and acceptance rate per generation (generations.csv), and the
 * forecast survival with each what-if (forecast.csv).  Every column is
 * found by its header name; the parameters of particles.csv are the
 * columns between "index" and "weight", as the fit writes them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plots/chart.h"
#include "sim/analysis/stats.h"
#include "sim/io/names.h"

enum { FIT_MAX_PARAMS = 16, FIT_MAX_PAIRS = 3, FIT_BINS = 24, FIT_MAX_WHAT_IFS = 11 };

/* The series a fit may observe, in the order it writes them. */
static const char *const series_names[] = {"members", "active", "posts", "joins", "leaves"};

static const sq_plot_csv_need generations_need = {
    {"generation", "tolerance", "acceptance_rate", "ess", "simulations", "failed", "accepted",
     NULL},
    {NULL},
    1};
static const sq_plot_csv_need particles_need = {
    {"generation", "index", "weight", "distance", NULL}, {NULL}, 1};

static void fit_file(const sq_plotter *p, const char *file, char *buf, size_t size) {
  snprintf(buf, size, "%s/%s", p->dir, file);
}

/* A number of summary.json, or `fallback`. */
static double summary_number(const cJSON *summary, const char *key, double fallback) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(summary, key);
  return cJSON_IsNumber(v) ? v->valuedouble : fallback;
}

/* What summary.json says of parameter `key`'s prior: whether it is
 * log-uniform, and its support when bounded (uniform, log-uniform: min
 * and max; beta: min and max, else 0 and 1); false without one. */
static bool prior_support(const cJSON *summary, const char *key, bool *log_uniform,
                          double support[2]) {
  *log_uniform = false;
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(summary, "parameters");
  for (const cJSON *e = list ? list->child : NULL; e; e = e->next) {
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "key");
    if (!cJSON_IsString(k) || strcmp(k->valuestring, key) != 0) continue;
    const cJSON *prior = cJSON_GetObjectItemCaseSensitive(e, "prior");
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(prior, "distribution");
    if (!cJSON_IsString(d)) return false;
    *log_uniform = strcmp(d->valuestring, "log-uniform") == 0;
    bool beta = strcmp(d->valuestring, "beta") == 0;
    if (!*log_uniform && !beta && strcmp(d->valuestring, "uniform") != 0) return false;
    support[0] = summary_number(prior, "min", beta ? 0 : NAN);
    support[1] = summary_number(prior, "max", beta ? 1 : NAN);
    return isfinite(support[0]) && isfinite(support[1]) && support[1] > support[0];
  }
  return false;
}

/* ---- predictive.csv ---- */

/* The last day with an observed value in predictive.csv (-1 if none),
 * when summary.json does not give it. */
static int last_observed(const char *path, int n_series, const char *const *series, int *day,
                         sq_error *err) {
  sq_plot_csv r;
  int cols[1 + FIT_MAX_PARAMS], rc = sq_plot_csv_open(&r, path, err);
  if (!rc) rc = sq_plot_csv_column(&r, "day", &cols[0], err);
  for (int s = 0; s < n_series && !rc; s++) {
    char name[64];
    snprintf(name, sizeof name, "%s_observed", series[s]);
    rc = sq_plot_csv_column(&r, name, &cols[1 + s], err);
  }
  *day = -1;
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    int d;
    if ((rc = sq_plot_csv_day(&r, cols[0], &d, err))) break;
    for (int s = 0; s < n_series; s++) {
      char buf[64];
      if (*sq_plot_csv_field(&r, cols[1 + s], buf, sizeof buf)) *day = d;
    }
  }
  sq_plot_csv_close(&r);
  return rc;
}

/* The observed series of predictive.csv (those with a "S_q50" column),
 * each checked: its five quantiles and its observed values are numbers. */
static int predictive_series(const char *path, const char **series, int *n, sq_error *err) {
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err), col;
  if (rc) return rc;
  sq_error ignored = {0};
  *n = 0;
  for (size_t s = 0; s < SQ_LEN(series_names); s++) {
    char name[64];
    snprintf(name, sizeof name, "%s_q50", series_names[s]);
    if (sq_plot_csv_column(&r, name, &col, &ignored) == SQ_OK) series[(*n)++] = series_names[s];
  }
  sq_plot_csv_close(&r);
  if (*n == 0)
    return sq_error_set(err, SQ_EINPUT,
                        "%s:1: no observed series: expected a column S_q50 for one of members, "
                        "active, posts, joins, leaves",
                        path);
  for (int s = 0; s < *n && !rc; s++) {
    static const char *const suffix[] = {"q025", "q25", "q50", "q75", "q975", "observed"};
    char names[6][64];
    sq_plot_csv_need need = {{"day"}, {NULL}, 1};
    for (int k = 0; k < 6; k++) {
      snprintf(names[k], sizeof names[k], "%s_%s", series[s], suffix[k]);
      need.numbers[1 + k] = names[k];
    }
    rc = sq_plot_csv_check(path, &need, err);
  }
  return rc;
}

/* One chart per observed series: its observed values over the posterior
 * predictive median and its 50% and 95% bands, with the last observed day
 * marked. */
int sq_chart_fit_predictive(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200];
  fit_file(p, "predictive.csv", path, sizeof path);
  const char *series[SQ_LEN(series_names)];
  int n, last = -1;
  int rc = predictive_series(path, series, &n, err);
  if (rc) return rc;
  cJSON *summary = sq_plot_optional_json(p->dir, "summary.json");
  double given = summary_number(summary, "last_observed_day", -1);
  cJSON_Delete(summary);
  if (given >= 0 && given <= SQ_PLOT_MAX_DAY) last = (int)given;
  if (last < 0 && (rc = last_observed(path, n, series, &last, err))) return rc;
  for (int s = 0; s < n && !rc; s++) {
    const char *noun = p->l->fit.series[0];
    for (size_t k = 0; k < SQ_LEN(series_names); k++)
      if (strcmp(series[s], series_names[k]) == 0) noun = p->l->fit.series[k];
    char kind[64], format[256];
    snprintf(kind, sizeof kind, "predictive-%s", series[s]);
    snprintf(format, sizeof format, p->l->fit.predictive, "%s", noun);
    sq_chart c;
    sq_chart_begin_scenario(p, &c, kind, format, name);
    sq_gp_path(&c.script, "data", path);
    sq_gp_string(&c.script, "s", series[s]); /* a program constant: a column prefix */
    sq_gp_strings(&c.script, "xlabel", p->l->day, "ylabel", noun, "l_band95", p->l->fit.band95,
                  "l_band50", p->l->fit.band50, "l_median", p->l->fit.median, "l_observed",
                  p->l->fit.observed, "l_last", p->l->fit.last_observed, NULL);
    sq_gp_number(&c.script, "last_day", last);
    rc = sq_chart_render(p, "fit_predictive.gp", &c, err);
  }
  return rc;
}

/* ---- particles.csv ---- */

/* The accepted particles of the last generation. */
typedef struct particles {
  int n_params, n; /* parameters, particles */
  char names[FIT_MAX_PARAMS][128];
  double *value;  /* value[i * n_params + k] */
  double *weight; /* weight[i], normalised to sum 1 */
  bool log[FIT_MAX_PARAMS];
  bool bounded[FIT_MAX_PARAMS];      /* its prior's support is known: */
  double support[FIT_MAX_PARAMS][2]; /* the posterior's axis spans it */
} particles;

static void particles_free(particles *q) {
  free(q->value), free(q->weight);
  q->value = q->weight = NULL;
}

/* A field of particles.csv as a finite number, else an error naming the
 * file, the line and the column. */
static int finite_field(const sq_plot_csv *r, int col, double *v, sq_error *err) {
  char buf[256], name[128], shown[300], *end;
  sq_plot_csv_field(r, col, buf, sizeof buf);
  *v = strtod(buf, &end);
  if (end != buf && *end == '\0' && isfinite(*v)) return SQ_OK;
  return sq_error_set(err, SQ_EINPUT, "%s:%d: %s: expected a finite number, got %s", r->path,
                      r->line_no, sq_plot_csv_name(r, col, name, sizeof name),
                      sq_name_quote(buf, shown, sizeof shown));
}

/* The generation of a row: a whole number from 0 to SQ_FIT_MAX_GENERATION. */
#define SQ_FIT_MAX_GENERATION 100000
static int generation_field(const sq_plot_csv *r, int col, int *g, sq_error *err) {
  double v;
  int rc = finite_field(r, col, &v, err);
  if (rc) return rc;
  if (v < 0 || v > SQ_FIT_MAX_GENERATION || v != floor(v)) {
    char buf[64];
    return sq_error_set(
        err, SQ_EINPUT, "%s:%d: generation: expected a whole number from 0 to %d, got \"%.20s\"",
        r->path, r->line_no, SQ_FIT_MAX_GENERATION, sq_plot_csv_field(r, col, buf, sizeof buf));
  }
  *g = (int)v;
  return SQ_OK;
}

/* Add the current row to q if it belongs to generation `last`. */
static int particle_row(const sq_plot_csv *r, const int *cols, int first, int last, particles *q,
                        size_t *cap, sq_error *err) {
  double w, v[FIT_MAX_PARAMS];
  int g, rc = generation_field(r, cols[0], &g, err);
  if (!rc) rc = finite_field(r, cols[2], &w, err);
  for (int k = 0; k < q->n_params && !rc; k++) rc = finite_field(r, first + k, &v[k], err);
  if (rc || g != last) return rc;
  if (w < 0)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: weight: expected a weight of 0 or more, got %g",
                        r->path, r->line_no, w);
  if ((size_t)q->n == *cap) {
    size_t more = *cap ? 2 * *cap : 256;
    double *values = realloc(q->value, more * (size_t)q->n_params * sizeof *values);
    if (values) q->value = values;
    double *weights = realloc(q->weight, more * sizeof *weights);
    if (weights) q->weight = weights;
    if (!values || !weights)
      return sq_error_set(err, SQ_ERUNTIME, "%s: out of memory at line %d", r->path, r->line_no);
    *cap = more;
  }
  memcpy(q->value + (size_t)q->n * (size_t)q->n_params, v, (size_t)q->n_params * sizeof *v);
  q->weight[q->n++] = w;
  return SQ_OK;
}

/* The last generation of particles.csv, its weights normalised; the
 * support of each parameter's prior when summary.json gives it and it
 * holds every value, and a log axis for a log-uniform prior when the axis
 * (the support, else the values) spans a decade or more. */
static int read_particles(const sq_plotter *p, particles *q, sq_error *err) {
  static const char *const columns[] = {"generation", "index", "weight", NULL};
  char path[4200];
  fit_file(p, "particles.csv", path, sizeof path);
  *q = (particles){0};
  int rc = sq_plot_csv_check(path, &particles_need, err), cols[3];
  sq_plot_csv r;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  rc = sq_plot_csv_columns(&r, columns, cols, err);
  int first = cols[1] + 1;
  q->n_params = cols[2] - first;
  if (!rc && (q->n_params < 1 || q->n_params > FIT_MAX_PARAMS))
    rc = sq_error_set(err, SQ_EINPUT,
                      "%s:1: expected 1 to %d parameter columns between \"index\" and "
                      "\"weight\", found %d",
                      path, FIT_MAX_PARAMS, q->n_params < 0 ? 0 : q->n_params);
  for (int k = 0; !rc && k < q->n_params; k++)
    sq_plot_csv_name(&r, first + k, q->names[k], sizeof q->names[k]);
  int last = -1;
  while (!rc && sq_plot_csv_next(&r, &rc, err)) { /* the last generation */
    int g;
    if (!(rc = generation_field(&r, cols[0], &g, err)) && g > last) last = g;
  }
  size_t cap = 0;
  if (!rc) rc = sq_plot_csv_rewind(&r, err);
  while (!rc && sq_plot_csv_next(&r, &rc, err))
    rc = particle_row(&r, cols, first, last, q, &cap, err);
  sq_plot_csv_close(&r);
  double total = 0;
  for (int i = 0; i < q->n; i++) total += q->weight[i];
  if (!rc && !(total > 0))
    rc = sq_error_set(err, SQ_EINPUT, "%s: the weights of generation %d add up to 0", path, last);
  if (rc) return particles_free(q), rc;
  for (int i = 0; i < q->n; i++) q->weight[i] /= total;
  cJSON *summary = sq_plot_optional_json(p->dir, "summary.json");
  for (int k = 0; k < q->n_params; k++) {
    double lo = INFINITY, hi = -INFINITY, *s = q->support[k];
    for (int i = 0; i < q->n; i++) {
      double v = q->value[i * q->n_params + k];
      lo = v < lo ? v : lo, hi = v > hi ? v : hi;
    }
    bool log_uniform;
    q->bounded[k] =
        prior_support(summary, q->names[k], &log_uniform, s) && s[0] <= lo && hi <= s[1];
    if (q->bounded[k]) lo = s[0], hi = s[1];            /* the axis: the support, else the values */
    q->log[k] = log_uniform && lo > 0 && hi >= 10 * lo; /* a log axis over a decade or more */
  }
  cJSON_Delete(summary);
  return SQ_OK;
}

/* Parameter k's values into column, its weighted quantiles 5%, 50% and
 * 95% into qs (sim/analysis/stats.h, as summary.json's are), and its
 * smallest and largest values into range. */
static void parameter_quantiles(const particles *q, int k, double *column, double qs[3],
                                double range[2]) {
  range[0] = INFINITY, range[1] = -INFINITY;
  for (int i = 0; i < q->n; i++) {
    double v = column[i] = q->value[i * q->n_params + k];
    range[0] = v < range[0] ? v : range[0], range[1] = v > range[1] ? v : range[1];
  }
  static const double at[3] = {0.05, 0.5, 0.95};
  for (int j = 0; j < 3; j++) qs[j] = sq_weighted_quantile(column, q->weight, (size_t)q->n, at[j]);
}

/* The weighted histogram of parameter k as one block of "low,high,share"
 * rows (bins even in the logarithm on a log axis). */
static void histogram(FILE *d, const particles *q, int k, const double range[2]) {
  double lo = range[0], hi = range[1];
  bool lg = q->log[k];
  if (lg) lo = log(lo), hi = log(hi);
  if (!(hi > lo)) { /* every particle alike: one bin around it */
    double half = fabs(lo) > 0 ? 0.05 * fabs(lo) : 0.5;
    lo -= half, hi += half;
  }
  /* halves, so that the width of a range of any finite numbers is finite */
  double share[FIT_BINS] = {0}, half_width = (hi / 2 - lo / 2) / FIT_BINS;
  for (int i = 0; i < q->n; i++) {
    double v = q->value[i * q->n_params + k];
    double x = ((lg ? log(v) : v) / 2 - lo / 2) / half_width;
    int b = x >= 0 && x < FIT_BINS ? (int)x : x >= FIT_BINS ? FIT_BINS - 1 : 0;
    share[b] += q->weight[i];
  }
  for (int b = 0; b < FIT_BINS; b++) {
    double a = 2 * (lo / 2 + b * half_width), z = 2 * (lo / 2 + (b + 1) * half_width);
    fprintf(d, "%.10g,%.10g,%.10g\n", lg ? exp(a) : a, lg ? exp(z) : z, share[b]);
  }
  fputs("\n\n", d);
}

/* gnuplot's layout for n panels: columns and rows. */
static void layout(int n, int *cols, int *rows) {
  *cols = n <= 3 ? n : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  *rows = (n + *cols - 1) / *cols;
}

/* Numbers as gnuplot array elements (strings the template reads with
 * real()). */
static void number_array(sq_gp_script *s, const char *name, const double *v, int n) {
  char text[FIT_MAX_PARAMS][32];
  const char *t[FIT_MAX_PARAMS];
  for (int k = 0; k < n; k++) snprintf(text[k], sizeof text[k], "%.10g", v[k]), t[k] = text[k];
  sq_gp_array(s, name, t, n);
}

/* The marginal posterior of every parameter: a weighted histogram of the
 * last generation, its median and 90% interval, a panel each, over the
 * prior's support when it is known (so that what the fit learnt shows). */
static int chart_posterior(sq_plotter *p, const char *name, const particles *q, sq_error *err) {
  char data[4200];
  FILE *d = NULL;
  double *column = malloc((size_t)q->n * sizeof *column);
  if (!column) return sq_error_set(err, SQ_ERUNTIME, "%s: out of memory", p->dir);
  int rc = sq_plot_data_open(p, "posterior.dat", data, sizeof data, &d, err);
  double lo[FIT_MAX_PARAMS], med[FIT_MAX_PARAMS], hi[FIT_MAX_PARAMS], lg[FIT_MAX_PARAMS],
      bounded[FIT_MAX_PARAMS], xmin[FIT_MAX_PARAMS], xmax[FIT_MAX_PARAMS];
  for (int k = 0; !rc && k < q->n_params; k++) {
    double qs[3], range[2];
    parameter_quantiles(q, k, column, qs, range);
    lo[k] = qs[0], med[k] = qs[1], hi[k] = qs[2], lg[k] = q->log[k], bounded[k] = q->bounded[k];
    xmin[k] = q->bounded[k] ? q->support[k][0] : 0, xmax[k] = q->bounded[k] ? q->support[k][1] : 0;
    histogram(d, q, k, range);
  }
  free(column);
  if (d) {
    int closed = sq_plot_data_close(d, data, err);
    if (!rc) rc = closed;
  }
  if (rc) return rc;
  const char *names[FIT_MAX_PARAMS];
  for (int k = 0; k < q->n_params; k++) names[k] = q->names[k];
  int cols, rows;
  layout(q->n_params, &cols, &rows);
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "posterior", p->l->fit.posterior, name);
  sq_gp_path(&c.script, "data", data);
  sq_gp_number(&c.script, "n", q->n_params);
  sq_gp_number(&c.script, "cols", cols);
  sq_gp_number(&c.script, "rows", rows);
  sq_gp_array(&c.script, "names", names, q->n_params);
  number_array(&c.script, "lo", lo, q->n_params);
  number_array(&c.script, "med", med, q->n_params);
  number_array(&c.script, "hi", hi, q->n_params);
  number_array(&c.script, "lg", lg, q->n_params);
  number_array(&c.script, "bounded", bounded, q->n_params);
  number_array(&c.script, "xmin", xmin, q->n_params);
  number_array(&c.script, "xmax", xmax, q->n_params);
  sq_gp_strings(&c.script, "ylabel", p->l->fit.weight_axis, "l_particles", p->l->fit.particles,
                "l_interval", p->l->fit.interval90, NULL);
  rc = sq_chart_render(p, "fit_posterior.gp", &c, err);
  unlink(data);
  return rc;
}

/* Scatter plots of the first pairs of parameters (1-2, 1-3, 2-3), each
 * particle of the last generation drawn as large as its weight, over the
 * priors' supports when they are known. */
static int chart_pairs(sq_plotter *p, const char *name, const particles *q, sq_error *err) {
  static const int pairs[FIT_MAX_PAIRS][2] = {{0, 1}, {0, 2}, {1, 2}};
  int n_pairs = q->n_params >= 3 ? 3 : q->n_params - 1;
  if (n_pairs < 1) return SQ_OK; /* one parameter: no pairs */
  char data[4200];
  FILE *d = NULL;
  int rc = sq_plot_data_open(p, "pairs.dat", data, sizeof data, &d, err);
  if (rc) return rc;
  const char *x[FIT_MAX_PAIRS], *y[FIT_MAX_PAIRS];
  double xlog[FIT_MAX_PAIRS], ylog[FIT_MAX_PAIRS], range[4][FIT_MAX_PAIRS], xb[FIT_MAX_PAIRS],
      yb[FIT_MAX_PAIRS];
  for (int k = 0; k < n_pairs; k++) {
    int a = pairs[k][0], b = pairs[k][1];
    x[k] = q->names[a], y[k] = q->names[b], xlog[k] = q->log[a], ylog[k] = q->log[b];
    xb[k] = q->bounded[a], yb[k] = q->bounded[b]; /* the priors' supports, if known */
    for (int e = 0; e < 2; e++) {
      range[e][k] = q->bounded[a] ? q->support[a][e] : 0;
      range[2 + e][k] = q->bounded[b] ? q->support[b][e] : 0;
    }
    for (int i = 0; i < q->n; i++) /* point size: 1 for the mean weight */
      fprintf(d, "%.10g,%.10g,%.6g\n", q->value[i * q->n_params + a], q->value[i * q->n_params + b],
              sqrt(q->weight[i] * q->n));
    fputs("\n\n", d);
  }
  if ((rc = sq_plot_data_close(d, data, err))) return rc;
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "posterior-pairs", p->l->fit.pairs, name);
  sq_gp_path(&c.script, "data", data);
  sq_gp_number(&c.script, "n", n_pairs);
  sq_gp_array(&c.script, "xnames", x, n_pairs);
  sq_gp_array(&c.script, "ynames", y, n_pairs);
  number_array(&c.script, "xlog", xlog, n_pairs);
  number_array(&c.script, "ylog", ylog, n_pairs);
  number_array(&c.script, "xb", xb, n_pairs);
  number_array(&c.script, "yb", yb, n_pairs);
  number_array(&c.script, "xmin", range[0], n_pairs);
  number_array(&c.script, "xmax", range[1], n_pairs);
  number_array(&c.script, "ymin", range[2], n_pairs);
  number_array(&c.script, "ymax", range[3], n_pairs);
  rc = sq_chart_render(p, "fit_pairs.gp", &c, err);
  unlink(data);
  return rc;
}

int sq_chart_fit_posterior(sq_plotter *p, const char *name, sq_error *err) {
  particles q;
  int rc = read_particles(p, &q, err);
  if (rc) return rc;
  rc = chart_posterior(p, name, &q, err);
  if (!rc) rc = chart_pairs(p, name, &q, err);
  particles_free(&q);
  return rc;
}

/* ---- generations.csv ---- */

/* The tolerance (log axis, when every one is positive and finite) and the
 * acceptance rate of each generation. */
int sq_chart_fit_generations(sq_plotter *p, const char *name, sq_error *err) {
  static const char *const columns[] = {"generation", "tolerance", "acceptance_rate", NULL};
  char path[4200], data[4200];
  fit_file(p, "generations.csv", path, sizeof path);
  int rc = sq_plot_csv_check(path, &generations_need, err), cols[3];
  sq_plot_csv r;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  FILE *d = NULL;
  rc = sq_plot_csv_columns(&r, columns, cols, err);
  if (!rc) rc = sq_plot_data_open(p, "generations.dat", data, sizeof data, &d, err);
  bool log_axis = true;
  int last = 0;
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    double t = sq_plot_csv_number(&r, cols[1]), a = sq_plot_csv_number(&r, cols[2]);
    int g;
    if ((rc = generation_field(&r, cols[0], &g, err))) break;
    if (!isfinite(t) || t <= 0) log_axis = false;
    if (g > last) last = g;
    fprintf(d, "%d,%.10g,%.10g\n", g, isfinite(t) ? t : NAN, a);
  }
  sq_plot_csv_close(&r);
  if (d) {
    int closed = sq_plot_data_close(d, data, err);
    if (!rc) rc = closed;
  }
  if (rc) return rc;
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "generations", p->l->fit.generations, name);
  sq_gp_path(&c.script, "data", data);
  sq_gp_number(&c.script, "log_axis", log_axis);
  sq_gp_number(&c.script, "last", last);
  sq_gp_strings(&c.script, "xlabel", p->l->fit.generation, "ylabel", p->l->fit.tolerance, "y2label",
                p->l->fit.acceptance, NULL);
  rc = sq_chart_render(p, "fit_generations.gp", &c, err);
  unlink(data);
  return rc;
}

/* ---- forecast.csv ---- */

/* The share of posterior runs whose group is still alive, day by day after
 * the last observed day: as fitted, and with each what-if (the columns
 * after "alive", named by their assignments). */
int sq_chart_fit_forecast(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200], data[4200];
  fit_file(p, "forecast.csv", path, sizeof path);
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err), cols[2 + FIT_MAX_WHAT_IFS];
  static const char *const columns[] = {"days_after", "alive", NULL};
  if (!rc) rc = sq_plot_csv_columns(&r, columns, cols, err);
  if (rc) return sq_plot_csv_close(&r), rc;
  char what[FIT_MAX_WHAT_IFS][256], shown[FIT_MAX_WHAT_IFS][300];
  sq_plot_csv_need need = {{"days_after", "alive"}, {NULL}, 1};
  int n = 0; /* what-ifs drawn: the first FIT_MAX_WHAT_IFS */
  for (int col = 0;; col++) {
    char buf[256];
    if (col != cols[0] && col != cols[1] && *sq_plot_csv_name(&r, col, buf, sizeof buf)) {
      if (n == FIT_MAX_WHAT_IFS) break;
      cols[2 + n] = col;
      snprintf(what[n], sizeof what[n], "%s", buf);
      need.numbers[2 + n] = what[n];
      n++;
    }
    char next[256];
    if (!*sq_plot_csv_name(&r, col + 1, next, sizeof next)) break;
  }
  sq_plot_csv_close(&r);
  rc = sq_plot_csv_check(path, &need, err);
  FILE *d = NULL;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  rc = sq_plot_data_open(p, "forecast.dat", data, sizeof data, &d, err);
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    fprintf(d, "%.10g", sq_plot_csv_number(&r, cols[0]));
    for (int k = 1; k < 2 + n; k++) {
      char buf[64];
      const char *v = sq_plot_csv_field(&r, cols[k], buf, sizeof buf);
      fprintf(d, ",%s", *v ? v : "NaN");
    }
    fputc('\n', d);
  }
  sq_plot_csv_close(&r);
  if (d) {
    int closed = sq_plot_data_close(d, data, err);
    if (!rc) rc = closed;
  }
  if (rc) return rc;
  const char *titles[1 + FIT_MAX_WHAT_IFS] = {p->l->fit.as_fitted};
  for (int k = 0; k < n; k++) {
    snprintf(shown[k], sizeof shown[k], p->l->fit.what_if, what[k]);
    titles[1 + k] = shown[k];
  }
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "forecast", p->l->fit.forecast, name);
  sq_gp_path(&c.script, "data", data);
  sq_gp_number(&c.script, "n", 1 + n);
  sq_gp_array(&c.script, "names", titles, 1 + n);
  sq_gp_strings(&c.script, "xlabel", p->l->fit.days_after, "ylabel", p->l->fit.alive_axis, NULL);
  rc = sq_chart_render(p, "fit_forecast.gp", &c, err);
  unlink(data);
  return rc;
}

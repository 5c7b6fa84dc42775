/* The charts of a sweep: a heatmap of each metric over a two-parameter
 * grid (points.csv), and bar charts of Sobol indices (sensitivity.csv).
 * Every column is found by its header name; the parameters of points.csv
 * are the columns between "point" and "metric", as the sweep writes them. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plots/chart.h"
#include "sim/io/names.h"

static const sq_plot_csv_need points_need = {{"point", "mean", NULL}, {"metric", NULL}, 0};
static const sq_plot_csv_need sensitivity_need = {
    {"first_order", "first_low", "first_high", "total", "total_low", "total_high", NULL},
    {"metric", "parameter", NULL}, 0};

/* A metric or parameter named in a sweep's files: it becomes part of a
 * file name, so only [a-z0-9_.] (the program's own names) pass. */
static bool plain_word(const char *w) {
  if (!*w || *w == '.') return false;
  for (const char *c = w; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.'))
      return false;
  return true;
}

/* A list of distinct words in order of first appearance. */
typedef struct words { char w[64][64]; int n, max; } words;

/* The index of `w` in the list, added if new and there is room (else the
 * list's length). */
static int word_index(words *l, const char *w) {
  int k = 0;
  while (k < l->n && strcmp(l->w[k], w)) k++;
  if (k == l->n && l->n < l->max) snprintf(l->w[l->n++], sizeof l->w[0], "%s", w);
  return k;
}

/* A tic label: a number to 3 significant digits, a choice by its name. */
static void tic_label(const char *raw, char *buf, size_t size) {
  char *end;
  double v = strtod(raw, &end);
  if (end != raw && *end == '\0')
    snprintf(buf, size, "%.3g", v);
  else
    snprintf(buf, size, "%.31s", raw);
}

/* One chart per metric: `row` writes a data row of the current CSV row
 * when it belongs to `metric` (it returns whether it did). */
typedef bool (*metric_row)(const sq_plot_csv *r, const int *cols, const words *levels,
                           const char *metric, FILE *d);

/* The data of one metric into the scratch file `name`: the rows of `r`
 * (from the first) that `row` takes; *rows counts them. */
static int metric_data(const sq_plotter *p, sq_plot_csv *r, const int *cols,
                       const words *levels, const char *metric, metric_row row,
                       const char *name, char *data, size_t size, int *rows, sq_error *err) {
  FILE *d = NULL;
  int rc = sq_plot_csv_rewind(r, err);
  if (!rc) rc = sq_plot_data_open(p, name, data, size, &d, err);
  if (rc) return rc;
  *rows = 0;
  while (!rc && sq_plot_csv_next(r, &rc, err)) *rows += row(r, cols, levels, metric, d);
  int closed = sq_plot_data_close(d, data, err);
  return rc ? rc : closed;
}

/* ---- heatmaps ---- */

enum { P_POINT, P_MEAN, P_METRIC, P_X, P_Y };

/* A row of points.csv as "column,row,mean" of the grid. */
static bool heatmap_row(const sq_plot_csv *r, const int *cols, const words *levels,
                        const char *metric, FILE *d) {
  char x[32], y[32], m[64], mean[256];
  if (strcmp(sq_plot_csv_field(r, cols[P_METRIC], m, sizeof m), metric)) return false;
  sq_plot_csv_field(r, cols[P_X], x, sizeof x), sq_plot_csv_field(r, cols[P_Y], y, sizeof y);
  int i = 0, j = 0;
  while (i < levels[0].n && strcmp(levels[0].w[i], x)) i++;
  while (j < levels[1].n && strcmp(levels[1].w[j], y)) j++;
  fprintf(d, "%d,%d,%s\n", i, j, sq_plot_csv_field(r, cols[P_MEAN], mean, sizeof mean));
  return true;
}

/* The levels of each axis and the metrics, in order of first appearance;
 * a metric must be a plain word (it names the chart's file). */
static int grid_levels(sq_plot_csv *r, const int *cols, words levels[2], words *metrics,
                       sq_error *err) {
  int rc = SQ_OK;
  while (!rc && sq_plot_csv_next(r, &rc, err)) {
    char x[32], y[32], m[64], shown[200];
    sq_plot_csv_field(r, cols[P_METRIC], m, sizeof m);
    if (!plain_word(m))
      return sq_error_set(err, SQ_EINPUT, "%s:%d: metric: expected a metric name, got %s",
                          r->path, r->line_no, sq_name_quote(m, shown, sizeof shown));
    word_index(&levels[0], sq_plot_csv_field(r, cols[P_X], x, sizeof x));
    word_index(&levels[1], sq_plot_csv_field(r, cols[P_Y], y, sizeof y));
    word_index(metrics, m);
  }
  return rc;
}

/* One heatmap. */
static int heatmap(sq_plotter *p, const char *name, const char *metric, const char *data,
                   const words levels[2], const char axis[2][128], sq_error *err) {
  char ticks[2][64][40], title[512], kind[256], cb[256];
  const char *t[2][64];
  for (int a = 0; a < 2; a++) /* tic labels go to gnuplot as data (arrays), never as a macro */
    for (int k = 0; k < levels[a].n; k++)
      tic_label(levels[a].w[k], ticks[a][k], sizeof ticks[a][k]), t[a][k] = ticks[a][k];
  const char *what = sq_plot_metric_title(p->chinese, metric);
  snprintf(title, sizeof title, p->l->heatmap, name, what);
  snprintf(kind, sizeof kind, "heatmap-%.63s", metric);
  snprintf(cb, sizeof cb, p->l->mean_of, what);
  sq_chart c;
  sq_chart_begin(p, &c, kind, title);
  sq_gp_path(&c.script, "data", data);
  sq_gp_array(&c.script, "xt", t[0], levels[0].n);
  sq_gp_array(&c.script, "yt", t[1], levels[1].n);
  sq_gp_strings(&c.script, "xlabel", axis[0], "ylabel", axis[1], "cblabel", cb, NULL);
  sq_gp_number(&c.script, "nx", levels[0].n);
  sq_gp_number(&c.script, "ny", levels[1].n);
  return sq_chart_render(p, "heatmap.gp", &c, err);
}

/* Heatmaps of a two-parameter grid: for each metric of points.csv, its mean
 * over replicates at each point. */
int sq_chart_heatmaps(sq_plotter *p, const char *name, sq_error *err) {
  static const char *const columns[] = {"point", "mean", "metric", NULL};
  char path[4200];
  snprintf(path, sizeof path, "%s/points.csv", p->dir);
  int rc = sq_plot_csv_check(path, &points_need, err), cols[5];
  sq_plot_csv r;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  rc = sq_plot_csv_columns(&r, columns, cols, err);
  if (rc || cols[P_METRIC] != cols[P_POINT] + 3) { /* only two-parameter grids */
    sq_plot_csv_close(&r);
    return rc;
  }
  cols[P_X] = cols[P_POINT] + 1, cols[P_Y] = cols[P_POINT] + 2;
  char axis[2][128];
  sq_plot_csv_name(&r, cols[P_X], axis[0], sizeof axis[0]);
  sq_plot_csv_name(&r, cols[P_Y], axis[1], sizeof axis[1]);
  words *w = malloc(3 * sizeof *w);
  if (!w) {
    sq_plot_csv_close(&r);
    return sq_error_set(err, SQ_ERUNTIME, "%s: out of memory", path);
  }
  words *levels = w, *metrics = w + 2;
  levels[0] = levels[1] = (words){.max = 64};
  *metrics = (words){.max = 32};
  rc = grid_levels(&r, cols, levels, metrics, err);
  for (int m = 0; !rc && m < metrics->n && levels[0].n > 0 && levels[1].n > 0; m++) {
    char data[4400], file[128];
    int rows;
    snprintf(file, sizeof file, "heatmap-%s.dat", metrics->w[m]);
    rc = metric_data(p, &r, cols, levels, metrics->w[m], heatmap_row, file, data, sizeof data,
                     &rows, err);
    if (!rc) rc = heatmap(p, name, metrics->w[m], data, levels, (const char(*)[128])axis, err);
    unlink(data);
  }
  free(w);
  sq_plot_csv_close(&r);
  return rc;
}

/* ---- Sobol indices ---- */

enum { S_FIRST, S_FIRST_LOW, S_FIRST_HIGH, S_TOTAL, S_TOTAL_LOW, S_TOTAL_HIGH, S_METRIC,
       S_PARAMETER };

/* A row of sensitivity.csv as "parameter,first,low,high,total,low,high";
 * an empty bound (a constant output) is drawn as no bar. */
static bool indices_row(const sq_plot_csv *r, const int *cols, const words *levels,
                        const char *metric, FILE *d) {
  (void)levels;
  char m[64], param[128], v[64];
  if (strcmp(sq_plot_csv_field(r, cols[S_METRIC], m, sizeof m), metric)) return false;
  fprintf(d, "%s", sq_plot_csv_field(r, cols[S_PARAMETER], param, sizeof param));
  for (int k = S_FIRST; k <= S_TOTAL_HIGH; k++)
    fprintf(d, ",%s", *sq_plot_csv_field(r, cols[k], v, sizeof v) ? v : "NaN");
  fputc('\n', d);
  return true;
}

/* The metrics of sensitivity.csv, in order; metrics and parameters must be
 * plain words (they name files and data columns). */
static int index_metrics(sq_plot_csv *r, const int *cols, words *metrics, sq_error *err) {
  int rc = SQ_OK;
  while (!rc && sq_plot_csv_next(r, &rc, err)) {
    char m[64], param[128], shown[300];
    sq_plot_csv_field(r, cols[S_METRIC], m, sizeof m);
    sq_plot_csv_field(r, cols[S_PARAMETER], param, sizeof param);
    if (!plain_word(m) || !plain_word(param))
      return sq_error_set(err, SQ_EINPUT, "%s:%d: expected a metric and a key path, got %s",
                          r->path, r->line_no, sq_name_quote(r->line, shown, sizeof shown));
    if (metrics->n == 0 || strcmp(metrics->w[metrics->n - 1], m)) {
      if (metrics->n == metrics->max) break;
      word_index(metrics, m);
    }
  }
  return rc;
}

/* A bar chart of the Sobol indices of each metric of sensitivity.csv. */
int sq_chart_indices(sq_plotter *p, const char *name, sq_error *err) {
  static const char *const columns[] = {"first_order", "first_low", "first_high", "total",
                                        "total_low",   "total_high", "metric",    "parameter",
                                        NULL};
  char path[4200];
  snprintf(path, sizeof path, "%s/sensitivity.csv", p->dir);
  struct stat st;
  if (stat(path, &st) != 0) return SQ_OK; /* not a Sobol design */
  int rc = sq_plot_csv_check(path, &sensitivity_need, err), cols[8];
  sq_plot_csv r;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  words *metrics = malloc(sizeof *metrics);
  rc = metrics ? sq_plot_csv_columns(&r, columns, cols, err)
               : sq_error_set(err, SQ_ERUNTIME, "%s: out of memory", path);
  if (!rc) *metrics = (words){.max = 32}, rc = index_metrics(&r, cols, metrics, err);
  for (int m = 0; !rc && m < metrics->n; m++) {
    char data[4400], title[512], kind[256];
    int n_params;
    rc = metric_data(p, &r, cols, NULL, metrics->w[m], indices_row, "indices.dat", data,
                     sizeof data, &n_params, err);
    if (rc) break;
    snprintf(title, sizeof title, p->l->indices, name,
             sq_plot_metric_title(p->chinese, metrics->w[m]));
    snprintf(kind, sizeof kind, "sensitivity-%.63s", metrics->w[m]);
    sq_chart c;
    sq_chart_begin(p, &c, kind, title);
    sq_gp_path(&c.script, "data", data);
    sq_gp_strings(&c.script, "l_first", p->l->first_order, "l_total", p->l->total_effect,
                  "xlabel", "", "ylabel", p->l->index_axis, NULL);
    sq_gp_number(&c.script, "n", n_params);
    rc = sq_chart_render(p, "indices.gp", &c, err);
    unlink(data);
  }
  free(metrics);
  sq_plot_csv_close(&r);
  return rc;
}

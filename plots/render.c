/* `shequn plot`'s renderer (plots/render.h): which charts a folder holds
 * data for, the plotting context (labels, templates, scratch directory,
 * the gallery's titles), and the chart kinds called in turn. */
#include "plots/render.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plots/chart.h"
#include "sim/io/fileio.h"

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* Where `cmake --install` puts the data (CMakeLists.txt): relative to the
 * binary's directory, so that an installed tree can be moved, and as the
 * absolute path of the configured prefix. */
#ifndef SHEQUN_DATADIR_FROM_BINDIR
#define SHEQUN_DATADIR_FROM_BINDIR "../share/shequn"
#endif
#ifndef SHEQUN_DATADIR
#define SHEQUN_DATADIR "/usr/local/share/shequn"
#endif

bool sq_find_project_dir(const char *what, const char *probe, char *buf, size_t size) {
  char path[4200];
  const char *home = getenv("SHEQUN_HOME");
  if (home) {
    snprintf(path, sizeof path, "%s/%s/%s", home, what, probe);
    if (exists(path)) return snprintf(buf, size, "%s/%s", home, what), true;
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) { /* build/shequn in a source tree, or an installed binary */
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    const char *up[] = {"/..", "", "/../..", "/" SHEQUN_DATADIR_FROM_BINDIR};
    for (size_t i = 0; i < SQ_LEN(up); i++) {
      snprintf(path, sizeof path, "%s%s/%s/%s", exe, up[i], what, probe);
      if (exists(path)) return snprintf(buf, size, "%s%s/%s", exe, up[i], what), true;
    }
  }
  const char *places[] = {SHEQUN_DATADIR "/", ""};
  for (size_t i = 0; i < SQ_LEN(places); i++) {
    snprintf(path, sizeof path, "%s%s/%s", places[i], what, probe);
    if (exists(path)) return snprintf(buf, size, "%s%s", places[i], what), true;
  }
  return false;
}

/* The name to title charts with: the sweep's (sweep.json), else the
 * scenario's (scenario.json), else the folder's base name. */
static void chart_name(const char *dir, bool sweep, char *buf, size_t size) {
  cJSON *j = sq_plot_optional_json(dir, sweep ? "sweep.json" : "scenario.json");
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "name");
  const char *slash = strrchr(dir, '/');
  if (cJSON_IsString(name)) snprintf(buf, size, "%s", name->valuestring);
  else if (sweep) snprintf(buf, size, "sweep");
  else snprintf(buf, size, "%s", slash && slash[1] ? slash + 1 : dir);
  cJSON_Delete(j);
}

/* The name to title a fit's charts with: its scenario's (scenario.json),
 * else its scenario file's name without ".json" (summary.json's
 * "scenario"), else the folder's base name. */
static void fit_name(const char *dir, char *buf, size_t size) {
  cJSON *own = sq_plot_optional_json(dir, "scenario.json");
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(own, "name");
  bool named = cJSON_IsString(name) && *name->valuestring;
  if (named) snprintf(buf, size, "%s", name->valuestring);
  cJSON_Delete(own);
  if (named) return;
  cJSON *j = sq_plot_optional_json(dir, "summary.json");
  const cJSON *scenario = cJSON_GetObjectItemCaseSensitive(j, "scenario");
  const char *slash = strrchr(dir, '/');
  snprintf(buf, size, "%s", slash && slash[1] ? slash + 1 : dir);
  if (cJSON_IsString(scenario) && *scenario->valuestring) {
    const char *base = strrchr(scenario->valuestring, '/');
    base = base ? base + 1 : scenario->valuestring;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0) n -= 5;
    if (n > 0) snprintf(buf, size, "%.*s", (int)n, base);
  }
  cJSON_Delete(j);
}

/* Whether a sweep's design is a grid (sweep.json). */
static bool sweep_is_grid(const char *dir) {
  cJSON *j = sq_plot_optional_json(dir, "sweep.json");
  const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "design");
  bool grid = cJSON_IsString(d) && strcmp(d->valuestring, "grid") == 0;
  cJSON_Delete(j);
  return grid;
}

/* Remove the scratch directory and what is in it. */
static void remove_scratch(const char *scratch) {
  const char *files[] = {"survival.dat",  "participation.dat", "indices.dat", "posterior.dat",
                         "pairs.dat",     "generations.dat",   "forecast.dat", "gnuplot.log"};
  char path[4200];
  for (size_t i = 0; i < SQ_LEN(files); i++) {
    snprintf(path, sizeof path, "%s/%s", scratch, files[i]);
    unlink(path);
  }
  rmdir(scratch);
}

/* Which results a folder holds; an error says what is wrong with it: no
 * such folder, not a folder, none of the files plot reads. */
static int what_to_plot(const char *dir, bool *comparison, bool *run, bool *sweep, bool *fit,
                        sq_error *err) {
  struct stat st;
  if (stat(dir, &st) != 0)
    return sq_error_set(err, SQ_EINPUT, "%s: %s", dir,
                        errno == ENOENT ? "no such folder" : strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: not a folder (plot takes the folder written by `shequn run`, "
                        "`compare`, `sweep` or `fit`)",
                        dir);
  for (const char *c = dir; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      return sq_error_set(err, SQ_EINPUT, "%s: a folder name with control characters", dir);
  char path[4200];
  snprintf(path, sizeof path, "%s/comparison.csv", dir);
  *comparison = exists(path);
  snprintf(path, sizeof path, "%s/curves.csv", dir);
  *run = exists(path);
  snprintf(path, sizeof path, "%s/points.csv", dir);
  *sweep = exists(path);
  char particles[4200];
  snprintf(path, sizeof path, "%s/generations.csv", dir);
  snprintf(particles, sizeof particles, "%s/particles.csv", dir);
  *fit = exists(path) && exists(particles);
  if (!*comparison && !*run && !*sweep && !*fit)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: no results to plot: no curves.csv (from `shequn run`), "
                        "comparison.csv (from `shequn compare`), points.csv (from `shequn "
                        "sweep`) or generations.csv and particles.csv (from `shequn fit`) in "
                        "this folder",
                        dir);
  return SQ_OK;
}

/* The charts of each kind of folder, in order. */
static int plot_sweep(sq_plotter *p, const char *name, sq_error *err) {
  int rc = sweep_is_grid(p->dir) ? sq_chart_heatmaps(p, name, err) : SQ_OK;
  return rc ? rc : sq_chart_indices(p, name, err);
}

static int plot_comparison(sq_plotter *p, sq_error *err) {
  int rc = sq_chart_comparison(p, err);
  return rc ? rc : sq_chart_survival(p, err);
}

static int plot_fit(sq_plotter *p, const char *name, sq_error *err) {
  int rc = sq_chart_fit_predictive(p, name, err);
  if (!rc) rc = sq_chart_fit_posterior(p, name, err);
  if (!rc) rc = sq_chart_fit_generations(p, name, err);
  if (!rc) rc = sq_chart_fit_forecast(p, name, err);
  return rc;
}

static int plot_run(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  int rc = sq_plot_csv_check(path, &sq_plot_curves_need, err);
  if (!rc) rc = sq_chart_lifecycle(p, name, err);
  if (!rc) rc = sq_chart_survival(p, err);
  if (!rc) rc = sq_chart_network(p, name, err);
  if (!rc) rc = sq_chart_participation(p, name, err);
  return rc;
}

int sq_plot(const char *dir, const char *format, bool chinese, int *written, sq_error *err) {
  sq_plotter p = {.dir = dir, .format = format, .chinese = chinese,
                  .l = chinese ? &sq_plot_chinese : &sq_plot_english};
  *written = 0;
  char name[128];
  bool comparison, run, sweep, fit;
  int rc = what_to_plot(dir, &comparison, &run, &sweep, &fit, err);
  if (rc) return rc;
  if (!sq_find_project_dir("plots", "common.gp", p.templates, sizeof p.templates))
    return sq_error_set(err, SQ_ERUNTIME,
                        "cannot find the gnuplot templates (plots/common.gp) of the source tree or "
                        "of an installed shequn (share/shequn): set SHEQUN_HOME to either");
  const char *tmp = getenv("TMPDIR");
  snprintf(p.scratch, sizeof p.scratch, "%s/shequn-plot-XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(p.scratch))
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot create a temporary directory: %s",
                        p.scratch, strerror(errno));
  p.gallery = sq_plot_optional_json(p.templates, "gallery.json");
  if (fit) fit_name(dir, name, sizeof name);
  else chart_name(dir, sweep, name, sizeof name);
  if (fit) rc = plot_fit(&p, name, err);
  else if (sweep) rc = plot_sweep(&p, name, err);
  else if (comparison) rc = plot_comparison(&p, err);
  else rc = plot_run(&p, name, err);
  cJSON_Delete(p.gallery);
  remove_scratch(p.scratch);
  *written = p.written;
  return rc;
}

/* What the chart kinds share (inside plots/ only): the plotting context,
 * starting a chart's script, rendering it, and the scratch files of
 * prepared data.  One function per chart kind, in charts_run.c (a run or
 * a comparison), charts_sweep.c (a sweep) and charts_fit.c (a fit);
 * render.c calls them. */
#ifndef SQ_PLOT_CHART_H
#define SQ_PLOT_CHART_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "models/error.h"
#include "plots/csv_read.h"
#include "plots/labels.h"
#include "plots/script.h"

typedef struct sq_plotter {
  const char *dir;
  const char *format; /* png, svg, pdf */
  bool chinese;
  const sq_plot_labels *l;
  char templates[4096];
  char scratch[4096]; /* a temporary directory for prepared data */
  cJSON *gallery;     /* titles of the shipped scenarios, or NULL */
  int written;
} sq_plotter;

/* A chart being made: its script and the file it goes to. */
typedef struct sq_chart {
  sq_gp_script script;
  char out[4400];
} sq_chart;

/* A JSON file of the folder, or NULL when it is absent or not JSON (the
 * files read for titles and names are optional: they have fallbacks). */
cJSON *sq_plot_optional_json(const char *dir, const char *file);

/* The title of scenario `name` in the chosen language: the one place that
 * looks it up.  With --lang zh: its scenario.json's "title_zh" or
 * "name_zh", else plots/gallery.json's "title_zh"; then (and in English)
 * its scenario.json's "title", else gallery.json's "title_en"; else its
 * name with spaces for underscores.  Its scenario.json is the run
 * folder's, or that of its folder in a comparison (sq_plot_scenario_dir). */
void sq_plot_scenario_title(const sq_plotter *p, const char *name, char *buf, size_t size);

/* The run folder of scenario `name` of a comparison: DIR/NAME, as `shequn
 * compare` writes it, else DIR/../NAME, beside it, as `shequn gallery`
 * writes it (it compares runs it has made once). */
void sq_plot_scenario_dir(const sq_plotter *p, const char *name, char *buf, size_t size);

/* Start chart `kind` with the variables every template takes (term, out,
 * title, dir_plots); `title` is used as it is. */
void sq_chart_begin(const sq_plotter *p, sq_chart *c, const char *kind, const char *title);

/* sq_chart_begin with the title `title_format` of the scenario `name`. */
void sq_chart_begin_scenario(const sq_plotter *p, sq_chart *c, const char *kind,
                             const char *title_format, const char *name);

/* Draw the chart with plots/`template`: "wrote OUT" on success. */
int sq_chart_render(sq_plotter *p, const char *template, const sq_chart *c, sq_error *err);

/* A scratch data file for gnuplot, "SCRATCH/name", opened for writing;
 * path receives its path. */
int sq_plot_data_open(const sq_plotter *p, const char *name, char *path, size_t size, FILE **f,
                      sq_error *err);

/* Close a scratch data file, with an error if anything written was lost. */
int sq_plot_data_close(FILE *f, const char *path, sq_error *err);

/* The chart kinds.  Each returns SQ_OK without a chart when its data is
 * absent or there is nothing to show. */
int sq_chart_lifecycle(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_network(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_survival(sq_plotter *p, sq_error *err);
int sq_chart_participation(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_comparison(sq_plotter *p, sq_error *err);
int sq_chart_heatmaps(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_indices(sq_plotter *p, const char *name, sq_error *err);
/* The charts of a fit (charts_fit.c): every file of the fit is required. */
int sq_chart_fit_predictive(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_fit_posterior(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_fit_generations(sq_plotter *p, const char *name, sq_error *err);
int sq_chart_fit_forecast(sq_plotter *p, const char *name, sq_error *err);

/* What curves.csv must hold (checked before any run chart is drawn). */
extern const sq_plot_csv_need sq_plot_curves_need;

#endif

/* The files of `shequn fit` (docs/OUTPUTS.md, "shequn fit"): observed.csv,
 * particles.csv, generations.csv, predictive.csv, forecast.csv and
 * summary.json, each written atomically into a folder already claimed
 * (sim/io/outdir.c).  Nothing in them depends on the threads or the clock,
 * so a fit's files are byte-identical at any thread count. */
#ifndef SQ_FIT_OUTPUT_H
#define SQ_FIT_OUTPUT_H

#include "sim/engine/fit.h"

typedef struct sq_fit_files {
  const char *scenario, *observed, *prior; /* the paths as given */
  uint64_t seed;
  const sq_observed *obs;
  const sq_fit_prior *prior_keys;
  const sq_fit_result *fit;
  const sq_fit_draws *draws;
  const char *const *what_if; /* draws->n_what_if assignments as given */
  FILE *report;               /* when not NULL, a plain report of the fit is printed here */
  bool chinese;               /* the report in Chinese */
} sq_fit_files;

/* Write the files into dir; then, if in->report, print what they say. */
int sq_fit_write(const char *dir, const sq_fit_files *in, sq_error *err);

#endif

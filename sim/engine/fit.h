/* `shequn fit`'s simulations (docs/OUTPUTS.md, "shequn fit"): ABC-SMC over
 * the prior's keys (the method in sim/analysis/abc.h), then posterior
 * predictive runs past the last observed day and what-if reruns.
 *
 * Candidate i of generation g draws its parameters from the Philox stream
 * (seed, g, i, SQ_DRAW_FIT_PROPOSAL) and is simulated as the replicate
 * Philox (seed, g, i, SQ_DRAW_FIT_REPLICATE) gives; candidates are
 * simulated in parallel (one thread each), in batches whose sizes depend
 * on nothing but earlier results, and accepted in index order: so the fit
 * is the same at any number of threads.  A simulation that fails is
 * counted and reported, not fatal.  Only group 0 of each run (the first
 * group founded on day 0) is compared with the observed series. */
#ifndef SQ_FIT_H
#define SQ_FIT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "models/population.h"
#include "sim/analysis/abc.h"
#include "sim/io/observed.h"
#include "sim/io/prior.h"

#define SQ_FIT_MAX_GENERATIONS 100

typedef struct sq_fit_settings {
  const sq_scenario *sc;    /* as read (with --set) */
  const sq_population *pop; /* built for sc and its seed */
  const sq_observed *obs;
  const sq_fit_prior *prior;
  uint64_t seed;
  int threads;
  int particles;         /* accepted per generation */
  int max_generations;   /* including generation 0 */
  double min_acceptance; /* stop below this acceptance rate */
  double quantile;       /* the next tolerance: this quantile of the accepted distances */
  double stall;          /* stop when the tolerance would fall by less than this share */
  long long budget;      /* at most this many simulations in all */
  const volatile sig_atomic_t *cancel;
  FILE *progress; /* a line per generation and per failure; NULL: quiet */
} sq_fit_settings;

typedef struct sq_fit_generation {
  double tolerance, acceptance_rate, ess;
  long long simulations, failed;
  int accepted;
  double *value;    /* accepted x d: the keys' values */
  double *z;        /* accepted x d: internal coordinates (sim/analysis/abc.h) */
  double *weight;   /* accepted, summing to 1 */
  double *distance; /* accepted */
} sq_fit_generation;

typedef struct sq_fit_result {
  int d; /* keys */
  int m; /* summary statistics */
  char stat_name[SQ_MAX_STATS][32];
  double observed_stat[SQ_MAX_STATS], scale[SQ_MAX_STATS];
  int generations;
  sq_fit_generation gen[SQ_FIT_MAX_GENERATIONS];
  long long simulations, failed; /* all, with a generation left unfinished */
  char stopped[200];             /* why it stopped, in words */
  char stopped_zh[300];          /* the same in Chinese */
} sq_fit_result;

/* Run the ABC-SMC.  0, or an error (out of memory, interrupted, no
 * generation 0 because every simulation failed). */
int sq_fit_run(const sq_fit_settings *s, sq_fit_result *out, sq_error *err);
void sq_fit_result_free(sq_fit_result *r);

/* Posterior predictive runs: `n` particles of the last generation drawn by
 * weight (Philox (seed, draw, SQ_DRAW_FIT_DRAWS)), each run as its own
 * replicate from day 0 to the last observed day + 365; then each what-if
 * assignment ("key=value", applied from day 0 after the particle's values)
 * on the same particles and replicates (common random numbers). */
typedef struct sq_fit_draws {
  int n, horizon;      /* draws; days 0 .. horizon - 1 */
  int *particle;       /* n: the particle index in the last generation */
  uint32_t *replicate; /* n */
  bool *failed;        /* n: the baseline run failed */
  double *series;      /* n x horizon x SQ_SERIES_COUNT: group 0's values, 0 once dead */
  int32_t *died_day;   /* n: group 0's day of death, -1 alive at the end */
  int n_what_if;
  int32_t *died_what_if; /* n_what_if x n; failed runs: INT32_MIN */
  long long failed_runs;
} sq_fit_draws;

int sq_fit_predict(const sq_fit_settings *s, const sq_fit_result *fit, int n,
                   const char *const *what_if, int n_what_if, sq_fit_draws *out, sq_error *err);
void sq_fit_draws_free(sq_fit_draws *d);

#endif

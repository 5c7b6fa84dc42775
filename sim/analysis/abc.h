/* Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC, in
 * the manner of Beaumont et al. 2009 and Toni et al. 2009), the pure part
 * of `shequn fit` (docs/OUTPUTS.md, "shequn fit"): prior distributions,
 * the summary statistics of a series, distances scaled by the statistics'
 * spread, the perturbation kernel and the importance weights.  Nothing
 * here simulates; sim/engine/fit.c drives the simulations.
 *
 * Parameters live in an internal coordinate: the logarithm of the value
 * for a log-uniform prior, the value itself otherwise.  The kernel, its
 * covariance and the prior densities of the weights are all taken in that
 * coordinate. */
#ifndef SQ_ABC_H
#define SQ_ABC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

#include "models/error.h"

#define SQ_FIT_MAX_PARAMS 16

typedef enum sq_prior_kind {
  SQ_PRIOR_UNIFORM,     /* a = min, b = max */
  SQ_PRIOR_LOG_UNIFORM, /* a = min, b = max (> 0); uniform in log */
  SQ_PRIOR_NORMAL,      /* a = mean, b = sd; truncated to [lo, hi] */
  SQ_PRIOR_BETA,        /* a = alpha, b = beta; on [lo, hi] (0 and 1 unless given) */
  SQ_PRIOR_KINDS
} sq_prior_kind;

/* "uniform", "log-uniform", "normal", "beta" */
extern const char *const sq_prior_kind_names[SQ_PRIOR_KINDS];

typedef struct sq_prior {
  sq_prior_kind kind;
  double a, b;
  double lo, hi; /* the support in values: [min, max] of a (log-)uniform, the key's range for a
                    normal, [lo, hi] of a beta */
} sq_prior;

/* The internal coordinate of a value and back. */
double sq_prior_to_internal(const sq_prior *p, double value);
double sq_prior_to_value(const sq_prior *p, double z);
/* The prior density at internal coordinate z (0 outside the support). */
double sq_prior_density(const sq_prior *p, double z);
/* A draw, in the internal coordinate. */
double sq_prior_sample(const sq_prior *p, gsl_rng *r);

/* ---- summary statistics ------------------------------------------------- */

/* A series as the statistics see it: n days (increasing) and up to five
 * series (members, active, posts, joins, leaves; sim/io/observed.h), NULL
 * where absent, NaN at a gap.  The simulated series are given on the
 * observed days with the observed gaps, so both have the same statistics. */
typedef struct sq_series_view {
  size_t n;
  const int32_t *day;
  const double *value[5];
} sq_series_view;

#define SQ_MAX_STATS 64

/* The statistics of a view into stat[] (room for SQ_MAX_STATS); returns
 * how many, which depends only on which series are present and where the
 * gaps are, and names each into names[k] when names is not NULL. */
int sq_summaries(const sq_series_view *v, double *stat, char (*names)[32]);

/* The spread of column k of an n x m table (row-major) for scaling
 * distances: 1.4826 x the median absolute deviation, or the standard
 * deviation when that is 0; 0 when both are (the statistic is then left
 * out of distances).  NaN rows (failed simulations) are skipped. */
void sq_stat_scales(const double *table, size_t n, int m, double *scale);

/* Euclidean distance between two statistics vectors, each difference over
 * its scale (statistics of scale 0 left out). */
double sq_stat_distance(const double *a, const double *b, const double *scale, int m);

/* ---- weights, kernel, tolerance ------------------------------------------ */

/* Normalise w[0..n-1] to sum 1; returns the old sum. */
double sq_normalise(double *w, size_t n);

/* Effective sample size 1 / sum w^2 of normalised weights. */
double sq_ess(const double *w, size_t n);

/* Weighted mean (d) and covariance (d x d) of n points (row-major, d
 * columns) with normalised weights w:  sum w (x - m)(x - m)^T / (1 - sum w^2). */
void sq_weighted_cov(const double *x, const double *w, size_t n, int d, double *mean, double *cov);

/* The perturbation kernel: a multivariate normal with covariance sigma
 * (2 x the previous generation's weighted covariance).  sq_kernel_init
 * takes its Cholesky factor (GSL's gsl_linalg_cholesky_decomp1), adding a
 * small ridge to the diagonal if the matrix is not positive definite. */
typedef struct sq_kernel {
  int d;
  gsl_matrix *chol; /* lower triangle: L with L L^T = sigma; read-only once made, so
                       threads share it */
} sq_kernel;
int sq_kernel_init(sq_kernel *k, const double *sigma, int d, sq_error *err);
void sq_kernel_free(sq_kernel *k);
/* x = centre + L N(0, I) */
void sq_kernel_sample(const sq_kernel *k, const double *centre, gsl_rng *r, double *x);
/* The kernel's density at x around centre (GSL's gsl_ran_multivariate_gaussian_pdf);
 * work: d doubles of the caller's (one per thread). */
double sq_kernel_density(const sq_kernel *k, const double *centre, const double *x,
                         gsl_vector *work);

/* The importance weight of a new particle theta (internal coordinates):
 * prior(theta) / sum_j w_j K(theta | x_j) over the previous generation's n
 * particles x (row-major) with normalised weights w.  Unnormalised. */
double sq_abc_weight(const sq_prior *prior, int d, const double *theta, const double *x,
                     const double *w, size_t n, const sq_kernel *k, gsl_vector *work);

/* The product of the priors' densities at theta. */
double sq_prior_joint(const sq_prior *prior, int d, const double *theta);

/* The q-quantile of the n distances (the next tolerance). */
double sq_tolerance(const double *distance, size_t n, double q);

/* The index of a draw by weight from a uniform u in (0, 1): the first i
 * with w_0 + .. + w_i >= u (normalised weights). */
size_t sq_pick_by_weight(const double *w, size_t n, double u);

#endif

/* Variance-based sensitivity indices (Sobol indices) of a model output to
 * its d parameters, by Saltelli's sampling scheme and Jansen's estimators
 * (Saltelli et al. 2010, "Variance based sensitivity analysis of model
 * output", Comput. Phys. Commun. 181:259-270, table 2; Jansen 1999).
 *
 * A base sample of N points in 2d dimensions gives two N x d matrices: A (its
 * first d columns) and B (its last d), and for each parameter i the matrix
 * A_B^(i): A with column i taken from B.  The model runs on the N (d + 2)
 * rows of A, B and the A_B^(i), in this order (the Saltelli order):
 *
 *   point r (d + 2) + 0      A_r          (base row r = 0 .. N-1)
 *   point r (d + 2) + 1      B_r
 *   point r (d + 2) + 2 + i  A_B^(i)_r    (i = 0 .. d-1)
 *
 * and hands the outputs back in the same order to sq_sobol_indices.  Keeping
 * each base row's d + 2 runs together lets a sweep stop after any number of
 * whole base rows and still estimate the indices. */
#ifndef SQ_SENSITIVITY_H
#define SQ_SENSITIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/analysis/design.h"
#include "models/error.h"

/* Philox purpose of bootstrap resampling (see models/rng.h, sq_purpose). */

#define SQ_SOBOL_MAX_BOOTSTRAP 1000000u

/* Number of model runs of a Saltelli design, N (d + 2), after checking its
 * inputs: the base kind (SQ_DESIGN_SOBOL, SQ_DESIGN_RANDOM or
 * SQ_DESIGN_LATIN; not a grid), N >= 1, d >= 1, 2d within GSL's Sobol limit
 * for a Sobol base, and N (d + 2) within SQ_DESIGN_MAX_POINTS. */
int sq_saltelli_size(sq_design_kind base, size_t n_base, size_t dims, size_t *n_points,
                     sq_error *err);

/* The N (d + 2) points of a Saltelli design in the unit cube, in the Saltelli
 * order above: u[q * d + j] is coordinate j of point q.  The base sample is
 * sq_design_unit_points(base, NULL, 2d, N, seed): for a Sobol base N points
 * of GSL's 2d-dimensional Sobol sequence after its initial centre point
 * (seed unused), for a random
 * base uniforms from Philox keyed by (seed, base row, column). */
int sq_saltelli_unit_points(sq_design_kind base, size_t n_base, size_t dims, uint64_t seed,
                            double *u, sq_error *err);

/* The same points mapped to parameter values through the axes
 * (sq_axis_value), for running the model. */
int sq_saltelli_points(sq_design_kind base, const sq_axis *axes, size_t n_base, size_t dims,
                       uint64_t seed, double *out, sq_error *err);

typedef struct sq_sobol_index {
  double value;        /* the estimate from all N base rows */
  double lower, upper; /* bootstrap percentile interval; NaN without resamples */
  double std_error;    /* standard deviation of the bootstrap estimates; NaN below 2 */
} sq_sobol_index;

typedef struct sq_sobol_result {
  size_t dims, n_base, bootstrap;
  double confidence;
  double mean, variance;  /* of the 2N outputs f(A) and f(B) together (divisor 2N) */
  bool constant;          /* f(A) and f(B) all equal: V = 0 and every index is NaN */
  size_t degenerate;      /* resamples whose f(A), f(B) were all equal: left out of
                             the intervals */
  sq_sobol_index *first;  /* S_i, dims of them */
  sq_sobol_index *total;  /* S_Ti, dims of them */
} sq_sobol_result;

/* Sobol indices from the outputs of a Saltelli design (N (d + 2) values in
 * the Saltelli order), with Jansen's estimators
 *   S_i  = (V - 1/(2N) sum_r (f(B_r) - f(A_B^(i)_r))^2) / V
 *   S_Ti = 1/(2N) sum_r (f(A_r) - f(A_B^(i)_r))^2 / V
 * where V is the variance of the 2N outputs of A and B.  Confidence
 * intervals by the bootstrap percentile method: `bootstrap` resamples of the
 * N base rows with replacement (row k of resample b is base row
 * sq_below64(sq_philox(seed, b, SQ_NO_DAY, k, SQ_DRAW_BOOTSTRAP, 0)), V
 * recomputed in each), the interval between their (1 - confidence) / 2 and
 * (1 + confidence) / 2 quantiles.  Every sum runs in row order, serially: the
 * result is the same whatever the threads.  A constant output (V = 0) is not
 * an error: `constant` is set and the indices are NaN.  Non-finite outputs
 * are SQ_EINPUT.  Free with sq_sobol_result_free (also after an error). */
int sq_sobol_indices(const double *outputs, size_t n_base, size_t dims, size_t bootstrap,
                     double confidence, uint64_t seed, sq_sobol_result *out, sq_error *err);

void sq_sobol_result_free(sq_sobol_result *r);

/* Signs that the base sample is too small for parameter i's indices, as
 * flags: an interval (before clipping) wider than SQ_SOBOL_WIDE, or the
 * first-order estimate above the total one by more than SQ_SOBOL_SLACK
 * (S_i <= S_Ti holds for the true indices).  0 when neither, or when the
 * output was constant. */
#define SQ_SOBOL_WIDE 0.3
#define SQ_SOBOL_WIDE_TEXT "0.3" /* for messages */
#define SQ_SOBOL_SLACK 0.05
enum { SQ_SOBOL_WIDE_INTERVAL = 1, SQ_SOBOL_FIRST_ABOVE_TOTAL = 2 };
unsigned sq_sobol_warnings(const sq_sobol_result *r, size_t i);

/* An index or a bound as reported: clipped to [0, 1] (the true indices
 * are shares of a variance; estimates from few points stray outside).
 * NaN stays NaN. */
double sq_sobol_clip(double v);

#endif

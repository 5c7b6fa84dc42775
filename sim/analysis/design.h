/* Experimental designs for parameter sweeps: sets of points in the unit
 * cube [0,1)^d and their mapping to parameter values, one axis per
 * parameter.
 *
 * Every random draw is a pure function of (seed, point, dimension) through
 * Philox (models/rng.h), so a design does not depend on threads or on the
 * order in which its points are produced.  The counters used are
 *   random:           sq_philox(seed, 0, dimension, point, SQ_DRAW_DESIGN_POINT, 0)
 *   Latin, in-stratum: sq_philox(seed, 0, dimension, point, SQ_DRAW_DESIGN_STRATUM, 0)
 *   Latin, shuffle:   sq_philox(seed, 0, dimension, step,  SQ_DRAW_DESIGN_SHUFFLE, 0)
 * with purposes outside the range models/rng.h uses for simulation draws. */
#ifndef SQ_DESIGN_H
#define SQ_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/error.h"

/* Philox purposes of design draws (see models/rng.h, sq_purpose). */

/* No design has more points than this: a grid beyond it is almost always a
 * mistake in the levels, and point numbers then fit Philox's 32-bit counters. */
#define SQ_DESIGN_MAX_POINTS 10000000u

#define SQ_AXIS_MAX_VALUES 64

typedef enum { SQ_DESIGN_GRID, SQ_DESIGN_RANDOM, SQ_DESIGN_LATIN, SQ_DESIGN_SOBOL } sq_design_kind;

/* "grid", "random", "latin_hypercube", "sobol"; NULL for an unknown kind. */
const char *sq_design_name(sq_design_kind kind);

/* The kind named `name` (one of the names above); SQ_EINPUT otherwise. */
int sq_design_parse(const char *name, sq_design_kind *kind, sq_error *err);

/* One parameter of a design: a range [min, max] (n_values == 0), on a linear
 * or log scale, optionally of integers; or a list of values (n_values > 0,
 * at most SQ_AXIS_MAX_VALUES; min, max, log_scale, integer and levels are
 * then ignored).  `levels` is the number of levels of a range in a grid. */
typedef struct sq_axis {
  double min, max;
  bool log_scale;
  bool integer;
  int n_values;
  double values[SQ_AXIS_MAX_VALUES];
  int levels;
} sq_axis;

/* Check one axis on its own (j is its 0-based index, used in messages).
 * Grid-only requirements (levels) are checked by sq_design_size. */
int sq_axis_check(const sq_axis *a, size_t j, sq_error *err);

/* The value of axis a at the unit coordinate u in [0, 1):
 *   list:            values[floor(u n_values)]
 *   linear range:    min + u (max - min)
 *   log range:       exp(ln min + u ln(max / min))
 *   integer range:   the integers lo = ceil(min) .. hi = floor(max), as
 *                    floor of the linear (or log) map of u onto [lo, hi + 1):
 *                    each integer equally likely on a linear scale, integer
 *                    k with weight ln((k + 1) / k) on a log scale.
 * The axis must have passed sq_axis_check. */
double sq_axis_value(const sq_axis *a, double u);

/* Number of grid levels of an axis: its n_values for a list, else levels. */
int sq_axis_levels(const sq_axis *a);

/* Grid level k (0 <= k < sq_axis_levels) of an axis: a list's k-th value;
 * for a range, levels evenly spaced from min to max inclusive (log-spaced,
 * i.e. geometric, on a log scale), rounded to the nearest integer for an
 * integer axis (whose ends are then ceil(min) and floor(max); with more
 * levels than integers some levels repeat). */
double sq_axis_level(const sq_axis *a, int k);

/* How many points the design will have: the product of the axes' levels for
 * a grid, `requested` otherwise.  Checks everything the design functions
 * check (axes, sizes, limits), so a caller can allocate n_points * dims
 * doubles and then fill them.  `axes` may be NULL for a design other than a
 * grid (the unit-cube points need no axes); they are then not checked. */
int sq_design_size(sq_design_kind kind, const sq_axis *axes, size_t dims, size_t requested,
                   size_t *n_points, sq_error *err);

/* The design's points in the unit cube: u[p * dims + j] is coordinate j of
 * point p, in [0, 1).
 *   grid:   the full factorial, the last axis varying fastest; coordinate j
 *           of level k is k / (L - 1) for a range of L levels and
 *           (k + 0.5) / n for a list of n values (positions only: grid
 *           values come from sq_axis_level, which rounds integers);
 *   random: independent uniforms from Philox keyed by (seed, point, j);
 *   latin:  `requested` points, each dimension cut into `requested` equal
 *           strata holding one point each, uniform within its stratum, the
 *           strata of each dimension permuted by a Fisher-Yates shuffle;
 *   sobol:  `requested` points of GSL's gsl_qrng_sobol, unscrambled, from
 *           its second on: GSL leaves out the origin and starts at the
 *           centre (1/2, ..., 1/2), which is skipped as is usual; `seed`
 *           is not used.
 * `axes` may be NULL except for a grid. */
int sq_design_unit_points(sq_design_kind kind, const sq_axis *axes, size_t dims,
                          size_t requested, uint64_t seed, double *u, size_t *n_points,
                          sq_error *err);

/* The design's parameter values: out[p * dims + j] is the value of
 * parameter j at point p, in the order of sq_design_unit_points; grid
 * values are the axes' levels, other designs map the unit points through
 * sq_axis_value.  `out` holds sq_design_size(...) * dims doubles. */
int sq_design_points(sq_design_kind kind, const sq_axis *axes, size_t dims, size_t requested,
                     uint64_t seed, double *out, size_t *n_points, sq_error *err);

#endif

#include "sim/analysis/design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_qrng.h>

#include "models/rng.h"

static const char *const design_names[] = {"grid", "random", "latin_hypercube", "sobol"};

const char *sq_design_name(sq_design_kind kind) {
  return (unsigned)kind < SQ_LEN(design_names) ? design_names[kind] : NULL;
}

int sq_design_parse(const char *name, sq_design_kind *kind, sq_error *err) {
  for (size_t k = 0; name && k < SQ_LEN(design_names); k++)
    if (strcmp(name, design_names[k]) == 0) {
      *kind = (sq_design_kind)k;
      return SQ_OK;
    }
  return sq_error_set(err, SQ_EINPUT,
                      "unknown design \"%s\": expected grid, random, latin_hypercube or sobol",
                      name ? name : "(null)");
}

int sq_axis_check(const sq_axis *a, size_t j, sq_error *err) {
  if (a->n_values < 0 || a->n_values > SQ_AXIS_MAX_VALUES)
    return sq_error_set(err, SQ_EINPUT, "axis %zu: %d listed values, expected 0 (a range) to %d",
                        j, a->n_values, SQ_AXIS_MAX_VALUES);
  if (a->n_values > 0) {
    for (int k = 0; k < a->n_values; k++)
      if (!isfinite(a->values[k]))
        return sq_error_set(err, SQ_EINPUT, "axis %zu: listed value %d is not a finite number",
                            j, k);
    return SQ_OK;
  }
  if (!isfinite(a->min) || !isfinite(a->max))
    return sq_error_set(err, SQ_EINPUT,
                        "axis %zu: min and max must be finite numbers (got %.15g and %.15g)", j,
                        a->min, a->max);
  if (a->min > a->max)
    return sq_error_set(err, SQ_EINPUT, "axis %zu: min %.15g is greater than max %.15g", j,
                        a->min, a->max);
  if (a->log_scale && a->min <= 0)
    return sq_error_set(err, SQ_EINPUT, "axis %zu: a log scale needs min > 0 (got %.15g)", j,
                        a->min);
  if (a->integer && ceil(a->min) > floor(a->max))
    return sq_error_set(err, SQ_EINPUT, "axis %zu: no integer between min %.15g and max %.15g",
                        j, a->min, a->max);
  return SQ_OK;
}

double sq_axis_value(const sq_axis *a, double u) {
  if (a->n_values > 0) {
    int k = (int)(u * a->n_values);
    if (k < 0) k = 0;
    if (k >= a->n_values) k = a->n_values - 1;
    return a->values[k];
  }
  /* an integer axis maps u onto [lo, hi + 1) and floors, so that each
   * integer owns an interval of u of the same length (linear scale) */
  double lo = a->integer ? ceil(a->min) : a->min;
  double top = a->integer ? floor(a->max) : a->max;
  double hi = a->integer ? top + 1 : top;
  double v = a->log_scale ? exp(log(lo) + u * (log(hi) - log(lo))) : lo + u * (hi - lo);
  if (a->integer) v = floor(v);
  /* rounding in exp/log must not carry a value outside the axis */
  if (v < lo) v = lo;
  if (v > top) v = top;
  return v;
}

int sq_axis_levels(const sq_axis *a) { return a->n_values > 0 ? a->n_values : a->levels; }

double sq_axis_level(const sq_axis *a, int k) {
  if (a->n_values > 0) return a->values[k];
  double lo = a->integer ? ceil(a->min) : a->min;
  double hi = a->integer ? floor(a->max) : a->max;
  double v;
  /* the ends exactly, not through exp(log(.)) or lo + (hi - lo) */
  if (k <= 0 || a->levels < 2) {
    v = lo;
  } else if (k >= a->levels - 1) {
    v = hi;
  } else {
    double t = (double)k / (a->levels - 1);
    v = a->log_scale ? exp(log(lo) + t * (log(hi) - log(lo))) : lo + t * (hi - lo);
  }
  return a->integer ? round(v) : v;
}

int sq_design_size(sq_design_kind kind, const sq_axis *axes, size_t dims, size_t requested,
                   size_t *n_points, sq_error *err) {
  *n_points = 0;
  const char *name = sq_design_name(kind);
  if (!name) return sq_error_set(err, SQ_EINPUT, "unknown design kind %d", (int)kind);
  if (dims == 0)
    return sq_error_set(err, SQ_EINPUT, "a design needs at least one parameter axis (dims is 0)");
  if (kind == SQ_DESIGN_GRID && !axes)
    return sq_error_set(err, SQ_EINPUT, "a grid design needs its axes (axes is NULL)");
  for (size_t j = 0; axes && j < dims; j++) {
    int rc = sq_axis_check(&axes[j], j, err);
    if (rc) return rc;
  }
  size_t n;
  if (kind == SQ_DESIGN_GRID) {
    /* the whole product is formed, so that an overflow is told apart from a
     * grid that is merely too large */
    n = 1;
    bool overflow = false;
    for (size_t j = 0; j < dims; j++) {
      int levels = sq_axis_levels(&axes[j]);
      if (axes[j].n_values == 0 && levels < 2)
        return sq_error_set(err, SQ_EINPUT,
                            "axis %zu: a grid needs at least 2 levels for a range (levels is %d)",
                            j, levels);
      if (n > SIZE_MAX / (size_t)levels) overflow = true;
      else n *= (size_t)levels;
    }
    if (overflow)
      return sq_error_set(err, SQ_EINPUT,
                          "the grid size overflows: the product of the levels of the %zu axes "
                          "does not fit in size_t",
                          dims);
    if (n > SQ_DESIGN_MAX_POINTS)
      return sq_error_set(err, SQ_EINPUT, "a grid of %zu points exceeds the limit of %u points", n,
                          SQ_DESIGN_MAX_POINTS);
  } else {
    if (requested == 0)
      return sq_error_set(err, SQ_EINPUT, "a %s design needs at least one point (requested is 0)",
                          name);
    if (requested > SQ_DESIGN_MAX_POINTS)
      return sq_error_set(err, SQ_EINPUT, "a %s design of %zu points exceeds the limit of %u points",
                          name, requested, SQ_DESIGN_MAX_POINTS);
    if (kind == SQ_DESIGN_SOBOL && dims > gsl_qrng_sobol->max_dimension)
      return sq_error_set(err, SQ_EINPUT,
                          "a sobol design supports at most %u dimensions (GSL's limit; got %zu)",
                          gsl_qrng_sobol->max_dimension, dims);
    n = requested;
  }
  /* dimensions are Philox counter words, and out[] must be addressable */
  if (dims > UINT32_MAX || n > SIZE_MAX / sizeof(double) / dims)
    return sq_error_set(err, SQ_EINPUT, "a design of %zu points in %zu dimensions is too large", n,
                        dims);
  *n_points = n;
  return SQ_OK;
}

/* A uniform on [0, 1) with 53 random bits from one Philox block. */
static double u53(sq_bits4 b) {
  return (double)(((uint64_t)b.v[0] << 21) | (b.v[1] >> 11)) * 0x1p-53;
}

static void random_points(size_t n, size_t dims, uint64_t seed, double *u) {
  for (size_t p = 0; p < n; p++)
    for (size_t j = 0; j < dims; j++)
      u[p * dims + j] =
          u53(sq_philox(seed, 0, (uint32_t)j, (uint32_t)p, SQ_DRAW_DESIGN_POINT, 0));
}

/* Each dimension: strata 0..n-1 shuffled (Fisher-Yates, one Philox draw per
 * step, so the shuffle is a function of (seed, dimension)), then point p is
 * uniform within stratum perm[p]. */
static int latin_points(size_t n, size_t dims, uint64_t seed, double *u, sq_error *err) {
  uint32_t *perm = malloc(n * sizeof *perm);
  if (!perm)
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for a Latin hypercube of %zu points", n);
  double dn = (double)n;
  for (size_t j = 0; j < dims; j++) {
    for (size_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
    for (size_t i = n - 1; i >= 1; i--) {
      sq_bits4 b = sq_philox(seed, 0, (uint32_t)j, (uint32_t)i, SQ_DRAW_DESIGN_SHUFFLE, 0);
      uint32_t k = sq_below64((uint64_t)b.v[0] << 32 | b.v[1], (uint32_t)(i + 1));
      uint32_t t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    for (size_t p = 0; p < n; p++) {
      double k = perm[p];
      double v = u53(sq_philox(seed, 0, (uint32_t)j, (uint32_t)p, SQ_DRAW_DESIGN_STRATUM, 0));
      double x = (k + v) / dn;
      /* rounding of (k + v) / n may cross into the next stratum (or, rarely,
       * the previous one): nudge by ulps so that floor(x n) == k holds */
      while (x * dn >= k + 1) x = nextafter(x, 0.0);
      while (x * dn < k) x = nextafter(x, 1.0);
      u[p * dims + j] = x;
    }
  }
  free(perm);
  return SQ_OK;
}

/* GSL's sequence leaves out the origin and starts at the centre of the
 * cube, (1/2, ..., 1/2); that initial point is skipped too, as is usual
 * (a Saltelli base row there has A = B and tells nothing), so point 0 is
 * GSL's second point. */
static int sobol_points(size_t n, size_t dims, double *u, sq_error *err) {
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dims);
  if (!q)
    return sq_error_set(err, SQ_ERUNTIME, "cannot allocate GSL's Sobol generator in %zu dimensions",
                        dims);
  double *centre = u; /* overwritten by point 0 below */
  if (n && gsl_qrng_get(q, centre)) {
    gsl_qrng_free(q);
    return sq_error_set(err, SQ_ERUNTIME, "GSL's Sobol generator failed at its initial point");
  }
  for (size_t p = 0; p < n; p++)
    if (gsl_qrng_get(q, u + p * dims)) {
      gsl_qrng_free(q);
      return sq_error_set(err, SQ_ERUNTIME, "GSL's Sobol generator failed at point %zu", p);
    }
  gsl_qrng_free(q);
  return SQ_OK;
}

/* Level k_j of each axis at grid point p: the last axis varies fastest. */
static void grid_levels(const sq_axis *axes, size_t dims, size_t p, int *k) {
  for (size_t j = dims; j-- > 0;) {
    size_t levels = (size_t)sq_axis_levels(&axes[j]);
    k[j] = (int)(p % levels);
    p /= levels;
  }
}

static int grid_fill(const sq_axis *axes, size_t dims, size_t n, bool values, double *out,
                     sq_error *err) {
  int *k = malloc(dims * sizeof *k);
  if (!k) return sq_error_set(err, SQ_ERUNTIME, "out of memory for a grid in %zu dimensions", dims);
  for (size_t p = 0; p < n; p++) {
    grid_levels(axes, dims, p, k);
    for (size_t j = 0; j < dims; j++) {
      const sq_axis *a = &axes[j];
      double x;
      if (values) x = sq_axis_level(a, k[j]);
      else if (a->n_values > 0) x = (k[j] + 0.5) / a->n_values;
      else x = (double)k[j] / (a->levels - 1);
      out[p * dims + j] = x;
    }
  }
  free(k);
  return SQ_OK;
}

int sq_design_unit_points(sq_design_kind kind, const sq_axis *axes, size_t dims,
                          size_t requested, uint64_t seed, double *u, size_t *n_points,
                          sq_error *err) {
  *n_points = 0;
  size_t n;
  int rc = sq_design_size(kind, axes, dims, requested, &n, err);
  if (rc) return rc;
  switch (kind) {
    case SQ_DESIGN_GRID: rc = grid_fill(axes, dims, n, false, u, err); break;
    case SQ_DESIGN_RANDOM: random_points(n, dims, seed, u); break;
    case SQ_DESIGN_LATIN: rc = latin_points(n, dims, seed, u, err); break;
    case SQ_DESIGN_SOBOL: rc = sobol_points(n, dims, u, err); break;
  }
  if (rc) return rc;
  *n_points = n;
  return SQ_OK;
}

int sq_design_points(sq_design_kind kind, const sq_axis *axes, size_t dims, size_t requested,
                     uint64_t seed, double *out, size_t *n_points, sq_error *err) {
  *n_points = 0;
  if (!axes)
    return sq_error_set(err, SQ_EINPUT, "design values need the parameter axes (axes is NULL)");
  size_t n;
  int rc = sq_design_size(kind, axes, dims, requested, &n, err);
  if (rc) return rc;
  if (kind == SQ_DESIGN_GRID) {
    rc = grid_fill(axes, dims, n, true, out, err);
  } else {
    rc = sq_design_unit_points(kind, axes, dims, requested, seed, out, &n, err);
    for (size_t p = 0; !rc && p < n; p++)
      for (size_t j = 0; j < dims; j++) out[p * dims + j] = sq_axis_value(&axes[j], out[p * dims + j]);
  }
  if (rc) return rc;
  *n_points = n;
  return SQ_OK;
}

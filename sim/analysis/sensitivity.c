#include "sim/analysis/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_statistics_double.h>

#include "models/rng.h"

int sq_saltelli_size(sq_design_kind base, size_t n_base, size_t dims, size_t *n_points,
                     sq_error *err) {
  *n_points = 0;
  if (base == SQ_DESIGN_GRID || !sq_design_name(base))
    return sq_error_set(err, SQ_EINPUT,
                        "a Saltelli design needs a sobol, random or latin_hypercube base sample "
                        "(got %s)",
                        base == SQ_DESIGN_GRID ? "grid" : "an unknown kind");
  if (dims == 0)
    return sq_error_set(err, SQ_EINPUT, "a Saltelli design needs at least one parameter (dims is 0)");
  if (n_base == 0)
    return sq_error_set(err, SQ_EINPUT,
                        "a Saltelli design needs at least one base row (n_base is 0)");
  unsigned max_dims = gsl_qrng_sobol->max_dimension / 2;
  if (base == SQ_DESIGN_SOBOL && dims > max_dims)
    return sq_error_set(err, SQ_EINPUT,
                        "a Saltelli design on a sobol base supports at most %u parameters "
                        "(2 x dims must be within GSL's %u dimensions; got %zu)",
                        max_dims, gsl_qrng_sobol->max_dimension, dims);
  if (dims > SQ_DESIGN_MAX_POINTS || n_base > SQ_DESIGN_MAX_POINTS / (dims + 2))
    return sq_error_set(err, SQ_EINPUT,
                        "a Saltelli design of %zu base rows and %zu parameters exceeds the limit "
                        "of %u model runs",
                        n_base, dims, SQ_DESIGN_MAX_POINTS);
  *n_points = n_base * (dims + 2);
  return SQ_OK;
}

int sq_saltelli_unit_points(sq_design_kind base, size_t n_base, size_t dims, uint64_t seed,
                            double *u, sq_error *err) {
  size_t n;
  int rc = sq_saltelli_size(base, n_base, dims, &n, err);
  if (rc) return rc;
  size_t width = 2 * dims, rows = dims + 2;
  double *ab = malloc(n_base * width * sizeof *ab);
  if (!ab)
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for a Saltelli base sample of %zu rows",
                        n_base);
  rc = sq_design_unit_points(base, NULL, width, n_base, seed, ab, &n, err);
  if (rc) {
    free(ab);
    return rc;
  }
  for (size_t r = 0; r < n_base; r++) {
    const double *a = ab + r * width, *b = a + dims;
    double *block = u + r * rows * dims;
    for (size_t j = 0; j < dims; j++) {
      block[j] = a[j];
      block[dims + j] = b[j];
    }
    for (size_t i = 0; i < dims; i++) {
      double *row = block + (2 + i) * dims;
      for (size_t j = 0; j < dims; j++) row[j] = j == i ? b[j] : a[j];
    }
  }
  free(ab);
  return SQ_OK;
}

int sq_saltelli_points(sq_design_kind base, const sq_axis *axes, size_t n_base, size_t dims,
                       uint64_t seed, double *out, sq_error *err) {
  if (!axes)
    return sq_error_set(err, SQ_EINPUT, "Saltelli values need the parameter axes (axes is NULL)");
  for (size_t j = 0; j < dims; j++) {
    int rc = sq_axis_check(&axes[j], j, err);
    if (rc) return rc;
  }
  int rc = sq_saltelli_unit_points(base, n_base, dims, seed, out, err);
  if (rc) return rc;
  size_t n = n_base * (dims + 2);
  for (size_t q = 0; q < n; q++)
    for (size_t j = 0; j < dims; j++) out[q * dims + j] = sq_axis_value(&axes[j], out[q * dims + j]);
  return SQ_OK;
}

/* Jansen's estimators over the base rows row[0..n-1] (a resample, or every
 * row when row is NULL), summing in that order.  `sums` is 2 dims of
 * scratch.  Returns false when f(A) and f(B) of these rows are all equal
 * (V = 0): the indices are then left NaN. */
static bool jansen(const double *y, size_t dims, size_t n, const uint32_t *row, double *sums,
                   double *first, double *total, double *mean_out, double *var_out) {
  size_t stride = dims + 2;
  double sum = 0;
  bool constant = true;
  double y0 = y[(row ? row[0] : 0) * stride];
  for (size_t k = 0; k < n; k++) {
    const double *f = y + (row ? row[k] : k) * stride;
    sum += f[0] + f[1];
    constant = constant && f[0] == y0 && f[1] == y0;
  }
  double two_n = 2.0 * (double)n, mean = sum / two_n, ss = 0;
  for (size_t i = 0; i < 2 * dims; i++) sums[i] = 0;
  for (size_t k = 0; k < n; k++) {
    const double *f = y + (row ? row[k] : k) * stride;
    ss += (f[0] - mean) * (f[0] - mean) + (f[1] - mean) * (f[1] - mean);
    for (size_t i = 0; i < dims; i++) {
      double db = f[1] - f[2 + i], da = f[0] - f[2 + i];
      sums[i] += db * db;
      sums[dims + i] += da * da;
    }
  }
  /* all equal is tested directly: the mean of equal numbers need not be
   * one of them, and V would then come out as rounding noise */
  double v = constant ? 0.0 : ss / two_n;
  if (mean_out) *mean_out = mean;
  if (var_out) *var_out = v;
  for (size_t i = 0; i < dims; i++) {
    first[i] = v > 0 ? (v - sums[i] / two_n) / v : NAN;
    total[i] = v > 0 ? sums[dims + i] / two_n / v : NAN;
  }
  return v > 0;
}

static int by_value(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

/* Percentile interval and standard deviation of the finite values among
 * est[0], est[stride], ... (n of them), sorted in place in `tmp`. */
static void summarise(const double *est, size_t stride, size_t n, double confidence, double *tmp,
                      sq_sobol_index *ix) {
  size_t m = 0;
  for (size_t b = 0; b < n; b++)
    if (isfinite(est[b * stride])) tmp[m++] = est[b * stride];
  ix->lower = ix->upper = ix->std_error = NAN;
  if (m == 0) return;
  qsort(tmp, m, sizeof *tmp, by_value);
  ix->lower = gsl_stats_quantile_from_sorted_data(tmp, 1, m, (1 - confidence) / 2);
  ix->upper = gsl_stats_quantile_from_sorted_data(tmp, 1, m, (1 + confidence) / 2);
  if (m >= 2) ix->std_error = gsl_stats_sd(tmp, 1, m);
}

int sq_sobol_indices(const double *outputs, size_t n_base, size_t dims, size_t bootstrap,
                     double confidence, uint64_t seed, sq_sobol_result *out, sq_error *err) {
  *out = (sq_sobol_result){.dims = dims, .n_base = n_base, .bootstrap = bootstrap,
                           .confidence = confidence, .mean = NAN, .variance = NAN};
  if (dims == 0)
    return sq_error_set(err, SQ_EINPUT, "Sobol indices need at least one parameter (dims is 0)");
  if (n_base == 0)
    return sq_error_set(err, SQ_EINPUT, "Sobol indices need at least one base row (n_base is 0)");
  if (dims > SQ_DESIGN_MAX_POINTS || n_base > SQ_DESIGN_MAX_POINTS / (dims + 2))
    return sq_error_set(err, SQ_EINPUT,
                        "Sobol indices of %zu base rows and %zu parameters exceed the limit of "
                        "%u model runs",
                        n_base, dims, SQ_DESIGN_MAX_POINTS);
  if (!(confidence > 0 && confidence < 1))
    return sq_error_set(err, SQ_EINPUT, "confidence must be strictly between 0 and 1 (got %.15g)",
                        confidence);
  if (bootstrap > SQ_SOBOL_MAX_BOOTSTRAP)
    return sq_error_set(err, SQ_EINPUT, "at most %u bootstrap resamples (got %zu)",
                        SQ_SOBOL_MAX_BOOTSTRAP, bootstrap);
  size_t stride = dims + 2;
  static const char *const what[] = {"A", "B"};
  for (size_t q = 0; q < n_base * stride; q++)
    if (!isfinite(outputs[q])) {
      size_t r = q / stride, c = q % stride;
      if (c < 2)
        return sq_error_set(err, SQ_EINPUT,
                            "output %zu (base row %zu, matrix %s) is not a finite number (%g)", q,
                            r, what[c], outputs[q]);
      return sq_error_set(err, SQ_EINPUT,
                          "output %zu (base row %zu, matrix A_B for parameter %zu) is not a "
                          "finite number (%g)",
                          q, r, c - 2, outputs[q]);
    }

  out->first = malloc(dims * sizeof *out->first);
  out->total = malloc(dims * sizeof *out->total);
  double *sums = malloc(2 * dims * sizeof *sums);
  double *first = malloc(dims * sizeof *first), *total = malloc(dims * sizeof *total);
  /* bootstrap estimates, resample-major: est[b * 2 dims + i] (first) and
   * est[b * 2 dims + dims + i] (total) */
  double *est = bootstrap ? malloc(bootstrap * 2 * dims * sizeof *est) : NULL;
  double *tmp = bootstrap ? malloc(bootstrap * sizeof *tmp) : NULL;
  uint32_t *row = bootstrap ? malloc(n_base * sizeof *row) : NULL;
  int rc = SQ_OK;
  if (!out->first || !out->total || !sums || !first || !total ||
      (bootstrap && (!est || !tmp || !row))) {
    sq_sobol_result_free(out);
    rc = sq_error_set(err, SQ_ERUNTIME, "out of memory for Sobol indices (%zu base rows)", n_base);
    goto done;
  }

  bool defined = jansen(outputs, dims, n_base, NULL, sums, first, total, &out->mean,
                        &out->variance);
  out->constant = !defined;
  for (size_t i = 0; i < dims; i++) {
    out->first[i] = (sq_sobol_index){first[i], NAN, NAN, NAN};
    out->total[i] = (sq_sobol_index){total[i], NAN, NAN, NAN};
  }
  if (defined && bootstrap) {
    for (size_t b = 0; b < bootstrap; b++) {
      for (size_t k = 0; k < n_base; k++) {
        sq_bits4 w = sq_philox(seed, (uint32_t)b, SQ_NO_DAY, (uint32_t)k, SQ_DRAW_BOOTSTRAP, 0);
        row[k] = sq_below64((uint64_t)w.v[0] << 32 | w.v[1], (uint32_t)n_base);
      }
      double *e = est + b * 2 * dims;
      if (!jansen(outputs, dims, n_base, row, sums, e, e + dims, NULL, NULL)) out->degenerate++;
    }
    for (size_t i = 0; i < dims; i++) {
      summarise(est + i, 2 * dims, bootstrap, confidence, tmp, &out->first[i]);
      summarise(est + dims + i, 2 * dims, bootstrap, confidence, tmp, &out->total[i]);
    }
  }
done:
  free(sums);
  free(first);
  free(total);
  free(est);
  free(tmp);
  free(row);
  return rc;
}

void sq_sobol_result_free(sq_sobol_result *r) {
  free(r->first);
  free(r->total);
  r->first = r->total = NULL;
}

unsigned sq_sobol_warnings(const sq_sobol_result *r, size_t i) {
  if (r->constant || i >= r->dims) return 0;
  const sq_sobol_index *f = &r->first[i], *t = &r->total[i];
  unsigned flags = 0;
  if (f->upper - f->lower > SQ_SOBOL_WIDE || t->upper - t->lower > SQ_SOBOL_WIDE)
    flags |= SQ_SOBOL_WIDE_INTERVAL; /* false for NaN bounds: no bootstrap, no verdict */
  if (f->value > t->value + SQ_SOBOL_SLACK) flags |= SQ_SOBOL_FIRST_ABOVE_TOTAL;
  return flags;
}

double sq_sobol_clip(double v) { return isnan(v) ? v : v < 0 ? 0 : v > 1 ? 1 : v; }

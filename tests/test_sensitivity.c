/* Sobol indices by Saltelli sampling and Jansen's estimators
 * (sim/analysis/sensitivity.c), against models whose indices are known:
 *
 *  - the Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1, a = 7,
 *    b = 0.1, x uniform on [-pi, pi]^3 (Ishigami & Homma 1990; Saltelli et
 *    al. 2010): with V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8,
 *    V13 = 8 b^2 pi^8 / 225 and V = V1 + V2 + V13,
 *      S1 = V1/V = 0.3139, S2 = V2/V = 0.4424, S3 = 0,
 *      ST1 = (V1 + V13)/V = 0.5576, ST2 = 0.4424, ST3 = V13/V = 0.2437;
 *  - a linear model y = sum c_i x_i with independent inputs of equal
 *    variance: S_i = ST_i = c_i^2 / sum c_j^2;
 *  - a constant, whose indices are undefined.
 *
 * Everything is deterministic (Sobol base samples, Philox bootstrap keyed by
 * fixed seeds); the tolerances are stated where they are used. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>

#include "check.h"
#include "sim/analysis/sensitivity.h"

static double ishigami(const double *x) {
  const double a = 7, b = 0.1;
  double s2 = sin(x[1]);
  return sin(x[0]) + a * s2 * s2 + b * pow(x[2], 4) * sin(x[0]);
}

/* Run a model on every point of a Saltelli design over the given axes. */
static double *run_model(sq_design_kind base, const sq_axis *axes, size_t n_base, size_t dims,
                         uint64_t seed, double (*f)(const double *, const void *),
                         const void *ctx) {
  size_t n;
  sq_error err = {0};
  if (sq_saltelli_size(base, n_base, dims, &n, &err)) return NULL;
  double *x = malloc(n * dims * sizeof *x), *y = malloc(n * sizeof *y);
  if (!x || !y || sq_saltelli_points(base, axes, n_base, dims, seed, x, &err)) {
    free(x);
    free(y);
    return NULL;
  }
  for (size_t q = 0; q < n; q++) y[q] = f(x + q * dims, ctx);
  free(x);
  return y;
}

static double ishigami_model(const double *x, const void *ctx) {
  (void)ctx;
  return ishigami(x);
}

static double linear_model(const double *x, const void *ctx) {
  const double *c = ctx;
  return c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + c[3] * x[3];
}

static double constant_model(const double *x, const void *ctx) {
  (void)x;
  (void)ctx;
  return 0.1;
}

static sq_axis range(double min, double max) {
  sq_axis a = {0};
  a.min = min;
  a.max = max;
  return a;
}

static void test_order(void) {
  enum { N = 16, D = 3 };
  static double u[N * (D + 2) * D], base[N * 2 * D];
  sq_error err = {0};
  size_t n;
  CHECK(sq_saltelli_size(SQ_DESIGN_SOBOL, N, D, &n, &err) == 0 && n == N * (D + 2),
        "Saltelli design of N = %d, d = %d: N (d + 2) = %zu runs", N, D, n);
  int rc = sq_saltelli_unit_points(SQ_DESIGN_SOBOL, N, D, 0, u, &err);
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * D);
  gsl_qrng_get(q, base); /* GSL's initial point, the centre: skipped */
  for (int r = 0; r < N; r++) gsl_qrng_get(q, base + r * 2 * D);
  gsl_qrng_free(q);
  bool ok = rc == 0;
  for (int r = 0; r < N; r++) {
    const double *a = base + r * 2 * D, *b = a + D, *blk = u + r * (D + 2) * D;
    for (int j = 0; j < D; j++) {
      ok = ok && blk[j] == a[j] && blk[D + j] == b[j];
      for (int i = 0; i < D; i++) ok = ok && blk[(2 + i) * D + j] == (j == i ? b[j] : a[j]);
    }
  }
  CHECK(ok, "Saltelli order: per base row A_r, B_r, A_B^(1)_r .. A_B^(d)_r, with A and B the "
            "halves of GSL's %d-dimensional Sobol point r + 1 (its centre skipped)", 2 * D);
}

static void print_indices(const char *name, const sq_sobol_result *r, const double *s,
                          const double *st) {
  printf("      %s: V = %.4f\n", name, r->variance);
  for (size_t i = 0; i < r->dims; i++)
    printf("      x%zu: S = %.4f [%.4f, %.4f] se %.4f (exact %.4f)   ST = %.4f [%.4f, %.4f] se "
           "%.4f (exact %.4f)\n",
           i + 1, r->first[i].value, r->first[i].lower, r->first[i].upper, r->first[i].std_error,
           s[i], r->total[i].value, r->total[i].lower, r->total[i].upper, r->total[i].std_error,
           st[i]);
}

static void test_ishigami(void) {
  const double a = 7, b = 0.1, pi = M_PI;
  double v1 = 0.5 * (1 + b * pow(pi, 4) / 5) * (1 + b * pow(pi, 4) / 5), v2 = a * a / 8,
         v13 = 8 * b * b * pow(pi, 8) / 225, v = v1 + v2 + v13;
  const double s[3] = {v1 / v, v2 / v, 0}, st[3] = {(v1 + v13) / v, v2 / v, v13 / v};
  CHECK(fabs(s[0] - 0.3139) < 5e-5 && fabs(s[1] - 0.4424) < 5e-5 && fabs(st[0] - 0.5576) < 5e-5 &&
            fabs(st[2] - 0.2437) < 5e-5 && fabs(v - 13.8446) < 5e-5,
        "analytic Ishigami indices from the variance terms: V = %.4f, S1 %.4f S2 %.4f ST1 %.4f "
        "ST3 %.4f",
        v, s[0], s[1], st[0], st[2]);

  sq_axis axes[3] = {range(-pi, pi), range(-pi, pi), range(-pi, pi)};
  const size_t n_base = 1 << 14;
  double *y = run_model(SQ_DESIGN_SOBOL, axes, n_base, 3, 0, ishigami_model, NULL);
  sq_sobol_result r, again;
  sq_error err = {0};
  int rc = sq_sobol_indices(y, n_base, 3, 1000, 0.95, 11, &r, &err);
  CHECK(y && rc == 0 && !r.constant && r.degenerate == 0,
        "Ishigami, Sobol base N = 2^14 (81920 runs), 1000 bootstrap resamples");
  print_indices("Ishigami (Sobol base)", &r, s, st);
  CHECK(fabs(r.variance - v) < 0.01 * v, "output variance %.4f within 1%% of %.4f", r.variance, v);
  /* the percentile interval treats the base rows as independent draws; a
   * Sobol sample is more even than that, so the estimates sit closer to the
   * truth than the intervals allow for and each should contain it */
  for (int i = 0; i < 3; i++) {
    CHECK(r.first[i].lower <= s[i] && s[i] <= r.first[i].upper,
          "S%d = %.4f within its 95%% interval [%.4f, %.4f] (estimate %.4f)", i + 1, s[i],
          r.first[i].lower, r.first[i].upper, r.first[i].value);
    CHECK(r.total[i].lower <= st[i] && st[i] <= r.total[i].upper,
          "ST%d = %.4f within its 95%% interval [%.4f, %.4f] (estimate %.4f)", i + 1, st[i],
          r.total[i].lower, r.total[i].upper, r.total[i].value);
  }
  /* Absolute tolerance 0.01 on every index.  The bootstrap standard errors
   * printed above (0.0035 to 0.013) are those of an independent sample of
   * 2^14 rows; on a Sobol sample Jansen's estimators converge faster than
   * N^(-1/2) (with this code the worst error over the six indices is 0.030,
   * 0.0045 and 0.00035 at N = 2^10, 2^12 and 2^14), so 0.01 asks for that
   * advantage while leaving a margin of about 30 over the error expected
   * here.  Plausible mistakes miss by far more: f(A) in place of f(B) in S_i
   * gives 1 - S_Ti (off by 0.11 or more), a missing 1/2 gives 2 S_i - 1. */
  double worst = 0;
  for (int i = 0; i < 3; i++) {
    worst = fmax(worst, fabs(r.first[i].value - s[i]));
    worst = fmax(worst, fabs(r.total[i].value - st[i]));
  }
  CHECK(worst < 0.01, "every Ishigami index within 0.01 of its analytic value (worst %.5f)", worst);
  /* At N = 2^14 the bootstrap distribution of each index is close to normal,
   * so its 2.5%-97.5% percentile spread should be 2 x 1.96 standard errors;
   * 15% allows for the sampling error of the extreme percentiles of 1000
   * resamples (about 0.1 standard error at each end, 5% of the width). */
  bool widths = true;
  for (int i = 0; i < 3; i++) {
    const sq_sobol_index *ix[2] = {&r.first[i], &r.total[i]};
    for (int k = 0; k < 2; k++) {
      double w = ix[k]->upper - ix[k]->lower, normal = 2 * 1.959964 * ix[k]->std_error;
      printf("      x%d %s: interval width %.4f, 3.92 se %.4f\n", i + 1, k ? "ST" : "S ", w, normal);
      widths = widths && fabs(w - normal) < 0.15 * normal && ix[k]->lower <= ix[k]->value &&
               ix[k]->value <= ix[k]->upper;
    }
  }
  CHECK(widths, "each interval holds its estimate, width within 15%% of 3.92 bootstrap standard "
                "errors");

  unsigned flags = 0;
  for (int i = 0; i < 3; i++) flags |= sq_sobol_warnings(&r, (size_t)i);
  CHECK(flags == 0, "N = 2^14: no index is warned about (flags %u)", flags);
  sq_sobol_result few;
  rc = sq_sobol_indices(y, 8, 3, 1000, 0.95, 11, &few, &err); /* the first 8 base rows */
  flags = 0;
  for (int i = 0; i < 3; i++) flags |= sq_sobol_warnings(&few, (size_t)i);
  print_indices("Ishigami, N = 8", &few, s, st);
  CHECK(rc == 0 && (flags & SQ_SOBOL_WIDE_INTERVAL),
        "N = 8: an interval wider than %g is warned about (flags %u)", SQ_SOBOL_WIDE, flags);
  sq_sobol_result_free(&few);

  rc = sq_sobol_indices(y, n_base, 3, 1000, 0.95, 11, &again, &err);
  bool same = rc == 0 && memcmp(r.first, again.first, 3 * sizeof *r.first) == 0 &&
              memcmp(r.total, again.total, 3 * sizeof *r.total) == 0;
  CHECK(same, "same outputs and seed: bit-identical indices and intervals");
  sq_sobol_result_free(&again);
  sq_sobol_indices(y, n_base, 3, 1000, 0.95, 12, &again, &err);
  CHECK(again.first[0].value == r.first[0].value && again.first[0].lower != r.first[0].lower,
        "another bootstrap seed: the same estimates, other intervals ([%.4f, %.4f])",
        again.first[0].lower, again.first[0].upper);
  sq_sobol_result_free(&again);
  sq_sobol_indices(y, n_base, 3, 0, 0.95, 11, &again, &err);
  CHECK(again.first[1].value == r.first[1].value && isnan(again.first[1].lower) &&
            isnan(again.total[2].upper) && isnan(again.total[2].std_error),
        "no bootstrap: estimates only, intervals NaN");
  sq_sobol_result_free(&again);
  sq_sobol_result_free(&r);
  free(y);

  /* A random (Philox) base sample of the same size: independent rows, so
   * the bootstrap standard error describes the estimator's error and each
   * estimate should lie within 4 of them of the truth (a normal deviate
   * beyond 4 has probability 6e-5; 6 indices). */
  y = run_model(SQ_DESIGN_RANDOM, axes, n_base, 3, 2024, ishigami_model, NULL);
  rc = sq_sobol_indices(y, n_base, 3, 1000, 0.95, 11, &r, &err);
  CHECK(y && rc == 0, "Ishigami, random base N = 2^14");
  print_indices("Ishigami (random base)", &r, s, st);
  bool close = true;
  for (int i = 0; i < 3; i++)
    close = close && fabs(r.first[i].value - s[i]) < 4 * r.first[i].std_error &&
            fabs(r.total[i].value - st[i]) < 4 * r.total[i].std_error;
  CHECK(close, "random base: every index within 4 bootstrap standard errors of its analytic value");
  sq_sobol_result_free(&r);
  free(y);
}

static void test_linear(void) {
  /* x uniform on [0, 1] (variance 1/12 each), c = (1, 2, 3, 0):
   * S = ST = (1, 4, 9, 0) / 14 */
  const double c[4] = {1, 2, 3, 0};
  const double exact[4] = {1.0 / 14, 4.0 / 14, 9.0 / 14, 0};
  sq_axis axes[4] = {range(0, 1), range(0, 1), range(0, 1), range(0, 1)};
  const size_t n_base = 1 << 13;
  double *y = run_model(SQ_DESIGN_SOBOL, axes, n_base, 4, 0, linear_model, c);
  sq_sobol_result r;
  sq_error err = {0};
  int rc = sq_sobol_indices(y, n_base, 4, 1000, 0.95, 3, &r, &err);
  CHECK(y && rc == 0, "linear model, Sobol base N = 2^13, 1000 resamples");
  print_indices("linear y = x1 + 2 x2 + 3 x3 + 0 x4", &r, exact, exact);
  /* 0.01 as for Ishigami: the bootstrap standard errors at N = 2^13 are
   * 0.001 to 0.011 for an independent sample, and the Sobol sample does
   * better; the same plausible mistakes miss by more than 0.05 */
  bool close = true, covered = true;
  for (int i = 0; i < 4; i++) {
    close = close && fabs(r.first[i].value - exact[i]) < 0.01 &&
            fabs(r.total[i].value - exact[i]) < 0.01;
    covered = covered && r.first[i].lower <= exact[i] && exact[i] <= r.first[i].upper &&
              r.total[i].lower <= exact[i] && exact[i] <= r.total[i].upper;
  }
  CHECK(close, "S_i and ST_i within 0.01 of c_i^2 / sum c^2 = 1/14, 4/14, 9/14, 0");
  CHECK(covered, "every exact index within its 95%% interval");
  /* f(A) - f(A_B^(4)) is exactly 0 when x4 has no effect: Jansen's total
   * effect is then exactly 0 */
  CHECK(r.total[3].value == 0 && r.total[3].upper == 0,
        "an input without effect: ST4 exactly 0 (S4 %.2g)", r.first[3].value);
  sq_sobol_result_free(&r);
  free(y);
}

static void test_constant(void) {
  sq_axis axes[2] = {range(0, 1), range(5, 9)};
  double *y = run_model(SQ_DESIGN_SOBOL, axes, 64, 2, 0, constant_model, NULL);
  sq_sobol_result r;
  sq_error err = {0};
  int rc = sq_sobol_indices(y, 64, 2, 200, 0.95, 1, &r, &err);
  CHECK(y && rc == 0 && r.constant && r.variance == 0 && isnan(r.first[0].value) &&
            isnan(r.total[1].value) && isnan(r.first[1].lower) && isnan(r.total[0].upper),
        "constant output 0.1: no error, `constant` set, V = %g, indices NaN", r.variance);
  sq_sobol_result_free(&r);
  free(y);
}

static void expect_error(int rc, const sq_error *err, const char *message) {
  bool ok = rc == SQ_EINPUT && err->status == SQ_EINPUT && strcmp(err->message, message) == 0;
  CHECK(ok, "error: %s", err->message);
  if (!ok) printf("      expected: %s\n", message);
}

static void test_errors(void) {
  sq_error err = {0};
  sq_sobol_result r;
  size_t n;
  double y[2 * 5] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, u[64];
  expect_error(sq_sobol_indices(y, 2, 0, 10, 0.95, 1, &r, &err), &err,
               "Sobol indices need at least one parameter (dims is 0)");
  sq_sobol_result_free(&r);
  expect_error(sq_sobol_indices(y, 0, 3, 10, 0.95, 1, &r, &err), &err,
               "Sobol indices need at least one base row (n_base is 0)");
  expect_error(sq_sobol_indices(y, 2, 3, 10, 1.0, 1, &r, &err), &err,
               "confidence must be strictly between 0 and 1 (got 1)");
  expect_error(sq_sobol_indices(y, 2, 3, 10, NAN, 1, &r, &err), &err,
               "confidence must be strictly between 0 and 1 (got nan)");
  expect_error(sq_sobol_indices(y, 2, 3, 2000000, 0.9, 1, &r, &err), &err,
               "at most 1000000 bootstrap resamples (got 2000000)");
  y[6] = NAN;
  expect_error(sq_sobol_indices(y, 2, 3, 10, 0.95, 1, &r, &err), &err,
               "output 6 (base row 1, matrix B) is not a finite number (nan)");
  y[6] = 7;
  y[9] = INFINITY;
  expect_error(sq_sobol_indices(y, 2, 3, 10, 0.95, 1, &r, &err), &err,
               "output 9 (base row 1, matrix A_B for parameter 2) is not a finite number (inf)");
  expect_error(sq_sobol_indices(y, 20000000, 3, 10, 0.95, 1, &r, &err), &err,
               "Sobol indices of 20000000 base rows and 3 parameters exceed the limit of "
               "10000000 model runs");
  sq_sobol_result_free(&r);

  expect_error(sq_saltelli_size(SQ_DESIGN_GRID, 8, 3, &n, &err), &err,
               "a Saltelli design needs a sobol, random or latin_hypercube base sample (got grid)");
  expect_error(sq_saltelli_size(SQ_DESIGN_SOBOL, 8, 0, &n, &err), &err,
               "a Saltelli design needs at least one parameter (dims is 0)");
  expect_error(sq_saltelli_unit_points(SQ_DESIGN_RANDOM, 0, 3, 1, u, &err), &err,
               "a Saltelli design needs at least one base row (n_base is 0)");
  expect_error(sq_saltelli_unit_points(SQ_DESIGN_SOBOL, 2, 21, 1, u, &err), &err,
               "a Saltelli design on a sobol base supports at most 20 parameters (2 x dims must "
               "be within GSL's 40 dimensions; got 21)");
  CHECK(sq_saltelli_size(SQ_DESIGN_RANDOM, 2, 21, &n, &err) == 0 && n == 46,
        "a random base sample has no such limit (21 parameters: %zu runs)", n);
  expect_error(sq_saltelli_size(SQ_DESIGN_LATIN, 2000001, 3, &n, &err), &err,
               "a Saltelli design of 2000001 base rows and 3 parameters exceeds the limit of "
               "10000000 model runs");
  sq_axis bad = range(0, -1);
  expect_error(sq_saltelli_points(SQ_DESIGN_SOBOL, &bad, 2, 1, 0, u, &err), &err,
               "axis 0: min 0 is greater than max -1");
}

/* Outputs made so that S_1 = 1 and S_T1 is near 0 (f(A_B) = f(B), f(A)
 * close to f(B)): impossible for true indices, the sign of too few points. */
static void test_warnings(void) {
  enum { N = 6 };
  double y[N * 3];
  for (int r = 0; r < N; r++) {
    y[r * 3 + 1] = y[r * 3 + 2] = r;          /* f(B), f(A_B^1) */
    y[r * 3 + 0] = r + (r % 2 ? 0.1 : -0.1); /* f(A) */
  }
  sq_sobol_result res;
  sq_error err = {0};
  int rc = sq_sobol_indices(y, N, 1, 0, 0.95, 1, &res, &err);
  unsigned flags = rc ? 0 : sq_sobol_warnings(&res, 0);
  CHECK(rc == 0 && flags == SQ_SOBOL_FIRST_ABOVE_TOTAL,
        "first-order %.3f above total %.3f is warned about; no bootstrap, no interval warning "
        "(flags %u)",
        res.first[0].value, res.total[0].value, flags);
  sq_sobol_result_free(&res);
  CHECK(sq_sobol_clip(-0.2) == 0 && sq_sobol_clip(1.3) == 1 && sq_sobol_clip(0.4) == 0.4 &&
            isnan(sq_sobol_clip(NAN)),
        "reported indices and bounds are clipped to [0, 1]; NaN (no index) stays NaN");
}

int main(void) {
  gsl_set_error_handler_off();
  test_order();
  test_ishigami();
  test_linear();
  test_constant();
  test_warnings();
  test_errors();
  return CHECK_DONE();
}

/* Experimental designs (sim/analysis/design.c): the grid's size, order and levels,
 * the mapping of unit coordinates to values, the Latin hypercube's
 * stratification, reproducible random points, Sobol points identical to
 * GSL's, and every input error with its exact message.  All checks are
 * exact (no statistical tolerance) except where a comment says otherwise. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>

#include "check.h"
#include "sim/analysis/design.h"
#include "models/rng.h"

static sq_axis range(double min, double max, int levels) {
  sq_axis a = {0};
  a.min = min;
  a.max = max;
  a.levels = levels;
  return a;
}

static sq_axis log_range(double min, double max, int levels) {
  sq_axis a = range(min, max, levels);
  a.log_scale = true;
  return a;
}

static sq_axis int_range(double min, double max, int levels) {
  sq_axis a = range(min, max, levels);
  a.integer = true;
  return a;
}

static sq_axis list(int n, const double *v) {
  sq_axis a = {0};
  a.n_values = n;
  for (int k = 0; k < n; k++) a.values[k] = v[k];
  return a;
}

static bool is_listed(const sq_axis *a, double x) {
  for (int k = 0; k < a->n_values; k++)
    if (a->values[k] == x) return true;
  return false;
}

static void test_names(void) {
  bool ok = true;
  for (int k = SQ_DESIGN_GRID; k <= SQ_DESIGN_SOBOL; k++) {
    sq_design_kind parsed;
    sq_error err = {0};
    ok = ok && sq_design_parse(sq_design_name((sq_design_kind)k), &parsed, &err) == 0 &&
         parsed == (sq_design_kind)k;
  }
  CHECK(ok && strcmp(sq_design_name(SQ_DESIGN_GRID), "grid") == 0 &&
            strcmp(sq_design_name(SQ_DESIGN_RANDOM), "random") == 0 &&
            strcmp(sq_design_name(SQ_DESIGN_LATIN), "latin_hypercube") == 0 &&
            strcmp(sq_design_name(SQ_DESIGN_SOBOL), "sobol") == 0,
        "design names grid, random, latin_hypercube, sobol, each parsed back to its kind");
  CHECK(sq_design_name((sq_design_kind)7) == NULL, "no name for an unknown kind");
}

/* A 3 x 2 x 3 grid: a linear range, a list and a log range. */
static void test_grid(void) {
  const double tens[] = {10, 20};
  sq_axis axes[3] = {range(0, 2, 3), list(2, tens), log_range(1, 100, 3)};
  sq_error err = {0};
  size_t n = 0;
  CHECK(sq_design_size(SQ_DESIGN_GRID, axes, 3, 999, &n, &err) == 0 && n == 18,
        "grid size 3 x 2 x 3 = 18 (requested ignored): %zu", n);
  double out[18 * 3];
  size_t got = 0;
  CHECK(sq_design_points(SQ_DESIGN_GRID, axes, 3, 999, 1, out, &got, &err) == 0 && got == 18,
        "grid points filled: %zu", got);
  const double l0[] = {0, 1, 2}, l1[] = {10, 20}, l2[] = {1, 10, 100};
  bool order = true;
  size_t p = 0;
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 2; b++)
      for (int c = 0; c < 3; c++, p++)
        order = order && out[p * 3] == l0[a] && out[p * 3 + 1] == l1[b] &&
                fabs(out[p * 3 + 2] - l2[c]) <= 1e-13 * l2[c];
  CHECK(order, "grid in nested order, last axis fastest: point 1 = (%g, %g, %g), point 6 = (%g, %g, %g)",
        out[3], out[4], out[5], out[18], out[19], out[20]);
  /* the 8 corners (every combination of each axis's first and last level) */
  int corners = 0;
  for (int mask = 0; mask < 8; mask++) {
    double want[3] = {mask & 1 ? 2 : 0, mask & 2 ? 20 : 10, mask & 4 ? 100 : 1};
    for (size_t q = 0; q < 18; q++)
      if (out[q * 3] == want[0] && out[q * 3 + 1] == want[1] && out[q * 3 + 2] == want[2]) {
        corners++;
        break;
      }
  }
  CHECK(corners == 8, "all 8 corners present, ends exact: %d", corners);

  double u[18 * 3];
  CHECK(sq_design_unit_points(SQ_DESIGN_GRID, axes, 3, 0, 1, u, &got, &err) == 0 && got == 18 &&
            u[0] == 0 && u[1] == 0.25 && u[2] == 0 && u[17 * 3] == 1 && u[17 * 3 + 1] == 0.75 &&
            u[17 * 3 + 2] == 1,
        "grid unit positions: k / (L - 1) for ranges, (k + 0.5) / n for lists");

  sq_axis lg = log_range(1e-3, 10, 5);
  bool geometric = sq_axis_level(&lg, 0) == 1e-3 && sq_axis_level(&lg, 4) == 10;
  for (int k = 0; k < 4; k++)
    geometric = geometric && fabs(sq_axis_level(&lg, k + 1) / sq_axis_level(&lg, k) - 10) < 1e-12;
  CHECK(geometric, "log-scale levels geometric: 0.001 %g %g %g 10 (ratio 10 within 1e-12)",
        sq_axis_level(&lg, 1), sq_axis_level(&lg, 2), sq_axis_level(&lg, 3));

  sq_axis in = int_range(1, 10, 4), il = int_range(1, 1000, 4), frac = int_range(0.5, 3.7, 3);
  il.log_scale = true;
  CHECK(sq_axis_level(&in, 0) == 1 && sq_axis_level(&in, 1) == 4 && sq_axis_level(&in, 2) == 7 &&
            sq_axis_level(&in, 3) == 10,
        "integer grid 1..10 in 4 levels: 1 4 7 10");
  CHECK(sq_axis_level(&il, 0) == 1 && sq_axis_level(&il, 1) == 10 && sq_axis_level(&il, 2) == 100 &&
            sq_axis_level(&il, 3) == 1000,
        "integer log grid 1..1000 in 4 levels: 1 10 100 1000");
  CHECK(sq_axis_level(&frac, 0) == 1 && sq_axis_level(&frac, 1) == 2 && sq_axis_level(&frac, 2) == 3,
        "integer grid on [0.5, 3.7] runs over the integers 1..3");
}

static void test_mapping(void) {
  sq_axis lin = range(0, 4, 0), lg = log_range(1, 100, 0), in = int_range(1, 6, 0);
  const double v[] = {3, 1, 4, 1.5};
  sq_axis ls = list(4, v);
  CHECK(sq_axis_value(&lin, 0.25) == 1 && sq_axis_value(&lin, 0) == 0,
        "linear: min + u (max - min)");
  CHECK(fabs(sq_axis_value(&lg, 0.5) - 10) < 1e-12 && sq_axis_value(&lg, 0) == 1,
        "log: u = 0.5 on [1, 100] gives 10 (%.17g)", sq_axis_value(&lg, 0.5));
  CHECK(sq_axis_value(&in, 0) == 1 && sq_axis_value(&in, 1.0 / 6 - 1e-12) == 1 &&
            sq_axis_value(&in, 1.0 / 6 + 1e-12) == 2 && sq_axis_value(&in, 0.999999) == 6,
        "integer 1..6: u in [k/6, (k+1)/6) gives k + 1");
  CHECK(sq_axis_value(&ls, 0) == 3 && sq_axis_value(&ls, 0.49) == 1 && sq_axis_value(&ls, 0.5) == 4 &&
            sq_axis_value(&ls, 0.99) == 1.5,
        "list: values[floor(u n)]");
}

/* Each of the n strata [k/n, (k+1)/n) of each dimension holds exactly one point. */
static bool stratified(const double *u, size_t n, size_t d) {
  char *seen = malloc(n);
  bool ok = seen != NULL;
  for (size_t j = 0; ok && j < d; j++) {
    memset(seen, 0, n);
    for (size_t p = 0; p < n; p++) {
      double x = u[p * d + j];
      if (!(x >= 0 && x < 1)) ok = false;
      size_t k = (size_t)floor(x * (double)n);
      if (k >= n || seen[k]++) ok = false;
    }
  }
  free(seen);
  return ok;
}

static void test_latin(void) {
  const size_t cases[][2] = {{1, 1}, {7, 3}, {100, 5}, {1000, 2}, {4096, 8}};
  for (size_t c = 0; c < SQ_LEN(cases); c++) {
    size_t n = cases[c][0], d = cases[c][1], got = 0;
    double *u = malloc(n * d * sizeof *u), *v = malloc(n * d * sizeof *v);
    sq_error err = {0};
    int rc = sq_design_unit_points(SQ_DESIGN_LATIN, NULL, d, n, 42, u, &got, &err);
    rc |= sq_design_unit_points(SQ_DESIGN_LATIN, NULL, d, n, 42, v, &got, &err);
    CHECK(rc == 0 && got == n && stratified(u, n, d) && memcmp(u, v, n * d * sizeof *u) == 0,
          "Latin hypercube n = %zu, d = %zu: one point per stratum in every dimension, "
          "reproducible",
          n, d);
    free(u);
    free(v);
  }
  /* the permutations differ between dimensions and between seeds: with
   * n = 100 two independent shuffles agree everywhere with probability 1/100! */
  double a[100 * 2], b[100 * 2];
  size_t got;
  sq_error err = {0};
  sq_design_unit_points(SQ_DESIGN_LATIN, NULL, 2, 100, 42, a, &got, &err);
  sq_design_unit_points(SQ_DESIGN_LATIN, NULL, 2, 100, 43, b, &got, &err);
  int same_dims = 0, same_seed = 0;
  for (int p = 0; p < 100; p++) {
    same_dims += floor(a[p * 2] * 100) == floor(a[p * 2 + 1] * 100);
    same_seed += floor(a[p * 2] * 100) == floor(b[p * 2] * 100);
  }
  CHECK(same_dims < 100 && same_seed < 100,
        "strata permuted independently: %d of 100 points share a stratum across dimensions, "
        "%d across seeds",
        same_dims, same_seed);

  /* an integer axis of 6 values in a Latin hypercube of 60 points: the
   * strata 10k..10k+9 all map to integer k + 1, so each appears 10 times */
  sq_axis in = int_range(1, 6, 0);
  double out[60];
  sq_design_points(SQ_DESIGN_LATIN, &in, 1, 60, 5, out, &got, &err);
  int count[7] = {0};
  bool integral = true;
  for (int p = 0; p < 60; p++) {
    integral = integral && out[p] == floor(out[p]) && out[p] >= 1 && out[p] <= 6;
    if (integral) count[(int)out[p]]++;
  }
  CHECK(integral && count[1] == 10 && count[2] == 10 && count[3] == 10 && count[4] == 10 &&
            count[5] == 10 && count[6] == 10,
        "integer axis 1..6 in a 60-point Latin hypercube: each integer exactly 10 times");
}

static void test_random(void) {
  const double v[] = {-1, 0.5, 8};
  sq_axis axes[4] = {range(-3, 5, 0), log_range(0.01, 1000, 0), int_range(2, 9, 0), list(3, v)};
  enum { N = 5000 };
  static double a[N * 4], b[N * 4], c[N * 4];
  size_t got;
  sq_error err = {0};
  int rc = sq_design_points(SQ_DESIGN_RANDOM, axes, 4, N, 7, a, &got, &err);
  rc |= sq_design_points(SQ_DESIGN_RANDOM, axes, 4, N, 7, b, &got, &err);
  rc |= sq_design_points(SQ_DESIGN_RANDOM, axes, 4, N, 8, c, &got, &err);
  CHECK(rc == 0 && got == N, "random design of %d points in 4 dimensions", N);
  bool in_range = true;
  int listed[3] = {0};
  double log_lo = INFINITY, log_hi = 0;
  for (int p = 0; p < N; p++) {
    const double *x = a + p * 4;
    in_range = in_range && x[0] >= -3 && x[0] <= 5 && x[1] >= 0.01 && x[1] <= 1000 &&
               x[2] == floor(x[2]) && x[2] >= 2 && x[2] <= 9 && is_listed(&axes[3], x[3]);
    for (int k = 0; k < 3; k++) listed[k] += x[3] == v[k];
    if (x[1] < log_lo) log_lo = x[1];
    if (x[1] > log_hi) log_hi = x[1];
  }
  CHECK(in_range, "random values within their ranges, integers integral, list values listed");
  /* with 5000 points each of 3 listed values is expected 1667 times; 1400
   * is more than 8 standard deviations (sqrt(5000 (1/3)(2/3)) = 33) below */
  CHECK(listed[0] > 1400 && listed[1] > 1400 && listed[2] > 1400,
        "every listed value drawn: %d %d %d of 5000", listed[0], listed[1], listed[2]);
  /* log-uniform on [0.01, 1000] (5 decades): a point falls below 0.0102
   * with probability log10(1.02) / 5 = 0.0017, so all 5000 miss it with
   * probability exp(-8.6) = 2e-4; the same at the top (above 980) */
  CHECK(log_lo < 0.0102 && log_hi > 980, "log axis spans its decades: %.4g to %.4g", log_lo,
        log_hi);
  CHECK(memcmp(a, b, sizeof a) == 0, "same seed, same points");
  /* independent 53-bit uniforms coincide with probability 2^-53; the integer
   * and list coordinates do coincide often, so only count the two ranges */
  int differ_ranges = 0;
  for (int p = 0; p < N; p++) differ_ranges += (a[p * 4] != c[p * 4]) + (a[p * 4 + 1] != c[p * 4 + 1]);
  CHECK(differ_ranges == 2 * N, "another seed, other points (%d of %d range coordinates differ)",
        differ_ranges, 2 * N);

  /* the documented counters: point p, dimension j is the Philox block
   * (seed, 0, j, p, SQ_DRAW_DESIGN_POINT, 0), 53 bits of its first two words */
  double u[N * 4];
  sq_design_unit_points(SQ_DESIGN_RANDOM, NULL, 4, N, 7, u, &got, &err);
  sq_bits4 w = sq_philox(7, 0, 2, 1234, SQ_DRAW_DESIGN_POINT, 0);
  double expect = (double)(((uint64_t)w.v[0] << 21) | (w.v[1] >> 11)) * 0x1p-53;
  CHECK(u[1234 * 4 + 2] == expect && a[1234 * 4] == sq_axis_value(&axes[0], u[1234 * 4]),
        "random point 1234, dimension 2, from Philox (seed, point, dimension); values through "
        "sq_axis_value");
}

static void test_sobol(void) {
  enum { N = 1000, D = 5 };
  static double u[N * D], ref[N * D];
  size_t got;
  sq_error err = {0};
  int rc = sq_design_unit_points(SQ_DESIGN_SOBOL, NULL, D, N, 99, u, &got, &err);
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, D);
  double centre[D];
  gsl_qrng_get(q, centre);
  for (int p = 0; p < N; p++) gsl_qrng_get(q, ref + p * D);
  gsl_qrng_free(q);
  CHECK(rc == 0 && got == N && memcmp(u, ref, sizeof u) == 0,
        "Sobol points identical to gsl_qrng_sobol's %d after its initial point in %d dimensions "
        "(first %g %g)", N, D, u[0], u[1]);
  bool centre_skipped = true;
  for (int j = 0; j < D; j++) centre_skipped = centre_skipped && centre[j] == 0.5 && u[j] != 0.5;
  CHECK(centre_skipped, "the initial point, the centre (0.5, ...), is not a design point");
  sq_axis axes[D];
  for (int j = 0; j < D; j++) axes[j] = range(-j, j + 1, 0);
  static double x[N * D];
  sq_design_points(SQ_DESIGN_SOBOL, axes, D, N, 1, x, &got, &err);
  bool mapped = true;
  for (int k = 0; k < N * D; k++) mapped = mapped && x[k] == sq_axis_value(&axes[k % D], u[k]);
  CHECK(mapped, "Sobol values are the unit points through sq_axis_value");
  size_t max = gsl_qrng_sobol->max_dimension;
  double *big = malloc(3 * max * sizeof *big);
  CHECK(sq_design_unit_points(SQ_DESIGN_SOBOL, NULL, max, 3, 0, big, &got, &err) == 0 && got == 3,
        "Sobol design in GSL's maximum of %zu dimensions", max);
  free(big);
}

/* n_points is read through a pointer: the call that sets it is an argument
 * of the same call, and arguments are evaluated in no fixed order. */
static void expect_error(int rc, const sq_error *err, const size_t *n_points,
                         const char *message) {
  bool ok = rc == SQ_EINPUT && err->status == SQ_EINPUT && *n_points == 0 &&
            strcmp(err->message, message) == 0;
  CHECK(ok, "error: %s", err->message);
  if (!ok) printf("      expected: %s\n", message);
}

static void test_errors(void) {
  sq_error err = {0};
  sq_design_kind kind;
  double out[64];
  size_t n = 99;

  sq_axis ok1[1] = {range(0, 1, 2)};
  size_t zero = 0;
  expect_error(sq_design_parse("lhs", &kind, &err), &err, &zero,
               "unknown design \"lhs\": expected grid, random, latin_hypercube or sobol");
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, ok1, 0, 10, 1, out, &n, &err), &err, &n,
               "a design needs at least one parameter axis (dims is 0)");
  n = 99;
  expect_error(sq_design_size((sq_design_kind)9, ok1, 1, 10, &n, &err), &err, &n,
               "unknown design kind 9");

  sq_axis bad_log[2] = {range(0, 1, 2), log_range(0, 10, 3)};
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, bad_log, 2, 10, 1, out, &n, &err), &err, &n,
               "axis 1: a log scale needs min > 0 (got 0)");
  bad_log[1].min = -2;
  expect_error(sq_design_points(SQ_DESIGN_GRID, bad_log, 2, 0, 1, out, &n, &err), &err, &n,
               "axis 1: a log scale needs min > 0 (got -2)");
  sq_axis reversed[1] = {range(3, 2.5, 2)};
  expect_error(sq_design_points(SQ_DESIGN_LATIN, reversed, 1, 10, 1, out, &n, &err), &err, &n,
               "axis 0: min 3 is greater than max 2.5");
  sq_axis inf[1] = {range(0, INFINITY, 2)};
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, inf, 1, 10, 1, out, &n, &err), &err, &n,
               "axis 0: min and max must be finite numbers (got 0 and inf)");
  sq_axis noint[1] = {int_range(1.2, 1.8, 2)};
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, noint, 1, 10, 1, out, &n, &err), &err, &n,
               "axis 0: no integer between min 1.2 and max 1.8");
  sq_axis toomany[1] = {range(0, 1, 2)};
  toomany[0].n_values = 65;
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, toomany, 1, 10, 1, out, &n, &err), &err, &n,
               "axis 0: 65 listed values, expected 0 (a range) to 64");
  sq_axis nanlist[1] = {list(2, (const double[]){1, NAN})};
  expect_error(sq_design_points(SQ_DESIGN_RANDOM, nanlist, 1, 10, 1, out, &n, &err), &err, &n,
               "axis 0: listed value 1 is not a finite number");

  sq_axis one_level[2] = {range(0, 1, 2), range(0, 1, 1)};
  expect_error(sq_design_size(SQ_DESIGN_GRID, one_level, 2, 0, &n, &err), &err, &n,
               "axis 1: a grid needs at least 2 levels for a range (levels is 1)");
  sq_axis huge[3] = {range(0, 1, 2000000000), range(0, 1, 2000000000), range(0, 1, 2000000000)};
  expect_error(sq_design_size(SQ_DESIGN_GRID, huge, 3, 0, &n, &err), &err, &n,
               "the grid size overflows: the product of the levels of the 3 axes does not fit in "
               "size_t");
  sq_axis big[4] = {range(0, 1, 100), range(0, 1, 100), range(0, 1, 100), range(0, 1, 100)};
  expect_error(sq_design_size(SQ_DESIGN_GRID, big, 4, 0, &n, &err), &err, &n,
               "a grid of 100000000 points exceeds the limit of 10000000 points");
  big[3].levels = 10;
  CHECK(sq_design_size(SQ_DESIGN_GRID, big, 4, 0, &n, &err) == 0 && n == 10000000,
        "a grid of exactly 10^7 points is allowed");
  expect_error(sq_design_size(SQ_DESIGN_GRID, NULL, 4, 0, &n, &err), &err, &n,
               "a grid design needs its axes (axes is NULL)");
  expect_error(sq_design_points(SQ_DESIGN_SOBOL, NULL, 4, 10, 0, out, &n, &err), &err, &n,
               "design values need the parameter axes (axes is NULL)");

  expect_error(sq_design_points(SQ_DESIGN_RANDOM, ok1, 1, 0, 1, out, &n, &err), &err, &n,
               "a random design needs at least one point (requested is 0)");
  expect_error(sq_design_points(SQ_DESIGN_LATIN, ok1, 1, 0, 1, out, &n, &err), &err, &n,
               "a latin_hypercube design needs at least one point (requested is 0)");
  expect_error(sq_design_points(SQ_DESIGN_SOBOL, ok1, 1, 0, 1, out, &n, &err), &err, &n,
               "a sobol design needs at least one point (requested is 0)");
  CHECK(sq_design_size(SQ_DESIGN_GRID, ok1, 1, 0, &n, &err) == 0 && n == 2,
        "requested = 0 is fine for a grid (ignored)");
  expect_error(sq_design_size(SQ_DESIGN_LATIN, NULL, 2, 10000001, &n, &err), &err, &n,
               "a latin_hypercube design of 10000001 points exceeds the limit of 10000000 points");
  expect_error(sq_design_unit_points(SQ_DESIGN_SOBOL, NULL, 41, 10, 0, out, &n, &err), &err, &n,
               "a sobol design supports at most 40 dimensions (GSL's limit; got 41)");
  expect_error(sq_design_size(SQ_DESIGN_RANDOM, NULL, SIZE_MAX / 16, 10, &n, &err), &err, &n,
               "a design of 10 points in 1152921504606846975 dimensions is too large");
}

int main(void) {
  gsl_set_error_handler_off();
  test_names();
  test_grid();
  test_mapping();
  test_latin();
  test_random();
  test_sobol();
  test_errors();
  return CHECK_DONE();
}

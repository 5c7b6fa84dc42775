/* The statistics of summary.json's "realism" object (sim/analysis/stats.c)
 * against values computed by hand. */
#include <math.h>

#include "check.h"
#include "sim/analysis/stats.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

int main(void) {
  /* Gini: sum (2i - n - 1) x_(i) / (n sum x) */
  const double a[] = {3, 1, 4, 2}; /* weights -3 -1 1 3 on 1 2 3 4: 10 / (4 * 10) */
  CHECK(NEAR(sq_gini(a, 4), 0.25), "Gini of 1..4 is 0.25 (got %g)", sq_gini(a, 4));
  const double one[] = {0, 10, 0, 0};
  CHECK(NEAR(sq_gini(one, 4), 0.75), "Gini when one of four holds everything: 3/4 (got %g)",
        sq_gini(one, 4));
  const double equal[] = {5, 5, 5};
  CHECK(NEAR(sq_gini(equal, 3), 0), "Gini of equal values is 0 (got %g)", sq_gini(equal, 3));
  const double zeros[] = {0, 0};
  CHECK(NEAR(sq_gini(zeros, 2), 0), "Gini when nobody posted is 0 (got %g)", sq_gini(zeros, 2));
  CHECK(isnan(sq_gini(a, 0)), "Gini of nothing is NaN");
  CHECK(a[0] == 3 && a[1] == 1, "the input is not reordered");

  /* the share held by the top ceil(q n) */
  double hundred[100];
  for (int i = 0; i < 100; i++) hundred[i] = 100 - i;
  CHECK(NEAR(sq_top_share(hundred, 100, 0.01), 100.0 / 5050), "top 1%% of 1..100: 100/5050 (got %g)",
        sq_top_share(hundred, 100, 0.01));
  CHECK(NEAR(sq_top_share(hundred, 100, 0.10), 955.0 / 5050),
        "top 10%% of 1..100: (91 + ... + 100)/5050 = 955/5050 (got %g)",
        sq_top_share(hundred, 100, 0.10));
  const double five[] = {1, 6, 1, 1, 1};
  CHECK(NEAR(sq_top_share(five, 5, 0.10), 0.6), "top 10%% of 5 is the largest one: 6/10 (got %g)",
        sq_top_share(five, 5, 0.10));
  CHECK(isnan(sq_top_share(zeros, 2, 0.1)), "top share when nobody posted is NaN");

  /* interpolated quantiles, as GSL */
  const double four[] = {4, 1, 3, 2};
  CHECK(NEAR(sq_quantile(four, 4, 0.5), 2.5), "median of 1..4 is 2.5 (got %g)",
        sq_quantile(four, 4, 0.5));
  CHECK(NEAR(sq_quantile(four, 4, 0.9), 3.7), "P90 of 1..4 is 1 + 0.9 * 3 = 3.7 (got %g)",
        sq_quantile(four, 4, 0.9));
  CHECK(isnan(sq_quantile(four, 0, 0.5)), "quantile of nothing is NaN");

  /* weighted quantiles: the smallest value carrying at least p of the weight */
  const double v[] = {3, 1, 4, 2}, ones[] = {1, 1, 1, 1}, w[] = {1, 1, 5, 1};
  CHECK(NEAR(sq_weighted_quantile(v, ones, 4, 0.5), 2),
        "equal weights: the median of 1..4 is order statistic ceil(0.5 * 4) = 2 (got %g)",
        sq_weighted_quantile(v, ones, 4, 0.5));
  CHECK(NEAR(sq_weighted_quantile(v, ones, 4, 0.6), 3), "equal weights: P60 of 1..4 is 3 (got %g)",
        sq_weighted_quantile(v, ones, 4, 0.6));
  CHECK(NEAR(sq_weighted_quantile(v, w, 4, 0.5), 4),
        "weights 1 1 1 5 on 1 2 3 4: half of 8 is reached at 4 (got %g)",
        sq_weighted_quantile(v, w, 4, 0.5));
  CHECK(NEAR(sq_weighted_quantile(v, w, 4, 0.25), 2),
        "weights 1 1 1 5 on 1 2 3 4: a quarter of 8 is reached at 2 (got %g)",
        sq_weighted_quantile(v, w, 4, 0.25));
  const double none[] = {0, 0, 0, 0};
  CHECK(isnan(sq_weighted_quantile(v, none, 4, 0.5)), "no weight: NaN");
  const double skip[] = {0, 1, 0, 1}; /* only 1 and 2 count */
  CHECK(NEAR(sq_weighted_quantile(v, skip, 4, 1.0), 2), "a value of weight 0 is never the answer (got %g)",
        sq_weighted_quantile(v, skip, 4, 1.0));

  /* coefficient of variation: sd (n - 1) / mean */
  const double cv[] = {2, 4, 4, 4, 5, 5, 7, 9}; /* mean 5, squares 32, sd sqrt(32/7) */
  CHECK(NEAR(sq_cv(cv, 8), sqrt(32.0 / 7) / 5), "CV of 2 4 4 4 5 5 7 9 is sqrt(32/7)/5 (got %g)",
        sq_cv(cv, 8));
  CHECK(isnan(sq_cv(cv, 1)), "CV of one value is NaN");

  /* least-squares slope through (i, y_i) */
  const double line[] = {3, 5, 7, 9, 11};
  CHECK(NEAR(sq_lsq_slope(line, 5), 2), "slope of 3 + 2i is 2 (got %g)", sq_lsq_slope(line, 5));
  const double zig[] = {1, 3, 2, 4}; /* sxy 4, sxx 5 */
  CHECK(NEAR(sq_lsq_slope(zig, 4), 0.8), "slope of 1 3 2 4 is 4/5 (got %g)", sq_lsq_slope(zig, 4));
  CHECK(isnan(sq_lsq_slope(zig, 1)), "slope of one point is NaN");
  return CHECK_DONE();
}

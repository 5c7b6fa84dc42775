/* Kaplan-Meier with Greenwood's variance against a published example:
 * the 6-MP arm of the leukaemia remission trial of Freireich et al. (1963),
 * as tabulated in Kleinbaum & Klein, "Survival Analysis: A Self-Learning
 * Text" (3rd ed., 2012), chapter 2: remission times in weeks, "+" censored:
 *   6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
 * Their table gives S(t) = 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378,
 * 0.4482 at t = 6, 7, 10, 13, 16, 22, 23, and the median is 23 weeks. */
#include <math.h>
#include <stdbool.h>

#include "check.h"
#include "sim/analysis/survival.h"

int main(void) {
  const double t[] = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  const bool d[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
  sq_km km;
  CHECK(sq_km_estimate(t, d, 21, &km) == 0, "estimate the 6-MP arm (21 patients)");
  const double times[] = {6, 7, 10, 13, 16, 22, 23};
  const double surv[] = {0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482};
  const double at_risk[] = {21, 17, 15, 12, 11, 7, 6};
  CHECK(km.n == 7, "7 distinct death times (got %zu)", km.n);
  for (size_t k = 0; k < 7 && k < km.n; k++) {
    CHECK(km.steps[k].time == times[k] && km.steps[k].at_risk == at_risk[k] &&
              fabs(km.steps[k].survival - surv[k]) < 5e-5,
          "t = %g: n = %g, S = %.4f (published %.4f)", times[k], km.steps[k].at_risk,
          km.steps[k].survival, surv[k]);
  }
  /* Greenwood at t = 6: S^2 * 3/(21*18) = 0.7347 * 0.0079365 = 0.005831,
   * a standard error of 0.0764 (the value in Kleinbaum & Klein) */
  CHECK(fabs(sqrt(km.steps[0].variance) - 0.0764) < 5e-5, "Greenwood standard error at t = 6: %.4f",
        sqrt(km.steps[0].variance));
  CHECK(sq_km_quantile(&km, 0.5) == 23, "median 23 weeks (got %g)", sq_km_quantile(&km, 0.5));
  CHECK(sq_km_quantile(&km, 0.25) == 13, "first quartile 13 weeks (S falls to 0.6902 <= 0.75)");
  CHECK(isnan(sq_km_quantile(&km, 0.75)), "third quartile not reached (S never reaches 0.25)");
  CHECK(fabs(sq_km_survival(&km, 12) - 0.7529) < 5e-5 && sq_km_survival(&km, 5) == 1,
        "S between death times holds its last value");
  CHECK(km.censored == 12, "12 censored observations");
  /* 95% interval for the median: |S(t) - 0.5| <= 1.96 SE(t) holds from
   * t = 13 (S 0.6902, SE 0.1068: 0.190 <= 0.209) to the last death at 23,
   * after which S stays at 0.4482 to the end of follow-up: (13, not reached). */
  double lo, hi;
  sq_km_quantile_ci(&km, 0.5, 1.96, &lo, &hi);
  CHECK(lo == 13 && isnan(hi), "median 95%% interval from 13 weeks, upper bound not reached (%g, %g)",
        lo, hi);
  sq_km_free(&km);

  /* The log-rank test of the 6-MP arm against the placebo arm (21 patients,
   * all relapsed: 1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23).
   * Kleinbaum & Klein (2012), chapter 2: O - E = -10.26 for 6-MP (9 observed,
   * 19.26 expected), and the log-rank statistic 16.79 (p < 0.0001). */
  const double placebo[] = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};
  bool relapsed[21];
  for (int i = 0; i < 21; i++) relapsed[i] = true;
  sq_logrank lr;
  CHECK(sq_logrank_test(t, d, 21, placebo, relapsed, 21, &lr) == 0, "log-rank test runs");
  CHECK(lr.observed_a == 9 && fabs(lr.expected_a - 19.25) < 0.005,
        "6-MP: 9 relapses observed, %.4f expected (published 19.25)", lr.expected_a);
  CHECK(fabs(lr.variance - 6.2570) < 5e-5, "variance %.4f (published 6.2570)", lr.variance);
  CHECK(fabs(lr.chi2 - 16.79) < 0.005, "log-rank chi-square %.2f (published 16.79)", lr.chi2);
  CHECK(lr.p_value < 1e-4 && fabs(lr.p_value - 4.17e-5) < 1e-6,
        "p-value %.3g (chi-square 16.79 on 1 degree of freedom: 4.17e-5)", lr.p_value);
  sq_logrank same;
  sq_logrank_test(t, d, 21, t, d, 21, &same);
  CHECK(same.chi2 == 0 && same.p_value == 1, "a sample against itself: chi-square 0, p = 1");
  return CHECK_DONE();
}

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
#include "sim/survival.h"

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
  sq_km_free(&km);
  return CHECK_DONE();
}

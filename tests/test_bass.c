/* The diffusion-only limit (MODEL.md T6): with engagement, churn and every
 * strategy off, each outsider joins each day with probability
 * p + q * members / N, so the expected share inside follows the Bass curve
 *   F(t) = (1 - exp(-(p+q)t)) / (1 + (q/p) exp(-(p+q)t)).
 * Target: the replicate mean of cumulative joins within 2% of N of F on
 * every day, for two (p, q) pairs.  Joins of day d happen at its end, so
 * the members of day d have had d + 1 daily steps: compared with F(d + 1).
 * Daily steps lag the continuous curve slightly (at most 0.8% of N for
 * these pairs), so the mean must also follow the exact daily recursion
 * F' = F + (1 - F)(p + q F) within 4 standard errors of the replicate mean
 * on every day; the process's own curvature (q Var F, under 0.03% of N
 * here) is far below that. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

enum { REPLICATES = 20 };

static double bass(double p, double q, double t) {
  double e = exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

static void check_pair(double p, double q) {
  sq_scenario sc;
  sq_error err = {0};
  if (sq_scenario_read(&sc, "scenarios/diffusion_only.json", NULL, &err)) {
    CHECK(0, "read scenarios/diffusion_only.json: %s", err.message);
    return;
  }
  sc.recruitment.outreach.innovation_p = p;
  sc.recruitment.outreach.imitation_q = q;
  sc.horizon_days = 300;
  const int days = sc.horizon_days;
  const double n = (double)sc.population.size;
  sq_population pop;
  sq_population_init(&pop, &sc, (uint64_t)sc.seed, 1, &err);
  double *sum = calloc((size_t)days, sizeof *sum), *sum2 = calloc((size_t)days, sizeof *sum2);
  sq_run_options opt = {.threads = 2};
  for (uint32_t r = 0; r < REPLICATES; r++) {
    sq_run_result res;
    if (sq_run(&sc, &pop, r, &opt, &res, &err)) {
      CHECK(0, "run replicate %u: %s", r, err.message);
      return;
    }
    for (size_t k = 0; k < res.n_rows; k++) {
      double share = res.rows[k].members / n;
      sum[res.rows[k].day] += share;
      sum2[res.rows[k].day] += share * share;
    }
    sq_result_free(&res);
  }
  double worst = 0, worst_discrete = 0, worst_se = 0, discrete = 0;
  int worst_day = 0, follows = 1;
  for (int d = 0; d < days; d++) {
    double mean = sum[d] / REPLICATES;
    double var = (sum2[d] - REPLICATES * mean * mean) / (REPLICATES - 1);
    double se = sqrt(var > 0 ? var / REPLICATES : 0);
    discrete += (1 - discrete) * (p + q * discrete);
    double gap = fabs(mean - bass(p, q, d + 1));
    if (gap > worst) worst = gap, worst_day = d;
    if (fabs(mean - discrete) > worst_discrete) worst_discrete = fabs(mean - discrete);
    if (se > worst_se) worst_se = se;
    follows &= fabs(mean - discrete) <= 4 * se;
  }
  CHECK(worst <= 0.02, "p = %g, q = %g: mean within 2%% of N of the Bass curve every day "
        "(worst %.3f%% on day %d)", p, q, 100 * worst, worst_day);
  CHECK(follows, "p = %g, q = %g: mean follows the daily recursion (worst gap %.3f%%)", p, q,
        100 * worst_discrete);
  CHECK(worst_se < 0.005, "p = %g, q = %g: the test has power: standard error of the mean at "
        "most %.3f%% of N", p, q, 100 * worst_se);
  CHECK(sum[days - 1] / REPLICATES > 0.95, "p = %g, q = %g: diffusion nearly complete by day %d",
        p, q, days);
  free(sum);
  free(sum2);
  sq_population_free(&pop);
}

int main(void) {
  check_pair(0.003, 0.038); /* Sultan et al.'s p 0.03, q 0.38 per 10-day period */
  check_pair(0.0013, 0.0285);
  return CHECK_DONE();
}

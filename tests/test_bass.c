/* The diffusion-only limit (MODEL.md T6, issue 11 item 8): with engagement,
 * churn and every strategy off, each outsider joins at the hazard
 * p + q * members / N integrated over the day, so the expected share inside
 * follows the continuous Bass curve
 *   F(t) = (1 - exp(-(p+q)t)) / (1 + (q/p) exp(-(p+q)t)).
 * Target: the replicate mean of the share inside within 2% of N of F on
 * every day, for several (p, q, N), fast diffusion (q/p = 50) included.
 * Joins of day d happen at its end, so the members of day d have had d + 1
 * days: compared with F(d + 1).  The mean of 20 replicates has a standard
 * error under 0.5% of N for N >= 5,000 (checked), so a 2% gap is at least
 * 4 standard errors: the test has power.  The daily-step discretisation
 * F' = F + (1 - F)(p + q F), which the model followed before, misses the
 * curve by more than 2% at q/p = 50 (checked), so the target can fail. */
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

/* The largest gap between the daily-step recursion and the curve. */
static double discretisation_gap(double p, double q, int days) {
  double f = 0, worst = 0;
  for (int d = 0; d < days; d++) {
    f += (1 - f) * (p + q * f);
    if (fabs(f - bass(p, q, d + 1)) > worst) worst = fabs(f - bass(p, q, d + 1));
  }
  return worst;
}

static void check_case(double p, double q, int64_t n_people, int days) {
  sq_scenario sc;
  sq_error err = {0};
  if (sq_scenario_read(&sc, "scenarios/diffusion_only.json", NULL, &err)) {
    CHECK(0, "read scenarios/diffusion_only.json: %s", err.message);
    return;
  }
  sc.recruitment.outreach.innovation_p = p;
  sc.recruitment.outreach.imitation_q = q;
  sc.population.size = n_people;
  sc.group.capacity = sc.group.qr_join_limit = (int)n_people;
  sc.horizon_days = days;
  const double n = (double)n_people;
  sq_population pop;
  if (sq_population_init(&pop, &sc, (uint64_t)sc.seed, 1, &err)) {
    CHECK(0, "population: %s", err.message);
    return;
  }
  double *sum = calloc((size_t)days, sizeof *sum), *sum2 = calloc((size_t)days, sizeof *sum2);
  sq_run_options opt = {.threads = 2};
  for (uint32_t r = 0; r < REPLICATES && sum && sum2; r++) {
    sq_run_result res;
    if (sq_run(&sc, &pop, r, &opt, &res, &err)) {
      CHECK(0, "run replicate %u: %s", r, err.message);
      break;
    }
    for (size_t k = 0; k < res.n_rows; k++) {
      double share = res.rows[k].members / n;
      sum[res.rows[k].day] += share;
      sum2[res.rows[k].day] += share * share;
    }
    sq_result_free(&res);
  }
  double worst = 0, worst_se = 0;
  int worst_day = 0;
  for (int d = 0; sum && sum2 && d < days; d++) {
    double mean = sum[d] / REPLICATES;
    double var = (sum2[d] - REPLICATES * mean * mean) / (REPLICATES - 1);
    double se = sqrt(var > 0 ? var / REPLICATES : 0);
    double gap = fabs(mean - bass(p, q, d + 1));
    if (gap > worst) worst = gap, worst_day = d;
    if (se > worst_se) worst_se = se;
  }
  CHECK(worst <= 0.02, "p = %g, q = %g, N = %lld: mean within 2%% of N of the Bass curve every "
        "day (worst %.3f%% on day %d)", p, q, (long long)n_people, 100 * worst, worst_day);
  if (n_people >= 5000)
    CHECK(worst_se < 0.005, "p = %g, q = %g, N = %lld: the test has power: standard error of the "
          "mean at most %.3f%% of N", p, q, (long long)n_people, 100 * worst_se);
  CHECK(sum && sum[days - 1] / REPLICATES > 0.95, "p = %g, q = %g, N = %lld: diffusion nearly "
        "complete by day %d", p, q, (long long)n_people, days);
  free(sum);
  free(sum2);
  sq_population_free(&pop);
}

int main(void) {
  /* the daily steps the model took before miss fast diffusion: the target has teeth */
  double old_gap = discretisation_gap(0.01, 0.5, 60);
  CHECK(old_gap > 0.02, "daily steps miss the curve at p = 0.01, q = 0.5 by %.1f%% of N (> 2%%)",
        100 * old_gap);
  check_case(0.003, 0.038, 20000, 300); /* Sultan et al.'s p 0.03, q 0.38 per 10-day period */
  check_case(0.0013, 0.0285, 20000, 300);
  check_case(0.01, 0.5, 20000, 60);      /* fast: q/p = 50 */
  check_case(0.01, 0.5, 2000, 60);
  check_case(0.002, 0.1, 50000, 150);   /* q/p = 50, a larger population */
  check_case(0.05, 0.05, 5000, 120);    /* innovation alone matters as much as imitation */
  check_case(0.02, 1.0, 500, 30);       /* very fast, a small group */
  return CHECK_DONE();
}

/* Pacing schedules (models/schedules.c): each descriptor's daily reach. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "models/schedules.h"
#include "models/rng.h"
#include "sim/io/scenario.h"

static const sq_schedule *find(const char *name) {
  for (size_t i = 0; i < sq_schedule_count; i++)
    if (strcmp(sq_schedules[i].name, name) == 0) return &sq_schedules[i];
  return NULL;
}

int main(void) {
  sq_scenario sc;
  sq_scenario_defaults(&sc);
  sq_outreach_params p = sc.recruitment.outreach;
  gsl_rng *r = sq_stream_alloc();
  sq_stream_reset(r, 2385, 0, 0, 0, SQ_DRAW_OUTREACH);
  sq_outreach_view v = {.age_days = 0, .members = 100, .population = 10000, .outsiders = 9000};
  double level = p.per_day;

  CHECK(sq_schedule_count == 6 && find("none") && find("constant") && find("bursts") &&
            find("waves") && find("adaptive") && find("bass"),
        "six schedules are registered by name");
  for (size_t i = 0; i < sq_schedule_count; i++)
    CHECK(sq_schedules[i].doc && *sq_schedules[i].doc && sq_schedules[i].reached,
          "schedule %s is documented and has a reach function", sq_schedules[i].name);

  CHECK(find("none")->reached(&p, &v, &level, r) == 0, "none reaches nobody");

  p.per_day = 23.85;
  double sum = 0;
  for (int d = 0; d < 4000; d++) sum += find("constant")->reached(&p, &v, &level, r);
  double mean = sum / 4000, se = sqrt(23.85 / 4000);
  CHECK(fabs(mean - 23.85) < 4 * se, "constant: mean %.2f a day, per_day 23.85 (4 SE %.2f)", mean,
        4 * se);
  p.stop_day = 10;
  v.age_days = 10;
  CHECK(find("constant")->reached(&p, &v, &level, r) == 0, "every schedule stops at stop_day");
  p.stop_day = 36500;

  p.burst_days = (sq_int_list){3, {0, 38, 385}};
  p.burst_size = 238;
  int right = 1;
  for (int d = 0; d < 400; d++) {
    v.age_days = d;
    uint32_t n = find("bursts")->reached(&p, &v, &level, r);
    right &= n == ((d == 0 || d == 38 || d == 385) ? 238u : 0u);
  }
  CHECK(right, "bursts: exactly burst_size on days 0, 38 and 385, none on other days");

  p.wave_period_days = 30;
  p.wave_days = 7;
  int on_in_wave = 1, off_between = 1;
  for (int d = 0; d < 300; d++) {
    v.age_days = d;
    uint32_t n = find("waves")->reached(&p, &v, &level, r);
    if (d % 30 >= 7) off_between &= n == 0;
    else on_in_wave &= n > 0; /* Poisson(23.85) is 0 with probability 4e-11 */
  }
  CHECK(on_in_wave && off_between, "waves: reach during the first 7 days of every 30, none after");

  /* adaptive: the level rises while active members grow slower than the
   * target, falls while they grow faster, by at most 20% a day, and stays
   * within [0.1, max_per_day] */
  p.target_growth_per_day = 0.01;
  p.max_per_day = 40;
  level = 10;
  v.age_days = 1;
  v.active_growth = 0.0;
  find("adaptive")->reached(&p, &v, &level, r);
  CHECK(fabs(level - 10 * exp(0.1)) < 1e-9, "adaptive: growth 0 < target 0.01 raises the level "
        "by exp(10 x 0.01) (%.4f)", level);
  v.active_growth = 0.5;
  double before = level;
  find("adaptive")->reached(&p, &v, &level, r);
  CHECK(fabs(level - before * exp(-0.2)) < 1e-9, "adaptive: far too fast growth lowers it by the "
        "bounded step exp(-0.2)");
  v.active_growth = -1;
  for (int d = 0; d < 100; d++) find("adaptive")->reached(&p, &v, &level, r);
  CHECK(level == 40, "adaptive: the level never exceeds max_per_day (%.2f)", level);
  v.active_growth = 1;
  for (int d = 0; d < 200; d++) find("adaptive")->reached(&p, &v, &level, r);
  CHECK(level == 0.1, "adaptive: nor falls below 0.1 a day (%.3f)", level);

  /* bass: Binomial(outsiders, G), G the share of outsiders who join within
   * the day under the hazard p + q members(t) / N (MODEL.md section 11):
   * G = P (1 - E) / (P + Q E), P = p + q M/N, Q = q U/N, E = exp(-(P + Q)) */
  p.innovation_p = 0.01385;
  p.imitation_q = 0.2385;
  v = (sq_outreach_view){.members = 2000, .population = 10000, .outsiders = 8000};
  double big_p = 0.01385 + 0.2385 * 0.2, big_q = 0.2385 * 0.8, e = exp(-(big_p + big_q));
  double prob = big_p * (1 - e) / (big_p + big_q * e);
  CHECK(prob > big_p, "bass: members joining during the day raise the day's share (%.5f > %.5f)",
        prob, big_p);
  sum = 0;
  for (int d = 0; d < 2000; d++) sum += find("bass")->reached(&p, &v, &level, r);
  mean = sum / 2000;
  se = sqrt(8000 * prob * (1 - prob) / 2000);
  CHECK(fabs(mean - 8000 * prob) < 4 * se, "bass: mean %.1f joins a day, 8000 x %.5f = %.1f", mean,
        prob, 8000 * prob);
  CHECK(find("bass")->direct && !find("bass")->operated && find("constant")->operated,
        "bass joins directly and needs no operator; the others are run by the leader");
  gsl_rng_free(r);
  return CHECK_DONE();
}

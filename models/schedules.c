#include "models/schedules.h"

#include <math.h>
#include <gsl/gsl_randist.h>

#include "models/error.h"

static bool stopped(const sq_outreach_params *p, const sq_outreach_view *v) {
  return v->age_days >= p->stop_day;
}

static uint32_t reach_none(const sq_outreach_params *p, const sq_outreach_view *v,
                           double *level, gsl_rng *r) {
  (void)p, (void)v, (void)level, (void)r;
  return 0;
}

static uint32_t reach_constant(const sq_outreach_params *p, const sq_outreach_view *v,
                               double *level, gsl_rng *r) {
  (void)level;
  return stopped(p, v) ? 0 : gsl_ran_poisson(r, p->per_day);
}

static uint32_t reach_bursts(const sq_outreach_params *p, const sq_outreach_view *v,
                             double *level, gsl_rng *r) {
  (void)level, (void)r;
  if (stopped(p, v)) return 0;
  uint32_t n = 0;
  for (int i = 0; i < p->burst_days.count; i++)
    if (p->burst_days.value[i] == v->age_days) n += (uint32_t)p->burst_size;
  return n;
}

static uint32_t reach_waves(const sq_outreach_params *p, const sq_outreach_view *v,
                            double *level, gsl_rng *r) {
  (void)level;
  if (stopped(p, v) || v->age_days % p->wave_period_days >= p->wave_days) return 0;
  return gsl_ran_poisson(r, p->per_day);
}

/* A multiplicative controller: the daily reach grows while active members
 * grow slower than the target and shrinks while they grow faster.  The step
 * is bounded (at most 20% a day) so that one noisy day cannot swing it. */
#define ADAPTIVE_GAIN 10.0
#define ADAPTIVE_MAX_STEP 0.2
static uint32_t reach_adaptive(const sq_outreach_params *p, const sq_outreach_view *v,
                               double *level, gsl_rng *r) {
  if (stopped(p, v)) return 0;
  double step = ADAPTIVE_GAIN * (p->target_growth_per_day - v->active_growth);
  if (step > ADAPTIVE_MAX_STEP) step = ADAPTIVE_MAX_STEP;
  if (step < -ADAPTIVE_MAX_STEP) step = -ADAPTIVE_MAX_STEP;
  *level *= exp(step);
  if (*level < 0.1) *level = 0.1; /* never lose the ability to recover */
  if (*level > p->max_per_day) *level = p->max_per_day;
  return gsl_ran_poisson(r, *level);
}

/* The diffusion-only limit (Bass 1969): an outsider joins at the hazard
 * p + q m(t)/N, where m(t) counts the members and grows as outsiders join
 * during the day.  The hazard is integrated over the day rather than taken
 * at its start, so the expected share inside follows the continuous Bass
 * curve, not its daily-step discretisation (which lags it by up to 15% of N
 * when q/p = 50).  With P = p + q m/N and Q = q u/N (u outsiders at the
 * start of the day), the share G of today's outsiders who join by the end
 * of the day solves dG/dt = (P + Q G)(1 - G), G(0) = 0: itself a Bass
 * curve, G(1) = P (1 - E) / (P + Q E) with E = exp(-(P + Q)). */
static double bass_day_share(double p, double q, double members, double outsiders, double n) {
  double big_p = p + q * members / n, big_q = q * outsiders / n;
  double e = exp(-(big_p + big_q));
  double denominator = big_p + big_q * e;
  return denominator > 0 ? big_p * (1 - e) / denominator : 0;
}

static uint32_t reach_bass(const sq_outreach_params *p, const sq_outreach_view *v,
                           double *level, gsl_rng *r) {
  (void)level;
  if (stopped(p, v) || v->outsiders == 0) return 0;
  double share = bass_day_share(p->innovation_p, p->imitation_q, (double)v->members,
                                (double)v->outsiders, (double)v->population);
  if (share > 1.0) share = 1.0;
  return gsl_ran_binomial(r, share, (unsigned)v->outsiders);
}

const sq_schedule sq_schedules[] = {
    [SQ_SCHEDULE_NONE] = {"none", "no outreach: members arrive only by invitation", false,
                          true, reach_none},
    [SQ_SCHEDULE_CONSTANT] = {"constant",
                              "Poisson(outreach.per_day) outsiders reached every day", false, true,
                              reach_constant},
    [SQ_SCHEDULE_BURSTS] = {"bursts",
                            "outreach.burst_size outsiders reached on each day of "
                            "outreach.burst_days (days since the group's birth), none otherwise",
                            false, true, reach_bursts},
    [SQ_SCHEDULE_WAVES] = {"waves",
                           "Poisson(outreach.per_day) a day during the first outreach.wave_days "
                           "of every outreach.wave_period_days, none otherwise",
                           false, true, reach_waves},
    [SQ_SCHEDULE_ADAPTIVE] = {"adaptive",
                              "starts at outreach.per_day a day and adjusts the daily reach to "
                              "hold the growth of active members near "
                              "outreach.target_growth_per_day (at most outreach.max_per_day)",
                              false, true, reach_adaptive},
    [SQ_SCHEDULE_BASS] = {"bass",
                          "diffusion-only limit: each outsider joins each day with probability "
                          "outreach.innovation_p + outreach.imitation_q x members / N, integrated over the day",
                          true, false, reach_bass},
};
const size_t sq_schedule_count = SQ_LEN(sq_schedules);

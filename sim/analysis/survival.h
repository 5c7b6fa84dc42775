/* Survival analysis of group lifespans with censoring at the horizon:
 * the Kaplan-Meier estimate with Greenwood's variance. */
#ifndef SQ_SURVIVAL_H
#define SQ_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct sq_km_step {
  double time;       /* a distinct event time */
  double at_risk;    /* n_i: subjects still at risk just before `time` */
  double events;     /* d_i: deaths at `time` */
  double survival;   /* S(t) just after `time` */
  double variance;   /* Greenwood's estimate of Var S(t) */
} sq_km_step;

typedef struct sq_km {
  sq_km_step *steps; /* one per distinct event time, increasing */
  size_t n;
  size_t subjects, censored;
  double last_time;  /* largest observed time, event or censored */
} sq_km;

/* Estimate S(t) from n observations: time[i] and whether it was an event
 * (death) or censored.  Returns 0, or -1 when out of memory. */
int sq_km_estimate(const double *time, const bool *event, size_t n, sq_km *km);
void sq_km_free(sq_km *km);

/* S(t): survival beyond time t. */
double sq_km_survival(const sq_km *km, double t);

/* The smallest event time at which S falls to 1 - p or below: the p-quantile
 * of the lifespan (p = 0.5: the median).  NaN when S never gets that low. */
double sq_km_quantile(const sq_km *km, double p);

/* Write the estimate as CSV rows "label,day,at_risk,deaths,survival,lower,
 * upper": day 0 (survival 1), each death time, and the last observed time,
 * with pointwise Greenwood bands S +- z SE clamped to [0, 1]. */
void sq_km_write_rows(FILE *f, const char *label, const sq_km *km, double z);
#define SQ_KM_CSV_HEADER "scenario,day,at_risk,deaths,survival,lower,upper\n"

/* A confidence interval for the p-quantile of the lifespan (Brookmeyer &
 * Crowley 1982): the times t at which |S(t) - (1 - p)| <= z SE(t), with
 * Greenwood's SE.  *upper is NaN when the interval reaches past the last
 * observation; both are NaN when no time qualifies. */
void sq_km_quantile_ci(const sq_km *km, double p, double z, double *lower, double *upper);

/* The log-rank test of equal survival in two samples (Mantel-Haenszel form,
 * ties counted with the hypergeometric variance). */
typedef struct sq_logrank {
  double observed_a, expected_a; /* deaths in sample a, and expected under H0 */
  double variance;
  double chi2;                   /* (O_a - E_a)^2 / V, 1 degree of freedom */
  double p_value;
} sq_logrank;

int sq_logrank_test(const double *time_a, const bool *event_a, size_t n_a, const double *time_b,
                    const bool *event_b, size_t n_b, sq_logrank *out);

#endif

#include "sim/analysis/survival.h"

#include "sim/io/csv.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

typedef struct obs { double time; bool event; } obs;

static int by_time(const void *a, const void *b) {
  const obs *x = a, *y = b;
  if (x->time != y->time) return x->time < y->time ? -1 : 1;
  return (int)y->event - (int)x->event; /* deaths before censorings at a tie */
}

int sq_km_estimate(const double *time, const bool *event, size_t n, sq_km *km) {
  km->steps = NULL;
  km->n = 0;
  km->subjects = n;
  km->censored = 0;
  km->last_time = 0;
  obs *o = malloc((n ? n : 1) * sizeof *o);
  km->steps = malloc((n ? n : 1) * sizeof *km->steps);
  if (!o || !km->steps) {
    free(o);
    free(km->steps);
    km->steps = NULL;
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    o[i] = (obs){time[i], event[i]};
    km->censored += !event[i];
    if (time[i] > km->last_time) km->last_time = time[i];
  }
  qsort(o, n, sizeof *o, by_time);
  double s = 1.0, greenwood = 0.0; /* sum of d / (n (n - d)) */
  size_t i = 0;
  while (i < n) {
    double t = o[i].time, at_risk = (double)(n - i), deaths = 0;
    size_t j = i;
    for (; j < n && o[j].time == t; j++) deaths += o[j].event;
    if (deaths > 0) {
      s *= 1.0 - deaths / at_risk;
      greenwood += at_risk > deaths ? deaths / (at_risk * (at_risk - deaths)) : INFINITY;
      km->steps[km->n++] = (sq_km_step){t, at_risk, deaths, s,
                                        isfinite(greenwood) ? s * s * greenwood : 0.0};
    }
    i = j;
  }
  free(o);
  return 0;
}

void sq_km_free(sq_km *km) {
  free(km->steps);
  km->steps = NULL;
  km->n = 0;
}

double sq_km_survival(const sq_km *km, double t) {
  double s = 1.0;
  for (size_t k = 0; k < km->n && km->steps[k].time <= t; k++) s = km->steps[k].survival;
  return s;
}

double sq_km_quantile(const sq_km *km, double p) {
  for (size_t k = 0; k < km->n; k++)
    if (km->steps[k].survival <= 1.0 - p + 1e-12) return km->steps[k].time;
  return NAN;
}

void sq_km_write_rows(FILE *f, const char *label, const sq_km *km, double z) {
  sq_csv_text(f, label);
  fprintf(f, ",0,%zu,0,1,1,1\n", km->subjects);
  double last = 0;
  for (size_t k = 0; k < km->n; k++) {
    const sq_km_step *st = &km->steps[k];
    double se = sqrt(st->variance), lo = st->survival - z * se, hi = st->survival + z * se;
    sq_csv_text(f, label);
    fprintf(f, ",%.15g,%.0f,%.0f,%.6f,%.6f,%.6f\n", st->time, st->at_risk, st->events,
            st->survival, lo < 0 ? 0 : lo, hi > 1 ? 1 : hi);
    last = st->time;
  }
  if (km->last_time > last) { /* the curve goes on, flat, to the last observation */
    double s = km->n ? km->steps[km->n - 1].survival : 1;
    double se = km->n ? sqrt(km->steps[km->n - 1].variance) : 0;
    double lo = s - z * se, hi = s + z * se;
    sq_csv_text(f, label);
    fprintf(f, ",%.15g,,0,%.6f,%.6f,%.6f\n", km->last_time, s, lo < 0 ? 0 : lo,
            hi > 1 ? 1 : hi);
  }
}

void sq_km_quantile_ci(const sq_km *km, double p, double z, double *lower, double *upper) {
  *lower = *upper = NAN;
  for (size_t k = 0; k < km->n; k++) {
    const sq_km_step *st = &km->steps[k];
    if (fabs(st->survival - (1 - p)) > z * sqrt(st->variance) + 1e-12) continue;
    if (isnan(*lower)) *lower = st->time;
    /* S keeps this value until the next death time */
    *upper = k + 1 < km->n ? km->steps[k + 1].time : NAN;
  }
}

typedef struct tagged { double time; bool event; bool in_a; } tagged;

static int tagged_by_time(const void *x, const void *y) {
  const tagged *a = x, *b = y;
  return (a->time > b->time) - (a->time < b->time);
}

int sq_logrank_test(const double *time_a, const bool *event_a, size_t n_a, const double *time_b,
                    const bool *event_b, size_t n_b, sq_logrank *out) {
  size_t n = n_a + n_b;
  tagged *all = malloc((n ? n : 1) * sizeof *all);
  if (!all) return -1;
  for (size_t i = 0; i < n_a; i++) all[i] = (tagged){time_a[i], event_a[i], true};
  for (size_t i = 0; i < n_b; i++) all[n_a + i] = (tagged){time_b[i], event_b[i], false};
  qsort(all, n, sizeof *all, tagged_by_time);
  double at_risk_a = (double)n_a, at_risk = (double)n, observed = 0, expected = 0, variance = 0;
  for (size_t i = 0; i < n;) {
    double t = all[i].time, deaths = 0, deaths_a = 0, leaving = 0, leaving_a = 0;
    size_t j = i;
    for (; j < n && all[j].time == t; j++) {
      deaths += all[j].event;
      deaths_a += all[j].event && all[j].in_a;
      leaving++;
      leaving_a += all[j].in_a;
    }
    if (deaths > 0) {
      double share = at_risk_a / at_risk;
      observed += deaths_a;
      expected += deaths * share;
      if (at_risk > 1)
        variance += deaths * share * (1 - share) * (at_risk - deaths) / (at_risk - 1);
    }
    at_risk -= leaving;
    at_risk_a -= leaving_a;
    i = j;
  }
  free(all);
  out->observed_a = observed;
  out->expected_a = expected;
  out->variance = variance;
  out->chi2 = variance > 0 ? (observed - expected) * (observed - expected) / variance : 0;
  out->p_value = variance > 0 ? gsl_cdf_chisq_Q(out->chi2, 1) : 1;
  return 0;
}

/* The forecast of `shequn fit` (docs/OUTPUTS.md, forecast.csv and
 * summary.json's "forecast" and "what_if"): from posterior predictive
 * runs, how long the group lives after the last observed day D.
 *
 * A run's remaining life is its group's day of death minus D, in 0 ..
 * SQ_FORECAST_DAYS, or SQ_FORECAST_BEYOND when it is still alive on day
 * D + SQ_FORECAST_DAYS (censored there).  Only runs whose group is alive
 * on day D in the baseline count (they agree with what was observed). */
#ifndef SQ_FORECAST_H
#define SQ_FORECAST_H

#include <stdint.h>

#define SQ_FORECAST_DAYS 365
#define SQ_FORECAST_BEYOND (SQ_FORECAST_DAYS + 1)

/* The remaining life of a run whose group died on died_day (-1: alive at
 * the end), or -1 when it was dead by day D. */
int sq_remaining_life(int32_t died_day, int32_t last_day);

typedef struct sq_forecast {
  int n;                              /* runs */
  double alive[SQ_FORECAST_DAYS + 1]; /* share alive after t days, t = 0 .. 365 */
  double median, lo95, hi95;          /* quantiles of the remaining life; NaN: beyond 365 days */
} sq_forecast;

/* From n remaining lives (each 0 .. SQ_FORECAST_BEYOND).  A quantile is
 * the smallest t with at least that share of lives <= t.  n 0: NaN. */
void sq_forecast_compute(const int *life, int n, sq_forecast *f);

/* The p-quantile of n lives as above, SQ_FORECAST_BEYOND included. */
int sq_life_quantile(const int *life, int n, double p);

/* The change of the median remaining life from `base` to `changed` (the
 * same n runs, paired), each capped at SQ_FORECAST_BEYOND, and its 95%
 * interval from `resamples` paired bootstrap resamples drawn from the
 * Philox stream (seed, stream, SQ_DRAW_FIT_DRAWS).  0, or -1 when out of
 * memory or n is 0. */
int sq_forecast_change(const int *base, const int *changed, int n, uint64_t seed, uint32_t stream,
                       int resamples, double *change, double *lo95, double *hi95);

#endif

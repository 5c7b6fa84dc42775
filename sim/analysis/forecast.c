#include "sim/analysis/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/rng.h"
#include "sim/analysis/stats.h"

int sq_remaining_life(int32_t died_day, int32_t last_day) {
  if (died_day < 0) return SQ_FORECAST_BEYOND;
  if (died_day <= last_day) return -1;
  int r = died_day - last_day;
  return r > SQ_FORECAST_DAYS ? SQ_FORECAST_BEYOND : r;
}

int sq_life_quantile(const int *life, int n, double p) {
  if (n <= 0) return -1;
  /* counting sort: lives are 0 .. SQ_FORECAST_BEYOND */
  int count[SQ_FORECAST_BEYOND + 1] = {0};
  for (int i = 0; i < n; i++) count[life[i] < 0 ? 0 : life[i]]++;
  double need = p * n;
  int below = 0;
  for (int t = 0; t <= SQ_FORECAST_BEYOND; t++) {
    below += count[t];
    if (below >= need - 1e-9 && below > 0) return t;
  }
  return SQ_FORECAST_BEYOND;
}

static double beyond_is_nan(int t) {
  return t < 0 || t >= SQ_FORECAST_BEYOND ? NAN : t;
}

void sq_forecast_compute(const int *life, int n, sq_forecast *f) {
  f->n = n;
  for (int t = 0; t <= SQ_FORECAST_DAYS; t++) {
    int alive = 0;
    for (int i = 0; i < n; i++) alive += life[i] > t;
    f->alive[t] = n ? (double)alive / n : NAN;
  }
  f->median = n ? beyond_is_nan(sq_life_quantile(life, n, 0.5)) : NAN;
  f->lo95 = n ? beyond_is_nan(sq_life_quantile(life, n, 0.025)) : NAN;
  f->hi95 = n ? beyond_is_nan(sq_life_quantile(life, n, 0.975)) : NAN;
}

int sq_forecast_change(const int *base, const int *changed, int n, uint64_t seed, uint32_t stream,
                       int resamples, double *change, double *lo95, double *hi95) {
  if (n <= 0 || resamples <= 0) return -1;
  int *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
  double *diff = malloc((size_t)resamples * sizeof *diff);
  gsl_rng *r = sq_stream_alloc();
  if (!a || !b || !diff || !r) {
    free(a), free(b), free(diff);
    if (r) gsl_rng_free(r);
    return -1;
  }
  *change = sq_life_quantile(changed, n, 0.5) - sq_life_quantile(base, n, 0.5);
  sq_stream_reset(r, seed, stream, SQ_NO_DAY, 0, SQ_DRAW_FIT_DRAWS);
  for (int k = 0; k < resamples; k++) {
    for (int i = 0; i < n; i++) {
      uint32_t j = sq_stream_below(r, (uint32_t)n);
      a[i] = base[j];
      b[i] = changed[j];
    }
    diff[k] = sq_life_quantile(b, n, 0.5) - sq_life_quantile(a, n, 0.5);
  }
  *lo95 = sq_quantile(diff, (size_t)resamples, 0.025);
  *hi95 = sq_quantile(diff, (size_t)resamples, 0.975);
  free(a), free(b), free(diff);
  gsl_rng_free(r);
  return 0;
}

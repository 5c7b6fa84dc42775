#include "sim/analysis/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

static double *sorted_copy(const double *v, size_t n) {
  double *c = malloc((n ? n : 1) * sizeof *c);
  if (!c) return NULL;
  if (n) memcpy(c, v, n * sizeof *c);
  gsl_sort(c, 1, n);
  return c;
}

double sq_gini(const double *v, size_t n) {
  if (!n) return NAN;
  double *x = sorted_copy(v, n);
  if (!x) return NAN;
  double total = 0, weighted = 0;
  for (size_t i = 0; i < n; i++) {
    total += x[i];
    weighted += (2.0 * (double)(i + 1) - (double)n - 1.0) * x[i];
  }
  free(x);
  return total > 0 ? weighted / ((double)n * total) : 0.0;
}

double sq_top_share(const double *v, size_t n, double q) {
  if (!n) return NAN;
  double *x = sorted_copy(v, n);
  if (!x) return NAN;
  size_t k = (size_t)ceil(q * (double)n - 1e-9);
  if (k < 1) k = 1;
  if (k > n) k = n;
  double total = 0, top = 0;
  for (size_t i = 0; i < n; i++) {
    total += x[i];
    if (i >= n - k) top += x[i];
  }
  free(x);
  return total > 0 ? top / total : NAN;
}

double sq_quantile(const double *v, size_t n, double p) {
  if (!n) return NAN;
  double *x = sorted_copy(v, n);
  if (!x) return NAN;
  double q = gsl_stats_quantile_from_sorted_data(x, 1, n, p);
  free(x);
  return q;
}

typedef struct pair { double v, w; } pair;

static int by_value(const void *a, const void *b) {
  const pair *x = a, *y = b;
  return (x->v > y->v) - (x->v < y->v);
}

double sq_weighted_quantile(const double *v, const double *w, size_t n, double p) {
  if (!n) return NAN;
  pair *x = malloc(n * sizeof *x);
  if (!x) return NAN;
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    x[i] = (pair){v[i], w[i] > 0 ? w[i] : 0};
    total += x[i].w;
  }
  if (!(total > 0)) {
    free(x);
    return NAN;
  }
  qsort(x, n, sizeof *x, by_value);
  double target = p * total * (1 - 1e-12), cumulative = 0, q = x[n - 1].v;
  for (size_t i = 0; i < n; i++) {
    cumulative += x[i].w;
    if (x[i].w > 0 && cumulative >= target) {
      q = x[i].v;
      break;
    }
  }
  free(x);
  return q;
}

double sq_cv(const double *v, size_t n) {
  if (n < 2) return NAN;
  double mean = gsl_stats_mean(v, 1, n);
  return mean != 0 ? gsl_stats_sd_m(v, 1, n, mean) / mean : NAN;
}

double sq_lsq_slope(const double *y, size_t n) {
  if (n < 2) return NAN;
  double *x = malloc(n * sizeof *x);
  if (!x) return NAN;
  for (size_t i = 0; i < n; i++) x[i] = (double)i;
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  free(x);
  return c1;
}

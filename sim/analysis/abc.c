#include "sim/analysis/abc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/analysis/stats.h"

const char *const sq_prior_kind_names[SQ_PRIOR_KINDS] = {"uniform", "log-uniform", "normal",
                                                         "beta"};

double sq_prior_to_internal(const sq_prior *p, double value) {
  return p->kind == SQ_PRIOR_LOG_UNIFORM ? log(value) : value;
}

double sq_prior_to_value(const sq_prior *p, double z) {
  return p->kind == SQ_PRIOR_LOG_UNIFORM ? exp(z) : z;
}

/* The normal's mass inside [lo, hi]. */
static double normal_mass(const sq_prior *p) {
  return gsl_cdf_gaussian_P(p->hi - p->a, p->b) - gsl_cdf_gaussian_P(p->lo - p->a, p->b);
}

double sq_prior_density(const sq_prior *p, double z) {
  switch (p->kind) {
    case SQ_PRIOR_UNIFORM:
      return z >= p->a && z <= p->b ? 1.0 / (p->b - p->a) : 0.0;
    case SQ_PRIOR_LOG_UNIFORM: {
      double la = log(p->a), lb = log(p->b);
      return z >= la && z <= lb ? 1.0 / (lb - la) : 0.0;
    }
    case SQ_PRIOR_NORMAL:
      if (z < p->lo || z > p->hi) return 0.0;
      return gsl_ran_gaussian_pdf(z - p->a, p->b) / normal_mass(p);
    case SQ_PRIOR_BETA: {
      double w = p->hi - p->lo;
      if (!(z > p->lo && z < p->hi)) return 0.0;
      return gsl_ran_beta_pdf((z - p->lo) / w, p->a, p->b) / w;
    }
    default:
      return 0.0;
  }
}

double sq_prior_sample(const sq_prior *p, gsl_rng *r) {
  switch (p->kind) {
    case SQ_PRIOR_UNIFORM:
      return gsl_ran_flat(r, p->a, p->b);
    case SQ_PRIOR_LOG_UNIFORM:
      return gsl_ran_flat(r, log(p->a), log(p->b));
    case SQ_PRIOR_NORMAL: {
      /* by inversion inside [lo, hi]: one uniform, however narrow the range */
      double plo = gsl_cdf_gaussian_P(p->lo - p->a, p->b);
      double phi = gsl_cdf_gaussian_P(p->hi - p->a, p->b);
      double u = plo + (phi - plo) * gsl_rng_uniform_pos(r);
      double z = p->a + gsl_cdf_gaussian_Pinv(u, p->b);
      return z < p->lo ? p->lo : z > p->hi ? p->hi : z;
    }
    case SQ_PRIOR_BETA:
      return p->lo + (p->hi - p->lo) * gsl_ran_beta(r, p->a, p->b);
    default:
      return NAN;
  }
}

double sq_prior_joint(const sq_prior *prior, int d, const double *theta) {
  double p = 1;
  for (int k = 0; k < d && p > 0; k++) p *= sq_prior_density(&prior[k], theta[k]);
  return p;
}

/* ---- summary statistics ------------------------------------------------- */

enum { MEMBERS, ACTIVE, POSTS, JOINS, LEAVES };
static const char *const short_names[5] = {"members", "active", "posts", "joins", "leaves"};

/* Days of the view in window w of `windows` over [day[0], day[n-1]]. */
static int window_of(const sq_series_view *v, size_t i, int windows) {
  double span = (double)v->day[v->n - 1] - v->day[0] + 1;
  int w = (int)((v->day[i] - v->day[0]) * windows / span);
  return w < windows ? w : windows - 1;
}

static void name(char (*names)[32], int k, const char *series, const char *what) {
  if (names) snprintf(names[k], 32, "%s_%s", series, what);
}

int sq_summaries(const sq_series_view *v, double *stat, char (*names)[32]) {
  int m = 0;
  for (int s = 0; s < 5; s++) {
    const double *x = v->value[s];
    if (!x) continue;
    /* log(1 + x) averaged over windows: six for the stocks, four for the flows */
    int windows = s == MEMBERS || s == ACTIVE ? 6 : 4;
    double sum[6] = {0};
    int count[6] = {0};
    for (size_t i = 0; i < v->n; i++) {
      if (isnan(x[i])) continue;
      int w = window_of(v, i, windows);
      sum[w] += log1p(x[i]);
      count[w]++;
    }
    for (int w = 0; w < windows && m < SQ_MAX_STATS; w++) {
      if (!count[w]) continue;
      char what[16];
      snprintf(what, sizeof what, "log_w%d", w + 1);
      name(names, m, short_names[s], what);
      stat[m++] = sum[w] / count[w];
    }
  }
  /* the peak, its day and the late slope of the first stock present */
  int stock = v->value[MEMBERS] ? MEMBERS : v->value[ACTIVE] ? ACTIVE : -1;
  if (stock >= 0 && m + 3 <= SQ_MAX_STATS) {
    const double *x = v->value[stock];
    double peak = -1, peak_day = 0;
    size_t nl = 0;
    double first_late = v->day[0] + 2.0 * (v->day[v->n - 1] - v->day[0]) / 3.0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < v->n; i++) {
      if (isnan(x[i])) continue;
      if (x[i] > peak) peak = x[i], peak_day = v->day[i];
      if (v->day[i] >= first_late) {
        double t = v->day[i], y = log1p(x[i]);
        sx += t, sy += y, sxx += t * t, sxy += t * y;
        nl++;
      }
    }
    name(names, m, short_names[stock], "log_peak");
    stat[m++] = log1p(peak);
    name(names, m, short_names[stock], "peak_day");
    stat[m++] = peak_day;
    if (nl >= 2) {
      double den = nl * sxx - sx * sx;
      name(names, m, short_names[stock], "late_slope_30d");
      stat[m++] = den > 0 ? 30.0 * (nl * sxy - sx * sy) / den : 0.0;
    }
  }
  /* shares of members: active, and posts per member-day */
  const double *mem = v->value[MEMBERS];
  for (int s = ACTIVE; s <= POSTS && mem; s++) {
    const double *x = v->value[s];
    if (!x || m >= SQ_MAX_STATS) continue;
    double num = 0, den = 0;
    int both = 0;
    for (size_t i = 0; i < v->n; i++)
      if (!isnan(x[i]) && !isnan(mem[i])) num += x[i], den += mem[i], both++;
    if (!both) continue;
    name(names, m, short_names[s], s == ACTIVE ? "share" : "per_member");
    stat[m++] = den > 0 ? num / den : 0.0;
  }
  return m;
}

void sq_stat_scales(const double *table, size_t n, int m, double *scale) {
  double *col = malloc((n ? n : 1) * sizeof *col), *work = malloc((n ? n : 1) * sizeof *work);
  for (int k = 0; k < m; k++) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
      if (isfinite(table[i * m + k])) col[c++] = table[i * m + k];
    scale[k] = 0;
    if (!col || !work || c < 2) continue;
    gsl_sort(col, 1, c);
    double mad = gsl_stats_mad(col, 1, c, work); /* 1.4826 x the median absolute deviation */
    scale[k] = mad > 0 ? mad : gsl_stats_sd(col, 1, c);
  }
  free(col);
  free(work);
}

double sq_stat_distance(const double *a, const double *b, const double *scale, int m) {
  double s = 0;
  for (int k = 0; k < m; k++) {
    if (!(scale[k] > 0)) continue;
    double d = (a[k] - b[k]) / scale[k];
    s += d * d;
  }
  return sqrt(s);
}

/* ---- weights, kernel, tolerance ------------------------------------------ */

double sq_normalise(double *w, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += w[i];
  if (s > 0)
    for (size_t i = 0; i < n; i++) w[i] /= s;
  return s;
}

double sq_ess(const double *w, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += w[i] * w[i];
  return s > 0 ? 1.0 / s : 0.0;
}

void sq_weighted_cov(const double *x, const double *w, size_t n, int d, double *mean, double *cov) {
  double sw2 = 0;
  for (int a = 0; a < d; a++) mean[a] = 0;
  for (size_t i = 0; i < n; i++) {
    sw2 += w[i] * w[i];
    for (int a = 0; a < d; a++) mean[a] += w[i] * x[i * d + a];
  }
  for (int a = 0; a < d; a++)
    for (int b = 0; b < d; b++) {
      double s = 0;
      for (size_t i = 0; i < n; i++)
        s += w[i] * (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
      cov[a * d + b] = sw2 < 1 ? s / (1 - sw2) : s;
    }
}

int sq_kernel_init(sq_kernel *k, const double *sigma, int d, sq_error *err) {
  k->d = d;
  k->chol = gsl_matrix_alloc((size_t)d, (size_t)d);
  if (!k->chol) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the fit's kernel");
  double trace = 0;
  for (int a = 0; a < d; a++) trace += fabs(sigma[a * d + a]);
  double ridge = trace > 0 ? 1e-10 * trace / d : 1e-12;
  for (int attempt = 0; attempt < 30; attempt++) {
    for (int a = 0; a < d; a++)
      for (int b = 0; b < d; b++)
        gsl_matrix_set(k->chol, a, b, sigma[a * d + b] + (a == b && attempt ? ridge : 0.0));
    if (gsl_linalg_cholesky_decomp1(k->chol) == GSL_SUCCESS) {
      for (int a = 0; a < d; a++) /* keep only L */
        for (int b = a + 1; b < d; b++) gsl_matrix_set(k->chol, a, b, 0.0);
      return SQ_OK;
    }
    if (attempt) ridge *= 10;
  }
  gsl_matrix_free(k->chol);
  k->chol = NULL;
  return sq_error_set(err, SQ_ERUNTIME,
                      "the particles' covariance is not positive definite even with a ridge");
}

void sq_kernel_free(sq_kernel *k) {
  if (k->chol) gsl_matrix_free(k->chol);
  k->chol = NULL;
}

void sq_kernel_sample(const sq_kernel *k, const double *centre, gsl_rng *r, double *x) {
  gsl_vector_const_view mu = gsl_vector_const_view_array(centre, (size_t)k->d);
  gsl_vector_view out = gsl_vector_view_array(x, (size_t)k->d);
  gsl_ran_multivariate_gaussian(r, &mu.vector, k->chol, &out.vector);
}

double sq_kernel_density(const sq_kernel *k, const double *centre, const double *x,
                         gsl_vector *work) {
  gsl_vector_const_view mu = gsl_vector_const_view_array(centre, (size_t)k->d);
  gsl_vector_const_view at = gsl_vector_const_view_array(x, (size_t)k->d);
  double p = 0;
  if (gsl_ran_multivariate_gaussian_pdf(&at.vector, &mu.vector, k->chol, &p, work)) return 0;
  return p;
}

double sq_abc_weight(const sq_prior *prior, int d, const double *theta, const double *x,
                     const double *w, size_t n, const sq_kernel *k, gsl_vector *work) {
  double p = sq_prior_joint(prior, d, theta);
  if (!(p > 0)) return 0;
  double s = 0;
  for (size_t j = 0; j < n; j++)
    if (w[j] > 0) s += w[j] * sq_kernel_density(k, &x[j * d], theta, work);
  return s > 0 ? p / s : 0;
}

double sq_tolerance(const double *distance, size_t n, double q) {
  return sq_quantile(distance, n, q);
}

size_t sq_pick_by_weight(const double *w, size_t n, double u) {
  double c = 0;
  for (size_t i = 0; i < n; i++) {
    c += w[i];
    if (c >= u) return i;
  }
  /* rounding left the total just below u: the last particle of weight */
  for (size_t i = n; i-- > 0;)
    if (w[i] > 0) return i;
  return 0;
}

/* The pure parts of `shequn fit` (sim/analysis/abc.c, sim/analysis/forecast.c,
 * sim/io/observed.c): prior densities against GSL's and against their
 * integrals, samplers' moments, weights, ESS, the kernel's density and
 * covariance, tolerance quantiles, summary statistics, forecasts.
 *
 * Statistical checks draw n = 20000 values from a fixed stream and allow 5
 * standard errors, so a correct sampler fails with probability below 1e-6
 * (and, the stream being fixed, gives the same result on every run). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>

#include "check.h"
#include "models/rng.h"
#include "sim/analysis/abc.h"
#include "sim/analysis/forecast.h"
#include "sim/io/observed.h"

/* Trapezoidal integral of a prior's density over its support. */
static double integral(const sq_prior *p, double lo, double hi) {
  int n = 200000;
  double h = (hi - lo) / n, s = 0;
  for (int i = 0; i <= n; i++) s += (i == 0 || i == n ? 0.5 : 1) * sq_prior_density(p, lo + i * h);
  return s * h;
}

static void moments(const sq_prior *p, gsl_rng *r, double *mean, double *sd, bool *inside) {
  int n = 20000;
  double s = 0, ss = 0;
  *inside = true;
  for (int i = 0; i < n; i++) {
    double z = sq_prior_sample(p, r);
    if (!(sq_prior_density(p, z) > 0)) *inside = false;
    s += z, ss += z * z;
  }
  *mean = s / n;
  *sd = sqrt(ss / n - *mean * *mean);
}

static void priors(gsl_rng *r) {
  double mean, sd;
  bool inside;
  sq_prior u = {SQ_PRIOR_UNIFORM, 2, 6, 2, 6};
  CHECK(sq_prior_density(&u, 3) == gsl_ran_flat_pdf(3, 2, 6) && sq_prior_density(&u, 7) == 0,
        "uniform density is GSL's flat pdf, 0 outside");
  moments(&u, r, &mean, &sd, &inside);
  CHECK(inside && fabs(mean - 4) < 5 * (4 / sqrt(12)) / sqrt(20000),
        "uniform draws inside, mean %.4f (4)", mean);

  sq_prior lu = {SQ_PRIOR_LOG_UNIFORM, 0.01, 1, 0.01, 1};
  double z = sq_prior_to_internal(&lu, 0.1);
  CHECK(fabs(z - log(0.1)) < 1e-15 && fabs(sq_prior_to_value(&lu, z) - 0.1) < 1e-15,
        "log-uniform: internal coordinate is the log");
  CHECK(fabs(sq_prior_density(&lu, z) - 1 / log(100.0)) < 1e-15,
        "log-uniform density in log: 1 / log(max/min)");
  CHECK(fabs(integral(&lu, log(0.01), log(1)) - 1) < 1e-6, "log-uniform density integrates to 1");

  sq_prior nt = {SQ_PRIOR_NORMAL, 0.02, 0.02, 0, 1}; /* truncated at 0 */
  double mass = 1 - gsl_cdf_gaussian_P(-0.02, 0.02) - gsl_cdf_gaussian_Q(0.98, 0.02);
  CHECK(fabs(sq_prior_density(&nt, 0.03) - gsl_ran_gaussian_pdf(0.01, 0.02) / mass) < 1e-12,
        "truncated normal density is GSL's gaussian pdf over the mass inside");
  CHECK(sq_prior_density(&nt, -0.001) == 0, "truncated normal: 0 below the key's minimum");
  CHECK(fabs(integral(&nt, 0, 1) - 1) < 1e-4, "truncated normal integrates to 1 (%.6f)",
        integral(&nt, 0, 1));
  moments(&nt, r, &mean, &sd, &inside);
  /* mean of a normal truncated below at a: mu + sigma phi(alpha) / (1 - Phi(alpha)) */
  double alpha = -1,
         tmean = 0.02 + 0.02 * gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha);
  CHECK(inside && fabs(mean - tmean) < 5 * 0.02 / sqrt(20000),
        "truncated normal draws inside, mean %.5f (%.5f)", mean, tmean);

  sq_prior b = {SQ_PRIOR_BETA, 2, 5, 0, 2}; /* on [0, 2] */
  CHECK(fabs(sq_prior_density(&b, 0.5) - gsl_ran_beta_pdf(0.25, 2, 5) / 2) < 1e-14,
        "beta density on [0, 2] is GSL's beta pdf scaled");
  CHECK(fabs(integral(&b, 0, 2) - 1) < 1e-6, "beta density integrates to 1");
  moments(&b, r, &mean, &sd, &inside);
  double bsd = 2 * sqrt(2.0 * 5 / (49 * 8));
  CHECK(inside && fabs(mean - 2 * 2.0 / 7) < 5 * bsd / sqrt(20000), "beta mean %.4f (%.4f)", mean,
        4.0 / 7);
  double theta[2] = {3, 0.5};
  sq_prior two[2] = {u, b};
  CHECK(fabs(sq_prior_joint(two, 2, theta) - 0.25 * gsl_ran_beta_pdf(0.25, 2, 5) / 2) < 1e-14,
        "joint prior: the product");
}

static void weights_and_kernel(gsl_rng *r) {
  double w[4] = {1, 1, 1, 1};
  CHECK(sq_normalise(w, 4) == 4 && w[0] == 0.25, "normalise: sum returned, weights 1/4");
  CHECK(fabs(sq_ess(w, 4) - 4) < 1e-12, "ESS of equal weights is n");
  double one[3] = {0, 1, 0};
  CHECK(sq_ess(one, 3) == 1, "ESS of one particle is 1");
  double v[5] = {0.1, 0.2, 0.3, 0.2, 0.2};
  sq_normalise(v, 5);
  double s = 0;
  for (int i = 0; i < 5; i++) s += v[i];
  CHECK(fabs(s - 1) < 1e-15, "weights sum to 1 after normalising");
  CHECK(sq_pick_by_weight(v, 5, 0.05) == 0 && sq_pick_by_weight(v, 5, 0.25) == 1 &&
            sq_pick_by_weight(v, 5, 0.95) == 4,
        "pick by weight: the inverse of the cumulative weights");

  /* 2-D kernel: density against the closed form of a bivariate normal */
  double sigma[4] = {4, 1.2, 1.2, 1};
  sq_kernel k;
  CHECK(sq_kernel_init(&k, sigma, 2, NULL) == 0, "kernel: Cholesky of a covariance");
  gsl_vector *work = gsl_vector_alloc(2);
  double c[2] = {1, -1}, x[2] = {2, 0};
  double sx = 2, sy = 1, rho = 1.2 / 2, dx = 1 / sx, dy = 1 / sy;
  double closed = exp(-(dx * dx - 2 * rho * dx * dy + dy * dy) / (2 * (1 - rho * rho))) /
                  (2 * M_PI * sx * sy * sqrt(1 - rho * rho));
  CHECK(fabs(sq_kernel_density(&k, c, x, work) - closed) < 1e-14, "kernel density %.10f (%.10f)",
        sq_kernel_density(&k, c, x, work), closed);
  /* draws: their covariance is sigma */
  int n = 20000;
  double m[2] = {0, 0}, cov[4] = {0}, pt[2];
  double *pts = malloc(sizeof(double) * 2 * n), *eq = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    sq_kernel_sample(&k, c, r, pt);
    pts[2 * i] = pt[0], pts[2 * i + 1] = pt[1], eq[i] = 1.0 / n;
  }
  sq_weighted_cov(pts, eq, (size_t)n, 2, m, cov);
  CHECK(fabs(m[0] - 1) < 5 * 2 / sqrt(n) && fabs(m[1] + 1) < 5 * 1 / sqrt(n),
        "kernel draws centred (%.3f, %.3f)", m[0], m[1]);
  /* sd of a sample variance ~ sigma^2 sqrt(2/n) */
  CHECK(fabs(cov[0] - 4) < 5 * 4 * sqrt(2.0 / n) && fabs(cov[3] - 1) < 5 * sqrt(2.0 / n) &&
            fabs(cov[1] - 1.2) < 5 * sqrt((4 + 1.44) / n) && cov[1] == cov[2],
        "kernel draws' covariance (%.3f %.3f %.3f) is sigma", cov[0], cov[1], cov[3]);
  /* a weight against one previous particle: prior / K */
  sq_prior flat[2] = {{SQ_PRIOR_UNIFORM, -10, 10, -10, 10}, {SQ_PRIOR_UNIFORM, -10, 10, -10, 10}};
  double w1 = 1;
  CHECK(fabs(sq_abc_weight(flat, 2, x, c, &w1, 1, &k, work) - (1.0 / 400) / closed) < 1e-12,
        "importance weight: prior over the kernel's mixture");
  double outside[2] = {11, 0};
  CHECK(sq_abc_weight(flat, 2, outside, c, &w1, 1, &k, work) == 0, "weight 0 outside the prior");
  /* a singular covariance is made definite by a ridge */
  double singular[4] = {1, 1, 1, 1};
  sq_kernel ks;
  CHECK(sq_kernel_init(&ks, singular, 2, NULL) == 0, "kernel of a singular covariance (ridge)");
  sq_kernel_free(&ks);
  sq_kernel_free(&k);
  gsl_vector_free(work);
  free(pts);
  free(eq);
  double d[10] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(sq_tolerance(d, 10, 0.5) == 5.5, "tolerance: the median of 1..10 is 5.5");
}

static void statistics(void) {
  int32_t day[12];
  double mem[12], act[12];
  for (int i = 0; i < 12; i++) day[i] = i, mem[i] = 9, act[i] = i < 6 ? 3 : 1;
  act[2] = NAN; /* a gap */
  sq_series_view v = {12, day, {mem, act, NULL, NULL, NULL}};
  double stat[SQ_MAX_STATS];
  char names[SQ_MAX_STATS][32];
  int m = sq_summaries(&v, stat, names);
  /* 6 + 6 windows, the peak, its day, the late slope, the active share */
  CHECK(m == 16, "16 statistics for members and active (got %d)", m);
  CHECK(fabs(stat[0] - log(10)) < 1e-15 && strcmp(names[0], "members_log_w1") == 0,
        "members_log_w1 = log(1 + 9)");
  CHECK(fabs(stat[6] - log(4)) < 1e-15 && fabs(stat[11] - log(2)) < 1e-15,
        "active's windows, the gap skipped");
  CHECK(strcmp(names[12], "members_log_peak") == 0 && stat[13] == 0 && stat[14] == 0,
        "peak on day 0 (the first of equal values), late slope 0");
  CHECK(fabs(stat[15] - (3.0 * 5 + 6) / (9.0 * 11)) < 1e-15, "active share over days both known");
  double table[6] = {1, 2, 3, 4, 100, NAN}, scale[1];
  sq_stat_scales(table, 6, 1, scale);
  CHECK(fabs(scale[0] - 1.4826) < 1e-4, "scale: 1.4826 x MAD, the outlier and NaN ignored (%.4f)",
        scale[0]);
  double zero[3] = {2, 2, 2};
  sq_stat_scales(zero, 3, 1, scale);
  CHECK(scale[0] == 0, "a constant statistic has scale 0");
  double a[2] = {1, 5}, b[2] = {4, 9}, sc[2] = {3, 0};
  CHECK(sq_stat_distance(a, b, sc, 2) == 1, "distance: scaled, statistics of scale 0 left out");
}

static void forecasts(void) {
  CHECK(sq_remaining_life(-1, 100) == SQ_FORECAST_BEYOND && sq_remaining_life(90, 100) == -1 &&
            sq_remaining_life(130, 100) == 30 && sq_remaining_life(900, 100) == SQ_FORECAST_BEYOND,
        "remaining life: alive, dead before, 30 days, censored");
  int life[4] = {10, 20, 30, SQ_FORECAST_BEYOND};
  sq_forecast f;
  sq_forecast_compute(life, 4, &f);
  CHECK(f.alive[0] == 1 && f.alive[10] == 0.75 && f.alive[365] == 0.25, "alive after t days");
  CHECK(f.median == 20 && f.lo95 == 10 && isnan(f.hi95), "median 20, 97.5%% beyond 365 days");
  double change, lo, hi;
  CHECK(sq_forecast_change(life, life, 4, 1, 0, 200, &change, &lo, &hi) == 0 && change == 0 &&
            lo == 0 && hi == 0,
        "no change: 0 with interval [0, 0]");
  int later[4] = {20, 30, 40, SQ_FORECAST_BEYOND};
  sq_forecast_change(life, later, 4, 1, 0, 200, &change, &lo, &hi);
  CHECK(change == 10 && lo >= 0 && hi <= SQ_FORECAST_BEYOND, "ten days more: change 10 (%g to %g)",
        lo, hi);
}

static void observed(void) {
  sq_observed o;
  sq_error err = {0};
  int rc =
      sq_observed_parse(&o, "posts,day, members\r\n3,0,10\r\n,2,\r\n5,7,12\r\n", "t.csv", &err);
  CHECK(rc == 0 && o.n == 3 && o.last_day == 7 && o.present[SQ_SERIES_MEMBERS] &&
            o.present[SQ_SERIES_POSTS] && !o.present[SQ_SERIES_ACTIVE],
        "observed: columns in any order, CRLF, %s", err.message);
  if (!rc) {
    CHECK(isnan(o.value[SQ_SERIES_MEMBERS][1]) && o.value[SQ_SERIES_POSTS][2] == 5 && o.day[1] == 2,
          "observed: gaps are NaN, values where they belong");
    sq_observed_free(&o);
  }
  CHECK(sq_observed_parse(&o, "day,members\n0,1\n", "t.csv", &err) == SQ_EINPUT &&
            strstr(err.message, "at least 2 days"),
        "observed: one day is too few (%s)", err.message);
}

int main(void) {
  gsl_set_error_handler_off(); /* as shequn does: errors by status */
  gsl_rng *r = sq_stream_alloc();
  sq_stream_reset(r, 42, 0, SQ_NO_DAY, 0, SQ_DRAW_FIT_PROPOSAL);
  priors(r);
  weights_and_kernel(r);
  statistics();
  forecasts();
  observed();
  gsl_rng_free(r);
  return CHECK_DONE();
}

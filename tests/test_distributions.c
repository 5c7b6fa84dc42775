/* Population attributes: each drawn from the distribution docs/MODEL.md
 * names, with the documented parameters.  Means are checked within 4
 * standard errors of N draws (a false alarm about once in 16,000 checks). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "check.h"
#include "models/population.h"
#include "models/rng.h"
#include "sim/io/scenario.h"

enum { N = 200000 };

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov distance of a sample from Beta(a, b). */
static double ks_beta(double *x, size_t n, double a, double b) {
  qsort(x, n, sizeof *x, by_value);
  double d = 0;
  for (size_t i = 0; i < n; i++) {
    double f = gsl_cdf_beta_P(x[i], a, b);
    d = fmax(d, fmax(fabs(f - (double)i / n), fabs((double)(i + 1) / n - f)));
  }
  return d;
}

/* An agent's interest vector is a Dirichlet vector scaled to unit length:
 * scaled back to sum 1, topic k's share is Beta(a_k, sum of the others).
 * Checked by Kolmogorov-Smirnov at the 0.1% level (critical distance
 * 1.95 / sqrt(n)) for the concentrations of both gamma methods (a < 1
 * boosted, a >= 1) and with homophily; and the batch of
 * sq_agents_draw_screen gives the bits of one-by-one draws. */
static void check_interests(sq_scenario sc, double concentration, double homophily) {
  enum { M = 40000 };
  sc.population.interest_concentration = concentration;
  sc.population.homophily = homophily;
  sc.population.size = M;
  sq_population pop;
  sq_error err = {0};
  sq_population_init(&pop, &sc, 2385, 1, &err);
  static uint32_t agents[M];
  static sq_agent batch[M];
  static double share[M], local_share[M];
  for (uint32_t i = 0; i < M; i++) agents[i] = i;
  sq_agents_draw_screen(&pop, agents, M, batch);
  int same = 1, finite = 1;
  size_t n_local = 0, n_other = 0;
  for (uint32_t i = 0; i < M; i++) {
    sq_agent one;
    sq_agent_draw_screen(&pop, i, &one);
    same &= memcmp(one.interest, batch[i].interest, sizeof one.interest) == 0;
    double sum = 0;
    for (int k = 0; k < sc.population.topics; k++) sum += batch[i].interest[k];
    finite &= isfinite(sum) && sum > 0;
    uint32_t local = sq_local_topic(&pop, i);
    /* topic 0's share: among agents whose local topic is 0 (a + h) or not (a) */
    if (local == 0)
      local_share[n_local++] = batch[i].interest[0] / sum;
    else
      share[n_other++] = batch[i].interest[0] / sum;
  }
  int K = sc.population.topics;
  /* elsewhere, the local topic (a + h) is among the others */
  double a = concentration, rest = (K - 1) * a + homophily;
  double d = ks_beta(share, n_other, a, rest), crit = 1.95 / sqrt((double)n_other);
  CHECK(same && finite, "concentration %g: batch and single draws agree, vectors finite", a);
  CHECK(d < crit, "concentration %g, homophily %g: a topic's share is Beta(%g, %g): KS %.4f < %.4f",
        a, homophily, a, rest, d, crit);
  if (homophily > 0) {
    double dl = ks_beta(local_share, n_local, a + homophily, (K - 1) * a);
    double cl = 1.95 / sqrt((double)n_local);
    CHECK(dl < cl, "homophily %g: the local topic's share is Beta(%g, %g): KS %.4f < %.4f",
          homophily, a + homophily, (K - 1) * a, dl, cl);
  }
  sq_population_free(&pop);
}

static void check_mean(const char *what, const double *x, size_t n, double expected) {
  double mean = gsl_stats_mean(x, 1, n), se = gsl_stats_sd(x, 1, n) / sqrt((double)n);
  CHECK(fabs(mean - expected) < 4 * se, "%s: mean %.5f, expected %.5f (4 SE = %.5f)", what, mean,
        expected, 4 * se);
}

int main(void) {
  sq_scenario sc;
  sq_scenario_defaults(&sc);
  sc.population.size = N;
  sc.population.spammer_share = 0.0385;
  sc.population.talkativeness_sigma = 1.385;
  sc.population.quality_mean = 0.4385;
  sc.population.tolerance_mean = 0.6385;
  sc.population.expectation_mean = 0.1385;
  sc.population.homophily = 0; /* interests independent of neighbourhoods, checked below */
  sc.graph.model = SQ_GRAPH_WELL_MIXED;
  sq_population pop;
  sq_error err = {0};
  CHECK(sq_population_init(&pop, &sc, 2385, 1, &err) == 0, "population builds");
  CHECK(pop.graph.offset == NULL && sq_graph_bytes(&pop.graph) == 0,
        "a well-mixed population stores no graph");

  double *spam = malloc(N * sizeof *spam), *talk = malloc(N * sizeof *talk),
         *logtalk = malloc(N * sizeof *logtalk), *soc = malloc(N * sizeof *soc),
         *qual = malloc(N * sizeof *qual), *tol = malloc(N * sizeof *tol),
         *expect = malloc(N * sizeof *expect);
  long top[SQ_MAX_TOPICS] = {0};
  int unit = 1, nonneg = 1, in_unit = 1;
  gsl_rng *r = sq_stream_alloc();
  for (uint32_t i = 0; i < N; i++) {
    sq_agent a;
    sq_agent_draw(&pop, i, r, &a);
    spam[i] = a.spammer;
    talk[i] = a.talkativeness;
    logtalk[i] = log(a.talkativeness);
    soc[i] = a.sociability;
    qual[i] = a.quality;
    tol[i] = a.tolerance;
    expect[i] = a.expectation;
    in_unit &= a.quality > 0 && a.quality < 1 && a.tolerance > 0 && a.tolerance < 1;
    double norm = 0;
    int best = 0;
    for (int k = 0; k < sc.population.topics; k++) {
      norm += (double)a.interest[k] * a.interest[k];
      nonneg &= a.interest[k] >= 0;
      if (a.interest[k] > a.interest[best]) best = k;
    }
    unit &= fabs(norm - 1) < 1e-5;
    top[best]++;
  }
  check_mean("spammer share", spam, N, 0.0385);
  check_mean("talkativeness (lognormal, mean 1)", talk, N, 1.0);
  double s = gsl_stats_sd(logtalk, 1, N);
  CHECK(fabs(s - 1.385) < 4 * 1.385 / sqrt(2.0 * N), "talkativeness: sd of log %.4f, sigma 1.385", s);
  check_mean("sociability (Pareto, mean 1)", soc, N, 1.0);
  double min_soc = soc[0];
  for (int i = 1; i < N; i++) min_soc = soc[i] < min_soc ? soc[i] : min_soc;
  CHECK(min_soc >= 0.6 - 1e-6, "sociability: Pareto scale (a-1)/a = 0.6 is its minimum (%.4f)",
        min_soc);
  check_mean("quality (Beta)", qual, N, 0.4385);
  check_mean("tolerance (Beta)", tol, N, 0.6385);
  check_mean("expectation (lognormal)", expect, N, 0.1385);
  CHECK(in_unit, "quality and tolerance lie in (0, 1)");
  CHECK(unit && nonneg, "interest vectors are non-negative and of unit length");
  double chi2 = 0, e = (double)N / sc.population.topics;
  for (int k = 0; k < sc.population.topics; k++) chi2 += (top[k] - e) * (top[k] - e) / e;
  double p = gsl_cdf_chisq_Q(chi2, sc.population.topics - 1);
  CHECK(p > 0.001, "each topic is an agent's main interest equally often: chi2 %.2f, p %.3f", chi2,
        p);

  /* attributes are a pure function of (seed, replicate, agent) */
  sq_agent a1, a2;
  sq_agent_draw(&pop, 12345, r, &a1);
  gsl_rng_get(r); /* disturb the stream: it must not matter */
  sq_agent_draw(&pop, 12345, r, &a2);
  CHECK(a1.talkativeness == a2.talkativeness && a1.interest[3] == a2.interest[3] &&
            a1.spammer == a2.spammer,
        "an agent's attributes are the same at every draw");
  /* Each replicate has its own people: a view of another replicate draws
   * other attributes for the same place and other neighbourhood topics;
   * a view of the same replicate draws the same ones. */
  {
    sq_population v0 = sq_population_view(&pop, 0), v1 = sq_population_view(&pop, 1),
                  v1b = sq_population_view(&pop, 1);
    int differ = 0, same = 1, topics_differ = 0;
    for (uint32_t i = 0; i < 1000; i++) {
      sq_agent b0, b1, b1b;
      sq_agent_draw(&v0, i, r, &b0);
      sq_agent_draw(&v1, i, r, &b1);
      sq_agent_draw(&v1b, i, r, &b1b);
      differ += b0.talkativeness != b1.talkativeness && b0.interest[0] != b1.interest[0];
      same &= memcmp(&b1, &b1b, sizeof b1) == 0;
    }
    for (uint32_t block = 0; block < 200; block++) {
      uint32_t agent = block * (uint32_t)sc.population.neighbourhood_size;
      topics_differ += sq_local_topic(&v0, agent) != sq_local_topic(&v1, agent);
    }
    CHECK(pop.replicate == 0 && differ == 1000 && same,
          "replicates 0 and 1 differ at %d of 1000 places; a replicate's people are fixed", differ);
    CHECK(topics_differ > 200 / 2, "replicates 0 and 1: %d of 200 neighbourhoods' topics differ "
          "(about 7/8 expected)", topics_differ);
  }
  /* Homophily: the neighbourhood's local topic is an agent's main interest
   * far more often than the 1 in K of independent interests. */
  long local_main[2] = {0, 0};
  for (int h = 0; h < 2; h++) {
    sq_population hp;
    sc.population.homophily = h ? 2.385 : 0;
    sq_population_init(&hp, &sc, 2385, 1, &err);
    for (uint32_t i = 0; i < 20000; i++) {
      sq_agent a;
      sq_agent_draw_screen(&hp, i, &a);
      int best = 0;
      for (int k = 1; k < sc.population.topics; k++)
        if (a.interest[k] > a.interest[best]) best = k;
      local_main[h] += best == (int)sq_local_topic(&hp, i);
    }
    sq_population_free(&hp);
  }
  double share0 = local_main[0] / 20000.0, share1 = local_main[1] / 20000.0;
  double se0 = sqrt(0.125 * 0.875 / 20000);
  CHECK(fabs(share0 - 0.125) < 4 * se0, "no homophily: the local topic is the main interest of "
        "%.3f of agents, 1/K = 0.125", share0);
  CHECK(share1 > 0.5, "homophily 2.385: the local topic is the main interest of %.3f of agents "
        "(> 0.5)", share1);
  check_interests(sc, 0.3, 0);
  check_interests(sc, 0.05, 0);
  check_interests(sc, 2.5, 0);
  check_interests(sc, 0.3, 2.385);
  gsl_rng_free(r);
  free(spam), free(talk), free(logtalk), free(soc), free(qual), free(tol), free(expect);
  sq_population_free(&pop);
  return CHECK_DONE();
}

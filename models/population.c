#include "models/population.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "models/rng.h"

int sq_population_init(sq_population *pop, const sq_scenario *sc, uint64_t seed, int threads,
                       sq_error *err) {
  memset(pop, 0, sizeof *pop);
  pop->params = sc->population;
  pop->graph_params = sc->graph;
  pop->seed = seed;
  pop->size = (uint32_t)sc->population.size;
  return sq_graph_build(&pop->graph, &sc->graph, pop->size, seed, threads, err);
}

void sq_population_free(sq_population *pop) { sq_graph_free(&pop->graph); }

/* Beta with the given mean and concentration a + b. */
static double beta_mean(gsl_rng *r, double mean, double concentration) {
  return gsl_ran_beta(r, mean * concentration, (1 - mean) * concentration);
}

uint32_t sq_local_topic(const sq_population *pop, uint32_t agent) {
  uint32_t block = agent / (uint32_t)pop->params.neighbourhood_size;
  sq_bits4 b = sq_philox(pop->seed, pop->replicate, SQ_NO_DAY, block, SQ_DRAW_NEIGHBOURHOOD, 0);
  return sq_below64((uint64_t)b.v[1] << 32 | b.v[0], (uint32_t)pop->params.topics);
}

/* The attributes come from the agent's stream in a fixed order: spammer
 * flag, interest, then the rest, so a screening draw is a prefix of the full
 * draw. */
void sq_agent_draw_screen(const sq_population *pop, uint32_t agent, gsl_rng *r, sq_agent *out) {
  const sq_population_params *p = &pop->params;
  sq_stream_reset(r, pop->seed, pop->replicate, SQ_NO_DAY, agent, SQ_DRAW_ATTRIBUTES);
  memset(out, 0, sizeof *out);
  out->spammer = gsl_rng_uniform(r) < p->spammer_share;
  double alpha[SQ_MAX_TOPICS], theta[SQ_MAX_TOPICS];
  for (int k = 0; k < p->topics; k++) alpha[k] = p->interest_concentration;
  alpha[sq_local_topic(pop, agent)] += p->homophily;
  gsl_ran_dirichlet(r, (size_t)p->topics, alpha, theta);
  double norm = 0;
  for (int k = 0; k < p->topics; k++) norm += theta[k] * theta[k];
  norm = sqrt(norm);
  for (int k = 0; k < p->topics; k++) out->interest[k] = (float)(norm > 0 ? theta[k] / norm : 0);
}

void sq_agent_draw_rest(const sq_population *pop, gsl_rng *r, sq_agent *out) {
  const sq_population_params *p = &pop->params;
  double s = p->talkativeness_sigma; /* lognormal of mean 1 */
  out->talkativeness = (float)gsl_ran_lognormal(r, -0.5 * s * s, s);
  double a = p->sociability_shape; /* Pareto of mean 1 */
  out->sociability = (float)gsl_ran_pareto(r, a, (a - 1) / a);
  /* quality and expectation are tied by a Gaussian copula: the normal score
   * of an agent's quality, mixed with fresh noise, sets its expectation */
  double q = beta_mean(r, p->quality_mean, p->quality_concentration);
  double a_q = p->quality_mean * p->quality_concentration;
  double z_q = gsl_cdf_ugaussian_Pinv(gsl_cdf_beta_P(q, a_q, p->quality_concentration - a_q));
  if (!isfinite(z_q)) z_q = 0; /* quality at the very edge of (0, 1) */
  double rho = p->quality_expectation_correlation;
  double z_x = rho * z_q + sqrt(1 - rho * rho) * gsl_ran_gaussian_ziggurat(r, 1.0);
  double x = p->expectation_sigma;
  out->quality = (float)q;
  out->expectation = (float)exp(log(p->expectation_mean) - 0.5 * x * x + x * z_x);
  out->tolerance = (float)beta_mean(r, p->tolerance_mean, p->tolerance_concentration);
  /* last, so the draws above are the same whatever the share of lurkers */
  double l = p->lurker_share;
  out->propensity = gsl_rng_uniform(r) < l ? 0.0f : (float)(1 / (1 - l));
  /* frailty (Vaupel et al. 1979): gamma of mean 1 and variance v, last
   * for the same reason; v = 0 draws nothing */
  double v = p->leave_frailty_variance;
  out->frailty = v > 0 ? (float)gsl_ran_gamma(r, 1 / v, v) : 1.0f;
}

void sq_agent_draw(const sq_population *pop, uint32_t agent, gsl_rng *r, sq_agent *out) {
  sq_agent_draw_screen(pop, agent, r, out); /* leaves r just after the interest */
  sq_agent_draw_rest(pop, r, out);
}

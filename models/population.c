#include "models/population.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "models/rng.h"
#include "models/vecmath.h"

/* The constants of Marsaglia & Tsang for a concentration a. */
static sq_gamma_law gamma_law_of(double a) {
  sq_gamma_law g = {.boost = a < 1, .inv_a = 1 / a};
  g.d = (g.boost ? a + 1 : a) - 1.0 / 3;
  g.c = 1 / sqrt(9 * g.d);
  g.log_d = log(g.d);
  return g;
}

int sq_population_init(sq_population *pop, const sq_scenario *sc, uint64_t seed, int threads,
                       sq_error *err) {
  memset(pop, 0, sizeof *pop);
  pop->params = sc->population;
  pop->interest_law[0] = gamma_law_of(sc->population.interest_concentration);
  pop->interest_law[1] =
      gamma_law_of(sc->population.interest_concentration + sc->population.homophily);
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

/* A neighbourhood's local topic from the first two words of its block. */
static uint32_t topic_of_words(const sq_population *pop, uint32_t w0, uint32_t w1) {
  return sq_below64((uint64_t)w1 << 32 | w0, (uint32_t)pop->params.topics);
}

uint32_t sq_local_topic(const sq_population *pop, uint32_t agent) {
  uint32_t block = agent / (uint32_t)pop->params.neighbourhood_size;
  sq_bits4 b = sq_philox(pop->seed, pop->replicate, SQ_NO_DAY, block, SQ_DRAW_NEIGHBOURHOOD, 0);
  return topic_of_words(pop, b.v[0], b.v[1]);
}

/* The interest vector (a Dirichlet vector scaled to unit length) is drawn
 * for many agents at once, topic by topic: hundreds of thousands of agents
 * are screened on the day a large group is founded.  Each topic's Gamma(a)
 * variate is Marsaglia & Tsang (2000) on Gamma(a + 1), times U^(1/a) when
 * a < 1, as GSL's gsl_ran_gamma, but in logs (tiny concentrations would
 * underflow) and from counter-based blocks: attempt j of topic k reads block
 * k + SQ_MAX_TOPICS j of the agent's interest stream (words 0 and 1 a
 * Box-Muller normal, 2 the acceptance uniform, 3 the boost uniform), so the
 * agents' first attempts are one vectorised loop.  The few rejected go on
 * alone, with the same arithmetic and so the same bits. */
enum { SCREEN_CHUNK = 256 };

/* One attempt per agent, with the law of its concentration
 * (law[homophilous[i]]); ok[i] when it is accepted.  The others are
 * settled by gamma_settle. */
static SQ_VECTOR_CLONES void gamma_attempts(const sq_gamma_law law[2],
                                            const uint32_t *restrict homophilous, uint32_t n,
                                            const uint32_t *restrict w0,
                                            const uint32_t *restrict w1,
                                            const uint32_t *restrict w2,
                                            const uint32_t *restrict w3,
                                            double *restrict log_g, uint32_t *restrict ok) {
  const sq_gamma_law l0 = law[0], l1 = law[1]; /* selected per lane, not gathered */
  for (uint32_t i = 0; i < n; i++) {
    bool h = homophilous[i];
    double c = h ? l1.c : l0.c, log_d = h ? l1.log_d : l0.log_d;
    double boost = h ? (l1.boost ? l1.inv_a : 0) : (l0.boost ? l0.inv_a : 0);
    double x = sqrt(-2 * sq_vlog(sq_u01(w0[i]))) * sq_vcos2pi(sq_u01(w1[i]));
    double v = 1 + c * x, u = sq_u01(w2[i]), v3 = v * v * v;
    double log_v = sq_vlog(v > 0 ? v : 1), d = h ? l1.d : l0.d;
    /* the squeeze, or else the full test: both computed, no branch */
    ok[i] = v > 0 && (u < 1 - 0.0331 * (x * x) * (x * x) ||
                      sq_vlog(u) < 0.5 * x * x + d * (1 - v3 + 3 * log_v));
    log_g[i] = log_d + 3 * log_v + sq_vlog(sq_u01(w3[i])) * boost;
  }
}

/* Attempts 1, 2, ... of one agent's topic k until one is accepted: the
 * arithmetic of gamma_attempts, one at a time. */
static double gamma_settle(const sq_population *pop, uint32_t agent, int k,
                           const sq_gamma_law *g) {
  for (uint32_t j = 1;; j++) {
    sq_bits4 b = sq_philox(pop->seed, pop->replicate, SQ_NO_DAY, agent, SQ_DRAW_INTEREST,
                           (uint32_t)k + SQ_MAX_TOPICS * j);
    double x = sqrt(-2 * sq_vlog(sq_u01(b.v[0]))) * sq_vcos2pi(sq_u01(b.v[1]));
    double v = 1 + g->c * x, u = sq_u01(b.v[2]);
    if (v <= 0) continue;
    double log_v = sq_vlog(v), v3 = v * v * v;
    if (u < 1 - 0.0331 * (x * x) * (x * x) ||
        sq_vlog(u) < 0.5 * x * x + g->d * (1 - v3 + 3 * log_v))
      return g->log_d + 3 * log_v + sq_vlog(sq_u01(b.v[3])) * (g->boost ? g->inv_a : 0);
  }
}

/* Unit-length interest vectors from the topics' log gamma variates: a
 * Dirichlet vector up to its scale, which the unit length removes. */
static SQ_VECTOR_CLONES void unit_interests(int topics, uint32_t n,
                                            double log_g[SQ_MAX_TOPICS][SCREEN_CHUNK],
                                            double theta[SQ_MAX_TOPICS][SCREEN_CHUNK]) {
  double top[SCREEN_CHUNK], norm[SCREEN_CHUNK];
  for (uint32_t i = 0; i < n; i++) top[i] = log_g[0][i], norm[i] = 0;
  for (int k = 1; k < topics; k++)
    for (uint32_t i = 0; i < n; i++) top[i] = log_g[k][i] > top[i] ? log_g[k][i] : top[i];
  for (int k = 0; k < topics; k++)
    for (uint32_t i = 0; i < n; i++) {
      theta[k][i] = sq_vexp_neg(log_g[k][i] - top[i]);
      norm[i] += theta[k][i] * theta[k][i];
    }
  for (uint32_t i = 0; i < n; i++) norm[i] = 1 / sqrt(norm[i]); /* the largest theta is 1 */
  for (int k = 0; k < topics; k++)
    for (uint32_t i = 0; i < n; i++) theta[k][i] *= norm[i];
}

/* The spammer flag and interest of n <= SCREEN_CHUNK agents. */
static void screen_chunk(const sq_population *pop, const uint32_t *agents, uint32_t n,
                         sq_agent *out) {
  const sq_population_params *p = &pop->params;
  uint32_t block[SCREEN_CHUNK], words[4][SCREEN_CHUNK];
  double log_g[SQ_MAX_TOPICS][SCREEN_CHUNK];
  uint32_t homophilous[SCREEN_CHUNK], ok[SCREEN_CHUNK];
  const sq_gamma_law *law = pop->interest_law;
  /* the first word of each agent's attribute stream (sq_agent_draw_rest) */
  sq_philox_agents(pop->seed, pop->replicate, SQ_NO_DAY, SQ_DRAW_ATTRIBUTES, 0, agents, n,
                   words[0], words[1], words[2], words[3]);
  for (uint32_t i = 0; i < n; i++) {
    memset(&out[i], 0, sizeof out[i]);
    out[i].spammer = words[0][i] * 0x1p-32 < p->spammer_share;
    block[i] = agents[i] / (uint32_t)p->neighbourhood_size;
  }
  /* the local topics (sq_local_topic), into block[] */
  sq_philox_agents(pop->seed, pop->replicate, SQ_NO_DAY, SQ_DRAW_NEIGHBOURHOOD, 0, block, n,
                   words[0], words[1], words[2], words[3]);
  for (uint32_t i = 0; i < n; i++)
    block[i] = topic_of_words(pop, words[0][i], words[1][i]);
  for (int k = 0; k < p->topics; k++) {
    for (uint32_t i = 0; i < n; i++) homophilous[i] = block[i] == (uint32_t)k;
    sq_philox_agents(pop->seed, pop->replicate, SQ_NO_DAY, SQ_DRAW_INTEREST, (uint32_t)k, agents,
                     n, words[0], words[1], words[2], words[3]);
    gamma_attempts(law, homophilous, n, words[0], words[1], words[2], words[3], log_g[k], ok);
    for (uint32_t i = 0; i < n; i++)
      if (!ok[i]) log_g[k][i] = gamma_settle(pop, agents[i], k, &law[homophilous[i]]);
  }
  double theta[SQ_MAX_TOPICS][SCREEN_CHUNK];
  unit_interests(p->topics, n, log_g, theta);
  for (uint32_t i = 0; i < n; i++)
    for (int k = 0; k < p->topics; k++) out[i].interest[k] = (float)theta[k][i];
}

/* theta[k] = exp(log_g[k] - top), k < n, several at once. */
static SQ_VECTOR_CLONES void exp_neg_shifted(const double *restrict log_g, double top, uint32_t n,
                                             double *restrict theta) {
  for (uint32_t k = 0; k < n; k++) theta[k] = sq_vexp_neg(log_g[k] - top);
}

/* The same for one agent, its topics side by side instead of agents: the
 * same arithmetic on each topic (gamma_attempts, gamma_settle, then
 * unit_interests' steps in the same order), so the same bits, without
 * the cost of a chunk for one agent (outreach and invitations screen
 * their candidates one at a time). */
static void screen_one(const sq_population *pop, uint32_t agent, sq_agent *out) {
  const sq_population_params *p = &pop->params;
  int topics = p->topics;
  const sq_gamma_law *law = pop->interest_law;
  sq_bits4 first = sq_philox(pop->seed, pop->replicate, SQ_NO_DAY, agent, SQ_DRAW_ATTRIBUTES, 0);
  memset(out, 0, sizeof *out);
  out->spammer = first.v[0] * 0x1p-32 < p->spammer_share;
  uint32_t local = sq_local_topic(pop, agent), index[SQ_MAX_TOPICS], words[4][SQ_MAX_TOPICS];
  uint32_t homophilous[SQ_MAX_TOPICS], ok[SQ_MAX_TOPICS];
  for (int k = 0; k < SQ_MAX_TOPICS; k++) {
    index[k] = (uint32_t)k;
    homophilous[k] = local == (uint32_t)k;
  }
  /* lanes in whole vectors (8 words of 32 bits with AVX2): the spare
   * topics' draws are computed and not used */
  uint32_t lanes = ((uint32_t)topics + 7) & ~7u;
  sq_philox_indices(pop->seed, pop->replicate, SQ_NO_DAY, SQ_DRAW_INTEREST, agent, index, lanes,
                    words[0], words[1], words[2], words[3]);
  double log_g[SQ_MAX_TOPICS], theta[SQ_MAX_TOPICS];
  gamma_attempts(law, homophilous, lanes, words[0], words[1], words[2], words[3], log_g, ok);
  for (int k = 0; k < topics; k++)
    if (!ok[k]) log_g[k] = gamma_settle(pop, agent, k, &law[homophilous[k]]);
  double top = log_g[0], norm = 0;
  for (int k = 1; k < topics; k++) top = log_g[k] > top ? log_g[k] : top;
  exp_neg_shifted(log_g, top, (uint32_t)topics, theta);
  for (int k = 0; k < topics; k++) norm += theta[k] * theta[k]; /* in order, as unit_interests */
  norm = 1 / sqrt(norm);
  for (int k = 0; k < topics; k++) out->interest[k] = (float)(theta[k] * norm);
}

/* Below this many agents, one at a time is faster than a chunk. */
enum { CHUNK_MIN = 4 };

void sq_agents_draw_screen(const sq_population *pop, const uint32_t *agents, uint32_t n,
                           sq_agent *out) {
  if (n < CHUNK_MIN) {
    for (uint32_t i = 0; i < n; i++) screen_one(pop, agents[i], &out[i]);
    return;
  }
  for (uint32_t done = 0; done < n; done += SCREEN_CHUNK)
    screen_chunk(pop, agents + done, n - done < SCREEN_CHUNK ? n - done : SCREEN_CHUNK,
                 out + done);
}

void sq_agent_draw_screen(const sq_population *pop, uint32_t agent, sq_agent *out) {
  sq_agents_draw_screen(pop, &agent, 1, out);
}

void sq_agent_draw_rest(const sq_population *pop, uint32_t agent, gsl_rng *r, sq_agent *out) {
  const sq_population_params *p = &pop->params;
  sq_stream_reset(r, pop->seed, pop->replicate, SQ_NO_DAY, agent, SQ_DRAW_ATTRIBUTES);
  gsl_rng_get(r); /* the spammer flag's word (screen_chunk) */
  double s = p->talkativeness_sigma; /* lognormal of mean 1 */
  out->talkativeness = (float)gsl_ran_lognormal(r, -0.5 * s * s, s);
  double a = p->sociability_shape; /* Pareto of mean 1 */
  out->sociability = (float)gsl_ran_pareto(r, a, (a - 1) / a);
  /* quality and expectation are tied by a Gaussian copula: the normal score
   * of an agent's quality, mixed with fresh noise, sets its expectation */
  double q = beta_mean(r, p->quality_mean, p->quality_concentration);
  double a_q = p->quality_mean * p->quality_concentration, rho = p->quality_expectation_correlation;
  /* (the normal score costs more than the rest of the draw: not computed
   * when nothing uses it) */
  double z_q = rho == 0 ? 0
                        : gsl_cdf_ugaussian_Pinv(gsl_cdf_beta_P(q, a_q, p->quality_concentration - a_q));
  if (!isfinite(z_q)) z_q = 0; /* quality at the very edge of (0, 1) */
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
  sq_agent_draw_screen(pop, agent, out);
  sq_agent_draw_rest(pop, agent, r, out);
}

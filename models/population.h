/* The population (目标客群): N agents whose attributes are a pure function of
 * (seed, replicate, agent id), drawn when needed and never stored, and the
 * social graph among them.  An agent id is a place in the graph; who lives
 * there (the agent's attributes, and the local topic of its neighbourhood)
 * is drawn afresh for each replicate, so every replicate has its own
 * population and its own placement of people in the graph.  The graph's
 * structure depends only on the scenario's graph keys, the population size
 * and the seed: it is built once and the replicates share it, read-only,
 * each through its own view (sq_population_view). */
#ifndef SQ_POPULATION_H
#define SQ_POPULATION_H

#include <stdbool.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "models/params.h"
#include "models/error.h"
#include "models/graph.h"
#include "models/rng.h"

typedef struct sq_agent {
  float interest[SQ_MAX_TOPICS]; /* non-negative, unit length */
  float sociability;             /* Pareto, mean 1 */
  float talkativeness;           /* lognormal, mean 1 */
  float propensity;              /* to write: 0 (a lurker) or 1 / (1 - lurker share), mean 1 */
  float quality;                 /* 0..1 */
  float expectation;             /* value/day for full engagement */
  float tolerance;               /* 0..1 */
  float frailty;                 /* factor of its leaving hazard: gamma, mean 1 */
  bool spammer;
} sq_agent;

/* The constants of Marsaglia & Tsang's gamma method for a concentration a
 * (models/population.c). */
typedef struct sq_gamma_law {
  double d, c, log_d, inv_a;
  bool boost; /* a < 1: Gamma(a + 1) U^(1/a) */
} sq_gamma_law;

typedef struct sq_population {
  sq_population_params params;
  /* the interest draws' laws: [0] any topic, [1] an agent's local topic
   * (interest_concentration + homophily); set once, from params */
  sq_gamma_law interest_law[2];
  sq_graph_params graph_params;
  uint64_t seed;
  uint32_t replicate; /* whose people: 0 after sq_population_init */
  uint32_t size;
  sq_graph graph;     /* shared by every view: never freed through a view */
} sq_population;

/* Build the population of a scenario for a seed (generates the graph).
 * Returns 0 or an error status. */
int sq_population_init(sq_population *pop, const sq_scenario *sc, uint64_t seed, int threads,
                       sq_error *err);
void sq_population_free(sq_population *pop);

/* The population of `replicate`: the shared graph, the people drawn for
 * that replicate.  A shallow copy: it holds no memory of its own and lives
 * no longer than `shared`. */
static inline sq_population sq_population_view(const sq_population *shared,
                                               uint32_t replicate) {
  sq_population view = *shared;
  view.replicate = replicate;
  return view;
}

/* Attributes of `agent` in the population's replicate, drawn with `stream`
 * (any sq_stream; it is re-keyed).  sq_agent_draw_screen draws only what
 * screening needs (spammer flag and interest vector), the same values a
 * full draw gives, at a fraction of the cost; the other fields are left
 * zero.  sq_agents_draw_screen screens n agents at once, faster than one
 * by one (the interest draws are vectorised), with the same values. */
void sq_agent_draw(const sq_population *pop, uint32_t agent, gsl_rng *stream, sq_agent *out);
void sq_agent_draw_screen(const sq_population *pop, uint32_t agent, sq_agent *out);
void sq_agents_draw_screen(const sq_population *pop, const uint32_t *agents, uint32_t n,
                           sq_agent *out);
/* The rest of a full draw: screen then rest is sq_agent_draw, so a caller
 * may screen first and draw the rest only for agents who pass. */
void sq_agent_draw_rest(const sq_population *pop, uint32_t agent, gsl_rng *stream, sq_agent *out);

/* The day `agent` enters the market (目标客群 grows): 0 for all but the
 * share population.arrival_share, who enter on a day uniform over 1 ..
 * population.arrival_days.  A pure function of (seed, replicate, agent);
 * before it, nobody can reach the agent (docs/MODEL.md section 1). */
static inline int32_t sq_agent_arrival_day(const sq_population *pop, uint32_t agent);

/* The local topic of the neighbourhood `agent` lives in (homophily), in
 * the population's replicate. */
uint32_t sq_local_topic(const sq_population *pop, uint32_t agent);

/* Fit of an interest vector to a theme, both unit length: their dot product. */
static inline double sq_fit(const float *interest, const float *theme, int topics) {
  double f = 0;
  for (int k = 0; k < topics; k++) f += (double)interest[k] * theme[k];
  return f;
}

static inline int32_t sq_agent_arrival_day(const sq_population *pop, uint32_t agent) {
  double share = pop->params.arrival_share;
  if (!(share > 0)) return 0;
  sq_bits4 b = sq_philox(pop->seed, pop->replicate, SQ_NO_DAY, agent, SQ_DRAW_ARRIVAL, 0);
  if (sq_u01(b.v[0]) >= share) return 0;
  return 1 + (int32_t)sq_below64((uint64_t)b.v[2] << 32 | b.v[1],
                                 (uint32_t)pop->params.arrival_days);
}

#endif

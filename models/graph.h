/* Social graphs over the population, stored compactly (CSR: one offset per
 * agent, one 32-bit id per directed adjacency).  A graph depends only on its
 * parameters, the population size and the seed.  Each model is a descriptor
 * in sq_graph_models; `graph.model` names one. */
#ifndef SQ_GRAPH_H
#define SQ_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include "models/params.h"
#include "models/error.h"

typedef struct sq_graph {
  uint32_t nodes;
  uint32_t *offset;   /* nodes + 1 entries; none for a well-mixed population */
  uint32_t *neighbor; /* offset[nodes] entries, each list sorted, no self-loops */
} sq_graph;

typedef struct sq_graph_model {
  const char *name;
  const char *doc;
  /* Fill g (nodes already set).  Returns 0, or an error status. */
  int (*build)(sq_graph *g, const sq_graph_params *p, uint64_t seed, int threads,
               sq_error *err);
} sq_graph_model;

extern const sq_graph_model sq_graph_models[];
extern const size_t sq_graph_model_count;

/* Build the graph of `nodes` agents.  Returns 0 or an error status. */
int sq_graph_build(sq_graph *g, const sq_graph_params *p, uint32_t nodes, uint64_t seed,
                   int threads, sq_error *err);
void sq_graph_free(sq_graph *g);

static inline uint32_t sq_graph_degree(const sq_graph *g, uint32_t v) {
  return g->offset ? g->offset[v + 1] - g->offset[v] : 0;
}
static inline const uint32_t *sq_graph_neighbors(const sq_graph *g, uint32_t v) {
  return g->neighbor + g->offset[v];
}

/* Bytes the graph holds. */
size_t sq_graph_bytes(const sq_graph *g);

#endif

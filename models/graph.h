/* Social graphs over the population, stored compactly (CSR: one offset per
 * agent, one 32-bit id per directed adjacency), or for a Watts-Strogatz
 * ring computed on the fly with only its rewired edges stored.  Contacts
 * are read through sq_graph_contacts either way.  A graph depends only on
 * its parameters, the population size and the seed.  Each model is a
 * descriptor in sq_graph_models; `graph.model` names one. */
#ifndef SQ_GRAPH_H
#define SQ_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include "models/params.h"
#include "models/error.h"

typedef struct sq_graph {
  uint32_t nodes;
  uint32_t *offset;   /* nodes + 1 entries; NULL for a well-mixed population */
  uint32_t *neighbor; /* offset[nodes] entries: each agent's contacts, sorted, each once, no
                         self-loops; of a ring (below), only the ends of its rewired edges */
  /* A Watts-Strogatz ring computed on the fly: its lattice contacts are
   * implied by the agent's place, so only which of them were rewired (bit
   * d - 1 of rewired[v]: the edge from v to v + d) and the rewired edges
   * (in offset/neighbor, under both ends) are stored.  NULL: plain lists. */
  uint8_t *rewired;
  uint32_t half; /* of a ring: lattice contacts on each side */
} sq_graph;

/* A real network (graph.model edge_list), as read from a file by
 * sim/io/edge_list.c: agents 0 .. nodes-1 in order of first appearance,
 * each edge once as two ends, no self-loops (duplicates are dropped when
 * the graph is built). */
typedef struct sq_edge_list {
  uint32_t nodes;
  size_t n_edges;
  uint32_t *ends;    /* 2 n_edges agent ids */
  uint64_t checksum; /* of the file's bytes, for a sweep's fingerprint */
} sq_edge_list;

/* Room a caller gives sq_graph_contacts for a ring's contacts. */
#define SQ_GRAPH_SCRATCH 96

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

/* The contacts of agent v, sorted and each once: *list points into the
 * graph, or for a ring into `scratch` (SQ_GRAPH_SCRATCH ids), where they are
 * assembled.  Returns how many.  Not for a well-mixed population. */
uint32_t sq_graph_contacts(const sq_graph *g, uint32_t v, uint32_t scratch[SQ_GRAPH_SCRATCH],
                           const uint32_t **list);

/* Bytes the graph holds. */
size_t sq_graph_bytes(const sq_graph *g);

#endif

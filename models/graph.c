#include "models/graph.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "models/rng.h"

static int compare_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void sort_small(uint32_t *v, uint32_t n) {
  if (n > 32) {
    qsort(v, n, sizeof *v, compare_u32);
    return;
  }
  for (uint32_t i = 1; i < n; i++) {
    uint32_t x = v[i], j = i;
    for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

/* Sort every adjacency list, drop repeated neighbours and close the gaps:
 * afterwards the CSR arrays do not depend on the order edges were added. */
static int canonicalize(sq_graph *g, int threads, sq_error *err) {
  uint32_t n = g->nodes;
  uint32_t *kept = malloc((size_t)n * sizeof *kept);
  if (!kept)
    return sq_error_set(err, SQ_ERUNTIME, "graph: out of memory for the degrees of %u agents", n);
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (uint32_t v = 0; v < n; v++) {
    uint32_t *list = g->neighbor + g->offset[v];
    uint32_t deg = g->offset[v + 1] - g->offset[v], k = 0;
    sort_small(list, deg);
    for (uint32_t i = 0; i < deg; i++)
      if (i == 0 || list[i] != list[i - 1]) list[k++] = list[i];
    kept[v] = k;
  }
  uint32_t write = 0;
  for (uint32_t v = 0; v < n; v++) { /* serial: moves lists down in order */
    uint32_t read = g->offset[v];
    memmove(g->neighbor + write, g->neighbor + read, (size_t)kept[v] * sizeof(uint32_t));
    g->offset[v] = write;
    write += kept[v];
  }
  g->offset[n] = write;
  free(kept);
  uint32_t *shrunk = realloc(g->neighbor, (size_t)(write ? write : 1) * sizeof(uint32_t));
  if (shrunk) g->neighbor = shrunk;
  return SQ_OK;
}

/* Allocate the CSR arrays for the degree counts held in g->offset[0..n-1]
 * and turn the counts into starting offsets (kept in `cursor` for filling). */
static int allocate_csr(sq_graph *g, uint32_t **cursor, sq_error *err) {
  uint64_t total = 0;
  for (uint32_t v = 0; v < g->nodes; v++) {
    uint32_t d = g->offset[v];
    g->offset[v] = (uint32_t)total;
    total += d;
  }
  if (total > UINT32_MAX)
    return sq_error_set(err, SQ_EINPUT,
                        "graph: %llu adjacencies exceed the 2^32 a graph can hold; lower "
                        "population.size or graph.mean_degree",
                        (unsigned long long)total);
  g->offset[g->nodes] = (uint32_t)total;
  g->neighbor = malloc((size_t)(total ? total : 1) * sizeof(uint32_t));
  *cursor = malloc((size_t)g->nodes * sizeof(uint32_t));
  if (!g->neighbor || !*cursor) {
    free(*cursor); /* g->neighbor goes with the graph */
    *cursor = NULL;
    return sq_error_set(err, SQ_ERUNTIME, "graph: out of memory for %llu adjacencies",
                        (unsigned long long)total);
  }
  memcpy(*cursor, g->offset, (size_t)g->nodes * sizeof(uint32_t));
  return SQ_OK;
}

static int build_well_mixed(sq_graph *g, const sq_graph_params *p, uint64_t seed, int threads,
                            sq_error *err) {
  (void)g, (void)p, (void)seed, (void)threads, (void)err;
  return SQ_OK; /* contacts are drawn uniformly at random: nothing to store */
}

/* Lattice edge (v, v + d) is rewired with probability beta to a uniformly
 * drawn other agent.  For the edges (v, v + d) of `count` agents from v0:
 * far[i], the far end of agent v0 + i's edge (v + d on the ring unless
 * rewired), and rewired[i].  A pure function of (seed, v, d), so every pass
 * below sees the same edges; drawn a block of agents at a time so that
 * the Philox rounds are vectorised. */
enum { WS_BLOCK = 2048 };
static void ws_edges(uint32_t v0, uint32_t count, uint32_t d, uint32_t n, double beta,
                     uint64_t seed, uint32_t *far, bool *rewired) {
  uint32_t ids[WS_BLOCK] = {0}, w0[WS_BLOCK], w1[WS_BLOCK], w2[WS_BLOCK], w3[WS_BLOCK];
  for (uint32_t i = 0; i < count; i++) ids[i] = v0 + i;
  sq_philox_agents(seed, SQ_NO_REPLICATE, SQ_NO_DAY, SQ_DRAW_GRAPH, d, ids, count, w0, w1, w2, w3);
  for (uint32_t i = 0; i < count; i++) {
    uint32_t v = v0 + i;
    rewired[i] = sq_u01(w0[i]) < beta;
    uint32_t t = sq_below64((uint64_t)w2[i] << 32 | w1[i], n - 1); /* any other agent */
    far[i] = rewired[i] ? (t >= v ? t + 1 : t) : (v + d) % n;
  }
}

/* Sort each agent's stored list (the ends of its rewired edges), so the
 * arrays do not depend on the order threads added them. */
static void sort_lists(sq_graph *g, int threads) {
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (uint32_t v = 0; v < g->nodes; v++)
    sort_small(g->neighbor + g->offset[v], g->offset[v + 1] - g->offset[v]);
}

/* Watts-Strogatz: a ring where each agent links to the graph.mean_degree / 2
 * agents after it, each link rewired with graph.rewire_probability.  For
 * up to 8 links a side the ring is computed on the fly (docs/MODEL.md
 * section 2: about 9 B an agent at the defaults instead of 44); otherwise,
 * or if an agent gathered too many rewired edges to assemble its contacts
 * in SQ_GRAPH_SCRATCH, it is stored as plain lists. */
enum { RING_TOO_DENSE = 1 };
static int fill_watts_strogatz(sq_graph *g, const sq_graph_params *p, uint64_t seed,
                               int threads, bool ring, sq_error *err) {
  uint32_t n = g->nodes, half = (uint32_t)p->mean_degree / 2;
  double beta = p->rewire_probability;
  memset(g->offset, 0, ((size_t)n + 1) * sizeof(uint32_t));
  if (ring && !(g->rewired = calloc(n ? n : 1, 1)))
    return sq_error_set(err, SQ_ERUNTIME, "graph: out of memory for the rewired edges of %u agents",
                        n);
  long blocks = (long)(((uint64_t)n + WS_BLOCK - 1) / WS_BLOCK);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (long b = 0; b < blocks; b++) {
    uint32_t v0 = (uint32_t)b * WS_BLOCK, count = n - v0 < WS_BLOCK ? n - v0 : WS_BLOCK;
    uint32_t far[WS_BLOCK];
    bool rewired[WS_BLOCK];
    for (uint32_t d = 1; d <= half; d++) {
      ws_edges(v0, count, d, n, beta, seed, far, rewired);
      for (uint32_t i = 0; i < count; i++) {
        if (ring && !rewired[i]) continue; /* implied by the ring */
        if (ring) g->rewired[v0 + i] |= (uint8_t)(1u << (d - 1));
#pragma omp atomic
        g->offset[v0 + i]++;
#pragma omp atomic
        g->offset[far[i]]++;
      }
    }
  }
  uint32_t most = 0;
  for (uint32_t v = 0; ring && v < n; v++) most = g->offset[v] > most ? g->offset[v] : most;
  if (ring && 2 * half + most > SQ_GRAPH_SCRATCH) {
    free(g->rewired);
    g->rewired = NULL;
    return RING_TOO_DENSE;
  }
  uint32_t *cursor;
  int rc = allocate_csr(g, &cursor, err);
  if (rc) return rc;
#pragma omp parallel for schedule(static) num_threads(threads)
  for (long b = 0; b < blocks; b++) {
    uint32_t v0 = (uint32_t)b * WS_BLOCK, count = n - v0 < WS_BLOCK ? n - v0 : WS_BLOCK;
    uint32_t far[WS_BLOCK];
    bool rewired[WS_BLOCK];
    for (uint32_t d = 1; d <= half; d++) {
      ws_edges(v0, count, d, n, beta, seed, far, rewired);
      for (uint32_t i = 0; i < count; i++) {
        if (ring && !rewired[i]) continue;
        uint32_t at;
#pragma omp atomic capture
        at = cursor[v0 + i]++;
        g->neighbor[at] = far[i];
#pragma omp atomic capture
        at = cursor[far[i]]++;
        g->neighbor[at] = v0 + i;
      }
    }
  }
  free(cursor);
  if (!ring) return canonicalize(g, threads, err);
  g->half = half;
  sort_lists(g, threads);
  return SQ_OK;
}

static int build_watts_strogatz(sq_graph *g, const sq_graph_params *p, uint64_t seed,
                                int threads, sq_error *err) {
  int rc = p->mean_degree / 2 <= 8 ? fill_watts_strogatz(g, p, seed, threads, true, err)
                                   : RING_TOO_DENSE;
  return rc == RING_TOO_DENSE ? fill_watts_strogatz(g, p, seed, threads, false, err) : rc;
}

/* Barabási-Albert preferential attachment: each new agent links to m =
 * mean_degree/2 distinct earlier agents chosen with probability proportional
 * to degree (uniform draws from the list of edge ends), starting from a
 * complete graph on m + 1 agents.  Sequential by nature. */
static int build_barabasi_albert(sq_graph *g, const sq_graph_params *p, uint64_t seed,
                                 int threads, sq_error *err) {
  uint32_t n = g->nodes, m = (uint32_t)p->mean_degree / 2;
  if (n < m + 1)
    return sq_error_set(err, SQ_EINPUT, "graph: barabasi_albert needs more than mean_degree/2 agents");
  uint64_t edges = (uint64_t)m * (m + 1) / 2 + (uint64_t)(n - m - 1) * m;
  if (2 * edges > UINT32_MAX)
    return sq_error_set(err, SQ_EINPUT, "graph: too many edges; lower population.size or graph.mean_degree");
  uint32_t *ends = malloc((size_t)(2 * edges) * sizeof *ends);
  uint32_t *chosen = malloc((size_t)m * sizeof *chosen);
  gsl_rng *r = sq_stream_alloc();
  if (!ends || !chosen || !r) {
    free(ends), free(chosen);
    if (r) gsl_rng_free(r);
    return sq_error_set(err, SQ_ERUNTIME, "graph: out of memory for %llu edges",
                        (unsigned long long)edges);
  }
  uint64_t e = 0;
  for (uint32_t a = 0; a <= m; a++)
    for (uint32_t b = a + 1; b <= m; b++) ends[e++] = a, ends[e++] = b;
  for (uint32_t v = m + 1; v < n; v++) {
    sq_stream_reset(r, seed, SQ_NO_REPLICATE, SQ_NO_DAY, v, SQ_DRAW_GRAPH);
    uint64_t pool = e; /* ends of edges among earlier agents */
    for (uint32_t k = 0; k < m;) {
      uint32_t t = ends[sq_stream_below(r, (uint32_t)pool)];
      bool repeat = false;
      for (uint32_t j = 0; j < k; j++) repeat |= chosen[j] == t;
      if (!repeat) chosen[k++] = t;
    }
    for (uint32_t k = 0; k < m; k++) ends[e++] = v, ends[e++] = chosen[k];
  }
  gsl_rng_free(r);
  free(chosen);
  memset(g->offset, 0, ((size_t)n + 1) * sizeof(uint32_t));
  for (uint64_t i = 0; i < e; i++) g->offset[ends[i]]++;
  uint32_t *cursor;
  int rc = allocate_csr(g, &cursor, err);
  if (!rc) {
    for (uint64_t i = 0; i < e; i += 2) {
      g->neighbor[cursor[ends[i]]++] = ends[i + 1];
      g->neighbor[cursor[ends[i + 1]]++] = ends[i];
    }
    free(cursor);
  }
  free(ends);
  return rc ? rc : canonicalize(g, threads, err);
}

/* A real network: the edges read with the scenario (graph.edges), stored
 * as CSR like the generated models; an edge listed twice, in either
 * direction, is kept once. */
static int build_edge_list(sq_graph *g, const sq_graph_params *p, uint64_t seed, int threads,
                           sq_error *err) {
  (void)seed;
  const sq_edge_list *e = p->edges;
  if (!e || e->nodes != g->nodes)
    return sq_error_set(err, SQ_EINPUT, "graph: edge_list: %s has %u agents, population.size is %u",
                        p->edge_list_file, e ? e->nodes : 0, g->nodes);
  if (2 * (uint64_t)e->n_edges > UINT32_MAX)
    return sq_error_set(err, SQ_EINPUT, "graph: %s: too many edges", p->edge_list_file);
  memset(g->offset, 0, ((size_t)g->nodes + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < 2 * e->n_edges; i++) g->offset[e->ends[i]]++;
  uint32_t *cursor;
  int rc = allocate_csr(g, &cursor, err);
  if (rc) return rc;
  for (size_t i = 0; i < 2 * e->n_edges; i += 2) {
    g->neighbor[cursor[e->ends[i]]++] = e->ends[i + 1];
    g->neighbor[cursor[e->ends[i + 1]]++] = e->ends[i];
  }
  free(cursor);
  return canonicalize(g, threads, err);
}

const sq_graph_model sq_graph_models[] = {
    [SQ_GRAPH_WELL_MIXED] = {"well_mixed", "every agent can reach every other; contacts are drawn "
                                           "uniformly at random and nothing is stored",
                             build_well_mixed},
    [SQ_GRAPH_WATTS_STROGATZ] = {"watts_strogatz",
                                 "ring lattice of graph.mean_degree contacts whose edges are "
                                 "rewired with graph.rewire_probability (small world)",
                                 build_watts_strogatz},
    [SQ_GRAPH_BARABASI_ALBERT] = {"barabasi_albert",
                                  "preferential attachment, mean_degree/2 links per new agent: "
                                  "heavy-tailed degrees, P(k) ~ k^-3",
                                  build_barabasi_albert},
    [SQ_GRAPH_EDGE_LIST] = {"edge_list",
                            "a real network read from graph.edge_list_file: its agents are the "
                            "population, its edges the contacts",
                            build_edge_list},
};
const size_t sq_graph_model_count = SQ_LEN(sq_graph_models);

int sq_graph_build(sq_graph *g, const sq_graph_params *p, uint32_t nodes, uint64_t seed,
                   int threads, sq_error *err) {
  memset(g, 0, sizeof *g);
  g->nodes = nodes;
  if (p->model == SQ_GRAPH_WELL_MIXED) return SQ_OK;
  g->offset = malloc(((size_t)nodes + 1) * sizeof(uint32_t));
  if (!g->offset)
    return sq_error_set(err, SQ_ERUNTIME, "graph: out of memory for the offsets of %u agents",
                        nodes);
  int rc = sq_graph_models[p->model].build(g, p, seed, threads < 1 ? 1 : threads, err);
  if (rc) sq_graph_free(g);
  return rc;
}

void sq_graph_free(sq_graph *g) {
  free(g->offset);
  free(g->neighbor);
  free(g->rewired);
  g->offset = g->neighbor = NULL;
  g->rewired = NULL;
}

uint32_t sq_graph_contacts(const sq_graph *g, uint32_t v, uint32_t scratch[SQ_GRAPH_SCRATCH],
                           const uint32_t **list) {
  const uint32_t *stored = g->neighbor + g->offset[v];
  uint32_t n_stored = g->offset[v + 1] - g->offset[v];
  if (!g->rewired) {
    *list = stored;
    return n_stored;
  }
  /* the lattice edges to v + d and from v - d that were not rewired, and the
   * rewired edges at either end; sorted, each once, as a stored list is */
  uint32_t n = g->nodes, k = 0;
  for (uint32_t d = 1; d <= g->half; d++) {
    uint32_t back = (uint32_t)(((uint64_t)v + n - d % n) % n);
    if (!(g->rewired[v] >> (d - 1) & 1)) scratch[k++] = (uint32_t)(((uint64_t)v + d) % n);
    if (!(g->rewired[back] >> (d - 1) & 1)) scratch[k++] = back;
  }
  memcpy(scratch + k, stored, n_stored * sizeof *stored);
  k += n_stored;
  sort_small(scratch, k);
  uint32_t once = 0;
  for (uint32_t i = 0; i < k; i++)
    if (i == 0 || scratch[i] != scratch[i - 1]) scratch[once++] = scratch[i];
  *list = scratch;
  return once;
}

size_t sq_graph_bytes(const sq_graph *g) {
  if (!g->offset) return 0;
  return ((size_t)g->nodes + 1 + g->offset[g->nodes]) * sizeof(uint32_t) +
         (g->rewired ? g->nodes : 0);
}

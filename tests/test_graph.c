/* Graph generation: degree statistics and clustering against their known
 * values, symmetry, and independence from the thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "models/graph.h"

/* Contacts in the graph's own scratch-free form: a ring's are assembled. */
typedef struct contacts {
  uint32_t scratch[SQ_GRAPH_SCRATCH];
  const uint32_t *list;
  uint32_t n;
} contacts;

static const contacts *of(const sq_graph *g, uint32_t v, contacts *c) {
  c->n = sq_graph_contacts(g, v, c->scratch, &c->list);
  return c;
}

static uint32_t degree(const sq_graph *g, uint32_t v) {
  contacts c;
  return of(g, v, &c)->n;
}

static int symmetric(const sq_graph *g) {
  contacts cv, cu;
  for (uint32_t v = 0; v < g->nodes; v++) {
    of(g, v, &cv);
    const uint32_t *nb = cv.list;
    for (uint32_t i = 0; i < cv.n; i++) {
      uint32_t u = nb[i];
      if (u == v) return 0;
      if (i > 0 && nb[i - 1] >= u) return 0; /* sorted, no repeats */
      const uint32_t *back = of(g, u, &cu)->list;
      uint32_t du = cu.n, found = 0;
      for (uint32_t j = 0; j < du; j++) found |= back[j] == v;
      if (!found) return 0;
    }
  }
  return 1;
}

/* Mean local clustering coefficient over all nodes of degree >= 2. */
static double clustering(const sq_graph *g) {
  double sum = 0;
  uint32_t counted = 0;
  contacts cv, cn;
  for (uint32_t v = 0; v < g->nodes; v++) {
    uint32_t d = of(g, v, &cv)->n;
    if (d < 2) continue;
    const uint32_t *nb = cv.list;
    uint64_t links = 0;
    for (uint32_t i = 0; i < d; i++) {
      const uint32_t *nn = of(g, nb[i], &cn)->list;
      uint32_t dn = cn.n;
      for (uint32_t j = i + 1; j < d; j++) /* is nb[j] a neighbour of nb[i]? */
        for (uint32_t k = 0; k < dn; k++)
          if (nn[k] == nb[j]) {
            links++;
            break;
          }
    }
    sum += 2.0 * links / ((double)d * (d - 1));
    counted++;
  }
  return sum / counted;
}

static double mean_degree(const sq_graph *g) {
  double sum = 0;
  for (uint32_t v = 0; v < g->nodes; v++) sum += degree(g, v);
  return sum / g->nodes;
}

/* The same contacts for every agent. */
static int same_graph(const sq_graph *a, const sq_graph *b) {
  contacts ca, cb;
  if (a->nodes != b->nodes) return 0;
  for (uint32_t v = 0; v < a->nodes; v++) {
    of(a, v, &ca), of(b, v, &cb);
    if (ca.n != cb.n || memcmp(ca.list, cb.list, ca.n * sizeof *ca.list)) return 0;
  }
  return 1;
}

static void test_watts_strogatz(void) {
  const uint32_t n = 20000;
  sq_graph_params p = {SQ_GRAPH_WATTS_STROGATZ, 10, 0.0};
  sq_graph g;
  sq_error err = {0};
  CHECK(sq_graph_build(&g, &p, n, 2385, 2, &err) == 0, "ring lattice builds");
  int regular = 1;
  for (uint32_t v = 0; v < n; v++) regular &= degree(&g, v) == 10;
  CHECK(regular, "beta = 0: every agent has exactly 10 contacts");
  double c0 = clustering(&g), expected0 = 3.0 * (10 - 2) / (4.0 * (10 - 1));
  CHECK(fabs(c0 - expected0) < 1e-9, "beta = 0: clustering %.6f = 3(k-2)/(4(k-1)) = %.6f", c0,
        expected0);
  sq_graph_free(&g);

  /* Barrat & Weigt (2000): C(beta) ~ C(0) (1 - beta)^3.  The estimate over
   * 20,000 nodes has a standard error near 0.001; allow 0.01. */
  p.rewire_probability = 0.1385;
  CHECK(sq_graph_build(&g, &p, n, 2385, 2, &err) == 0, "rewired lattice builds");
  double c = clustering(&g), expected = expected0 * pow(1 - 0.1385, 3);
  CHECK(fabs(c - expected) < 0.01, "beta = 0.1385: clustering %.4f, Barrat-Weigt %.4f", c,
        expected);
  /* rewired edges that land on an existing contact are dropped: the mean
   * degree falls short of k by about k beta k/n, negligible here */
  double md = mean_degree(&g);
  CHECK(fabs(md - 10) < 0.01, "mean degree %.4f, expected 10", md);
  CHECK(symmetric(&g), "contacts are mutual, sorted, without repeats or self-loops");

  sq_graph g1, g4;
  sq_graph_build(&g1, &p, n, 77, 1, &err);
  sq_graph_build(&g4, &p, n, 77, 4, &err);
  CHECK(g1.offset[n] == g4.offset[n] &&
            memcmp(g1.offset, g4.offset, (n + 1) * sizeof(uint32_t)) == 0 &&
            memcmp(g1.neighbor, g4.neighbor, g1.offset[n] * sizeof(uint32_t)) == 0 &&
            memcmp(g1.rewired, g4.rewired, n) == 0 && same_graph(&g1, &g4),
        "the same graph with 1 and 4 threads");
  CHECK(g1.rewired != NULL, "a ring of 10 contacts is computed on the fly");
  double bytes = (double)sq_graph_bytes(&g1) / n;
  CHECK(bytes <= 16, "a ring of 10 contacts, beta %.4f, holds %.2f B an agent (at most 16)",
        p.rewire_probability, bytes);
  /* beyond 8 contacts a side the ring is stored as lists: the same edges */
  sq_graph_params wide = p;
  wide.mean_degree = 18;
  sq_graph gw;
  CHECK(sq_graph_build(&gw, &wide, n, 77, 2, &err) == 0 && gw.rewired == NULL &&
            symmetric(&gw) && fabs(mean_degree(&gw) - 18) < 0.02,
        "a ring of 18 contacts is stored, mutual, mean degree %.3f", mean_degree(&gw));
  sq_graph_free(&gw);
  sq_graph_free(&g1);
  sq_graph_free(&g4);
  sq_graph_free(&g);
}

static void test_barabasi_albert(void) {
  const uint32_t n = 200000, m = 3;
  sq_graph_params p = {SQ_GRAPH_BARABASI_ALBERT, 2 * m, 0};
  sq_graph g;
  sq_error err = {0};
  CHECK(sq_graph_build(&g, &p, n, 2385, 2, &err) == 0, "preferential attachment builds");
  uint32_t min = UINT32_MAX, max = 0;
  double count[64] = {0};
  for (uint32_t v = 0; v < n; v++) {
    uint32_t d = degree(&g, v);
    min = d < min ? d : min;
    max = d > max ? d : max;
    if (d < 64) count[d]++;
  }
  double md = mean_degree(&g), expect_md = 2.0 * m * (1 - (double)(m + 1) / (2.0 * n));
  CHECK(fabs(md - expect_md) < 1e-9, "mean degree %.6f, exactly 2m - m(m+1)/n = %.6f", md, expect_md);
  CHECK(min == m, "least degree is m = %u (got %u)", m, min);
  CHECK(max > 200, "heavy tail: the largest degree is %u (> 200)", max);
  /* Bollobas et al. (2001): P(k) = 2m(m+1) / (k(k+1)(k+2)) for large n.
   * Counts of n = 200,000 nodes have relative standard errors under 3% for
   * k <= 12; each count must lie within 5 standard errors of a binomial. */
  int all = 1;
  for (uint32_t k = m; k <= 12; k++) {
    double pk = 2.0 * m * (m + 1) / ((double)k * (k + 1) * (k + 2));
    double se = sqrt(n * pk * (1 - pk));
    if (fabs(count[k] - n * pk) > 5 * se) all = 0;
    printf("      k=%2u: %7.0f nodes, expected %9.1f\n", k, count[k], n * pk);
  }
  CHECK(all, "degree distribution follows 2m(m+1)/(k(k+1)(k+2)) for k = m..12");
  CHECK(symmetric(&g), "contacts are mutual, sorted, without repeats or self-loops");
  sq_graph_free(&g);
}

int main(void) {
  test_watts_strogatz();
  test_barabasi_albert();
  return CHECK_DONE();
}

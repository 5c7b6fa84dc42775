/* Graph generation: degree statistics and clustering against their known
 * values, symmetry, and independence from the thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "models/graph.h"
#include "sim/io/edge_list.h"

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
  sq_graph_params p = {.model = SQ_GRAPH_WATTS_STROGATZ, .mean_degree = 10, .rewire_probability = 0.0};
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
  sq_graph_params p = {.model = SQ_GRAPH_BARABASI_ALBERT, .mean_degree = 2 * m};
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

/* An edge list: ids in order of first appearance, a header, comments,
 * CSV and white space, a self-loop and repeated edges dropped. */
static void test_edge_list(void) {
  static const char text[] = "# a small network\n"
                             "from,to\n"
                             "10,20\n"
                             "20 , 30   # a comment\n"
                             "\n"
                             "30\t10\n"
                             "20,10\n"  /* 10-20 again, reversed */
                             "40 40\n"  /* a self-loop: agent 3, no contact */
                             "10,30\r\n"; /* 10-30 again, CRLF */
  sq_edge_list e;
  sq_error err = {0};
  int rc = sq_edge_list_parse(text, sizeof text - 1, "t.csv", &e, &err);
  CHECK(rc == 0 && e.nodes == 4 && e.n_edges == 5, "4 agents, 5 edges kept of 6 lines (%s)",
        err.message);
  CHECK(rc == 0 && e.ends[0] == 0 && e.ends[1] == 1 && e.ends[2] == 1 && e.ends[3] == 2 &&
            e.ends[4] == 2 && e.ends[5] == 0,
        "ids 10, 20, 30 are agents 0, 1, 2 in order of first appearance; the header is skipped");
  sq_graph_params p = {.model = SQ_GRAPH_EDGE_LIST, .edges = &e};
  sq_graph g;
  rc = rc ? rc : sq_graph_build(&g, &p, e.nodes, 1, 2, &err);
  CHECK(rc == 0 && g.offset[4] == 6 && degree(&g, 0) == 2 && degree(&g, 1) == 2 &&
            degree(&g, 2) == 2 && degree(&g, 3) == 0 && symmetric(&g),
        "a triangle and an isolated agent: duplicates and the self-loop dropped, stored as CSR");
  if (!rc) sq_graph_free(&g);
  CHECK(sq_graph_build(&g, &p, 5, 1, 1, &err) != 0 && strstr(err.message, "has 4 agents"),
        "a population of another size is refused: %s", err.message);
  sq_edge_list_free(&e);

  static const char tokens[] = "alice bob\nbob carol\n";
  rc = sq_edge_list_parse(tokens, sizeof tokens - 1, "t.txt", &e, &err);
  CHECK(rc == 0 && e.nodes == 3 && e.n_edges == 2, "ids may be any tokens; a first line of "
        "tokens is an edge when the others are tokens too");
  if (!rc) sq_edge_list_free(&e);
  static const char named[] = "Source Target\nalice bob\nbob carol\n";
  rc = sq_edge_list_parse(named, sizeof named - 1, "t.txt", &e, &err);
  CHECK(rc == 0 && e.nodes == 3 && e.n_edges == 2, "with tokens, a header of usual words "
        "(Source Target) is skipped");
  if (!rc) sq_edge_list_free(&e);

  static const struct { const char *text, *message; } bad[] = {
      {"1 2\n3\n", "t.csv:2: expected two agent ids separated by a comma or white space, found 1 field: '3'"},
      {"1,2\n1,2,0.5\n", "t.csv:2: expected two agent ids separated by a comma or white space, found 3 fields: '1,2,0.5'"},
      {"# x\n1,\n", "t.csv:2: expected two agent ids separated by a comma or white space, found an empty id among 2 fields: '1,'"},
      {"# nothing\n\n", "t.csv: expected at least one edge (two agent ids a line), found none"},
  };
  for (size_t i = 0; i < SQ_LEN(bad); i++) {
    rc = sq_edge_list_parse(bad[i].text, strlen(bad[i].text), "t.csv", &e, &err);
    CHECK(rc == SQ_EINPUT && strcmp(err.message, bad[i].message) == 0, "bad list %zu: %s", i,
          err.message);
  }
  static const char nul[] = "1 2\n3 \0 4\n";
  rc = sq_edge_list_parse(nul, sizeof nul - 1, "t.csv", &e, &err);
  CHECK(rc == SQ_EINPUT && strcmp(err.message, "t.csv:2: expected text, found a NUL byte") == 0,
        "a NUL byte is refused: %s", err.message);
}

int main(void) {
  test_edge_list();
  test_watts_strogatz();
  test_barabasi_albert();
  return CHECK_DONE();
}

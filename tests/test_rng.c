/* Philox against Random123's known-answer vectors, and the draws built on it. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "check.h"
#include "models/rng.h"
#include "models/vecmath.h"

/* Random123's kat_vectors for philox4x32 with 10 rounds: counter, key, result. */
static const uint32_t kat[3][10] = {
    {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
    {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d,
     0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
    {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09,
     0x94fdcceb, 0x5001e420, 0x24126ea1},
};

static void test_known_answers(void) {
  for (int i = 0; i < 3; i++) {
    philox4x32_ctr_t c = {{kat[i][0], kat[i][1], kat[i][2], kat[i][3]}};
    philox4x32_key_t k = {{kat[i][4], kat[i][5]}};
    philox4x32_ctr_t r = philox4x32(c, k);
    CHECK(r.v[0] == kat[i][6] && r.v[1] == kat[i][7] && r.v[2] == kat[i][8] &&
              r.v[3] == kat[i][9],
          "philox4x32-10 known-answer vector %d", i);
    /* sq_philox maps (seed, replicate, day, agent, purpose, index) onto the
     * same function: key = seed, counter = {agent, day, replicate, purpose<<24|index} */
    uint64_t seed = (uint64_t)kat[i][5] << 32 | kat[i][4];
    uint32_t purpose = kat[i][3] >> 24, index = kat[i][3] & 0xFFFFFF;
    sq_bits4 b = sq_philox(seed, kat[i][2], kat[i][1], kat[i][0], purpose, index);
    CHECK(b.v[0] == kat[i][6] && b.v[3] == kat[i][9], "sq_philox layout, vector %d", i);
  }
}

static void test_stream(void) {
  gsl_rng *a = sq_stream_alloc(), *b = sq_stream_alloc();
  sq_stream_reset(a, 2385, 7, 11, 13, SQ_DRAW_INVITE);
  sq_stream_reset(b, 2385, 7, 11, 13, SQ_DRAW_INVITE);
  int same = 1;
  for (int i = 0; i < 1000; i++) same &= gsl_rng_get(a) == gsl_rng_get(b);
  CHECK(same, "a stream is a pure function of its key: 1000 equal draws");
  /* the first block of a stream is sq_philox(..., index 0) */
  sq_stream_reset(a, 2385, 7, 11, 13, SQ_DRAW_INVITE);
  sq_bits4 first = sq_philox(2385, 7, 11, 13, SQ_DRAW_INVITE, 0);
  sq_bits4 second = sq_philox(2385, 7, 11, 13, SQ_DRAW_INVITE, 1);
  uint32_t d[8];
  for (int i = 0; i < 8; i++) d[i] = (uint32_t)gsl_rng_get(a);
  CHECK(d[0] == first.v[0] && d[3] == first.v[3] && d[4] == second.v[0] && d[7] == second.v[3],
        "stream blocks follow the index");
  sq_stream_reset(b, 2385, 7, 11, 14, SQ_DRAW_INVITE);
  sq_stream_reset(a, 2385, 7, 11, 13, SQ_DRAW_INVITE);
  int differ = 0;
  for (int i = 0; i < 100; i++) differ += gsl_rng_get(a) != gsl_rng_get(b);
  CHECK(differ >= 99, "neighbouring agents give different streams (%d of 100 differ)", differ);

  /* sq_stream_below: uniform over 0..6, chi-square with 6 degrees of freedom */
  enum { N = 700000, K = 7 };
  long count[K] = {0};
  sq_stream_reset(a, 99, 0, 0, 0, SQ_DRAW_OUTREACH);
  for (int i = 0; i < N; i++) count[sq_stream_below(a, K)]++;
  double chi2 = 0, expect = (double)N / K;
  for (int k = 0; k < K; k++) chi2 += (count[k] - expect) * (count[k] - expect) / expect;
  double pvalue = gsl_cdf_chisq_Q(chi2, K - 1);
  CHECK(pvalue > 0.001, "sq_stream_below(7) uniform: chi2 %.2f, p %.3f (reject below 0.001)", chi2,
        pvalue);
  gsl_rng_free(a);
  gsl_rng_free(b);
}

/* sq_poisson_inv against the Poisson probabilities: chi-square over the
 * counts 0..kmax (tail pooled), for the small rates members have and a large one. */
static void test_poisson(void) {
  const double lambdas[] = {0.0137, 0.385, 2.385, 23.85};
  for (size_t j = 0; j < sizeof lambdas / sizeof lambdas[0]; j++) {
    double lambda = lambdas[j];
    enum { N = 400000, BINS = 64 };
    long count[BINS] = {0};
    double mean = 0;
    for (uint32_t i = 0; i < N; i++) {
      sq_bits4 b = sq_philox(5, 0, 0, i, SQ_DRAW_MEMBER_DAY, 0);
      uint32_t k = sq_poisson_inv(lambda, sq_u01(b.v[0]));
      mean += k;
      count[k < BINS - 1 ? k : BINS - 1]++;
    }
    mean /= N;
    /* pool bins with fewer than 5 expected */
    double chi2 = 0, exp_pool = 0, obs_pool = 0;
    int dof = -1;
    for (int k = 0; k < BINS; k++) {
      double p = k < BINS - 1 ? gsl_ran_poisson_pdf((unsigned)k, lambda) : gsl_cdf_poisson_Q(BINS - 2, lambda);
      exp_pool += N * p;
      obs_pool += count[k];
      if (exp_pool >= 5) {
        chi2 += (obs_pool - exp_pool) * (obs_pool - exp_pool) / exp_pool;
        dof++;
        exp_pool = obs_pool = 0;
      }
    }
    double se = sqrt(lambda / N);
    CHECK(fabs(mean - lambda) < 4 * se, "Poisson(%g) mean %.5f within 4 standard errors", lambda,
          mean);
    double pvalue = dof > 0 ? gsl_cdf_chisq_Q(chi2, dof) : 1;
    CHECK(pvalue > 0.001, "Poisson(%g) counts: chi2 %.1f on %d dof, p %.3f", lambda, chi2, dof,
          pvalue);
  }
  CHECK(sq_poisson_inv(0.0, 0.999) == 0 && sq_poisson_inv(-1.0, 0.5) == 0,
        "Poisson of rate 0 or less is 0");
  CHECK(sq_u01(0) > 0 && sq_u01(0xFFFFFFFFu) < 1, "sq_u01 stays inside (0, 1)");
}

/* Many blocks at once (vectorised: AVX2 lanes of 8 where the CPU has them,
 * with the rest one at a time) are the blocks sq_philox gives one by one,
 * for every count up to a few vectors and both layouts (many agents, one
 * index; one agent, many indices), with counter words that use all 32 bits. */
static void test_many_blocks(void) {
  enum { MAX = 41 };
  uint32_t agent[MAX], index[MAX], out[4][MAX];
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  for (uint32_t i = 0; i < MAX; i++) agent[i] = 0xFFFFFFFFu - 977 * i, index[i] = 0xABCDE0 + i;
  bool agents_ok = true, indices_ok = true;
  for (uint32_t n = 0; n <= MAX; n++) {
    sq_philox_agents(seed, 0xFFFFFFF0u, 0x80000001u, SQ_DRAW_MEMBER_DAY, 0x123456, agent, n,
                     out[0], out[1], out[2], out[3]);
    for (uint32_t i = 0; i < n; i++) {
      sq_bits4 b = sq_philox(seed, 0xFFFFFFF0u, 0x80000001u, agent[i], SQ_DRAW_MEMBER_DAY, 0x123456);
      for (int k = 0; k < 4; k++) agents_ok &= out[k][i] == b.v[k];
    }
    sq_philox_indices(seed, 7, SQ_NO_DAY, SQ_DRAW_INTEREST, 0xFEDCBA98u, index, n, out[0], out[1],
                      out[2], out[3]);
    for (uint32_t i = 0; i < n; i++) {
      sq_bits4 b = sq_philox(seed, 7, SQ_NO_DAY, 0xFEDCBA98u, SQ_DRAW_INTEREST, index[i]);
      for (int k = 0; k < 4; k++) indices_ok &= out[k][i] == b.v[k];
    }
  }
  CHECK(agents_ok, "sq_philox_agents equals sq_philox, n = 0..%d", MAX);
  CHECK(indices_ok, "sq_philox_indices equals sq_philox, n = 0..%d", MAX);
}

/* Many Poisson draws at once give the counts one draw at a time gives
 * (with exp(-lambda) by sq_vexp_neg), across rates from 0 (and below) to
 * 60, uniforms anywhere in (0, 1), and more draws than one chunk. */
static void test_poisson_many(void) {
  enum { N = 3000 };
  static double lambda[N], u[N];
  static uint32_t count[N];
  for (uint32_t j = 0; j < N; j++) {
    sq_bits4 b = sq_philox(11, 0, 0, j, SQ_DRAW_MEMBER_DAY, 0);
    lambda[j] = j % 97 == 0 ? -0.5 * (j % 2) : 60.0 * pow(sq_u01(b.v[0]), 4); /* many small */
    u[j] = sq_u01(b.v[1]);
  }
  bool same = true;
  long nonzero = 0;
  for (uint32_t n = 0; n <= N; n += n < 40 ? 1 : 977) {
    sq_poisson_inv_many(lambda, u, n, count);
    for (uint32_t j = 0; j < n; j++) {
      uint32_t one = sq_poisson_inv_from(lambda[j], u[j], sq_vexp_neg(-lambda[j]));
      same &= count[j] == one;
      nonzero += one > 0;
    }
  }
  CHECK(same && nonzero > 1000, "sq_poisson_inv_many equals one draw at a time (%ld nonzero)",
        nonzero);
}

int main(void) {
  test_known_answers();
  test_many_blocks();
  test_poisson_many();
  test_stream();
  test_poisson();
  return CHECK_DONE();
}

/* Counter-based random numbers (Random123's Philox4x32-10).
 *
 * Every random draw in shequn is a pure function of
 *   (seed, replicate, day, agent, purpose, index)
 * so a run's results cannot depend on how many threads or MPI ranks share
 * the work, nor on the order in which they reach a draw.  The 64-bit seed is
 * the Philox key; the other five form the 128-bit counter:
 *   ctr = { agent, day, replicate, purpose << 24 | index }.
 * `index` (24 bits) numbers successive blocks of one stream.
 *
 * Two ways to draw:
 *  - sq_philox(): one block of four 32-bit words, inline, for hot loops;
 *  - an sq_stream gsl_rng: an endless stream for one (seed, replicate, day,
 *    agent, purpose), so GSL's distributions (gamma, beta, binomial, ...)
 *    can be used deterministically.  Re-key it with sq_stream_reset().
 */
#ifndef SQ_RNG_H
#define SQ_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include <Random123/philox.h>

/* What a draw is for.  Each purpose is its own family of streams: its
 * value is part of every counter drawn for it, so the values are written
 * out and never change (a purpose removed leaves a gap: 9 was a split's,
 * never drawn). */
typedef enum sq_purpose {
  SQ_DRAW_ATTRIBUTES = 1, /* population attributes, function of (seed, replicate, agent) */
  SQ_DRAW_GRAPH = 2,      /* social graph generation */
  SQ_DRAW_MEMBER_DAY = 3, /* a member's day: post, engagement noise, leave, invite */
  SQ_DRAW_INVITE = 4,     /* targets and acceptance of one member's invitations */
  SQ_DRAW_OUTREACH = 5,   /* a group's outreach: how many are reached, whom */
  SQ_DRAW_FOUNDERS = 6,   /* a new group's owner and founding members */
  SQ_DRAW_GROUP_DAY = 7,  /* group-level events of a day (moderation, team, drift) */
  SQ_DRAW_SETTINGS = 8,   /* settings drawn per replicate (scenario "vary") */
  SQ_DRAW_TEAM = 10,      /* an organiser's own burnout rate */
  SQ_DRAW_NEIGHBOURHOOD = 11, /* a neighbourhood's local topic, (seed, replicate, block) */
  SQ_DRAW_DESIGN_POINT = 12,   /* a coordinate of a random sweep design */
  SQ_DRAW_DESIGN_STRATUM = 13, /* a Latin hypercube point within its stratum */
  SQ_DRAW_DESIGN_SHUFFLE = 14, /* a Fisher-Yates step of a Latin hypercube */
  SQ_DRAW_BOOTSTRAP = 15,      /* a bootstrap resample of sensitivity indices */
  SQ_DRAW_CHARACTER = 16,      /* a group's character (models/character.c) */
  SQ_DRAW_ARRIVAL = 17,        /* the day an agent enters the market, (seed, replicate, agent) */
  SQ_DRAW_INTEREST = 18,       /* an agent's interest vector, (seed, replicate, agent) */
  SQ_DRAW_FIT_PROPOSAL = 19,   /* a fit candidate's parameters, (seed, generation, index) */
  SQ_DRAW_FIT_REPLICATE = 20,  /* the replicate a fit candidate is simulated as */
  SQ_DRAW_FIT_DRAWS = 21       /* a fit's posterior draws and bootstrap resamples */
} sq_purpose;

/* Counter words used where a draw does not depend on day or replicate. */
#define SQ_NO_DAY 0xFFFFFFFFu
#define SQ_NO_REPLICATE 0xFFFFFFFFu

typedef struct sq_bits4 { uint32_t v[4]; } sq_bits4;

static inline sq_bits4 sq_philox(uint64_t seed, uint32_t replicate, uint32_t day,
                                 uint32_t agent, uint32_t purpose, uint32_t index) {
  philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  philox4x32_ctr_t ctr = {{agent, day, replicate, purpose << 24 | (index & 0xFFFFFFu)}};
  philox4x32_ctr_t out = philox4x32(ctr, key);
  sq_bits4 b = {{out.v[0], out.v[1], out.v[2], out.v[3]}};
  return b;
}

/* Clones for CPUs with AVX-512 and with AVX2, one chosen at load time
 * where the compiler and C library support it: several agents per
 * instruction in sq_philox_agents and the engine's member arithmetic.
 * Floating-point contraction is off (CMakeLists.txt), so every clone gives
 * the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define SQ_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SQ_VECTOR_CLONES
#endif

/* One block of sq_philox for each of n agents on one day, purpose and
 * index: out[k][i] = sq_philox(seed, replicate, day, agent[i], purpose,
 * index).v[k].  Written for the compiler to vectorise (several agents at
 * once where the CPU allows); the results are the same bits either way. */
void sq_philox_agents(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                      uint32_t index, const uint32_t *restrict agent, uint32_t n,
                      uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                      uint32_t *restrict out3);

/* The same for one agent and n indices: out[k][i] = sq_philox(seed,
 * replicate, day, agent, purpose, index[i]).v[k] (several blocks of one
 * agent at once, e.g. the topics of its interest vector). */
void sq_philox_indices(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                       uint32_t agent, const uint32_t *restrict index, uint32_t n,
                       uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                       uint32_t *restrict out3);

/* Uniform on the open interval (0, 1) from one 32-bit word. */
static inline double sq_u01(uint32_t bits) { return ((double)bits + 0.5) * 0x1p-32; }

/* Uniform integer in [0, n) from 64 random bits (bias below n / 2^64). */
static inline uint32_t sq_below64(uint64_t bits, uint32_t n) {
  return (uint32_t)(((unsigned __int128)bits * n) >> 64);
}

/* Poisson(lambda) by inversion from one uniform u in (0,1).  Exact.  Since
 * P(0) = exp(-lambda) >= 1 - lambda, any u < 1 - lambda gives 0 without
 * evaluating exp: the common case for the small daily rates of members. */
static inline uint32_t sq_poisson_inv_from(double lambda, double u, double exp_neg_lambda);
static inline uint32_t sq_poisson_inv(double lambda, double u) {
  if (!(lambda > 0.0) || u < 1.0 - lambda) return 0;
  return sq_poisson_inv_from(lambda, u, __builtin_exp(-lambda));
}

/* The same with exp(-lambda) given (computed for many draws at once). */
static inline uint32_t sq_poisson_inv_from(double lambda, double u, double exp_neg_lambda) {
  if (!(lambda > 0.0) || u < 1.0 - lambda) return 0;
  double p = exp_neg_lambda, cdf = p;
  uint32_t k = 0;
  /* The bound stops the loop where the remaining mass is below 2^-53. */
  uint32_t kmax = (uint32_t)(lambda + 12.0 * __builtin_sqrt(lambda) + 40.0);
  while (u > cdf && k < kmax) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/* count[j] = sq_poisson_inv_from(lambda[j], u[j], e_j) for j < n, where e_j
 * is exp(-lambda[j]) by sq_vexp_neg (models/vecmath.h): the same counts,
 * for many draws at once and faster (step k of the inversion is taken for
 * all draws still going in one vectorised loop; one draw at a time, the
 * loop's exit is a mispredicted branch per draw). */
void sq_poisson_inv_many(const double *restrict lambda, const double *restrict u, uint32_t n,
                         uint32_t *restrict count);

/* An endless stream as a gsl_rng.  Allocate once per thread, re-key per use. */
gsl_rng *sq_stream_alloc(void);
void sq_stream_reset(gsl_rng *r, uint64_t seed, uint32_t replicate, uint32_t day,
                     uint32_t agent, uint32_t purpose);

/* Uniform integer in [0, n) from a stream (n > 0), without modulo bias. */
uint32_t sq_stream_below(gsl_rng *r, uint32_t n);

#endif

#include "models/rng.h"
#include "models/vecmath.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

/* State of an sq_stream: the Philox key and counter of the current block, the
 * block's four words and how many of them have been handed out. */
typedef struct {
  philox4x32_key_t key;
  philox4x32_ctr_t ctr;
  philox4x32_ctr_t block;
  unsigned used;
} stream_state;

static void stream_set(void *vstate, unsigned long seed) {
  stream_state *s = vstate;
  memset(s, 0, sizeof *s);
  s->key.v[0] = (uint32_t)seed;
  s->key.v[1] = (uint32_t)((uint64_t)seed >> 32);
  s->used = 4;
}

static unsigned long stream_get(void *vstate) {
  stream_state *s = vstate;
  if (s->used == 4) {
    s->block = philox4x32(s->ctr, s->key);
    /* the low 24 bits of word 3 number the blocks of this stream */
    s->ctr.v[3] = (s->ctr.v[3] & 0xFF000000u) | ((s->ctr.v[3] + 1) & 0xFFFFFFu);
    s->used = 0;
  }
  return s->block.v[s->used++];
}

static double stream_get_double(void *vstate) {
  return (double)stream_get(vstate) * 0x1p-32;
}

static const gsl_rng_type stream_type = {
    "sq_philox4x32", 0xFFFFFFFFUL, 0, sizeof(stream_state),
    stream_set, stream_get, stream_get_double};

gsl_rng *sq_stream_alloc(void) { return gsl_rng_alloc(&stream_type); }

void sq_stream_reset(gsl_rng *r, uint64_t seed, uint32_t replicate, uint32_t day,
                     uint32_t agent, uint32_t purpose) {
  stream_state *s = r->state;
  s->key.v[0] = (uint32_t)seed;
  s->key.v[1] = (uint32_t)(seed >> 32);
  s->ctr.v[0] = agent;
  s->ctr.v[1] = day;
  s->ctr.v[2] = replicate;
  s->ctr.v[3] = purpose << 24;
  s->used = 4;
}

uint32_t sq_stream_below(gsl_rng *r, uint32_t n) {
  /* Lemire's multiply-shift with rejection: exact and usually one draw. */
  uint64_t m = (uint64_t)(uint32_t)gsl_rng_get(r) * n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t threshold = (uint32_t)(-n) % n;
    while (low < threshold) {
      m = (uint64_t)(uint32_t)gsl_rng_get(r) * n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

/* ---- many blocks at once ---------------------------------------------------
 *
 * Philox4x32-10 on 8 counters at once with AVX2 (the same integer arithmetic
 * as Random123's philox4x32, so the same bits): a round's two 32 x 32 -> 64
 * bit products of 8 lanes are two vpmuludq (even lanes, then odd lanes
 * shifted down) whose halves are put back in place by shifts and blends,
 * within 128-bit lanes.  GCC's vectorisation of the plain loop widens and
 * narrows across lanes instead and runs at less than half this speed
 * (bench/README.md).  Used where the CPU has AVX2 but not AVX-512, the
 * only machine it was measured on; elsewhere the plain loop, compiled in
 * clones (SQ_VECTOR_CLONES). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define SQ_PHILOX_AVX2 1

typedef struct philox8 { __m256i v[4]; } philox8;

__attribute__((target("avx2"))) static inline void mulhilo8(__m256i a, __m256i m, __m256i *hi,
                                                              __m256i *lo) {
  __m256i even = _mm256_mul_epu32(a, m);                       /* lanes 0, 2, 4, 6 */
  __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m); /* lanes 1, 3, 5, 7 */
  *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

__attribute__((target("avx2"))) static inline philox8 philox8_run(philox8 c, uint64_t seed) {
  uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M4x32_0);
  const __m256i m1 = _mm256_set1_epi32((int)PHILOX_M4x32_1);
  for (int round = 0; round < 10; round++) {
    __m256i hi0, lo0, hi1, lo1;
    mulhilo8(c.v[0], m0, &hi0, &lo0);
    mulhilo8(c.v[2], m1, &hi1, &lo1);
    __m256i key0 = _mm256_set1_epi32((int)k0), key1 = _mm256_set1_epi32((int)k1);
    philox8 n = {{_mm256_xor_si256(_mm256_xor_si256(hi1, c.v[1]), key0), lo1,
                  _mm256_xor_si256(_mm256_xor_si256(hi0, c.v[3]), key1), lo0}};
    c = n;
    k0 += PHILOX_W32_0;
    k1 += PHILOX_W32_1;
  }
  return c;
}

__attribute__((target("avx2"))) static uint32_t philox_avx2(
    uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose, uint32_t index,
    const uint32_t *agent, const uint32_t *indices, uint32_t one_agent, uint32_t n,
    uint32_t *out0, uint32_t *out1, uint32_t *out2, uint32_t *out3) {
  uint32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256i a = agent ? _mm256_loadu_si256((const __m256i *)(agent + i))
                      : _mm256_set1_epi32((int)one_agent);
    __m256i last = indices ? _mm256_or_si256(
                                 _mm256_set1_epi32((int)(purpose << 24)),
                                 _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(indices + i)),
                                                  _mm256_set1_epi32(0xFFFFFF)))
                           : _mm256_set1_epi32((int)(purpose << 24 | (index & 0xFFFFFFu)));
    philox8 c = {{a, _mm256_set1_epi32((int)day), _mm256_set1_epi32((int)replicate), last}};
    c = philox8_run(c, seed);
    _mm256_storeu_si256((__m256i *)(out0 + i), c.v[0]);
    _mm256_storeu_si256((__m256i *)(out1 + i), c.v[1]);
    _mm256_storeu_si256((__m256i *)(out2 + i), c.v[2]);
    _mm256_storeu_si256((__m256i *)(out3 + i), c.v[3]);
  }
  return i; /* the rest (fewer than 8) go one at a time */
}

static bool use_avx2(void) {
  static atomic_int known = -1; /* threads may race to set it: all set the same value */
  int k = atomic_load_explicit(&known, memory_order_relaxed);
  if (k < 0) {
    __builtin_cpu_init();
    k = __builtin_cpu_supports("avx2") && !__builtin_cpu_supports("avx512f");
    atomic_store_explicit(&known, k, memory_order_relaxed);
  }
  return k;
}
#endif

SQ_VECTOR_CLONES
static void philox_plain(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                         uint32_t index, const uint32_t *restrict agent,
                         const uint32_t *restrict indices, uint32_t one_agent, uint32_t n,
                         uint32_t *restrict out0, uint32_t *restrict out1,
                         uint32_t *restrict out2, uint32_t *restrict out3) {
  philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  for (uint32_t i = 0; i < n; i++) {
    uint32_t last = purpose << 24 | ((indices ? indices[i] : index) & 0xFFFFFFu);
    philox4x32_ctr_t ctr = {{agent ? agent[i] : one_agent, day, replicate, last}};
    philox4x32_ctr_t r = philox4x32(ctr, key);
    out0[i] = r.v[0];
    out1[i] = r.v[1];
    out2[i] = r.v[2];
    out3[i] = r.v[3];
  }
}

/* Blocks for agent[i] (or one_agent) and index (or indices[i]). */
static void philox_many(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                        uint32_t index, const uint32_t *agent, const uint32_t *indices,
                        uint32_t one_agent, uint32_t n, uint32_t *out0, uint32_t *out1,
                        uint32_t *out2, uint32_t *out3) {
  uint32_t done = 0;
#ifdef SQ_PHILOX_AVX2
  if (use_avx2())
    done = philox_avx2(seed, replicate, day, purpose, index, agent, indices, one_agent, n, out0,
                       out1, out2, out3);
#endif
  philox_plain(seed, replicate, day, purpose, index, agent ? agent + done : NULL,
               indices ? indices + done : NULL, one_agent, n - done, out0 + done, out1 + done,
               out2 + done, out3 + done);
}

void sq_philox_agents(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                      uint32_t index, const uint32_t *restrict agent, uint32_t n,
                      uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                      uint32_t *restrict out3) {
  philox_many(seed, replicate, day, purpose, index, agent, NULL, 0, n, out0, out1, out2, out3);
}

void sq_philox_indices(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                       uint32_t agent, const uint32_t *restrict index, uint32_t n,
                       uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                       uint32_t *restrict out3) {
  philox_many(seed, replicate, day, purpose, 0, NULL, index, agent, n, out0, out1, out2, out3);
}

/* ---- many Poisson draws at once ------------------------------------------- */

enum { POISSON_CHUNK = 1024 };

SQ_VECTOR_CLONES
static void exp_neg_all(const double *restrict lambda, uint32_t n, double *restrict out) {
  for (uint32_t j = 0; j < n; j++) out[j] = sq_vexp_neg(-lambda[j]);
}

/* Step k of the inversion for the m draws still going. */
SQ_VECTOR_CLONES
static void poisson_step(uint32_t k, uint32_t m, const double *restrict lambda,
                         double *restrict p, double *restrict cdf) {
  for (uint32_t t = 0; t < m; t++) {
    p[t] *= lambda[t] / k;
    cdf[t] += p[t];
  }
}

static void poisson_chunk(const double *lambda, const double *u, uint32_t n, uint32_t *count) {
  double lam[POISSON_CHUNK], uu[POISSON_CHUNK], p[POISSON_CHUNK], cdf[POISSON_CHUNK];
  double kmax[POISSON_CHUNK];
  uint32_t who[POISSON_CHUNK], m = 0;
  exp_neg_all(lambda, n, p);
  for (uint32_t j = 0; j < n; j++) { /* step 0, as sq_poisson_inv_from: 0 or going on */
    double l = lambda[j], p0 = p[j];
    count[j] = 0;
    who[m] = j, lam[m] = l, uu[m] = u[j], p[m] = p0, cdf[m] = p0;
    bool going = l > 0.0 && !(u[j] < 1.0 - l) && u[j] > p0;
    kmax[m] = going ? (double)(uint32_t)(l + 12.0 * __builtin_sqrt(l) + 40.0) : 0;
    m += going;
  }
  for (uint32_t k = 1; m > 0; k++) {
    poisson_step(k, m, lam, p, cdf);
    uint32_t going = 0;
    for (uint32_t t = 0; t < m; t++) { /* the count so far; kept if it goes on */
      count[who[t]] = k;
      who[going] = who[t], lam[going] = lam[t], uu[going] = uu[t];
      p[going] = p[t], cdf[going] = cdf[t], kmax[going] = kmax[t];
      going += uu[t] > cdf[t] && k < kmax[t];
    }
    m = going;
  }
}

void sq_poisson_inv_many(const double *restrict lambda, const double *restrict u, uint32_t n,
                         uint32_t *restrict count) {
  for (uint32_t done = 0; done < n; done += POISSON_CHUNK)
    poisson_chunk(lambda + done, u + done, n - done < POISSON_CHUNK ? n - done : POISSON_CHUNK,
                  count + done);
}

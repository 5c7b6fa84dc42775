#include "models/rng.h"

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

SQ_VECTOR_CLONES
void sq_philox_agents(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                      uint32_t index, const uint32_t *restrict agent, uint32_t n,
                      uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                      uint32_t *restrict out3) {
  philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  uint32_t last = purpose << 24 | (index & 0xFFFFFFu);
  for (uint32_t i = 0; i < n; i++) {
    philox4x32_ctr_t ctr = {{agent[i], day, replicate, last}};
    philox4x32_ctr_t r = philox4x32(ctr, key);
    out0[i] = r.v[0];
    out1[i] = r.v[1];
    out2[i] = r.v[2];
    out3[i] = r.v[3];
  }
}

SQ_VECTOR_CLONES
void sq_philox_indices(uint64_t seed, uint32_t replicate, uint32_t day, uint32_t purpose,
                       uint32_t agent, const uint32_t *restrict index, uint32_t n,
                       uint32_t *restrict out0, uint32_t *restrict out1, uint32_t *restrict out2,
                       uint32_t *restrict out3) {
  philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  for (uint32_t i = 0; i < n; i++) {
    philox4x32_ctr_t ctr = {{agent, day, replicate, purpose << 24 | (index[i] & 0xFFFFFFu)}};
    philox4x32_ctr_t r = philox4x32(ctr, key);
    out0[i] = r.v[0];
    out1[i] = r.v[1];
    out2[i] = r.v[2];
    out3[i] = r.v[3];
  }
}

/* A hash map from agent id to the group it belongs to (>= 0), or, for an
 * agent who has left, the day it left (sq_map_former: -3 - day, so former
 * members may return after a while, models/entry.c).  Open addressing with
 * linear probing; work and memory grow with the members of a run, never
 * with the whole population. */
#ifndef SQ_AGENT_MAP_H
#define SQ_AGENT_MAP_H

#include <stdint.h>
#include <stdlib.h>

#define SQ_MAP_ABSENT (-2) /* never joined */
#define SQ_MAP_EMPTY_KEY 0xFFFFFFFFu

/* The value of an agent who left on `day` (>= 0): joined once and left. */
static inline int32_t sq_map_former(int32_t day) { return -3 - day; }
/* Is v (a value of the map) a former member's?  Then it left on day -3 - v. */
static inline int sq_map_is_former(int32_t v) { return v <= -3; }
static inline int32_t sq_map_left_day(int32_t v) { return -3 - v; }
typedef struct sq_agent_map {
  uint32_t *keys;
  int32_t *values;
  size_t capacity; /* a power of two */
  size_t count;
} sq_agent_map;

static inline size_t sq_map_home(const sq_agent_map *m, uint32_t key) {
  return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (m->capacity - 1);
}

static inline int32_t sq_map_get(const sq_agent_map *m, uint32_t key) {
  for (size_t i = sq_map_home(m, key);; i = (i + 1) & (m->capacity - 1)) {
    if (m->keys[i] == key) return m->values[i];
    if (m->keys[i] == SQ_MAP_EMPTY_KEY) return SQ_MAP_ABSENT;
  }
}

/* Start loading key's slot into the cache, for a get or put soon after
 * (the map is far larger than the caches: each lookup is a memory miss). */
static inline void sq_map_prefetch(const sq_agent_map *m, uint32_t key) {
  size_t i = sq_map_home(m, key);
  __builtin_prefetch(&m->keys[i]);
  __builtin_prefetch(&m->values[i]);
}

/* Set the value of a key that is present.  The table's shape is not
 * changed (no growth, no new slot: hence const), only the key's value is
 * written, so threads may set different present keys at once. */
static inline void sq_map_set_present(const sq_agent_map *m, uint32_t key, int32_t value) {
  size_t i = sq_map_home(m, key);
  while (m->keys[i] != key) i = (i + 1) & (m->capacity - 1);
  m->values[i] = value;
}

/* Returns 0, or -1 when out of memory. */
static inline int sq_map_init(sq_agent_map *m, size_t capacity) {
  m->capacity = 64;
  while (m->capacity < capacity) m->capacity *= 2;
  m->count = 0;
  m->keys = malloc(m->capacity * sizeof *m->keys);
  m->values = malloc(m->capacity * sizeof *m->values);
  if (!m->keys || !m->values) return -1;
  for (size_t i = 0; i < m->capacity; i++) m->keys[i] = SQ_MAP_EMPTY_KEY;
  return 0;
}

static inline void sq_map_free(sq_agent_map *m) {
  free(m->keys);
  free(m->values);
  m->keys = NULL;
  m->values = NULL;
}

static inline int sq_map_put(sq_agent_map *m, uint32_t key, int32_t value);

static inline int sq_map_grow(sq_agent_map *m) {
  sq_agent_map bigger;
  if (sq_map_init(&bigger, m->capacity * 2)) {
    sq_map_free(&bigger);
    return -1;
  }
  for (size_t i = 0; i < m->capacity; i++) /* cannot grow again: bigger is half empty */
    if (m->keys[i] != SQ_MAP_EMPTY_KEY && sq_map_put(&bigger, m->keys[i], m->values[i])) {
      sq_map_free(&bigger);
      return -1;
    }
  sq_map_free(m);
  *m = bigger;
  return 0;
}

static inline int sq_map_put(sq_agent_map *m, uint32_t key, int32_t value) {
  if (2 * (m->count + 1) > m->capacity && sq_map_grow(m)) return -1;
  size_t i = sq_map_home(m, key);
  while (m->keys[i] != key && m->keys[i] != SQ_MAP_EMPTY_KEY) i = (i + 1) & (m->capacity - 1);
  if (m->keys[i] == SQ_MAP_EMPTY_KEY) m->count++;
  m->keys[i] = key;
  m->values[i] = value;
  return 0;
}

/* Room for `extra` more keys without growing (one rehash instead of
 * several when many are put at once).  Returns 0, or -1 when out of memory. */
static inline int sq_map_reserve(sq_agent_map *m, size_t extra) {
  while (2 * (m->count + extra) > m->capacity)
    if (sq_map_grow(m)) return -1;
  return 0;
}

#endif

/* Rules and moderation (群规, 管理): see models/moderation.c. */
#ifndef SQ_MODERATION_H
#define SQ_MODERATION_H

#include <stdbool.h>
#include <stdint.h>
#include "models/rng.h"
#include "models/world.h"

extern const sq_mechanism sq_mechanism_moderation;

/* Is a spammer banned today?  With the day's ban chance, from its leave
 * word (a spammer leaves only by a ban).  Inline in the bookkeeping after
 * the members' arithmetic (models/engagement.c). */
static inline bool sq_spammer_banned(const sq_day_terms *t, uint32_t leave_word) {
  return sq_u01(leave_word) < t->ban;
}

#endif

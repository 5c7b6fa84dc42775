/* Word of mouth and mentoring (老人带新人): see models/mentoring.c. */
#ifndef SQ_MENTORING_H
#define SQ_MENTORING_H

#include <stdbool.h>
#include <stdint.h>
#include "models/world.h"

extern const sq_mechanism sq_mechanism_mentoring;

/* Is an inviter who joined the network on `join_day` a veteran today, so
 * that its invitees may be mentored?  Inline in the bookkeeping after the
 * members' arithmetic (models/engagement.c). */
static inline bool sq_is_veteran(const sq_day_terms *t, int32_t join_day) {
  return t->day - join_day >= t->veteran_days;
}

#endif

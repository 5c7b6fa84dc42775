/* Leaving (退群): see models/leaving.c. */
#ifndef SQ_LEAVING_H
#define SQ_LEAVING_H

#include <stdbool.h>
#include "models/world.h"

extern const sq_mechanism sq_mechanism_leaving;

/* Does a member leave today?  Its daily hazard is the base rate, plus the
 * silence of a disengaged member (e below the active threshold), plus the
 * newcomer's hazard in its first days, all damped by belonging and by
 * commitment growing with tenure (since join_day), and scaled by its own
 * leave_scale (its frailty and paid entry); it cannot leave while shielded
 * (docs/MODEL.md section 4.4).  `u` is its leave draw, uniform on (0, 1).  Inline in the
 * vectorised kernel: no branches. */
static inline bool sq_leaves(const sq_day_terms *t, double e, double bel, double u,
                             int32_t shield_until, int32_t newcomer_until, int32_t join_day,
                             float leave_scale) {
  double silence = e < t->threshold ? t->leave_rate * (1 - e / t->threshold) : 0;
  double newcomer = t->day < newcomer_until ? t->newcomer_leave : 0;
  double commitment = 1 / (1 + (double)(t->day - join_day) * t->tenure_rate);
  double hazard = (t->base_leave + silence + newcomer) * (1 - t->protection * bel) * commitment *
                  leave_scale;
  return (t->day >= shield_until) & (u < hazard);
}

#endif

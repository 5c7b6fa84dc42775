/* Belonging (归属感): see models/belonging.c. */
#ifndef SQ_BELONGING_H
#define SQ_BELONGING_H

#include "models/world.h"

extern const sq_mechanism sq_mechanism_belonging;

/* Tomorrow's belonging of a member with belonging `bel` and today's
 * engagement `e`: it grows with engagement towards 1 and decays
 * (docs/MODEL.md section 4.3).  Inline in the vectorised kernel. */
static inline double sq_belonging_next(const sq_day_terms *t, double e, double bel) {
  return bel + (t->gain * e * (1 - bel) - t->decay * bel);
}

#endif

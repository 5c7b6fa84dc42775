/* Spam and ads (广告): see models/spam.c. */
#ifndef SQ_SPAM_H
#define SQ_SPAM_H

#include <stdint.h>
#include "models/rng.h"
#include "models/world.h"

extern const sq_mechanism sq_mechanism_spam;

/* A spammer's ads today: Poisson at the day's ad rate, by inversion of its
 * post word (a spammer writes ads, not posts).  Inline in the bookkeeping
 * after the members' arithmetic (models/engagement.c). */
static inline uint32_t sq_spammer_ads(const sq_day_terms *t, uint32_t post_word) {
  return sq_poisson_inv_from(t->ad_rate, sq_u01(post_word), t->exp_neg_ad_rate);
}

#endif

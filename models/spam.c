/* Spam and ads (广告): spammers post ads instead of talk; the operator may
 * hard-sell too.
 *
 * Models: a spammer's day is its ads, Poisson at content.ad_rate_per_day
 * (sq_spammer_ads, models/spam.h, inline in the members' kernel,
 * models/engagement.c, from its post word);
 * ads that moderation lets through (models/moderation.c) are noise to
 * everyone (models/content.c).  An operator with an active leader adds
 * marketing.ads_per_day ads of its own (docs/MODEL.md section 4.2).
 * Reads: content.ad_rate_per_day, marketing.ads_per_day.
 * Hooks: terms (spammers' ad rate), group_day (the operator's ads: a
 *   Poisson draw from w->events, after moderation's).
 * Changes: the day's terms; g->ads_shown. */
#include "models/spam.h"

#include <gsl/gsl_randist.h>

static void spam_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)g, (void)day;
  t->ad_rate = w->sc->content.ad_rate_per_day;
  t->exp_neg_ad_rate = __builtin_exp(-t->ad_rate); /* what sq_poisson_inv would compute */
}

static void spam_group_day(sq_world *w, sq_group *g, int day) {
  (void)day;
  if (g->leader_on && w->sc->marketing.ads_per_day > 0) /* the operator's own hard selling */
    g->ads_shown += gsl_ran_poisson(w->events, w->sc->marketing.ads_per_day);
}

const sq_mechanism sq_mechanism_spam = {
    .name = "spam",
    .doc = "spammers post ads; an operator may hard-sell its own",
    .terms = spam_terms, .group_day = spam_group_day,
};

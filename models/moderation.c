/* Rules and moderation (群规, 管理): an active leader enforces the rules.
 *
 * Models: with an active leader, a share strictness x ad_removal of the
 * day's ads is removed and spammers are banned at strictness x
 * ban_rate_per_day (sq_spammer_banned, models/moderation.h, inline in
 * the members' kernel, from the spammer's leave word); strict rules cost members who tolerate them less
 * (tyranny, docs/MODEL.md sections 4.2 and 4.3).
 * Reads: rules.strictness, rules.ad_removal, rules.ban_rate_per_day,
 *   rules.tyranny_cost.
 * Hooks: terms (tyranny on while led, the ban chance), join (the
 *   newcomer's tyranny cost), group_day (ads removed: a binomial draw from
 *   w->events, the first of the group's day; tomorrow's ban chance).
 * Changes: g->ads_shown, g->ban_probability; a newcomer's tyranny. */
#include "models/moderation.h"

#include <gsl/gsl_randist.h>

static void moderation_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)w, (void)day;
  t->tyranny_on = g->leader_on ? 1.0 : 0.0;
  t->ban = g->ban_probability;
}

static void moderation_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  (void)day;
  double slack = w->sc->rules.strictness - n->agent->tolerance;
  g->m.tyranny[n->slot] = (float)(w->sc->rules.tyranny_cost * (slack > 0 ? slack : 0));
}

static void moderation_group_day(sq_world *w, sq_group *g, int day) {
  (void)day;
  const sq_rules_params *rules = &w->sc->rules;
  double removal = g->leader_on ? rules->strictness * rules->ad_removal : 0;
  g->ads_shown = g->ads_posted && removal > 0
                     ? gsl_ran_binomial(w->events, 1 - removal, (unsigned)g->ads_posted)
                     : (uint32_t)g->ads_posted;
  g->ban_probability = g->leader_on ? rules->strictness * rules->ban_rate_per_day : 0;
}

const sq_mechanism sq_mechanism_moderation = {
    .name = "moderation",
    .doc = "an active leader removes ads and bans spammers; strict rules cost the intolerant",
    .terms = moderation_terms, .join = moderation_join, .group_day = moderation_group_day,
};

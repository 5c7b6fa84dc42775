/* Leaving (退群): where members decide to leave.
 *
 * Models: a member leaves with a daily hazard: a base rate for everyone,
 * plus a rate growing as its engagement falls below the active threshold
 * (silence), plus a newcomer's hazard in its first engagement.newcomer_days
 * unless welcomed or mentored; belonging damps it, commitment deepening
 * with tenure damps it (1 / (1 + tenure / engagement.tenure_halving_days)),
 * the member's own frailty (a population attribute, gamma of mean 1) and
 * paid entry scale it, and a shield (mentored newcomers, the core team)
 * stops it (docs/MODEL.md section 4.4, "Tenure": the hazard falls with
 * tenure, a long tail of veterans).  The decision is sq_leaves (models/leaving.h), inlined in
 * the members' kernel (models/engagement.c); spammers leave instead when
 * moderation bans them (models/moderation.c).
 * Reads: engagement.leave_rate_per_day, engagement.base_leave_rate_per_day,
 *   engagement.newcomer_leave_rate_per_day, engagement.newcomer_days,
 *   engagement.tenure_halving_days; the newcomer's frailty (drawn with its
 *   attributes by models/population.c, population.leave_frailty_variance).
 * Hooks: terms (the three rates, the tenure rate), join (the newcomer's
 *   hazard period; its frailty folded into leave_scale, after paid entry's
 *   commitment, so a member costs no more memory).
 * Changes: the day's terms; a newcomer's newcomer_until and leave_scale. */
#include "models/leaving.h"

static void leaving_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)g, (void)day;
  const sq_engagement_params *p = &w->sc->engagement;
  t->leave_rate = p->leave_rate_per_day;
  t->base_leave = p->base_leave_rate_per_day;
  t->newcomer_leave = p->newcomer_leave_rate_per_day;
  t->tenure_rate = p->tenure_halving_days > 0 ? 1 / p->tenure_halving_days : 0;
}

static void leaving_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  bool mentored = g->m.flags[n->slot] & SQ_M_MENTORED;
  g->m.newcomer_until[n->slot] =
      mentored || n->welcomed ? day : day + w->sc->engagement.newcomer_days;
  g->m.leave_scale[n->slot] *= n->agent->frailty; /* after paid entry's commitment */
}

const sq_mechanism sq_mechanism_leaving = {
    .name = "leaving",
    .doc = "members leave with a hazard of silence and newness, damped by belonging",
    .terms = leaving_terms, .join = leaving_join,
};

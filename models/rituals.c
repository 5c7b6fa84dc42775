/* Operations and rituals (运营, 仪式): the team's own content.
 *
 * Models: an active leader posts content.operations_per_day of its own,
 * and on ritual days (check-in, sharing, meetup, each every so many days of
 * the group's age) a ritual's content and a boost to members' belonging;
 * all of it scaled by the leader's energy and the owner's skill (g->skill,
 * models/character.c; docs/MODEL.md section 4.2).
 * Without an active leader, none.
 * Reads: content.operations_per_day, rituals.{checkin,sharing,meetup}.
 *   {every_days,content,belonging}.
 * Hooks: terms (tomorrow's extra belonging gain, added to belonging's),
 *   group_day (today's operations content and ritual belonging).
 * Changes: g->operations, g->ritual_belonging; the day's belonging gain. */
#include "models/world.h"

static void rituals_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)w, (void)day;
  t->gain += g->ritual_belonging;
}

static double ritual_due(const sq_ritual_params *r, int age, double *belonging) {
  if (r->every_days <= 0 || age % r->every_days != 0) return 0;
  *belonging += r->belonging;
  return r->content;
}

static void rituals_group_day(sq_world *w, sq_group *g, int day) {
  const sq_scenario *sc = w->sc;
  int age = day - g->born_day;
  double operations = 0, ritual_belonging = 0;
  if (g->leader_on) {
    operations = sc->content.operations_per_day;
    operations += ritual_due(&sc->rituals.checkin, age, &ritual_belonging);
    operations += ritual_due(&sc->rituals.sharing, age, &ritual_belonging);
    operations += ritual_due(&sc->rituals.meetup, age, &ritual_belonging);
    operations *= g->leader_energy * g->skill;
  }
  g->operations = operations;
  g->ritual_belonging = ritual_belonging;
}

const sq_mechanism sq_mechanism_rituals = {
    .name = "rituals",
    .doc = "the active team's own content and rituals, scaled by the leader's energy",
    .terms = rituals_terms, .group_day = rituals_group_day,
};

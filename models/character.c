/* A group's character (群的禀赋): what differs between groups from their
 * birth, before anything happens in them.
 *
 * Models: groups in one setting differ widely, most dying young and a few
 * living for years (../shared/MODEL.md section 6, "Realism"; among the
 * WeChat groups Qiu et al. 2016 followed, about 40% fell silent within a
 * week while about 30% lived past a month).
 * The sources name where the differences come from: the appeal of the
 * group's topic (定位: some themes draw people, others do not), how long
 * that topic stays current (被替代: some fields move on within months,
 * others last), the owner's skill at running it (运营: the same rituals
 * done well or badly), and what its founders came for (a passing purpose
 * or a lasting interest: how engaged they start).  Each is a lognormal
 * factor of median 1, drawn once per group (a sub-group draws its own: a
 * new sub-topic and a new organiser), so a spread of 0 gives every group
 * the scenario's values (docs/MODEL.md section 3.1).  A scenario about one
 * known group (the seed's own network) sets group.known_first: its day-0
 * groups keep the median character, and replicates differ in what happens
 * to them.  The owner's energy differs too: that is each organiser's own
 * burnout rate (models/team.c); the luck of who joins first is the
 * founders drawn (models/founding.c).
 * Reads: group.appeal_spread, group.enthusiasm_spread, group.known_first,
 *   topic.half_life_days, topic.half_life_spread, team.skill_spread.
 * Hooks: born (first in the table).
 * Changes: g->appeal, g->half_life, g->skill, g->enthusiasm; read by
 *   models/content.c (sq_group_appeal: what members read, and who accepts
 *   to join), models/rituals.c (operations content) and models/founding.c
 *   (the founders' starting engagement).
 * Draws: a pure function of (seed, replicate, group, SQ_DRAW_CHARACTER);
 *   no stream, so the draws of other mechanisms are unchanged. */
#include <math.h>

#include "models/rng.h"
#include "models/world.h"

static void character_born(sq_world *w, sq_group *g, int day) {
  const sq_scenario *sc = w->sc;
  sq_bits4 b = sq_philox(w->seed, w->replicate, SQ_NO_DAY, (uint32_t)g->id, SQ_DRAW_CHARACTER, 0);
  /* Box-Muller: four standard normals from four words */
  double r1 = sqrt(-2 * log(sq_u01(b.v[0]))), t1 = 2 * M_PI * sq_u01(b.v[1]);
  double r2 = sqrt(-2 * log(sq_u01(b.v[2]))), t2 = 2 * M_PI * sq_u01(b.v[3]);
  double z_appeal = r1 * cos(t1), z_half_life = r1 * sin(t1);
  double z_skill = r2 * cos(t2), z_enthusiasm = r2 * sin(t2);
  if (sc->group.known_first && day == 0 && g->parent < 0) /* a known case: its median */
    z_appeal = z_half_life = z_skill = z_enthusiasm = 0;
  g->appeal = exp(sc->group.appeal_spread * z_appeal);
  g->half_life = sc->topic.half_life_days * exp(sc->topic.half_life_spread * z_half_life);
  g->skill = exp(sc->team.skill_spread * z_skill);
  g->enthusiasm = exp(sc->group.enthusiasm_spread * z_enthusiasm);
}

const sq_mechanism sq_mechanism_character = {
    .name = "character",
    .doc = "groups differ from birth: their topic's appeal and life, their owner's skill, "
           "their founders' enthusiasm",
    .born = character_born,
};

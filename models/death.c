/* Death (死亡): a group dies when it has been silent too long.
 *
 * Models: a group with fewer than death.min_active active members for
 * death.silent_days days in a row is dead from the first of those days
 * (docs/MODEL.md section 9); with death.min_active 0 groups never die.
 * A new group's first days are a process: until it holds a first
 * conversation (a day with death.min_active active members) its founders
 * keep it going until g->effort_until (drawn per group in models/founding.c,
 * at most death.founder_effort_days), and only its silence after that
 * counts.  A group that never gets going so dies within its founders'
 * first week, not on its first day; one that got going and then fell
 * silent dies as before, from its first silent day.
 * Reads: death.min_active, death.silent_days (g->effort_until).
 * Hooks: close_day (after the group's row is written).
 * Changes: g->got_going, g->silent_run, g->alive, g->died_day; the engine then closes the
 *   group's life (its record, stages and members' records). */
#include "models/world.h"

static void death_close_day(sq_world *w, sq_group *g, int day) {
  const sq_death_params *d = &w->sc->death;
  if (d->min_active <= 0) return;
  bool silent = g->active < (uint32_t)d->min_active;
  if (!silent) g->got_going = true; /* a first conversation */
  /* before its first conversation a group's founders keep it going: its
   * silence starts to count when their effort ends (models/founding.c) */
  if (silent && !g->got_going && day < g->effort_until) {
    g->silent_run = 0;
    return;
  }
  g->silent_run = silent ? g->silent_run + 1 : 0;
  if (g->silent_run >= d->silent_days) {
    g->alive = false;
    g->died_day = day - d->silent_days + 1;
  }
}

const sq_mechanism sq_mechanism_death = {
    .name = "death",
    .doc = "a group silent for death.silent_days days is dead",
    .close_day = death_close_day,
};

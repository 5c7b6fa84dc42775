/* Death (死亡): a group dies when it has been silent too long.
 *
 * Models: a group with fewer than death.min_active active members for
 * death.silent_days days in a row is dead from the first of those days
 * (docs/MODEL.md section 9); with death.min_active 0 groups never die.
 * Reads: death.min_active, death.silent_days.
 * Hooks: close_day (after the group's row is written).
 * Changes: g->silent_run, g->alive, g->died_day; the engine then closes the
 *   group's life (its record, stages and members' records). */
#include "models/world.h"

static void death_close_day(sq_world *w, sq_group *g, int day) {
  const sq_death_params *d = &w->sc->death;
  if (d->min_active <= 0) return;
  g->silent_run = g->active < (uint32_t)d->min_active ? g->silent_run + 1 : 0;
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

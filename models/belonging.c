/* Belonging (归属感): members who stay engaged come to belong, and belonging
 * both adds to the value of a day and protects against leaving.
 *
 * Models: belonging grows with engagement towards 1 and decays; it is a
 * social reward in the value of the day and damps the leaving hazard
 * (docs/MODEL.md section 4.3).
 * Reads: belonging.gain_per_day, belonging.decay_per_day,
 *   content.belonging_weight, engagement.belonging_protection.
 * Hooks: terms (w_soc, gain, decay, protection; rituals add to the gain
 *   later in the table).  The update itself is sq_belonging_next
 *   (models/belonging.h), inlined in the kernel.
 * Changes: the day's terms only. */
#include "models/belonging.h"

static void belonging_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)g, (void)day;
  const sq_scenario *sc = w->sc;
  t->w_soc = sc->content.belonging_weight;
  t->gain = sc->belonging.gain_per_day;
  t->decay = sc->belonging.decay_per_day;
  t->protection = sc->engagement.belonging_protection;
}

const sq_mechanism sq_mechanism_belonging = {
    .name = "belonging",
    .doc = "belonging grows with engagement, adds to the day's value and protects from leaving",
    .terms = belonging_terms,
};

/* Evaporation (蒸发): newcomers of an older group are worse posters.
 *
 * Models: as a group ages, the best have already come, so a newcomer's
 * quality is scaled by 1 - entry.quality_decline_per_year x age in years,
 * never below 0.1 (docs/MODEL.md section 6).
 * Reads: recruitment.entry.quality_decline_per_year.
 * Hooks: join.
 * Changes: a newcomer's quality. */
#include "models/world.h"

static void evaporation_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  double age_years = (day - g->born_day) / 365.0;
  double quality_scale = 1 - w->sc->recruitment.entry.quality_decline_per_year * age_years;
  if (quality_scale < 0.1) quality_scale = 0.1;
  g->m.quality[n->slot] = (float)(n->agent->quality * quality_scale);
}

const sq_mechanism sq_mechanism_evaporation = {
    .name = "evaporation",
    .doc = "newcomers of an older group are worse posters",
    .join = evaporation_join,
};

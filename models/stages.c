/* Stages (阶段): the five stages of a group's life, read off its curve of
 * active members after the run (docs/MODEL.md section 9).
 * Reads: stages.smoothing_days, stages.growth_from, stages.active_from,
 *   stages.decline_below.
 * Hooks: none; the engine classifies each group's life when it closes
 *   (sim/engine/run.c, finish_group), and the stages go into the run's results
 *   (rows and group records), never back into the scenario.
 * Changes: nothing but its output array. */
#include "models/stages.h"

#include <stdlib.h>

int sq_classify_stages(const uint32_t *active, int days, int death_at,
                        const sq_stage_params *p, uint8_t *stage) {
  int living = death_at >= 0 && death_at < days ? death_at : days;
  /* centred moving average over the living days, truncated at the ends */
  double *smooth = malloc((size_t)(living > 0 ? living : 1) * sizeof *smooth);
  if (!smooth) return -1;
  int half = p->smoothing_days / 2;
  double peak = 0;
  for (int t = 0; t < living; t++) {
    int lo = t - half < 0 ? 0 : t - half;
    int hi = t + half >= living ? living - 1 : t + half;
    double sum = 0;
    for (int k = lo; k <= hi; k++) sum += active[k];
    smooth[t] = sum / (hi - lo + 1);
    if (smooth[t] > peak) peak = smooth[t];
  }
  int growth_at = living, active_at = living, decline_after = -1;
  for (int t = 0; t < living && peak > 0; t++) {
    if (growth_at == living && smooth[t] >= p->growth_from * peak) growth_at = t;
    if (active_at == living && smooth[t] >= p->active_from * peak) active_at = t;
    if (smooth[t] >= p->decline_below * peak) decline_after = t;
  }
  if (decline_after < active_at) decline_after = active_at;
  /* A group alive at the horizon has not declined unless it ended low. */
  for (int t = 0; t < days; t++) {
    sq_stage s;
    if (t >= living)
      s = SQ_STAGE_DEATH;
    else if (t < growth_at)
      s = SQ_STAGE_SPROUT;
    else if (t < active_at)
      s = SQ_STAGE_GROWTH;
    else if (t <= decline_after)
      s = SQ_STAGE_ACTIVE;
    else
      s = SQ_STAGE_DECLINE;
    stage[t] = (uint8_t)s;
  }
  free(smooth);
  return 0;
}

/* The five lifecycle stages (萌芽 sprout, 成长 growth, 活跃 active, 衰退
 * decline, 死亡 death), read off a group's curve of active members
 * (docs/MODEL.md, "Stages"). */
#ifndef SQ_STAGES_H
#define SQ_STAGES_H

#include <stdint.h>
#include "models/params.h"
#include "models/results.h"

/* Classify each of the `days` days of a group's life.  active[t] is the
 * number of active members on day t of its life; `death_at` is the day of
 * its life from which it is dead (the first of its silent days), or -1 if it
 * was alive at the horizon.  Writes stage[0..days-1] and returns 0, or
 * returns -1 when out of memory (stage unchanged). */
int sq_classify_stages(const uint32_t *active, int days, int death_at,
                        const sq_stage_params *p, uint8_t *stage);

#endif

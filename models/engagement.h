/* Engagement and the members' day: see models/engagement.c. */
#ifndef SQ_ENGAGEMENT_H
#define SQ_ENGAGEMENT_H

#include "models/world.h"

extern const sq_mechanism sq_mechanism_engagement;

/* One day of the block of members `it` (docs/MODEL.md section 4): each
 * posts (or, if a spammer, posts ads and may be banned), values what it
 * read of the group's previous day, updates engagement and belonging, may
 * leave, and may invite, with the coefficients in its group's `terms`.
 * Sums and events go into the work item, to be combined in block order;
 * touches only the block's members.  Safe to run for blocks in parallel. */
void sq_member_block(const sq_world *w, sq_work_item *it, int day);

#endif

/* The core team, burnout and succession: see models/team.c. */
#ifndef SQ_TEAM_H
#define SQ_TEAM_H

#include <stdbool.h>
#include "models/world.h"

extern const sq_mechanism sq_mechanism_team;

/* Make `agent` (a member of g) the leader, with `energy`; the leader does
 * not leave while it leads. */
void sq_team_take_lead(const sq_world *w, sq_group *g, uint32_t agent, double energy);

/* Add a member of g to its core team: committed, it does not leave the
 * group while in the team (it leaves the team only to lead).  Ignored when
 * the team is full or `agent` is not a member. */
void sq_team_add_manager(const sq_world *w, sq_group *g, uint32_t agent);

/* Is `agent` the leader or a manager of g? */
bool sq_team_has(const sq_group *g, uint32_t agent);

#endif

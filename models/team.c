/* The core team, burnout and succession (核心团队, 倦怠, 接班).
 *
 * Models: a group is run by a leader, with managers waiting to lead.  The
 * leader's energy runs down at its own burnout rate, faster as activity
 * falls from its peak; managers tire more slowly.  A leader below
 * team.quit_below steps down (or, leaving the group, is gone) and the
 * manager with the most energy takes over if the team provides succession;
 * otherwise the group is leaderless (docs/MODEL.md section 7).
 * Reads: team.burnout_per_year, team.burnout_spread, team.discouragement,
 *   team.backup_burnout_share, team.quit_below, team.succession.
 * Hooks: left (a leaving leader or manager leaves the team), group_day
 *   (burnout and succession, first in the group's day; then whether an
 *   active leader runs the rest of it: g->leader_on).
 * Changes: g->leader, g->leader_energy, g->leader_burnout, the managers,
 *   g->leader_on, and members' shield_until (the team does not leave).
 * Draws: each organiser's burnout rate, a pure function of (seed,
 *   replicate, agent, SQ_DRAW_TEAM); no stream. */
#include "models/team.h"

#include <math.h>

#include "models/rng.h"

/* An organiser's own burnout rate, energy lost a day while leading: the
 * mean rate times a lognormal factor of mean 1. */
static double burnout_rate(const sq_world *w, uint32_t agent) {
  const sq_team_params *t = &w->sc->team;
  sq_bits4 b = sq_philox(w->seed, w->replicate, SQ_NO_DAY, agent, SQ_DRAW_TEAM, 0);
  double u1 = sq_u01(b.v[0]), u2 = sq_u01(b.v[1]);
  double z = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2); /* Box-Muller: one normal */
  double s = t->burnout_spread;
  return t->burnout_per_year / 365.0 * exp(s * z - 0.5 * s * s);
}

void sq_team_take_lead(const sq_world *w, sq_group *g, uint32_t agent, double energy) {
  g->leader = agent;
  g->leader_energy = energy;
  g->leader_burnout = burnout_rate(w, agent);
  uint32_t i = sq_group_slot_of(g, agent);
  if (i != SQ_NONE) g->m.shield_until[i] = INT32_MAX;
}

/* The leader steps down (burnt out) or has left: the manager with the most
 * energy takes over if the team provides succession, otherwise the group is
 * leaderless.  A former leader stays a member and may leave like anyone.
 * (Managers only leave the team this way: see sq_team_add_manager.) */
static void succeed(const sq_world *w, sq_group *g, int day) {
  uint32_t i = sq_group_slot_of(g, g->leader);
  if (i != SQ_NONE) g->m.shield_until[i] = day;
  g->leader = SQ_NONE;
  if (!w->sc->team.succession || g->n_managers == 0) return;
  int best = 0;
  for (int k = 1; k < g->n_managers; k++)
    if (g->manager_energy[k] > g->manager_energy[best]) best = k;
  uint32_t heir = g->manager[best];
  double energy = g->manager_energy[best];
  g->manager[best] = g->manager[--g->n_managers];
  g->manager_energy[best] = g->manager_energy[g->n_managers];
  g->manager_burnout[best] = g->manager_burnout[g->n_managers];
  sq_team_take_lead(w, g, heir, energy);
  if (g->leader_energy < w->sc->team.quit_below) succeed(w, g, day); /* too tired to lead */
}

void sq_team_add_manager(const sq_world *w, sq_group *g, uint32_t agent) {
  uint32_t i = sq_group_slot_of(g, agent);
  if (g->n_managers == SQ_MAX_MANAGERS || i == SQ_NONE) return;
  g->manager[g->n_managers] = agent;
  g->manager_burnout[g->n_managers] = burnout_rate(w, agent);
  g->manager_energy[g->n_managers++] = 1.0;
  g->m.shield_until[i] = INT32_MAX;
}

bool sq_team_has(const sq_group *g, uint32_t agent) {
  if (agent == g->leader) return true;
  for (int k = 0; k < g->n_managers; k++)
    if (g->manager[k] == agent) return true;
  return false;
}

/* A member has left: out of the team if it was in it. */
static void team_left(sq_world *w, sq_group *g, uint32_t agent, int day) {
  if (agent == g->leader) {
    succeed(w, g, day);
    return;
  }
  for (int k = 0; k < g->n_managers; k++)
    if (g->manager[k] == agent) {
      g->manager[k] = g->manager[--g->n_managers];
      g->manager_energy[k] = g->manager_energy[g->n_managers];
      g->manager_burnout[k] = g->manager_burnout[g->n_managers];
      return;
    }
}

/* Burnout: the leader's energy runs down, faster as the group's activity
 * falls from its peak; managers waiting to lead tire more slowly.  A leader
 * below team.quit_below steps down. */
static void team_group_day(sq_world *w, sq_group *g, int day) {
  const sq_team_params *t = &w->sc->team;
  /* a group far below its peak of activity disheartens its organisers */
  double slump = g->peak_active ? 1.0 - (double)g->active / g->peak_active : 0.0;
  double pace = 1.0 + t->discouragement * (slump > 0 ? slump : 0);
  for (int k = 0; k < g->n_managers; k++)
    g->manager_energy[k] -= g->manager_burnout[k] * t->backup_burnout_share * pace;
  if (g->leader != SQ_NONE) {
    g->leader_energy -= g->leader_burnout * pace;
    if (g->leader_energy < t->quit_below) succeed(w, g, day);
  }
  g->leader_on = g->leader != SQ_NONE;
}

const sq_mechanism sq_mechanism_team = {
    .name = "team",
    .doc = "the leader and managers tire and are succeeded; the team does not leave",
    .left = team_left, .group_day = team_group_day,
};

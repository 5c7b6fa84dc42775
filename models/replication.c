/* Replication (复制): a large group splits into a sub-group.
 *
 * Models: a group that has reached replication.split_at members, with the
 * cooldown since its founding or last split over, splits: a core of its
 * most engaged members (not the team, never spammers) and the members who
 * fit a sharper sub-theme better than the parent's by fit_margin found a
 * sub-group, at most max_share of the parent; the most engaged of the core
 * (the splitter) leads it and the next team.managers are its team
 * (docs/MODEL.md section 8).
 * Reads: replication.{enabled,split_at,core_size,subtheme_weight,
 *   fit_margin,max_share,cooldown_days}, team.managers.
 * Hooks: born (the cooldown runs from a group's birth), group_day (after
 *   the team's day, before moderation).  The new
 *   group is appended to w->groups (room is reserved by the engine before
 *   the commit loop) and has its own day later in the same loop.
 * Changes: moves members from g to the new group (their spells end and
 *   begin), both groups' tallies and last_split_day, the new group's team.
 * Draws: none (the members' interests, not stored, are drawn again from
 *   (seed, replicate, agent) on w->attributes, as they were when they joined). */
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "models/population.h"
#include "models/team.h"
#include "models/world.h"

typedef struct ranked { float engagement; uint32_t slot; } ranked;

static int by_engagement(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->engagement != y->engagement) return x->engagement > y->engagement ? -1 : 1;
  return (x->slot > y->slot) - (x->slot < y->slot);
}

static int by_slot_descending(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x < y) - (x > y);
}

/* An agent's interest vector: not stored with the members, drawn again
 * from (seed, replicate, agent) as when it joined. */
static void interest_of(sq_world *w, uint32_t agent, float *interest) {
  sq_agent a;
  sq_agent_draw_screen(w->pop, agent, &a);
  memcpy(interest, a.interest, (size_t)w->topics * sizeof *interest);
}

/* Move member i of g into `child`: its spell in g ends and one in child
 * begins; it keeps its state. */
static void move_member(sq_world *w, sq_group *g, uint32_t i, sq_group *child, int day) {
  sq_members *m = &g->m;
  if (sq_members_reserve(&child->m, child->m.count + 1) ||
      sq_map_put(&w->map, m->agent[i], child->id)) {
    sq_world_fail(w, "a sub-group's members");
    return;
  }
  sq_world_record_member(w, g, i, day);
  float e = m->engagement[i];
  if (e >= w->sc->engagement.active_threshold)
    g->active--;
  else
    g->zombies--;
  g->engagement_sum -= e;
  g->leaves++;
  sq_members_copy(&child->m, m, i);
  uint32_t j = child->m.count - 1;
  child->m.spell_day[j] = day;
  child->m.posts[j] = 0;
  float interest[SQ_MAX_TOPICS];
  interest_of(w, child->m.agent[j], interest);
  child->m.fit[j] = (float)sq_fit(interest, child->theme, w->topics);
  child->joins++;
  child->reach++;
  sq_group_tally(w->sc, child, child->m.flags[j], e);
  sq_members_remove(m, i);
}

static void replication_born(sq_world *w, sq_group *g, int day) {
  (void)w;
  g->last_split_day = day;
}

/* Does g split today? */
static bool splits(const sq_world *w, const sq_group *g, int day) {
  const sq_replication_params *rp = &w->sc->replication;
  return rp->enabled && g->alive && g->m.count >= (uint32_t)rp->split_at &&
         day - g->last_split_day >= rp->cooldown_days;
}

static void replication_group_day(sq_world *w, sq_group *g, int day) {
  if (!splits(w, g, day)) return;
  const sq_replication_params *rp = &w->sc->replication;
  sq_members *m = &g->m;
  ranked *order = malloc((size_t)m->count * sizeof *order);
  uint32_t *movers = malloc((size_t)m->count * sizeof *movers);
  if (!order || !movers) {
    free(order), free(movers);
    sq_world_fail(w, "ranking a splitting group's members");
    return;
  }
  uint32_t eligible = 0, n_movers = 0;
  for (uint32_t i = 0; i < m->count; i++)
    if (!(m->flags[i] & SQ_M_SPAMMER) && !sq_team_has(g, m->agent[i]))
      order[eligible++] = (ranked){m->engagement[i], i};
  uint32_t most = (uint32_t)(rp->max_share * m->count);
  if (eligible == 0 || most == 0) {
    free(order), free(movers);
    return;
  }
  qsort(order, eligible, sizeof *order, by_engagement);
  uint32_t splitter = order[0].slot;
  float sub[SQ_MAX_TOPICS], interest[SQ_MAX_TOPICS];
  interest_of(w, m->agent[splitter], interest);
  double norm = 0;
  for (int k = 0; k < w->topics; k++) {
    sub[k] = (float)((1 - rp->subtheme_weight) * g->theme[k] +
                     rp->subtheme_weight * interest[k]);
    norm += (double)sub[k] * sub[k];
  }
  for (int k = 0; k < w->topics; k++) sub[k] = (float)(sub[k] / sqrt(norm));
  for (uint32_t r = 0; r < eligible && n_movers < most; r++) {
    uint32_t i = order[r].slot;
    bool core = r < (uint32_t)rp->core_size;
    if (core) {
      movers[n_movers++] = i;
      continue;
    }
    interest_of(w, m->agent[i], interest);
    if (sq_fit(interest, sub, w->topics) - m->fit[i] >= rp->fit_margin) movers[n_movers++] = i;
  }
  uint32_t leader = m->agent[splitter];
  uint32_t team[SQ_MAX_MANAGERS];
  int n_team = 0;
  for (uint32_t r = 1; r < n_movers && n_team < w->sc->team.managers; r++)
    team[n_team++] = m->agent[movers[r]];
  sq_group *child = sq_world_new_group(w, day, g->id); /* room reserved: g stays valid */
  if (!child) {
    free(order), free(movers);
    sq_world_fail(w, "a sub-group");
    return;
  }
  memcpy(child->theme, sub, sizeof sub);
  qsort(movers, n_movers, sizeof *movers, by_slot_descending); /* removal keeps lower slots */
  for (uint32_t r = 0; r < n_movers; r++) move_member(w, g, movers[r], child, day);
  sq_team_take_lead(w, child, leader, 1.0);
  for (int k = 0; k < n_team; k++) sq_team_add_manager(w, child, team[k]);
  g->last_split_day = day;
  free(order);
  free(movers);
}

const sq_mechanism sq_mechanism_replication = {
    .name = "replication",
    .doc = "a group past replication.split_at splits off a sub-group around a sharper theme",
    .born = replication_born, .group_day = replication_group_day,
};

/* Recruitment and entry (招募, 门槛): outreach, acceptance and joining.
 *
 * Models: the group's outreach reaches outsiders at the pace of its
 * schedule (models/schedules.c); they, and the invitees of members
 * (models/mentoring.c), accept by the entry rule and an acceptance chance
 * growing with fit, the topic's appeal, trust in an inviter and contacts
 * inside; accepted candidates join at the day's commit while there is
 * room, welcomed by the active team up to its capacity.  Paid entry: fewer
 * accept, newcomers start more engaged and leave less (docs/MODEL.md
 * sections 5 and 6).  Nobody is reached before the day it enters the
 * market (sq_agent_arrival_day, models/population.h); a former member may
 * return when invited, after returning.after_days away, at
 * returning.acceptance of the usual acceptance (section 8.1).
 * Reads: recruitment.entry.*, recruitment.acceptance.*,
 *   recruitment.outreach.*, recruitment.returning.*,
 *   recruitment.closed_after_days, group.capacity, group.qr_join_limit,
 *   team.welcomes_per_day, engagement.initial, population.arrival_*.
 * Hooks: born (the adaptive schedule's level starts at outreach.per_day),
 *   candidates (outreach, after invitations), commit (candidates
 *   join), join (paid entry's engagement and hazard scale).
 * Changes: g->candidates, g->outreach_level, g->inflow (who was reached,
 *   refused, declined, turned away for lack of room, joined); adds members
 *   to g (through the engine); a newcomer's flags, engagement and leave_scale.
 * Draws: outreach from a stream keyed (day, group, SQ_DRAW_OUTREACH);
 *   acceptance from the inviter's or the outreach's stream; attributes
 *   from w->attributes at the commit; arrival days are keyed (agent,
 *   SQ_DRAW_ARRIVAL), drawn afresh when needed. */
#include "models/entry.h"

#include <math.h>

#include "models/content.h"
#include "models/schedules.h"
#include "models/error.h"
#include "models/rng.h"

#define MAX_OUTSIDER_TRIES 64 /* draws to find an agent who never joined */

const sq_entry_rule sq_entry_rules[] = {
    [SQ_ENTRY_OPEN] = {"open", "anyone reached may join; no screening", false, true, false},
    [SQ_ENTRY_SCREENING] = {"screening",
                            "candidates must fit the theme: fit >= recruitment.entry.fit_threshold",
                            true, true, false},
    [SQ_ENTRY_INVITATION] = {"invitation",
                             "invitation only: outreach brings nobody; invitees are screened by fit",
                             true, false, false},
    [SQ_ENTRY_PAID] = {"paid",
                       "paid entry (a fee, in yuan, given by its effects, not its amount): "
                       "screened by fit; acceptance x entry.paid_acceptance; newcomers "
                       "start entry.paid_engagement more engaged and leave at (1 - "
                       "entry.paid_commitment) of the usual hazard",
                       true, true, true},
};
const size_t sq_entry_rule_count = SQ_LEN(sq_entry_rules);

static uint32_t contacts_inside(const sq_world *w, uint32_t agent, int32_t gid) {
  const sq_graph *graph = &w->pop->graph;
  if (!graph->offset) return 0;
  uint32_t scratch[SQ_GRAPH_SCRATCH], k = 0;
  const uint32_t *nb;
  uint32_t deg = sq_graph_contacts(graph, agent, scratch, &nb);
  for (uint32_t i = 0; i < deg; i++) k += sq_map_get(&w->map, nb[i]) == gid;
  return k;
}

/* May an agent whose entry in the map is `where` return, invited, today?
 * A former member who left at least returning.after_days ago, if
 * returning.acceptance is set; never a member of a group. */
static bool returns(const sq_world *w, int32_t where, int day) {
  const sq_returning_params *p = &w->sc->recruitment.returning;
  return p->acceptance > 0 && sq_map_is_former(where) &&
         day - sq_map_left_day(where) >= p->after_days;
}

sq_entry_verdict sq_entry_consider(const sq_world *w, const sq_group *g, int day, uint32_t agent,
                                   bool invited, gsl_rng *r) {
  const sq_recruitment_params *rp = &w->sc->recruitment;
  const sq_entry_rule *rule = &sq_entry_rules[rp->entry.rule];
  int32_t where = sq_map_get(&w->map, agent);
  bool returning = where != SQ_MAP_ABSENT;
  if (returning && !(invited && returns(w, where, day))) return SQ_ENTRY_UNAVAILABLE;
  if (sq_agent_arrival_day(w->pop, agent) > day) return SQ_ENTRY_UNAVAILABLE; /* not yet */
  double u = gsl_rng_uniform(r);
  sq_agent a;
  sq_agent_draw_screen(w->pop, agent, &a);
  double fit = sq_fit(a.interest, g->theme, w->topics);
  if (rule->screens_fit && fit < rp->entry.fit_threshold) return SQ_ENTRY_BELOW_THRESHOLD;
  if (a.spammer) return u < rp->acceptance.spammer ? SQ_ENTRY_ACCEPTED : SQ_ENTRY_DECLINED;
  uint32_t inside = w->pop->graph.offset ? contacts_inside(w, agent, g->id) : invited;
  double accept = rp->acceptance.base * pow(fit, rp->acceptance.fit_exponent) *
                  sq_group_appeal(w, g, day) *
                  (invited ? 1 + rp->acceptance.trust : 1) *
                  (1 + rp->acceptance.contacts_weight * log1p((double)inside)) *
                  (rule->paid ? rp->entry.paid_acceptance : 1) *
                  (returning ? rp->returning.acceptance : 1);
  return u < accept ? SQ_ENTRY_ACCEPTED : SQ_ENTRY_DECLINED;
}

/* A uniformly drawn agent who has never joined, or SQ_NONE if none is left.
 * When the population is nearly exhausted and random draws keep hitting
 * former members, the next outsider after the last draw is taken. */
static uint32_t draw_outsider(const sq_world *w, gsl_rng *r) {
  if (w->ever_joined >= w->pop->size) return SQ_NONE;
  uint32_t a = 0;
  for (int k = 0; k < MAX_OUTSIDER_TRIES; k++) {
    a = sq_stream_below(r, w->pop->size);
    if (sq_map_get(&w->map, a) == SQ_MAP_ABSENT) return a;
  }
  while (sq_map_get(&w->map, a) != SQ_MAP_ABSENT) a = a + 1 < w->pop->size ? a + 1 : 0;
  return a;
}

/* Is `agent` already among today's candidates of g?  (Direct joins must not
 * draw the same outsider twice in a day.) */
static bool already_candidate(const sq_group *g, uint32_t agent) {
  for (uint32_t k = 0; k < g->n_candidates; k++)
    if (g->candidates[k].agent == agent) return true;
  return false;
}

static uint32_t qr_limit(const sq_scenario *sc) {
  return (uint32_t)(sc->group.qr_join_limit < sc->group.capacity ? sc->group.qr_join_limit
                                                                 : sc->group.capacity);
}

static void entry_born(sq_world *w, sq_group *g, int day) {
  (void)day;
  g->outreach_level = w->sc->recruitment.outreach.per_day;
}

/* Outsiders reached by today's outreach who accept, after the invitees. */
static void entry_candidates(sq_world *w, sq_group *g, int day, gsl_rng *r) {
  const sq_scenario *sc = w->sc;
  if (day - g->born_day >= sc->recruitment.closed_after_days) return; /* a closed group */
  const sq_schedule *s = &sq_schedules[sc->recruitment.outreach.schedule];
  if (!sq_entry_rules[sc->recruitment.entry.rule].outreach_allowed) return;
  if (s->operated && g->leader == SQ_NONE) return; /* nobody runs the outreach */
  uint32_t limit = qr_limit(sc);
  if (g->m.count >= limit) return;
  sq_stream_reset(r, w->seed, w->replicate, (uint32_t)day, (uint32_t)g->id, SQ_DRAW_OUTREACH);
  sq_outreach_view v = {day - g->born_day, g->m.count, w->pop->size,
                        w->pop->size - w->ever_joined, g->active_growth};
  uint32_t reached = s->reached(&sc->recruitment.outreach, &v, &g->outreach_level, r);
  uint32_t outreach_room = limit - g->m.count;
  uint64_t outsiders = w->pop->size - w->ever_joined;
  for (uint32_t k = 0, joining = 0; k < reached && joining < outreach_room; k++) {
    uint32_t agent = draw_outsider(w, r);
    /* a direct join needs an outsider not drawn already today */
    while (s->direct && agent != SQ_NONE && already_candidate(g, agent) &&
           g->n_candidates < outsiders)
      agent = draw_outsider(w, r);
    if (agent == SQ_NONE || (s->direct && already_candidate(g, agent))) return;
    /* not in the market yet (sq_entry_consider checks this for the others) */
    if (s->direct && sq_agent_arrival_day(w->pop, agent) > day) continue;
    if (s->direct) g->inflow.reached++; /* a direct join: reached is joining */
    if (s->direct ||
        sq_entry_counted(g, false, sq_entry_consider(w, g, day, agent, false, r))) {
      sq_group_push_candidate(w, g, (sq_candidate){agent, SQ_NONE, false, true});
      if (++joining == outreach_room) g->inflow.no_room += reached - k - 1; /* the rest */
    }
  }
}

/* Today's candidates join g in order while there is room; an agent two
 * groups (or two inviters) won today joins the first. */
static void entry_commit(sq_world *w, sq_group *g, int day) {
  const sq_scenario *sc = w->sc;
  uint32_t limit = qr_limit(sc);
  /* the active team welcomes a limited number of newcomers a day */
  double welcomes = g->leader == SQ_NONE ? 0 : sc->team.welcomes_per_day * (1 + g->n_managers);
  for (uint32_t k = 0; k < g->n_candidates; k++) {
    const sq_candidate *c = &g->candidates[k];
    if (g->m.count >= (uint32_t)sc->group.capacity) {
      g->inflow.no_room += g->n_candidates - k; /* full: the rest are turned away */
      break;
    }
    if (c->outreach && g->m.count >= limit) {
      g->inflow.no_room++;
      continue;
    }
    if (sq_map_get(&w->map, c->agent) >= 0) continue; /* joined another group today */
    sq_agent a;
    sq_agent_draw(w->pop, c->agent, w->attributes, &a);
    bool welcomed = welcomes >= 1;
    welcomes -= welcomed;
    sq_world_add_member(w, g, day, c->agent, &a, c->inviter, c->veteran, welcomed,
                        sc->engagement.initial);
    if (c->outreach)
      g->inflow.joined_by_outreach++;
    else
      g->inflow.joined_by_invitation++;
  }
}

/* Paid entry: more engaged from the start, and less likely to leave. */
static void entry_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  (void)day;
  const sq_entry_params *p = &w->sc->recruitment.entry;
  if (!sq_entry_rules[p->rule].paid) return;
  g->m.flags[n->slot] |= SQ_M_PAID;
  n->engagement += p->paid_engagement;
  g->m.leave_scale[n->slot] = (float)(1 - p->paid_commitment);
}

const sq_mechanism sq_mechanism_entry = {
    .name = "entry",
    .doc = "outreach reaches outsiders; candidates accept by the entry rule and join",
    .born = entry_born, .candidates = entry_candidates, .commit = entry_commit, .join = entry_join,
};

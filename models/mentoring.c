/* Word of mouth and mentoring (老人带新人, old brings new).
 *
 * Models: active members invite contacts at a rate growing with their
 * sociability and engagement, boosted early in their tenure; invitees who
 * accept are candidates first in the day.  An invitee of an active veteran
 * (mentoring.veteran_days of tenure: sq_is_veteran, models/mentoring.h,
 * inline in the members' kernel) is mentored: it starts more engaged,
 * is shielded from leaving for a while and skips the newcomer hazard
 * (docs/MODEL.md section 4.5).
 * Reads: recruitment.word_of_mouth.{enabled,invite_rate_per_day,
 *   early_boost,early_days}, mentoring.{enabled,veteran_days,
 *   engagement_boost,shield_days}, recruitment.closed_after_days,
 *   group.capacity.
 * Hooks: begin (the table of tenure boosts), terms (invitation rate, tenure boost, veteran tenure),
 *   candidates (invitees who accept; before outreach), join (mentored:
 *   flag, engagement boost, shield).
 * Changes: the day's terms, g->candidates; a newcomer's flags, shield and
 *   engagement.
 * Draws: per inviter, a stream keyed (day, inviter, SQ_DRAW_INVITE); the
 *   members' invite word in the kernel (models/engagement.c). */
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdlib.h>

#include "models/mentoring.h"

#include "models/entry.h"
#include "models/rng.h"

/* Invitations are boosted early in a member's tenure:
 * 1 + early_boost x exp(-tenure / early_days), tabulated by days. */
static void mentoring_begin(sq_world *w) {
  const sq_word_of_mouth_params *wom = &w->sc->recruitment.word_of_mouth;
  for (int t = 0; t < SQ_TENURE_TABLE; t++)
    w->tenure_boost[t] = (float)(1 + wom->early_boost * exp(-t / wom->early_days));
  w->tenure_boost[SQ_TENURE_TABLE] = 1;
}

static void mentoring_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)g, (void)day;
  const sq_scenario *sc = w->sc;
  t->invite_rate = sc->recruitment.word_of_mouth.enabled
                       ? sc->recruitment.word_of_mouth.invite_rate_per_day
                       : 0.0;
  t->tenure_boost = w->tenure_boost;
  t->veteran_days = sc->mentoring.veteran_days;
}

/* A contact of `agent` chosen uniformly, or SQ_NONE if it has none. */
static uint32_t draw_contact(const sq_world *w, uint32_t agent, gsl_rng *r) {
  const sq_graph *graph = &w->pop->graph;
  if (!graph->offset) {
    if (w->pop->size < 2) return SQ_NONE;
    uint32_t t = sq_stream_below(r, w->pop->size - 1);
    return t >= agent ? t + 1 : t;
  }
  uint32_t scratch[SQ_GRAPH_SCRATCH];
  const uint32_t *contacts;
  uint32_t deg = sq_graph_contacts(graph, agent, scratch, &contacts);
  return deg ? contacts[sq_stream_below(r, deg)] : SQ_NONE;
}

/* One invitee of an invitation: who, and the entry rule's verdict. */
typedef struct weighed {
  uint32_t target; /* SQ_NONE: the inviter has no contact */
  sq_entry_verdict verdict;
} weighed;

/* The invitees of one invitation and their verdicts, in the order drawn,
 * into out[0 .. ev->count).  The inviter's own stream draws them, so
 * invitations can be weighed in any order. */
static void weigh_invitation(const sq_world *w, const sq_group *g, int day, const sq_invite *ev,
                             gsl_rng *r, weighed *out) {
  sq_stream_reset(r, w->seed, w->replicate, (uint32_t)day, ev->inviter, SQ_DRAW_INVITE);
  for (uint32_t j = 0; j < ev->count; j++) {
    uint32_t target = draw_contact(w, ev->inviter, r);
    out[j].target = target;
    out[j].verdict = target == SQ_NONE ? SQ_ENTRY_UNAVAILABLE
                                       : sq_entry_consider(w, g, day, target, true, r);
  }
}

/* Invitations are weighed in chunks, in parallel (OpenMP tasks, which the
 * team's idle threads take) when a chunk is large; the chunk's verdicts
 * are then counted and its invitees join the candidates in invitation
 * order while there is room, so counts and candidates are those of
 * one-by-one weighing for any number of threads (a chunk may weigh
 * invitations past the room: their verdicts are not counted). */
enum { CHUNK = 1024, TASKS_MIN = 64, GRAIN = 16 };

/* Today's invitees of g who accept, while there is room. */
static void mentoring_candidates(sq_world *w, sq_group *g, int day, gsl_rng *r) {
  const sq_scenario *sc = w->sc;
  if (day - g->born_day >= sc->recruitment.closed_after_days) return; /* a closed group */
  uint32_t room = (uint32_t)sc->group.capacity > g->m.count ? sc->group.capacity - g->m.count : 0;
  uint32_t k = 0, j = 0; /* the invitation and invitee being considered */
  for (uint32_t first = 0; first < g->n_invites && g->n_candidates < room; first += CHUNK) {
    uint32_t n = g->n_invites - first < CHUNK ? g->n_invites - first : CHUNK;
    const sq_invite *ev = g->invites + first;
    /* the scratch: the invitees, then where each invitation's invitees start */
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += ev[i].count;
    size_t need = total * sizeof(weighed) + n * sizeof(uint32_t);
    if (need > g->cap_weighing) {
      void *p = realloc(g->weighing, need);
      if (!p) {
        sq_world_fail(w, "a group's invitations");
        return;
      }
      g->weighing = p, g->cap_weighing = need;
    }
    weighed *invitee = g->weighing;
    uint32_t *start = (uint32_t *)(invitee + total);
    for (uint32_t i = 0, at = 0; i < n; i++) start[i] = at, at += ev[i].count;
    if (n >= TASKS_MIN && w->threads > 1 && omp_get_num_threads() > 1) {
      /* tasks only within a team of this run's threads, each with its streams */
#pragma omp taskloop grainsize(GRAIN)
      for (uint32_t i = 0; i < n; i++) {
        int t = omp_get_thread_num();
        weigh_invitation(w, g, day, &ev[i], w->thread_streams[2 * t], invitee + start[i]);
      }
    } else {
      for (uint32_t i = 0; i < n; i++)
        weigh_invitation(w, g, day, &ev[i], r, invitee + start[i]);
    }
    for (k = first; k < first + n && g->n_candidates < room; k++)
      for (j = 0; j < g->invites[k].count && g->n_candidates < room; j++) {
        const weighed *x = &invitee[start[k - first] + j];
        if (sq_entry_counted(g, true, x->verdict))
          sq_group_push_candidate(w, g,
                                  (sq_candidate){x->target, ev[k - first].inviter,
                                                 ev[k - first].veteran, false});
      }
  }
  /* invitations left unconsidered because the group would be full */
  if (k > 0) g->inflow.no_room += g->invites[k - 1].count - j;
  for (; k < g->n_invites; k++) g->inflow.no_room += g->invites[k].count;
}

static void mentoring_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  const sq_mentoring_params *p = &w->sc->mentoring;
  if (!(n->veteran && p->enabled && !n->agent->spammer)) return;
  g->m.flags[n->slot] |= SQ_M_MENTORED;
  n->engagement += p->engagement_boost;
  g->m.shield_until[n->slot] = day + p->shield_days;
}

const sq_mechanism sq_mechanism_mentoring = {
    .name = "mentoring",
    .doc = "active members invite contacts; veterans' invitees are mentored",
    .begin = mentoring_begin, .terms = mentoring_terms, .candidates = mentoring_candidates,
    .join = mentoring_join,
};

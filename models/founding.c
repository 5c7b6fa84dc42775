/* Founding (建群): a group's owner and founders on its first day.
 *
 * Models: owner and founders join with certainty: agents the entry rule
 * admits, the first drawn anywhere, the others among its acquaintances
 * (agents within a neighbourhood's size of it: neighbours on the ring,
 * sharing its local topic), or anywhere once those are exhausted.  The
 * owner (when team.owner) comes first and leads; the next team.managers
 * founders are the core team.  Neither is ever a spammer; other founders
 * may be, if the rule admits them (docs/MODEL.md section 3).  Founders
 * then keep the new group going for its first days (section 9).
 * Founders are agents already in the market (population.arrival_*).
 * Reads: group.founders, team.owner, team.managers,
 *   population.neighbourhood_size, population.arrival_*, recruitment.entry.rule,
 *   recruitment.entry.fit_threshold, engagement.initial, g->enthusiasm (models/character.c),
 *   death.founder_effort_days.
 * Hooks: found (groups founded, not split off, on their first day).
 * Changes: adds members to g (through the engine), its leader and managers;
 *   g->effort_until, the end of the founders' first-week effort: with
 *   energy u drawn per group in [0, 1), 1 + floor(u E) days, E =
 *   death.founder_effort_days, during which a group that has not yet held a
 *   first conversation is not counted silent (models/death.c).
 * Draws: w->events keyed (day, group, SQ_DRAW_FOUNDERS), with a copy of it
 *   (w->thread_streams[0]) drawing each batch of tries ahead; attributes
 *   on each thread's second stream, re-keyed per agent. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>

#include "models/entry.h"
#include "models/team.h"
#include "models/world.h"
#include "models/rng.h"

/* The agent of the next try: an acquaintance of the first founder while
 * near tries last (`left` tries after this one), else anyone. */
static uint32_t next_try(gsl_rng *r, uint32_t anchor, long left, long far_tries, uint32_t reach,
                         uint32_t n) {
  if (anchor != SQ_NONE && left > far_tries && reach > 0)
    return (uint32_t)(((uint64_t)anchor + n - reach + sq_stream_below(r, 2 * reach + 1)) % n);
  return sq_stream_below(r, n);
}

/* Founders are tried in batches: the batch's agents are drawn ahead on a
 * copy of the stream, their attributes (a pure function of seed, replicate
 * and agent, and most of the cost) in parallel, and the tries committed in
 * order on the stream itself, which draws exactly what one-by-one tries
 * would: so the founders are the same for any number of threads. */
enum { BATCH_MAX = 65536, PARALLEL_MIN = 64, SCREEN_CHUNK = 256 };

static void founding_found(sq_world *w, sq_group *g, int day) {
  const sq_scenario *sc = w->sc;
  const sq_entry_rule *rule = &sq_entry_rules[sc->recruitment.entry.rule];
  gsl_rng *r = w->events, *ahead = w->thread_streams[0];
  sq_stream_reset(r, w->seed, w->replicate, (uint32_t)day, (uint32_t)g->id, SQ_DRAW_FOUNDERS);
  uint32_t n = w->pop->size, reach = (uint32_t)sc->population.neighbourhood_size;
  if (reach > n / 2) reach = n / 2;
  int owners = sc->team.owner ? 1 : 0, need = sc->group.founders + owners;
  /* Tries among acquaintances stop after a few passes' worth of the
   * neighbourhood (the founders a large group needs may not all be there),
   * then the rest are drawn anywhere. */
  long far_tries = 100L * need, near_tries = 1000 + 1000L * need;
  if (near_tries > 4L * (2 * reach + 1)) near_tries = 4L * (2 * reach + 1);
  long tries = near_tries + far_tries;
  uint32_t anchor = SQ_NONE;
  long cap = need < 1 ? 1 : need < BATCH_MAX / 2 ? 2L * need : BATCH_MAX;
  uint32_t *agents = malloc((size_t)cap * sizeof *agents);
  sq_agent *drawn = malloc((size_t)cap * sizeof *drawn);
  bool *eligible = malloc((size_t)cap * sizeof *eligible);
  /* room for every founder at once: no copies as the group grows */
  if (!agents || !drawn || !eligible ||
      sq_members_reserve(&g->m, g->m.count + (uint32_t)need) ||
      sq_map_reserve(&w->map, (size_t)need)) {
    free(agents), free(drawn), free(eligible);
    sq_world_fail(w, "the founders' attributes");
    return;
  }
  bool screens = rule->screens_fit;
  double threshold = sc->recruitment.entry.fit_threshold;
  for (int joined = 0; joined < need && tries > 0;) {
    long batch = 2L * (need - joined);
    batch = batch > cap ? cap : batch > tries ? tries : batch;
    gsl_rng_memcpy(ahead, r);
    for (long k = 0; k < batch; k++)
      agents[k] = next_try(ahead, anchor, tries - 1 - k, far_tries, reach, n);
    int threads = batch >= PARALLEL_MIN ? w->threads : 1;
    /* what does not depend on the tries before: in the market, not in a
     * group before this batch, and a fit the rule admits (only those get
     * the rest of their attributes drawn); screened a chunk at a time */
    long chunks = (batch + SCREEN_CHUNK - 1) / SCREEN_CHUNK;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
    for (long c = 0; c < chunks; c++) {
      long from = c * SCREEN_CHUNK, to = from + SCREEN_CHUNK < batch ? from + SCREEN_CHUNK : batch;
      uint32_t screen[SCREEN_CHUNK], n_screen = 0;
      long slot[SCREEN_CHUNK];
      for (long k = from; k < to; k++) sq_map_prefetch(&w->map, agents[k]); /* misses, overlapped */
      for (long k = from; k < to; k++) {
        eligible[k] = false;
        if (sq_map_get(&w->map, agents[k]) != SQ_MAP_ABSENT) continue;
        if (sq_agent_arrival_day(w->pop, agents[k]) > day) continue; /* not in the market yet */
        slot[n_screen] = k;
        screen[n_screen++] = agents[k];
      }
      sq_agent screened[SCREEN_CHUNK];
      sq_agents_draw_screen(w->pop, screen, n_screen, screened);
      gsl_rng *stream = w->thread_streams[2 * omp_get_thread_num() + 1];
      for (uint32_t i = 0; i < n_screen; i++) {
        long k = slot[i];
        drawn[k] = screened[i];
        if (screens && sq_fit(drawn[k].interest, g->theme, w->topics) < threshold) continue;
        sq_agent_draw_rest(w->pop, agents[k], stream, &drawn[k]);
        eligible[k] = true;
      }
    }
    enum { AHEAD = 16 }; /* tries whose map slots are fetched ahead */
    for (long k = 0; k < batch && joined < need; k++) {
      if (k + AHEAD < batch) sq_map_prefetch(&w->map, agents[k + AHEAD]);
      uint32_t agent = next_try(r, anchor, --tries, far_tries, reach, n);
      /* in a group already: one of this batch's earlier tries */
      if (!eligible[k] || sq_map_get(&w->map, agent) != SQ_MAP_ABSENT) continue;
      const sq_agent *a = &drawn[k];
      bool owner = joined < owners, manager = !owner && joined < owners + sc->team.managers;
      if (a->spammer && (owner || manager)) continue;
      /* founders are the owner's acquaintances: welcomed, if there is an owner */
      double engagement =
          owner || manager ? 1.0 : fmin(1.0, sc->engagement.initial * g->enthusiasm);
      sq_world_add_member(w, g, day, agent, a, SQ_NONE, false, sc->team.owner, engagement);
      if (owner) sq_team_take_lead(w, g, agent, 1.0);
      if (manager) sq_team_add_manager(w, g, agent);
      joined++;
      if (anchor == SQ_NONE) { /* the rest of the batch was drawn without it */
        anchor = agent;
        break;
      }
    }
  }
  free(agents), free(drawn), free(eligible);
  /* the founders' first-week effort: their energy u, drawn once for the
   * group after its founders (the same stream, so they are unchanged), keeps
   * a group that has not yet held a first conversation going for 1 +
   * floor(u E) days (models/death.c) */
  int effort = sc->death.founder_effort_days;
  if (effort > 0) {
    double u = gsl_rng_uniform(r);
    g->effort_until = day + 1 + (int32_t)(u * effort);
  } else {
    g->effort_until = day;
  }
}

const sq_mechanism sq_mechanism_founding = {
    .name = "founding",
    .doc = "an owner and founders from one neighbourhood join a new group; the first lead",
    .found = founding_found,
};

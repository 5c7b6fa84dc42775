/* The engine: the world, the day loop, memory and the output rows
 * (docs/ARCHITECTURE.md).  The model's behaviour is in its mechanisms
 * (the files of models/), which the engine calls through one table of descriptors
 * (models/world.h, sq_mechanism; the model's table is sq_mechanisms in
 * models/mechanisms.c).
 *
 * A run holds its groups; each group holds its members as a structure of
 * arrays.  A day has four phases:
 *   1. members       the `terms` hooks give each group its coefficients for
 *                    the day; then, parallel over blocks of members, the
 *                    kernel (models/engagement.c): posts and ads, the value
 *                    of what they read of the group's previous day,
 *                    engagement, belonging, leaving, invitations;
 *   2. leavers       serial: they go (`left` hooks: the team's succession);
 *   3. candidates    parallel over groups (`candidates` hooks): invitees and
 *                    outsiders reached consider joining, against the
 *                    memberships of phase 2;
 *   4. commit        serial, group by group: a new group's founders
 *                    (`found`), candidates join (`commit`, each newcomer
 *                    through the `join` hooks), the group's day (`group_day`:
 *                    the team, splits, moderation, ads, rituals, content),
 *                    its row, then `close_day` (freshness, death).
 * Blocks are fixed by membership, not by threads, and their partial sums are
 * combined in block order, so the result is the same for any thread count.
 * Every random draw comes from Philox keyed by (seed, replicate, day, agent
 * or group, purpose).  Work per day grows with members and events only.
 */
#include "sim/engine/run.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "models/engagement.h"
#include "models/stages.h"
#include "models/world.h"
#include "models/rng.h"
#include "sim/io/scenario.h"

/* Below two blocks a day is too short to share.  Measured (one group of
 * 200,000 founders, bench/README.md): days of 4,096 to 16,384 members
 * still gain from a second thread on an idle machine; on a busy one,
 * judge_sharing (below) runs the days on one thread. */
#define PARALLEL_MIN_MEMBERS (2 * SQ_BLOCK)

/* Run hook `hook` of every mechanism of w's table, in table order. */
#define EACH_MECHANISM(w, hook, ...)                                                \
  for (const sq_mechanism *const *mech_ = (w)->mechanisms; *mech_; mech_++)         \
    if ((*mech_)->hook) (*mech_)->hook(__VA_ARGS__)

/* ---- members: a structure of arrays (models/world.h) --------------------- */

int sq_members_reserve(sq_members *m, uint32_t need) {
  if (need <= m->capacity) return 0;
  uint32_t cap = m->capacity ? m->capacity : 16;
  while (cap < need) cap *= 2;
#define GROW(type, name)                                       \
  {                                                            \
    type *p = realloc(m->name, (size_t)cap * sizeof(type));    \
    if (!p) return -1;                                         \
    m->name = p;                                               \
  }
  SQ_MEMBER_FIELDS(GROW)
#undef GROW
  m->capacity = cap;
  return 0;
}

void sq_members_remove(sq_members *m, uint32_t i) {
  uint32_t last = --m->count;
  if (i == last) return;
#define MOVE(type, name) m->name[i] = m->name[last];
  SQ_MEMBER_FIELDS(MOVE)
#undef MOVE
}

void sq_members_copy(sq_members *to, const sq_members *from, uint32_t i) {
  uint32_t j = to->count++;
#define COPY(type, name) to->name[j] = from->name[i];
  SQ_MEMBER_FIELDS(COPY)
#undef COPY
}

static void members_free(sq_members *m) {
#define FREE(type, name) free(m->name);
  SQ_MEMBER_FIELDS(FREE)
#undef FREE
  memset(m, 0, sizeof *m);
}

size_t sq_member_bytes(int topics) {
  (void)topics; /* no interest vectors are stored (models/world.h) */
  size_t bytes = 0;
#define SIZE(type, name) bytes += sizeof(type);
  SQ_MEMBER_FIELDS(SIZE)
#undef SIZE
  /* per day: four random words, and room for a leaver and an invitation */
  return bytes + 4 * sizeof(uint32_t) + sizeof(uint32_t) + sizeof(sq_invite);
}

static int group_events_reserve(sq_group *g) {
  uint32_t need = g->m.count + 1;
  if (need <= g->events_capacity) return 0;
  uint32_t cap = g->m.capacity > need ? g->m.capacity : need;
  uint32_t *l = realloc(g->leavers, cap * sizeof *l);
  if (l) g->leavers = l;
  sq_invite *e = realloc(g->invites, cap * sizeof *e);
  if (e) g->invites = e;
  if (!l || !e) return -1;
  g->events_capacity = cap;
  return 0;
}

void sq_group_push_candidate(sq_world *w, sq_group *g, sq_candidate c) {
  if (g->n_candidates == g->cap_candidates) {
    uint32_t cap = g->cap_candidates ? 2 * g->cap_candidates : 16;
    sq_candidate *p = realloc(g->candidates, cap * sizeof *p);
    if (!p) {
      sq_world_fail(w, "a group's candidates"); /* called from parallel tasks */
      return;
    }
    g->candidates = p;
    g->cap_candidates = cap;
  }
  g->candidates[g->n_candidates++] = c;
}

uint32_t sq_group_slot_of(const sq_group *g, uint32_t agent) {
  for (uint32_t i = 0; i < g->m.count; i++)
    if (g->m.agent[i] == agent) return i;
  return SQ_NONE;
}

/* ---- failures, joining and records ----------------------------------------- */

void sq_world_fail(sq_world *w, const char *what) {
#pragma omp critical(sq_world_fail)
  if (!w->out_of_memory) w->out_of_memory = what;
}

void sq_world_record_member(sq_world *w, const sq_group *g, uint32_t i, int32_t leave_day) {
  if (!w->record_members) return;
  const sq_members *m = &g->m;
  sq_member_record rec = {m->agent[i], g->id, m->spell_day[i], leave_day, m->inviter[i],
                          m->posts[i]};
  if (sq_result_add_member(w->out, &rec)) sq_world_fail(w, "the members' records");
}

void sq_group_tally(const sq_scenario *sc, sq_group *g, uint8_t flags, float engagement) {
  if (flags & SQ_M_SPAMMER) {
    g->spammers++;
    return;
  }
  if (engagement >= sc->engagement.active_threshold)
    g->active++;
  else
    g->zombies++;
  g->engagement_sum += engagement;
}

/* The member is stored with what the engine knows of it (its attributes,
 * its days, no shield, no newcomer hazard, no tyranny, no posts until a
 * mechanism sets its rate); the `join` hooks set the rest. */
void sq_world_add_member(sq_world *w, sq_group *g, int day, uint32_t agent, const sq_agent *a,
                         uint32_t inviter, bool veteran, bool welcomed, double engagement) {
  sq_members *m = &g->m;
  bool first_time = sq_map_get(&w->map, agent) == SQ_MAP_ABSENT; /* not a returning member */
  if (sq_members_reserve(m, m->count + 1) || sq_map_put(&w->map, agent, g->id)) {
    sq_world_fail(w, "a group's members");
    return;
  }
  uint32_t i = m->count++;
  m->agent[i] = agent;
  m->inviter[i] = inviter;
  m->posts[i] = 0;
  m->join_day[i] = day;
  m->spell_day[i] = day;
  m->shield_until[i] = day;
  m->newcomer_until[i] = day;
  m->belonging[i] = 0;
  double interest_sum = 0;
  for (int k = 0; k < w->topics; k++) interest_sum += a->interest[k];
  m->interest_sum[i] = (float)interest_sum;
  m->fit[i] = (float)sq_fit(a->interest, g->theme, w->topics);
  m->post_rate[i] = 0;
  m->quality[i] = a->quality;
  m->inv_expectation[i] = 1.0f / a->expectation;
  m->tyranny[i] = 0;
  m->sociability[i] = a->sociability;
  m->leave_scale[i] = 1;
  m->flags[i] = a->spammer ? SQ_M_SPAMMER : 0;
  sq_newcomer n = {i, a, inviter, veteran, welcomed, engagement};
  EACH_MECHANISM(w, join, w, g, day, &n);
  m->engagement[i] = (float)(n.engagement > 1 ? 1 : n.engagement);
  g->joins++;
  g->reach++;
  w->ever_joined += first_time;
  sq_group_tally(w->sc, g, m->flags[i], m->engagement[i]);
}

/* ---- groups ---------------------------------------------------------------- */

int sq_world_reserve_groups(sq_world *w, size_t extra) {
  if (w->n_groups + extra <= w->cap_groups) return 0;
  size_t cap = w->cap_groups ? 2 * w->cap_groups : 8;
  while (cap < w->n_groups + extra) cap *= 2;
  sq_group *p = realloc(w->groups, cap * sizeof *p);
  if (!p) return -1;
  w->groups = p;
  w->cap_groups = cap;
  return 0;
}

sq_group *sq_world_new_group(sq_world *w, int day, int32_t parent) {
  if (sq_world_reserve_groups(w, 1)) return NULL;
  sq_group *g = &w->groups[w->n_groups];
  memset(g, 0, sizeof *g);
  g->id = (int32_t)w->n_groups++;
  g->parent = parent;
  g->born_day = day;
  g->died_day = -1;
  g->alive = true;
  g->leader = SQ_NONE;
  EACH_MECHANISM(w, born, w, g, day);
  return g;
}

/* ---- the day's events ---------------------------------------------------------- */

/* The day's leavers go (their map entries were set by their blocks:
 * sq_member_block).  The members end where removing the leavers one by
 * one, the highest slot first, each filled from the end
 * (sq_members_remove), would put them, but each field is moved in one
 * pass, a task a field: which member comes from which slot is worked out
 * first, on the indices alone.  The `left` hooks then run in that order. */
static void process_leavers(sq_world *w, sq_group *g, int day) {
  sq_members *m = &g->m;
  uint32_t n = g->n_leavers, moves = 0;
  if (n == 0) return;
  uint32_t *agent = malloc(4 * (size_t)n * sizeof *agent);
  if (!agent) {
    sq_world_fail(w, "the day's leavers");
    return;
  }
  uint32_t *origin = agent + n, *to = origin + n, *from = to + n;
  uint32_t end = m->count - n; /* the members' count once the leavers are gone */
  for (uint32_t k = n; k-- > 0;) { /* a leaver is never moved before it goes */
    agent[k] = m->agent[g->leavers[k]];
    sq_world_record_member(w, g, g->leavers[k], day);
  }
  /* origin[p - end]: whose member sits at slot p >= end, as the removals go */
  for (uint32_t p = end; p < m->count; p++) origin[p - end] = p;
  for (uint32_t k = n, last = m->count; k-- > 0;) {
    uint32_t i = g->leavers[k], o = origin[--last - end];
    if (i == last) continue; /* the last member leaves: nothing moves */
    if (i >= end)
      origin[i - end] = o; /* to move again when its slot is the last */
    else
      to[moves] = i, from[moves++] = o;
  }
  /* a task a field, within a team of this run's threads only (as
   * mentoring's tasks): never handed to another run of a batch */
  bool shared = w->threads > 1 && omp_get_num_threads() > 1;
#define MOVE_FIELD(type, name)                                                   \
  _Pragma("omp task if(shared)")                                              \
  for (uint32_t j = 0; j < moves; j++) m->name[to[j]] = m->name[from[j]];
  SQ_MEMBER_FIELDS(MOVE_FIELD)
#undef MOVE_FIELD
#pragma omp taskwait
  m->count = end;
  for (uint32_t k = n; k-- > 0;) {
    g->leaves++;
    EACH_MECHANISM(w, left, w, g, agent[k], day);
  }
  free(agent);
}

/* `items` (n used of *cap, `size` bytes each) with room for one more:
 * itself, moved to a doubled capacity, or NULL when out of memory (items
 * and *cap unchanged). */
static void *room_for_one(void *items, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return items;
  size_t bigger = *cap ? 2 * *cap : 64;
  void *p = realloc(items, bigger * size);
  if (p) *cap = bigger;
  return p;
}

static int series_push(sq_group *g, uint32_t active) {
  uint32_t *p = room_for_one(g->active_series, &g->series_capacity, g->series_length, sizeof *p);
  if (!p) return -1;
  g->active_series = p;
  p[g->series_length++] = active;
  return 0;
}

/* Close a group's life: its record, its stages and its members' records. */
static void finish_group(sq_world *w, sq_group *g, int last_day) {
  sq_group_record rec = {.group = g->id, .parent = g->parent, .born_day = g->born_day,
                         .died_day = g->died_day, .censored = g->alive,
                         .peak_members = g->peak_members, .peak_day = g->peak_day,
                         .reach = g->reach, .to_peak = g->inflow_to_peak};
  rec.lifespan_days = (g->alive ? last_day + 1 : g->died_day) - g->born_day;
  int days = (int)g->series_length;
  g->stage_series = malloc((size_t)(days ? days : 1));
  if (!g->stage_series ||
      sq_classify_stages(g->active_series, days, g->alive ? -1 : g->died_day - g->born_day,
                         &w->sc->stages, g->stage_series)) {
    sq_world_fail(w, "a group's stages"); /* the run fails; its members are still freed below */
  } else {
    for (int t = 0; t < days; t++) rec.stage_days[g->stage_series[t]]++;
    if (sq_result_add_group(w->out, &rec)) sq_world_fail(w, "the groups' records");
  }
  for (uint32_t i = 0; i < g->m.count; i++) {
    sq_world_record_member(w, g, i, g->alive ? -1 : last_day);
    if (!g->alive && sq_map_put(&w->map, g->m.agent[i], sq_map_former(last_day)))
      sq_world_fail(w, "the map of members");
  }
  members_free(&g->m);
  free(g->leavers);
  free(g->invites);
  free(g->candidates);
  free(g->weighing);
  g->weighing = NULL;
  g->leavers = NULL;
  g->invites = NULL;
  g->candidates = NULL;
}

/* The end of a group's day: growth and peaks, its row, then the
 * mechanisms' close_day (freshness, death); a group that died is closed. */
static void close_day(sq_world *w, sq_group *g, int day) {
  uint32_t n = g->m.count;
  double growth = ((double)g->active - g->last_active) / (g->last_active ? g->last_active : 1);
  g->active_growth += (growth - g->active_growth) / 7.0; /* a week's memory */
  g->last_active = g->active;
  if (g->active > g->peak_active) g->peak_active = g->active;
  if (n > g->peak_members) g->peak_members = n, g->peak_day = day, g->inflow_to_peak = g->inflow;
  uint32_t people = g->active + g->zombies;
  sq_day_row row = {day, g->id, n, g->active, g->zombies, g->spammers, g->joins, g->leaves,
                    (uint32_t)g->posts, g->ads_shown,
                    (float)(people ? g->engagement_sum / people : 0),
                    (float)(g->leader == SQ_NONE ? 0 : g->leader_energy), 0};
  if (sq_result_add_row(w->out, &row)) sq_world_fail(w, "the day's rows");
  if (series_push(g, g->active)) sq_world_fail(w, "a group's series of active members");
  EACH_MECHANISM(w, close_day, w, g, day);
  if (!g->alive) finish_group(w, g, day);
}

/* ---- the run ------------------------------------------------------------------- */

static int build_items(sq_world *w) {
  w->n_items = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    sq_group *g = &w->groups[gi];
    if (!g->alive) continue;
    if (group_events_reserve(g)) return -1;
    for (uint32_t begin = 0; begin < g->m.count; begin += SQ_BLOCK) {
      sq_work_item *p = room_for_one(w->items, &w->cap_items, w->n_items, sizeof *p);
      if (!p) return -1;
      w->items = p;
      uint32_t end = begin + SQ_BLOCK < g->m.count ? begin + SQ_BLOCK : g->m.count;
      w->items[w->n_items++] = (sq_work_item){.group = (uint32_t)gi, .begin = begin, .end = end};
    }
  }
  return 0;
}

/* The group's candidates of the day, from every mechanism that brings some. */
static void gather_candidates(sq_world *w, sq_group *g, int day, gsl_rng *r) {
  g->n_candidates = 0;
  EACH_MECHANISM(w, candidates, w, g, day, r);
}

/* The candidates of group gi on a day after its founding, on the streams
 * of thread t of the run's team. */
static void gather_group_candidates(sq_world *w, long gi, int day, int t) {
  sq_group *g = &w->groups[gi];
  if (!g->alive || (day == g->born_day && g->parent < 0)) return;
  gather_candidates(w, g, day, w->thread_streams[2 * t]);
}

/* The day's blocks into their groups, in block order (sums, then the
 * leavers and invitations behind those of earlier blocks), and the
 * leavers gone. */
static void combine_blocks(sq_world *w, int day) {
  for (size_t k = 0; k < w->n_items; k++) {
    const sq_work_item *it = &w->items[k];
    sq_group *g = &w->groups[it->group];
    g->posts += it->posts;
    g->ads_posted += it->ads;
    g->quality_posts += it->quality_posts;
    g->active += it->active;
    g->zombies += it->zombies;
    g->spammers += it->spammers;
    g->engagement_sum += it->engagement_sum;
    memmove(g->leavers + g->n_leavers, g->leavers + it->begin, it->n_leavers * sizeof *g->leavers);
    memmove(g->invites + g->n_invites, g->invites + it->begin, it->n_invites * sizeof *g->invites);
    g->n_leavers += it->n_leavers;
    g->n_invites += it->n_invites;
  }
  for (size_t gi = 0; gi < w->n_groups; gi++)
    if (w->groups[gi].alive) process_leavers(w, &w->groups[gi], day);
}

/* Threads help a day only if each of them runs: when another process holds
 * a core, the day waits at its barriers for a thread that cannot run, and
 * two threads are slower than one.  So each shared day is judged: its
 * members' blocks took `wall` seconds, and one thread alone would have
 * taken about `alone` (the members, at the best rate a thread showed).
 * When sharing failed to gain a tenth on two shared days in a row (one
 * slow day is noise: an idle machine has some), the next days run on one
 * thread, a spell that doubles (8, 16, ... 256 days) while sharing keeps
 * failing and starts again at 8 when it pays.  Which thread runs what
 * never changes the results, only the time. */
enum { SOLO_FIRST = 8, SOLO_LONGEST = 256 };

static void judge_sharing(sq_world *w, double wall, double alone) {
  if (wall < 0.9 * alone) {
    w->sharing_failures = 0;
    w->solo_spell = SOLO_FIRST;
    return;
  }
  if (++w->sharing_failures < 2) return;
  w->sharing_failures = 0;
  w->solo_days = w->solo_spell;
  w->solo_spell = w->solo_spell < SOLO_LONGEST ? 2 * w->solo_spell : SOLO_LONGEST;
}

static void simulate_day(sq_world *w, int day, uint64_t *member_steps) {
  uint64_t members_today = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    sq_group *g = &w->groups[gi];
    if (!g->alive) continue;
    members_today += g->m.count;
    g->posts = g->ads_posted = 0;
    g->quality_posts = 0;
    g->active = g->zombies = g->spammers = g->joins = g->leaves = 0;
    g->engagement_sum = 0;
    g->n_leavers = g->n_invites = g->n_candidates = 0;
    /* the members' coefficients, once per group-day */
    g->terms = (sq_day_terms){.day = day, .tenure_boost = w->tenure_boost};
    EACH_MECHANISM(w, terms, w, g, day, &g->terms);
  }
  *member_steps += members_today;
  if (build_items(w)) {
    sq_world_fail(w, "the day's blocks of members and their events");
    return;
  }
  long n_items = (long)w->n_items;
  int threads = members_today >= PARALLEL_MIN_MEMBERS ? w->threads : 1;
  if (threads > 1 && w->solo_days > 0) w->solo_days--, threads = 1;

  /* The members' days (blocks in parallel), their sums and events combined
   * and the leavers gone (one thread), then each group's candidates,
   * considered against the memberships as they stand now, one group per
   * task with its thread's streams (re-keyed at every use, so which thread
   * runs a group does not matter): one parallel region for the day.  One
   * thread enters no OpenMP construct: even a team of one ends each loop
   * in a barrier that costs a system call (futex) when threads sleep. */
  long n_groups = (long)w->n_groups;
  if (threads > 1) {
    double start = omp_get_wtime(), best_rate = HUGE_VAL; /* seconds per member */
#pragma omp parallel num_threads(threads)
    {
      double work = 0;
      uint64_t stepped = 0;
#pragma omp for schedule(dynamic, 1) nowait
      for (long k = 0; k < n_items; k++) {
        double t0 = omp_get_wtime();
        sq_member_block(w, &w->items[k], day);
        work += omp_get_wtime() - t0;
        stepped += w->items[k].end - w->items[k].begin;
      }
      if (stepped) {
        double rate = work / (double)stepped;
#pragma omp critical(sq_sharing)
        if (rate < best_rate) best_rate = rate;
      }
#pragma omp barrier
#pragma omp single
      {
        judge_sharing(w, omp_get_wtime() - start, best_rate * (double)members_today);
        combine_blocks(w, day);
      }
#pragma omp for schedule(dynamic, 1)
      for (long gi = 0; gi < n_groups; gi++)
        gather_group_candidates(w, gi, day, omp_get_thread_num());
    }
  } else { /* perhaps inside the team of a batch: this run's streams are thread 0's */
    for (long k = 0; k < n_items; k++) sq_member_block(w, &w->items[k], day);
    combine_blocks(w, day);
    for (long gi = 0; gi < n_groups; gi++) gather_group_candidates(w, gi, day, 0);
  }

  /* every group may split once today: room for the sub-groups, so that
   * pointers into w->groups stay valid while they are founded */
  if (sq_world_reserve_groups(w, w->n_groups)) {
    sq_world_fail(w, "room for sub-groups");
    return;
  }
  uint32_t alive = 0;
  uint64_t total_members = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    sq_group *g = &w->groups[gi];
    if (!g->alive) continue;
    if (day == g->born_day && g->parent < 0) { /* a new group recruits on its first day too */
      EACH_MECHANISM(w, found, w, g, day);
      gather_candidates(w, g, day, w->thread_streams[0]);
    }
    EACH_MECHANISM(w, commit, w, g, day);
    sq_stream_reset(w->events, w->seed, w->replicate, (uint32_t)day, (uint32_t)g->id,
                    SQ_DRAW_GROUP_DAY);
    EACH_MECHANISM(w, group_day, w, g, day); /* a sub-group split off comes later in this loop */
    close_day(w, g, day);
    if (g->alive) alive++, total_members += g->m.count;
  }
  if (alive > w->out->peak_groups) w->out->peak_groups = alive;
  if (total_members > w->out->peak_total_members) w->out->peak_total_members = total_members;
}

static bool any_alive(const sq_world *w) {
  for (size_t gi = 0; gi < w->n_groups; gi++)
    if (w->groups[gi].alive) return true;
  return false;
}

int sq_run(const sq_scenario *scenario, const sq_population *pop, uint32_t replicate,
           const sq_run_options *opt, sq_run_result *out, sq_error *err) {
  memset(out, 0, sizeof *out);
  out->replicate = replicate;
  /* the scenario as given, or a copy with this replicate's settings drawn */
  const sq_scenario *sc = scenario;
  sq_scenario *varied = NULL;
  if (scenario->vary.count > 0) {
    if (!(varied = malloc(sizeof *varied)))
      return sq_error_set(err, SQ_ERUNTIME,
                          "replicate %u: out of memory for the scenario's varied copy", replicate);
    int rc = sq_scenario_vary(scenario, replicate, varied, out->varied, err);
    if (rc) {
      free(varied);
      return rc;
    }
    sc = varied;
  }
  /* this replicate's people on the shared graph (models/population.h) */
  sq_population people = sq_population_view(pop, replicate);
  sq_world w = {.sc = sc, .pop = &people,
                .mechanisms = opt && opt->mechanisms ? opt->mechanisms : sq_mechanisms,
                .seed = (uint64_t)sc->seed, .replicate = replicate,
                .topics = sc->population.topics,
                .threads = opt && opt->threads > 0 ? opt->threads : 1, .solo_spell = SOLO_FIRST,
                .out = out, .record_members = opt && opt->record_members};
  for (int t = 0; t <= SQ_TENURE_TABLE; t++) w.tenure_boost[t] = 1;
  w.events = sq_stream_alloc();
  w.attributes = sq_stream_alloc();
  w.thread_streams = calloc(2 * (size_t)w.threads, sizeof *w.thread_streams);
  if (sq_map_init(&w.map, 1024)) sq_world_fail(&w, "the map of members");
  bool streams = w.events && w.attributes && w.thread_streams;
  for (int t = 0; t < 2 * w.threads && w.thread_streams; t++)
    if (!(w.thread_streams[t] = sq_stream_alloc())) streams = false;
  if (!streams) sq_world_fail(&w, "the random streams");
  if (!w.out_of_memory) EACH_MECHANISM(&w, begin, &w);

  int day = 0;
  for (int gi = 0; gi < sc->group.initial_groups && !w.out_of_memory; gi++)
    if (!sq_world_new_group(&w, 0, -1)) sq_world_fail(&w, "the groups");

  for (; day < sc->horizon_days && !w.out_of_memory; day++) {
    w.day = day;
    simulate_day(&w, day, &out->member_steps);
    if (opt && opt->on_day) opt->on_day(opt->context);
    if (opt && opt->cancel && *opt->cancel) {
      w.interrupted = true;
      day++;
      break;
    }
    if (!any_alive(&w)) {
      day++;
      break;
    }
  }
  out->days_run = day;
  for (size_t gi = 0; gi < w.n_groups; gi++)
    if (w.groups[gi].alive) finish_group(&w, &w.groups[gi], day - 1);
  /* every row takes its stage from its group's classified life */
  for (size_t k = 0; k < out->n_rows && !w.out_of_memory; k++) {
    sq_day_row *row = &out->rows[k];
    const sq_group *g = &w.groups[row->group];
    row->stage = g->stage_series[row->day - g->born_day];
  }
  out->reach = w.ever_joined;
  for (size_t gi = 0; gi < w.n_groups; gi++) {
    sq_group *g = &w.groups[gi];
    free(g->active_series);
    free(g->stage_series);
  }
  free(w.groups);
  free(w.items);
  sq_map_free(&w.map);
  for (int t = 0; t < 2 * w.threads && w.thread_streams; t++)
    if (w.thread_streams[t]) gsl_rng_free(w.thread_streams[t]);
  free(w.thread_streams);
  if (w.events) gsl_rng_free(w.events);
  if (w.attributes) gsl_rng_free(w.attributes);
  free(varied);
  if (w.out_of_memory || w.interrupted) {
    sq_result_free(out);
    if (w.interrupted && !w.out_of_memory)
      return sq_error_set(err, SQ_ERUNTIME, "replicate %u: interrupted", replicate);
    return sq_error_set(err, SQ_ERUNTIME, "replicate %u: out of memory for %s on day %d",
                        replicate, w.out_of_memory, w.day);
  }
  return SQ_OK;
}

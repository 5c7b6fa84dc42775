/* The daily step (docs/MODEL.md section "One day").
 *
 * A run holds its groups; each group holds its members as a structure of
 * arrays.  A day has four phases:
 *   1. members       parallel over blocks of members: posts and ads, the
 *                    value of what they read of the group's previous day,
 *                    engagement, belonging, leaving, invitations;
 *   2. leavers       serial: they go, and leaders are succeeded;
 *   3. candidates    parallel over groups: invitees and outsiders reached
 *                    consider joining, against the memberships of phase 2;
 *   4. commit        serial, group by group: candidates join, the team
 *                    tires, the group's day is summed up (moderation,
 *                    operations content, what members will read tomorrow),
 *                    its record is written and its death decided.
 * Blocks are fixed by membership, not by threads, and their partial sums are
 * combined in block order, so the result is the same for any thread count.
 * Every random draw comes from Philox keyed by (seed, replicate, day, agent
 * or group, purpose).  Work per day grows with members and events only.
 */
#include "sim/run.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "models/entry.h"
#include "models/schedules.h"
#include "models/stages.h"
#include "sim/agent_map.h"
#include "sim/rng.h"
#include "sim/scenario.h"

#define BLOCK 2048                  /* members per work item */
#define PARALLEL_MIN_MEMBERS 16384  /* below this a day is too short to share */
#define TENURE_TABLE 1024           /* days of tenure with a tabulated invitation boost */
#define MAX_OUTSIDER_TRIES 64       /* draws to find an agent who never joined */
#define SQ_MAX_MANAGERS 64          /* team.managers is at most this */

enum { M_SPAMMER = 1, M_MENTORED = 2, M_PAID = 4 };

/* ---- members: a structure of arrays ------------------------------------- */

#define MEMBER_FIELDS(X)                                                          \
  X(uint32_t, agent)          /* population id */                                 \
  X(uint32_t, inviter)        /* agent id or SQ_NONE */                           \
  X(uint32_t, posts)          /* posts since joining this group */                \
  X(int32_t, join_day)        /* day it joined the network: its tenure */         \
  X(int32_t, spell_day)       /* day it joined this group */                      \
  X(int32_t, shield_until)    /* no leaving before this day */                    \
  X(int32_t, newcomer_until)  /* the newcomer hazard applies before this day */   \
  X(float, engagement)        /* e, 0..1 */                                       \
  X(float, belonging)         /* b, 0..1 */                                       \
  X(float, fit)               /* f = interest . theme */                          \
  X(float, post_rate)         /* posts/day at engagement 1 */                     \
  X(float, quality)                                                               \
  X(float, inv_expectation)   /* 1 / expectation */                               \
  X(float, tyranny)           /* c_tyr * max(0, strictness - tolerance) */        \
  X(float, sociability)                                                           \
  X(float, leave_scale)       /* multiplier of the leaving hazard */              \
  X(uint8_t, flags)

typedef struct members {
  uint32_t count, capacity;
#define DECLARE(type, name) type *name;
  MEMBER_FIELDS(DECLARE)
#undef DECLARE
  float *interest; /* capacity x topics */
} members;

typedef struct invite_event {
  uint32_t inviter;  /* agent id */
  uint32_t count;    /* invitations sent today */
  uint8_t veteran;   /* an active veteran: its invitees are mentored */
} invite_event;

/* Someone who accepted an offer today and joins at the day's commit. */
typedef struct candidate {
  uint32_t agent;
  uint32_t inviter; /* SQ_NONE: reached by outreach */
  bool veteran;     /* invited by an active veteran: mentored */
  bool outreach;
} candidate;

typedef struct group {
  int32_t id, parent, born_day, died_day;
  bool alive;
  float theme[SQ_MAX_TOPICS];
  members m;
  /* the core team: an active leader (or none) and managers waiting to lead */
  uint32_t leader;       /* agent id, SQ_NONE: leaderless */
  double leader_energy;  /* 0..1 */
  double leader_burnout; /* this leader's burnout, energy lost a day while leading */
  int n_managers;
  uint32_t manager[SQ_MAX_MANAGERS];
  double manager_energy[SQ_MAX_MANAGERS];
  double manager_burnout[SQ_MAX_MANAGERS];
  int32_t last_split_day;
  double outreach_level; /* the adaptive schedule's state */
  double freshness;      /* phi, 0..1: recent inflow of newcomers */
  double active_growth;  /* smoothed daily growth of active members */
  uint32_t last_active, peak_active;
  int silent_run;        /* consecutive days with fewer than death.min_active */
  uint32_t peak_members, reach;
  int32_t peak_day;
  /* today */
  uint64_t posts, ads_posted;
  uint32_t ads_shown;
  double quality_posts;
  uint32_t active, zombies, spammers, joins, leaves;
  double engagement_sum;
  bool leader_on;
  double content_factor, noise, ban_probability, ritual_belonging;
  /* events of phase 3, one slot per member at most */
  uint32_t *leavers, n_leavers;
  invite_event *invites;
  uint32_t n_invites, events_capacity;
  candidate *candidates;
  uint32_t n_candidates, cap_candidates;
  /* the group's life, for stage classification */
  uint32_t *active_series;
  uint8_t *stage_series;
  size_t series_length, series_capacity;
} group;

typedef struct work_item {
  uint32_t group, begin, end;
  uint64_t posts, ads;
  double quality_posts;
  uint32_t active, zombies, spammers, n_leavers, n_invites;
  double engagement_sum;
} work_item;

typedef struct world {
  const sq_scenario *sc;
  const sq_population *pop;
  uint64_t seed;
  uint32_t replicate;
  int topics;
  int threads;
  group *groups;
  size_t n_groups, cap_groups;
  sq_agent_map map;
  gsl_rng *events;     /* phase 4's draws */
  gsl_rng *attributes; /* candidates' attributes */
  work_item *items;
  size_t n_items, cap_items;
  gsl_rng **thread_streams; /* two per thread, for considering candidates */
  float tenure_boost[TENURE_TABLE + 1]; /* by days of tenure; 1 from TENURE_TABLE on */
  uint64_t ever_joined;
  sq_run_result *out;
  bool record_members;
  bool out_of_memory;
  bool interrupted;
} world;

static int members_reserve(members *m, uint32_t need, int topics) {
  if (need <= m->capacity) return 0;
  uint32_t cap = m->capacity ? m->capacity : 16;
  while (cap < need) cap *= 2;
#define GROW(type, name)                                       \
  {                                                            \
    type *p = realloc(m->name, (size_t)cap * sizeof(type));    \
    if (!p) return -1;                                         \
    m->name = p;                                               \
  }
  MEMBER_FIELDS(GROW)
#undef GROW
  float *p = realloc(m->interest, (size_t)cap * (size_t)topics * sizeof(float));
  if (!p) return -1;
  m->interest = p;
  m->capacity = cap;
  return 0;
}

/* Move the last member into slot i (order changes, deterministically). */
static void members_remove(members *m, uint32_t i, int topics) {
  uint32_t last = --m->count;
  if (i == last) return;
#define MOVE(type, name) m->name[i] = m->name[last];
  MEMBER_FIELDS(MOVE)
#undef MOVE
  memcpy(m->interest + (size_t)i * topics, m->interest + (size_t)last * topics,
         (size_t)topics * sizeof(float));
}

/* Append a copy of member i of `from` to `to` (capacity reserved). */
static void members_copy(members *to, const members *from, uint32_t i, int topics) {
  uint32_t j = to->count++;
#define COPY(type, name) to->name[j] = from->name[i];
  MEMBER_FIELDS(COPY)
#undef COPY
  memcpy(to->interest + (size_t)j * topics, from->interest + (size_t)i * topics,
         (size_t)topics * sizeof(float));
}

static void members_free(members *m) {
#define FREE(type, name) free(m->name);
  MEMBER_FIELDS(FREE)
#undef FREE
  free(m->interest);
  memset(m, 0, sizeof *m);
}

size_t sq_member_bytes(int topics) {
  size_t bytes = (size_t)topics * sizeof(float);
#define SIZE(type, name) bytes += sizeof(type);
  MEMBER_FIELDS(SIZE)
#undef SIZE
  /* per day: four random words, and room for a leaver and an invitation */
  return bytes + 4 * sizeof(uint32_t) + sizeof(uint32_t) + sizeof(invite_event);
}

static int group_events_reserve(group *g) {
  uint32_t need = g->m.count + 1;
  if (need <= g->events_capacity) return 0;
  uint32_t cap = g->m.capacity > need ? g->m.capacity : need;
  uint32_t *l = realloc(g->leavers, cap * sizeof *l);
  if (l) g->leavers = l;
  invite_event *e = realloc(g->invites, cap * sizeof *e);
  if (e) g->invites = e;
  if (!l || !e) return -1;
  g->events_capacity = cap;
  return 0;
}

/* ---- small model functions ---------------------------------------------- */

/* Appeal of the topic on a day of the run: 1 / (1 + (day / half_life)^k).
 * The topic ages for every group alike, as the field moves on. */
static double topic_appeal(const sq_topic_params *t, int day) {
  if (t->half_life_days <= 0) return 1.0;
  return 1.0 / (1.0 + pow(day / t->half_life_days, t->fade_steepness));
}

static void make_theme(float *theme, int topics, int topic, double focus) {
  double norm = 0;
  for (int k = 0; k < topics; k++) {
    theme[k] = (float)((k == topic ? focus : 0.0) + (1.0 - focus) / topics);
    norm += (double)theme[k] * theme[k];
  }
  for (int k = 0; k < topics; k++) theme[k] = (float)(theme[k] / sqrt(norm));
}

/* ---- joining and leaving -------------------------------------------------- */

static void record_member(world *w, const group *g, uint32_t i, int32_t leave_day) {
  if (!w->record_members) return;
  const members *m = &g->m;
  sq_member_record rec = {m->agent[i], g->id, m->spell_day[i], leave_day, m->inviter[i],
                          m->posts[i]};
  if (sq_result_add_member(w->out, &rec)) w->out_of_memory = true;
}

/* Count a member into today's end-of-day tallies. */
static void tally(const sq_scenario *sc, group *g, uint8_t flags, float engagement) {
  if (flags & M_SPAMMER) {
    g->spammers++;
    return;
  }
  if (engagement >= sc->engagement.active_threshold)
    g->active++;
  else
    g->zombies++;
  g->engagement_sum += engagement;
}

typedef struct join_terms {
  uint32_t inviter;   /* SQ_NONE unless invited */
  bool mentored;
  bool welcomed;      /* by an organiser: spared the newcomer hazard */
  double engagement;  /* starting engagement */
} join_terms;

static void add_member(world *w, group *g, int day, uint32_t agent, const sq_agent *a,
                       const join_terms *t) {
  const sq_scenario *sc = w->sc;
  members *m = &g->m;
  if (members_reserve(m, m->count + 1, w->topics) || sq_map_put(&w->map, agent, g->id)) {
    w->out_of_memory = true;
    return;
  }
  bool paid = sq_entry_rules[sc->recruitment.entry.rule].paid;
  /* evaporation: newcomers of an older group are worse posters */
  double age_years = (day - g->born_day) / 365.0;
  double quality_scale = 1 - sc->recruitment.entry.quality_decline_per_year * age_years;
  if (quality_scale < 0.1) quality_scale = 0.1;
  uint32_t i = m->count++;
  uint8_t flags = (uint8_t)((a->spammer ? M_SPAMMER : 0) | (t->mentored ? M_MENTORED : 0) |
                            (paid ? M_PAID : 0));
  double e = t->engagement + (t->mentored ? sc->mentoring.engagement_boost : 0) +
             (paid ? sc->recruitment.entry.paid_engagement : 0);
  double slack = sc->rules.strictness - a->tolerance;
  m->agent[i] = agent;
  m->inviter[i] = t->inviter;
  m->posts[i] = 0;
  m->join_day[i] = day;
  m->spell_day[i] = day;
  m->shield_until[i] = t->mentored ? day + sc->mentoring.shield_days : day;
  m->newcomer_until[i] = t->mentored || t->welcomed ? day : day + sc->engagement.newcomer_days;
  m->engagement[i] = (float)(e > 1 ? 1 : e);
  m->belonging[i] = 0;
  memcpy(m->interest + (size_t)i * w->topics, a->interest, (size_t)w->topics * sizeof(float));
  m->fit[i] = (float)sq_fit(a->interest, g->theme, w->topics);
  m->post_rate[i] = (float)(sc->content.post_rate_per_day * a->talkativeness);
  m->quality[i] = (float)(a->quality * quality_scale);
  m->inv_expectation[i] = 1.0f / a->expectation;
  m->tyranny[i] = (float)(sc->rules.tyranny_cost * (slack > 0 ? slack : 0));
  m->sociability[i] = a->sociability;
  m->leave_scale[i] = (float)(paid ? 1 - sc->recruitment.entry.paid_commitment : 1);
  m->flags[i] = flags;
  g->joins++;
  g->reach++;
  w->ever_joined++;
  tally(sc, g, flags, m->engagement[i]);
}

/* The slot of `agent` in g, or SQ_NONE. */
static uint32_t slot_of(const group *g, uint32_t agent) {
  for (uint32_t i = 0; i < g->m.count; i++)
    if (g->m.agent[i] == agent) return i;
  return SQ_NONE;
}

/* An organiser's own burnout rate, energy lost a day while leading: the
 * mean rate times a lognormal factor of mean 1, a pure function of
 * (seed, replicate, agent). */
static double burnout_rate(const world *w, uint32_t agent) {
  const sq_team_params *t = &w->sc->team;
  sq_bits4 b = sq_philox(w->seed, w->replicate, SQ_NO_DAY, agent, SQ_DRAW_TEAM, 0);
  double u1 = sq_u01(b.v[0]), u2 = sq_u01(b.v[1]);
  double z = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2); /* Box-Muller: one normal */
  double s = t->burnout_spread;
  return t->burnout_per_year / 365.0 * exp(s * z - 0.5 * s * s);
}

/* Make `agent` (a member of g) the leader, with `energy`; the leader does
 * not leave while it leads. */
static void take_lead(world *w, group *g, uint32_t agent, double energy) {
  g->leader = agent;
  g->leader_energy = energy;
  g->leader_burnout = burnout_rate(w, agent);
  uint32_t i = slot_of(g, agent);
  if (i != SQ_NONE) g->m.shield_until[i] = INT32_MAX;
}

/* The leader steps down (burnt out) or has left: the manager with the most
 * energy takes over if the team provides succession, otherwise the group is
 * leaderless.  A former leader stays a member and may leave like anyone.
 * (Managers only leave the team this way: see add_manager.) */
static void succeed(world *w, group *g, int day) {
  uint32_t i = slot_of(g, g->leader);
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
  take_lead(w, g, heir, energy);
  if (g->leader_energy < w->sc->team.quit_below) succeed(w, g, day); /* too tired to lead */
}

/* Add a member of g to its core team: committed, it does not leave the
 * group while in the team (it leaves the team only to lead). */
static void add_manager(const world *w, group *g, uint32_t agent) {
  uint32_t i = slot_of(g, agent);
  if (g->n_managers == SQ_MAX_MANAGERS || i == SQ_NONE) return;
  g->manager[g->n_managers] = agent;
  g->manager_burnout[g->n_managers] = burnout_rate(w, agent);
  g->manager_energy[g->n_managers++] = 1.0;
  g->m.shield_until[i] = INT32_MAX;
}

/* A member leaves: out of the team if it was in it. */
static void leave_team(world *w, group *g, uint32_t agent, int day) {
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

/* ---- candidates ------------------------------------------------------------ */

/* A uniformly drawn agent who has never joined, or SQ_NONE if none is left.
 * When the population is nearly exhausted and random draws keep hitting
 * former members, the next outsider after the last draw is taken. */
static uint32_t draw_outsider(world *w, gsl_rng *r) {
  if (w->ever_joined >= w->pop->size) return SQ_NONE;
  uint32_t a = 0;
  for (int k = 0; k < MAX_OUTSIDER_TRIES; k++) {
    a = sq_stream_below(r, w->pop->size);
    if (sq_map_get(&w->map, a) == SQ_MAP_ABSENT) return a;
  }
  while (sq_map_get(&w->map, a) != SQ_MAP_ABSENT) a = a + 1 < w->pop->size ? a + 1 : 0;
  return a;
}

/* A contact of `agent` chosen uniformly, or SQ_NONE if it has none. */
static uint32_t draw_contact(world *w, uint32_t agent, gsl_rng *r) {
  const sq_graph *graph = &w->pop->graph;
  if (!graph->offset) {
    if (w->pop->size < 2) return SQ_NONE;
    uint32_t t = sq_stream_below(r, w->pop->size - 1);
    return t >= agent ? t + 1 : t;
  }
  uint32_t deg = sq_graph_degree(graph, agent);
  return deg ? sq_graph_neighbors(graph, agent)[sq_stream_below(r, deg)] : SQ_NONE;
}

static uint32_t contacts_inside(const world *w, uint32_t agent, int32_t gid) {
  const sq_graph *graph = &w->pop->graph;
  if (!graph->offset) return 0;
  uint32_t deg = sq_graph_degree(graph, agent), k = 0;
  const uint32_t *nb = sq_graph_neighbors(graph, agent);
  for (uint32_t i = 0; i < deg; i++) k += sq_map_get(&w->map, nb[i]) == gid;
  return k;
}

/* Would `agent` accept an offer to join g today?  The entry rule, then the
 * acceptance draw (docs/MODEL.md, "Recruitment").  Reads the memberships as
 * they were at the start of the day's events, so groups can be considered
 * at once.  `r` is the inviter's or the outreach's stream, `attributes` a
 * stream for the candidate's attributes. */
static bool accepts(const world *w, const group *g, int day, uint32_t agent, bool invited,
                    gsl_rng *r, gsl_rng *attributes) {
  const sq_recruitment_params *rp = &w->sc->recruitment;
  const sq_entry_rule *rule = &sq_entry_rules[rp->entry.rule];
  if (sq_map_get(&w->map, agent) != SQ_MAP_ABSENT) return false;
  double u = gsl_rng_uniform(r);
  sq_agent a;
  sq_agent_draw_screen(w->pop, agent, attributes, &a);
  double fit = sq_fit(a.interest, g->theme, w->topics);
  if (rule->screens_fit && fit < rp->entry.fit_threshold) return false;
  if (a.spammer) return u < rp->acceptance.spammer;
  uint32_t inside = w->pop->graph.offset ? contacts_inside(w, agent, g->id) : invited;
  double accept = rp->acceptance.base * pow(fit, rp->acceptance.fit_exponent) *
                  topic_appeal(&w->sc->topic, day) *
                  (invited ? 1 + rp->acceptance.trust : 1) *
                  (1 + rp->acceptance.contacts_weight * log1p((double)inside)) *
                  (rule->paid ? rp->entry.paid_acceptance : 1);
  return u < accept;
}

static void push_candidate(world *w, group *g, candidate c) {
  if (g->n_candidates == g->cap_candidates) {
    uint32_t cap = g->cap_candidates ? 2 * g->cap_candidates : 16;
    candidate *p = realloc(g->candidates, cap * sizeof *p);
    if (!p) {
#pragma omp atomic write
      w->out_of_memory = true; /* called from parallel tasks */
      return;
    }
    g->candidates = p;
    g->cap_candidates = cap;
  }
  g->candidates[g->n_candidates++] = c;
}

/* Is `agent` already among today's candidates of g?  (Direct joins must not
 * draw the same outsider twice in a day.) */
static bool already_candidate(const group *g, uint32_t agent) {
  for (uint32_t k = 0; k < g->n_candidates; k++)
    if (g->candidates[k].agent == agent) return true;
  return false;
}

/* The day's candidates of g: invitees and outsiders reached by outreach who
 * accept.  They join at the commit, in this order, while there is room. */
static void gather_candidates(world *w, group *g, int day, gsl_rng *r, gsl_rng *attributes) {
  const sq_scenario *sc = w->sc;
  g->n_candidates = 0;
  if (day - g->born_day >= sc->recruitment.closed_after_days) return; /* a closed group */
  uint32_t room = (uint32_t)sc->group.capacity > g->m.count ? sc->group.capacity - g->m.count : 0;
  for (uint32_t k = 0; k < g->n_invites && g->n_candidates < room; k++) {
    const invite_event *ev = &g->invites[k];
    sq_stream_reset(r, w->seed, w->replicate, (uint32_t)day, ev->inviter, SQ_DRAW_INVITE);
    for (uint32_t j = 0; j < ev->count && g->n_candidates < room; j++) {
      uint32_t target = draw_contact(w, ev->inviter, r);
      if (target != SQ_NONE && accepts(w, g, day, target, true, r, attributes))
        push_candidate(w, g, (candidate){target, ev->inviter, ev->veteran, false});
    }
  }
  const sq_schedule *s = &sq_schedules[sc->recruitment.outreach.schedule];
  if (!sq_entry_rules[sc->recruitment.entry.rule].outreach_allowed) return;
  if (s->operated && g->leader == SQ_NONE) return; /* nobody runs the outreach */
  uint32_t limit = (uint32_t)(sc->group.qr_join_limit < sc->group.capacity ? sc->group.qr_join_limit
                                                                           : sc->group.capacity);
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
    if (s->direct || accepts(w, g, day, agent, false, r, attributes)) {
      push_candidate(w, g, (candidate){agent, SQ_NONE, false, true});
      joining++;
    }
  }
}

/* Today's candidates join g in order while there is room; an agent two
 * groups (or two inviters) won today joins the first. */
static void commit_candidates(world *w, group *g, int day) {
  const sq_scenario *sc = w->sc;
  uint32_t limit = (uint32_t)(sc->group.qr_join_limit < sc->group.capacity ? sc->group.qr_join_limit
                                                                           : sc->group.capacity);
  /* the active team welcomes a limited number of newcomers a day */
  double welcomes = g->leader == SQ_NONE ? 0 : sc->team.welcomes_per_day * (1 + g->n_managers);
  for (uint32_t k = 0; k < g->n_candidates; k++) {
    const candidate *c = &g->candidates[k];
    if (g->m.count >= (uint32_t)sc->group.capacity) break;
    if (c->outreach && g->m.count >= limit) continue;
    if (sq_map_get(&w->map, c->agent) != SQ_MAP_ABSENT) continue;
    sq_agent a;
    sq_agent_draw(w->pop, c->agent, w->attributes, &a);
    bool welcomed = welcomes >= 1;
    welcomes -= welcomed;
    join_terms t = {c->inviter, c->veteran && sc->mentoring.enabled && !a.spammer, welcomed,
                    sc->engagement.initial};
    add_member(w, g, day, c->agent, &a, &t);
  }
}

/* ---- founding -------------------------------------------------------------- */

/* Room for `extra` more groups without moving the array; 0 or -1. */
static int reserve_groups(world *w, size_t extra) {
  if (w->n_groups + extra <= w->cap_groups) return 0;
  size_t cap = w->cap_groups ? 2 * w->cap_groups : 8;
  while (cap < w->n_groups + extra) cap *= 2;
  group *p = realloc(w->groups, cap * sizeof *p);
  if (!p) return -1;
  w->groups = p;
  w->cap_groups = cap;
  return 0;
}

static group *new_group(world *w, int day, int32_t parent, int topic) {
  if (reserve_groups(w, 1)) return NULL;
  group *g = &w->groups[w->n_groups];
  memset(g, 0, sizeof *g);
  g->id = (int32_t)w->n_groups++;
  g->parent = parent;
  g->born_day = day;
  g->died_day = -1;
  g->alive = true;
  g->leader = SQ_NONE;
  g->freshness = 1.0;
  g->last_split_day = day;
  g->outreach_level = w->sc->recruitment.outreach.per_day;
  make_theme(g->theme, w->topics, topic, w->sc->group.theme_focus);
  return g;
}

/* Owner and founders join with certainty: agents the entry rule admits, the
 * first drawn anywhere, the others among its acquaintances (agents within a
 * neighbourhood's size of it: neighbours on the ring, sharing its local
 * topic), or anywhere once those are exhausted.  The owner (when team.owner)
 * comes first and leads; the next team.managers founders are the core team.
 * Neither is ever a spammer; other founders may be, if the rule admits them. */
static void found(world *w, group *g, int day) {
  const sq_scenario *sc = w->sc;
  const sq_entry_rule *rule = &sq_entry_rules[sc->recruitment.entry.rule];
  gsl_rng *r = w->events;
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
  for (int joined = 0; joined < need && tries-- > 0;) {
    uint32_t agent;
    if (anchor != SQ_NONE && tries > far_tries && reach > 0) /* an acquaintance */
      agent = (uint32_t)(((uint64_t)anchor + n - reach + sq_stream_below(r, 2 * reach + 1)) % n);
    else
      agent = sq_stream_below(r, n);
    if (sq_map_get(&w->map, agent) != SQ_MAP_ABSENT) continue;
    sq_agent a;
    sq_agent_draw(w->pop, agent, w->attributes, &a);
    bool owner = joined < owners, manager = !owner && joined < owners + sc->team.managers;
    if (a.spammer && (owner || manager)) continue;
    if (rule->screens_fit && sq_fit(a.interest, g->theme, w->topics) < sc->recruitment.entry.fit_threshold)
      continue;
    /* founders are the owner's acquaintances: welcomed, if there is an owner */
    join_terms t = {SQ_NONE, false, sc->team.owner, sc->engagement.initial};
    if (owner || manager) t.engagement = 1.0;
    add_member(w, g, day, agent, &a, &t);
    if (owner) take_lead(w, g, agent, 1.0);
    if (manager) add_manager(w, g, agent);
    if (anchor == SQ_NONE) anchor = agent;
    joined++;
  }
}

/* ---- the group's day -------------------------------------------------------- */

static double ritual_due(const sq_ritual_params *r, int age, double *belonging) {
  if (r->every_days <= 0 || age % r->every_days != 0) return 0;
  *belonging += r->belonging;
  return r->content;
}

/* Loss of focus: unless an active leader holds it, the theme blurs,
 * moving the share focus.drift_per_day of the way towards the vague theme
 * that weighs all topics alike; members' fits follow. */
static void drift_theme(world *w, group *g) {
  const sq_focus_params *f = &w->sc->focus;
  double d = f->drift_per_day * (g->leader_on ? f->led_drift_share : 1.0);
  if (d <= 0) return;
  double vague = 1 / sqrt((double)w->topics), norm = 0;
  for (int k = 0; k < w->topics; k++) {
    g->theme[k] = (float)((1 - d) * g->theme[k] + d * vague);
    norm += (double)g->theme[k] * g->theme[k];
  }
  for (int k = 0; k < w->topics; k++) g->theme[k] = (float)(g->theme[k] / sqrt(norm));
  members *m = &g->m;
  for (uint32_t i = 0; i < m->count; i++)
    m->fit[i] = (float)sq_fit(m->interest + (size_t)i * w->topics, g->theme, w->topics);
}

/* Once a group's day is over: moderation of today's ads, the operations
 * content, and from them the ingredients of every member's value of the
 * next day, when members read what was posted today (docs/MODEL.md, "The
 * value of a day"). */
static void group_day(world *w, group *g, int day) {
  const sq_scenario *sc = w->sc;
  const sq_content_params *c = &sc->content;
  int age = day - g->born_day;
  gsl_rng *r = w->events;
  sq_stream_reset(r, w->seed, w->replicate, (uint32_t)day, (uint32_t)g->id, SQ_DRAW_GROUP_DAY);
  g->leader_on = g->leader != SQ_NONE;
  double removal = g->leader_on ? sc->rules.strictness * sc->rules.ad_removal : 0;
  g->ads_shown = g->ads_posted && removal > 0
                     ? gsl_ran_binomial(r, 1 - removal, (unsigned)g->ads_posted)
                     : (uint32_t)g->ads_posted;
  if (g->leader_on && sc->marketing.ads_per_day > 0) /* the operator's own hard selling */
    g->ads_shown += gsl_ran_poisson(r, sc->marketing.ads_per_day);
  drift_theme(w, g);
  double operations = 0, ritual_belonging = 0;
  if (g->leader_on) {
    operations = c->operations_per_day;
    operations += ritual_due(&sc->rituals.checkin, age, &ritual_belonging);
    operations += ritual_due(&sc->rituals.sharing, age, &ritual_belonging);
    operations += ritual_due(&sc->rituals.meetup, age, &ritual_belonging);
    operations *= g->leader_energy;
  }
  double kappa = c->attention_per_day;
  double messages = (double)g->posts + g->ads_shown;
  double read_share = messages > kappa ? kappa / messages : 1.0;
  double freshness = c->freshness_floor + (1 - c->freshness_floor) * g->freshness;
  g->content_factor = freshness * topic_appeal(&sc->topic, day) * read_share *
                      (g->quality_posts + operations) / kappa;
  g->noise = c->ad_cost * read_share * g->ads_shown / kappa +
             c->overload_cost * (messages > kappa ? messages / kappa - 1 : 0);
  g->ban_probability = g->leader_on ? sc->rules.strictness * sc->rules.ban_rate_per_day : 0;
  g->ritual_belonging = ritual_belonging;
}

/* ---- replication (复制) ------------------------------------------------------------- */

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

static bool in_team(const group *g, uint32_t agent) {
  if (agent == g->leader) return true;
  for (int k = 0; k < g->n_managers; k++)
    if (g->manager[k] == agent) return true;
  return false;
}

/* Move member i of g into `child` (docs/MODEL.md, "Replication"): its spell
 * in g ends and one in child begins; it keeps its state. */
static void move_member(world *w, group *g, uint32_t i, group *child, int day) {
  members *m = &g->m;
  if (members_reserve(&child->m, child->m.count + 1, w->topics) ||
      sq_map_put(&w->map, m->agent[i], child->id)) {
    w->out_of_memory = true;
    return;
  }
  record_member(w, g, i, day);
  float e = m->engagement[i];
  if (e >= w->sc->engagement.active_threshold)
    g->active--;
  else
    g->zombies--;
  g->engagement_sum -= e;
  g->leaves++;
  members_copy(&child->m, m, i, w->topics);
  uint32_t j = child->m.count - 1;
  child->m.spell_day[j] = day;
  child->m.posts[j] = 0;
  child->m.fit[j] = (float)sq_fit(child->m.interest + (size_t)j * w->topics, child->theme, w->topics);
  child->joins++;
  child->reach++;
  tally(w->sc, child, child->m.flags[j], e);
  members_remove(m, i, w->topics);
}

/* Does g split today?  It has reached replication.split_at members and the
 * cooldown since its founding or last split is over. */
static bool splits(const world *w, const group *g, int day) {
  const sq_replication_params *rp = &w->sc->replication;
  return rp->enabled && g->alive && g->m.count >= (uint32_t)rp->split_at &&
         day - g->last_split_day >= rp->cooldown_days;
}

/* A core of the most engaged members (not the team, never spammers) and
 * the members who fit a sharper sub-theme better than the parent's theme
 * found a sub-group; the most engaged of the core (the splitter) leads it
 * and the next team.managers are its team. */
static void split_group(world *w, size_t parent_index, int day) {
  const sq_replication_params *rp = &w->sc->replication;
  group *g = &w->groups[parent_index];
  members *m = &g->m;
  ranked *order = malloc((size_t)m->count * sizeof *order);
  uint32_t *movers = malloc((size_t)m->count * sizeof *movers);
  if (!order || !movers) {
    free(order), free(movers);
    w->out_of_memory = true;
    return;
  }
  uint32_t eligible = 0, n_movers = 0;
  for (uint32_t i = 0; i < m->count; i++)
    if (!(m->flags[i] & M_SPAMMER) && !in_team(g, m->agent[i]))
      order[eligible++] = (ranked){m->engagement[i], i};
  uint32_t most = (uint32_t)(rp->max_share * m->count);
  if (eligible == 0 || most == 0) {
    free(order), free(movers);
    return;
  }
  qsort(order, eligible, sizeof *order, by_engagement);
  uint32_t splitter = order[0].slot;
  float sub[SQ_MAX_TOPICS];
  double norm = 0;
  for (int k = 0; k < w->topics; k++) {
    sub[k] = (float)((1 - rp->subtheme_weight) * g->theme[k] +
                     rp->subtheme_weight * m->interest[(size_t)splitter * w->topics + k]);
    norm += (double)sub[k] * sub[k];
  }
  for (int k = 0; k < w->topics; k++) sub[k] = (float)(sub[k] / sqrt(norm));
  for (uint32_t r = 0; r < eligible && n_movers < most; r++) {
    uint32_t i = order[r].slot;
    bool core = r < (uint32_t)rp->core_size;
    double gain = sq_fit(m->interest + (size_t)i * w->topics, sub, w->topics) - m->fit[i];
    if (core || gain >= rp->fit_margin) movers[n_movers++] = i;
  }
  uint32_t leader = m->agent[splitter];
  uint32_t team[SQ_MAX_MANAGERS];
  int n_team = 0;
  for (uint32_t r = 1; r < n_movers && n_team < w->sc->team.managers; r++)
    team[n_team++] = m->agent[movers[r]];
  group *child = new_group(w, day, g->id, 0); /* capacity reserved: g stays valid */
  memcpy(child->theme, sub, sizeof sub);
  qsort(movers, n_movers, sizeof *movers, by_slot_descending); /* removal keeps lower slots */
  for (uint32_t r = 0; r < n_movers; r++) move_member(w, g, movers[r], child, day);
  take_lead(w, child, leader, 1.0);
  for (int k = 0; k < n_team; k++) add_manager(w, child, team[k]);
  g->last_split_day = child->last_split_day = day;
  free(order);
  free(movers);
}

/* ---- the members' day ---------------------------------------------------------- */

/* What a member's day depends on besides its own state and its random
 * words: the same for every member of a group on a day. */
typedef struct day_terms {
  int day;
  double content, noise, w_soc, tyranny_on, alpha, noise_width, threshold, gain, decay;
  double leave_rate, base_leave, newcomer_leave, protection, invite_rate;
  const float *tenure_boost; /* world.tenure_boost */
} day_terms;

/* A member's day in bits, from the arithmetic to the bookkeeping. */
enum { OUT_SPAMMER = 1, OUT_WRITES = 2, OUT_LEAVES = 4, OUT_ACTIVE = 8, OUT_INVITES = 16 };

/* The arithmetic of a block's day: engagement and belonging (updated in
 * place), whether the member leaves, and its rates of posts and
 * invitations with whether each needs drawing (u >= 1 - lambda; see
 * sq_poisson_inv).  Spammers go through it too, but only their flag is
 * read afterwards: a spammer's day is its ads.  No branches and no calls,
 * so that the compiler vectorises it (several members per instruction
 * where the CPU allows, with the same bits as one at a time); it is split
 * into three loops because GCC gives up on the whole as one. */
static SQ_VECTOR_CLONES void member_arithmetic(const day_terms *t, members *m, uint32_t begin,
                                               uint32_t n, uint32_t words[4][BLOCK],
                                               double *restrict e_out,
                                               float *restrict bel_out,
                                               double *restrict post_rate_out,
                                               double *restrict invite_rate_out,
                                               uint8_t *restrict out) {
  float *eng = m->engagement + begin, *belonging = m->belonging + begin;
  const float *restrict fit = m->fit + begin, *restrict post_rate = m->post_rate + begin;
  const float *restrict inv_expectation = m->inv_expectation + begin;
  const float *restrict tyranny = m->tyranny + begin, *restrict leave_scale = m->leave_scale + begin;
  const float *restrict sociability = m->sociability + begin;
  const int32_t *restrict shield_until = m->shield_until + begin;
  const int32_t *restrict newcomer_until = m->newcomer_until + begin;
  const int32_t *restrict join_day = m->join_day + begin;
  const uint8_t *restrict flags = m->flags + begin;
  const uint32_t *restrict w_post = words[0], *restrict w_noise = words[1];
  const uint32_t *restrict w_leave = words[2], *restrict w_invite = words[3];
  const float *restrict tenure_boost = t->tenure_boost;
  const day_terms c = *t;
  for (uint32_t k = 0; k < n; k++) {
    bool spammer = flags[k] & M_SPAMMER;
    double e = eng[k];
    double lambda = (double)post_rate[k] * e; /* on yesterday's engagement */
    post_rate_out[k] = lambda;
    bool writes = sq_u01(w_post[k]) >= 1.0 - lambda;
    double bel = belonging[k];
    double value = fit[k] * c.content + c.w_soc * bel - c.noise - c.tyranny_on * tyranny[k];
    double target = value * inv_expectation[k];
    target = target < 0 ? 0 : target > 1 ? 1 : target;
    e = (1 - c.alpha) * e + c.alpha * target + c.noise_width * (2 * sq_u01(w_noise[k]) - 1);
    e = e < 0 ? 0 : e > 1 ? 1 : e;
    bel += c.gain * e * (1 - bel) - c.decay * bel;
    double silence = e < c.threshold ? c.leave_rate * (1 - e / c.threshold) : 0;
    double newcomer = c.day < newcomer_until[k] ? c.newcomer_leave : 0;
    double hazard =
        (c.base_leave + silence + newcomer) * (1 - c.protection * bel) * leave_scale[k];
    bool leaves = (c.day >= shield_until[k]) & (sq_u01(w_leave[k]) < hazard);
    bel_out[k] = (float)bel;
    bool active = e >= c.threshold;
    e_out[k] = e;
    out[k] = (uint8_t)((spammer ? OUT_SPAMMER : 0) | (writes ? OUT_WRITES : 0) |
                       (leaves ? OUT_LEAVES : 0) | (active ? OUT_ACTIVE : 0));
  }
  for (uint32_t k = 0; k < n; k++) { /* active members invite */
    int tenure = c.day - join_day[k];
    int row = tenure < 0 ? 0 : tenure > TENURE_TABLE ? TENURE_TABLE : tenure; /* so it gathers */
    double boost = tenure_boost[row];
    double active = out[k] & OUT_ACTIVE ? 1.0 : 0.0;
    double lambda = c.invite_rate * sociability[k] * e_out[k] * boost * active;
    invite_rate_out[k] = lambda;
    out[k] |= sq_u01(w_invite[k]) >= 1.0 - lambda ? OUT_INVITES : 0;
  }
  for (uint32_t k = 0; k < n; k++) { /* stored apart: GCC cannot rule out aliasing above */
    eng[k] = (float)e_out[k];
    belonging[k] = bel_out[k];
  }
}

/* One day of a block of members (docs/MODEL.md, "One day"): each posts (or,
 * if a spammer, posts ads), values what it read of the group's previous
 * day, updates engagement and belonging, may leave, and may invite.  Sums
 * and events go into the work item, to be combined in block order. */
static void member_day(const world *w, work_item *it, int day) {
  const sq_scenario *sc = w->sc;
  group *g = &w->groups[it->group];
  members *m = &g->m;
  day_terms terms = {
      .day = day,
      .content = g->content_factor,
      .noise = g->noise,
      .w_soc = sc->content.belonging_weight,
      .tyranny_on = g->leader_on ? 1.0 : 0.0,
      .alpha = sc->engagement.adaptation_per_day,
      .noise_width = sc->engagement.noise * sqrt(3.0), /* uniform of that sd */
      .threshold = sc->engagement.active_threshold,
      .gain = sc->belonging.gain_per_day + g->ritual_belonging,
      .decay = sc->belonging.decay_per_day,
      .leave_rate = sc->engagement.leave_rate_per_day,
      .base_leave = sc->engagement.base_leave_rate_per_day,
      .newcomer_leave = sc->engagement.newcomer_leave_rate_per_day,
      .protection = sc->engagement.belonging_protection,
      .invite_rate = sc->recruitment.word_of_mouth.enabled
                         ? sc->recruitment.word_of_mouth.invite_rate_per_day
                         : 0.0,
      .tenure_boost = w->tenure_boost,
  };
  if (!sc->engagement.enabled) { /* the same arithmetic leaves e and b as they are */
    terms.alpha = terms.noise_width = terms.gain = terms.decay = 0;
    terms.leave_rate = terms.base_leave = terms.newcomer_leave = 0;
  }
  const double ad_rate = sc->content.ad_rate_per_day, ban = g->ban_probability;
  const int veteran_days = sc->mentoring.veteran_days;
  uint64_t posts = 0, ads = 0;
  double quality_posts = 0, engagement_sum = 0;
  uint32_t active = 0, stayers = 0, spammers = 0, n_leavers = 0, n_invites = 0;
  uint32_t *leavers = g->leavers + it->begin;
  invite_event *invites = g->invites + it->begin;

  /* four random words per member: post, engagement noise, leave, invite */
  uint32_t n = it->end - it->begin, words[4][BLOCK];
  sq_philox_agents(w->seed, w->replicate, (uint32_t)day, SQ_DRAW_MEMBER_DAY, m->agent + it->begin,
                   n, words[0], words[1], words[2], words[3]);
  double e[BLOCK], post_rate[BLOCK], invite_rate[BLOCK];
  float belonging[BLOCK];
  uint8_t out[BLOCK];
  member_arithmetic(&terms, m, it->begin, n, words, e, belonging, post_rate, invite_rate, out);

  /* Most members write and invite nothing on most days.  The others are
   * noted without a branch and drawn after the loop. */
  uint32_t writers[BLOCK + 1], n_writers = 0, inviters[BLOCK + 1], n_inviters = 0;
  for (uint32_t k = 0; k < n; k++) {
    uint8_t o = out[k];
    if (o & OUT_SPAMMER) {
      ads += sq_poisson_inv(ad_rate, sq_u01(words[0][k]));
      if (sq_u01(words[2][k]) < ban)
        leavers[n_leavers++] = it->begin + k;
      else
        spammers++;
      continue;
    }
    writers[n_writers] = k;
    n_writers += (o & OUT_WRITES) != 0;
    if (o & OUT_LEAVES) {
      leavers[n_leavers++] = it->begin + k;
      continue;
    }
    engagement_sum += e[k];
    stayers++;
    active += (o & OUT_ACTIVE) != 0;
    inviters[n_inviters] = k;
    n_inviters += (o & OUT_INVITES) != 0;
  }
  for (uint32_t j = 0; j < n_inviters; j++) {
    uint32_t k = inviters[j], i = it->begin + k;
    uint32_t sent = sq_poisson_inv(invite_rate[k], sq_u01(words[3][k]));
    if (sent)
      invites[n_invites++] =
          (invite_event){m->agent[i], sent, day - m->join_day[i] >= veteran_days};
  }
  for (uint32_t j = 0; j < n_writers; j++) { /* in member order, as if done in the loop */
    uint32_t k = writers[j], i = it->begin + k;
    uint32_t written = sq_poisson_inv(post_rate[k], sq_u01(words[0][k]));
    m->posts[i] += written;
    posts += written;
    quality_posts += (double)written * m->quality[i] * m->fit[i];
  }
  it->posts = posts;
  it->ads = ads;
  it->quality_posts = quality_posts;
  it->active = active;
  it->zombies = stayers - active;
  it->spammers = spammers;
  it->engagement_sum = engagement_sum;
  it->n_leavers = n_leavers;
  it->n_invites = n_invites;
}

/* ---- the day's events ---------------------------------------------------------- */

static void process_leavers(world *w, group *g, int day) {
  members *m = &g->m;
  for (uint32_t k = g->n_leavers; k-- > 0;) { /* descending: swaps never move a leaver */
    uint32_t i = g->leavers[k], agent = m->agent[i];
    record_member(w, g, i, day);
    if (sq_map_put(&w->map, agent, SQ_MAP_FORMER)) w->out_of_memory = true;
    members_remove(m, i, w->topics);
    g->leaves++;
    leave_team(w, g, agent, day);
  }
}

/* Burnout (docs/MODEL.md, "The core team"): the leader's energy runs down,
 * faster as the group's activity falls from its peak; managers waiting to
 * lead tire more slowly.  A leader below team.quit_below steps down. */
static void team_day(world *w, group *g, int day) {
  const sq_team_params *t = &w->sc->team;
  /* a group far below its peak of activity disheartens its organisers */
  double slump = g->peak_active ? 1.0 - (double)g->active / g->peak_active : 0.0;
  double pace = 1.0 + t->discouragement * (slump > 0 ? slump : 0);
  for (int k = 0; k < g->n_managers; k++)
    g->manager_energy[k] -= g->manager_burnout[k] * t->backup_burnout_share * pace;
  if (g->leader == SQ_NONE) return;
  g->leader_energy -= g->leader_burnout * pace;
  if (g->leader_energy < t->quit_below) succeed(w, g, day);
}

static int series_push(group *g, uint32_t active) {
  if (g->series_length == g->series_capacity) {
    size_t cap = g->series_capacity ? 2 * g->series_capacity : 64;
    uint32_t *p = realloc(g->active_series, cap * sizeof *p);
    if (!p) return -1;
    g->active_series = p;
    g->series_capacity = cap;
  }
  g->active_series[g->series_length++] = active;
  return 0;
}

/* Close a group's life: its record, its stages and its members' records. */
static void finish_group(world *w, group *g, int last_day) {
  sq_group_record rec = {.group = g->id, .parent = g->parent, .born_day = g->born_day,
                         .died_day = g->died_day, .censored = g->alive,
                         .peak_members = g->peak_members, .peak_day = g->peak_day,
                         .reach = g->reach};
  rec.lifespan_days = (g->alive ? last_day + 1 : g->died_day) - g->born_day;
  int days = (int)g->series_length;
  g->stage_series = malloc((size_t)(days ? days : 1));
  if (!g->stage_series) {
    w->out_of_memory = true;
    return;
  }
  sq_classify_stages(g->active_series, days, g->alive ? -1 : g->died_day - g->born_day,
                     &w->sc->stages, g->stage_series);
  for (int t = 0; t < days; t++) rec.stage_days[g->stage_series[t]]++;
  if (sq_result_add_group(w->out, &rec)) w->out_of_memory = true;
  for (uint32_t i = 0; i < g->m.count; i++) {
    record_member(w, g, i, g->alive ? -1 : last_day);
    if (!g->alive && sq_map_put(&w->map, g->m.agent[i], SQ_MAP_FORMER)) w->out_of_memory = true;
  }
  members_free(&g->m);
  free(g->leavers);
  free(g->invites);
  free(g->candidates);
  g->leavers = NULL;
  g->invites = NULL;
  g->candidates = NULL;
}

/* The end of a group's day: freshness, growth, its row, and death. */
static void close_day(world *w, group *g, int day) {
  const sq_scenario *sc = w->sc;
  const sq_content_params *c = &sc->content;
  uint32_t n = g->m.count;
  double inflow = n ? g->joins / (c->renewal_per_day * n) : 1.0;
  if (inflow > 1) inflow = 1;
  g->freshness += (inflow - g->freshness) / c->freshness_days;
  double growth = ((double)g->active - g->last_active) / (g->last_active ? g->last_active : 1);
  g->active_growth += (growth - g->active_growth) / 7.0; /* a week's memory */
  g->last_active = g->active;
  if (g->active > g->peak_active) g->peak_active = g->active;
  if (n > g->peak_members) g->peak_members = n, g->peak_day = day;
  uint32_t people = g->active + g->zombies;
  sq_day_row row = {day, g->id, n, g->active, g->zombies, g->spammers, g->joins, g->leaves,
                    (uint32_t)g->posts, g->ads_shown,
                    (float)(people ? g->engagement_sum / people : 0),
                    (float)(g->leader == SQ_NONE ? 0 : g->leader_energy), 0};
  if (sq_result_add_row(w->out, &row) || series_push(g, g->active)) w->out_of_memory = true;
  if (sc->death.min_active > 0) {
    g->silent_run = g->active < (uint32_t)sc->death.min_active ? g->silent_run + 1 : 0;
    if (g->silent_run >= sc->death.silent_days) {
      g->alive = false;
      g->died_day = day - sc->death.silent_days + 1;
      finish_group(w, g, day);
    }
  }
}

/* ---- the run ------------------------------------------------------------------- */

static int build_items(world *w) {
  w->n_items = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    group *g = &w->groups[gi];
    if (!g->alive) continue;
    if (group_events_reserve(g)) return -1;
    for (uint32_t begin = 0; begin < g->m.count; begin += BLOCK) {
      if (w->n_items == w->cap_items) {
        size_t cap = w->cap_items ? 2 * w->cap_items : 64;
        work_item *p = realloc(w->items, cap * sizeof *p);
        if (!p) return -1;
        w->items = p;
        w->cap_items = cap;
      }
      uint32_t end = begin + BLOCK < g->m.count ? begin + BLOCK : g->m.count;
      w->items[w->n_items++] = (work_item){.group = (uint32_t)gi, .begin = begin, .end = end};
    }
  }
  return 0;
}

static void simulate_day(world *w, int day, uint64_t *member_steps) {
  uint64_t members_today = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    group *g = &w->groups[gi];
    if (!g->alive) continue;
    members_today += g->m.count;
    g->posts = g->ads_posted = 0;
    g->quality_posts = 0;
    g->active = g->zombies = g->spammers = g->joins = g->leaves = 0;
    g->engagement_sum = 0;
    g->n_leavers = g->n_invites = g->n_candidates = 0;
  }
  *member_steps += members_today;
  if (build_items(w)) {
    w->out_of_memory = true;
    return;
  }
  long n_items = (long)w->n_items;
  int threads = members_today >= PARALLEL_MIN_MEMBERS ? w->threads : 1;

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
  for (long k = 0; k < n_items; k++) member_day(w, &w->items[k], day);

  for (size_t k = 0; k < w->n_items; k++) { /* combine in block order */
    const work_item *it = &w->items[k];
    group *g = &w->groups[it->group];
    g->posts += it->posts;
    g->ads_posted += it->ads;
    g->quality_posts += it->quality_posts;
    g->active += it->active;
    g->zombies += it->zombies;
    g->spammers += it->spammers;
    g->engagement_sum += it->engagement_sum;
    /* gather the block's events behind those of earlier blocks */
    memmove(g->leavers + g->n_leavers, g->leavers + it->begin, it->n_leavers * sizeof *g->leavers);
    memmove(g->invites + g->n_invites, g->invites + it->begin, it->n_invites * sizeof *g->invites);
    g->n_leavers += it->n_leavers;
    g->n_invites += it->n_invites;
  }

  for (size_t gi = 0; gi < w->n_groups; gi++)
    if (w->groups[gi].alive) process_leavers(w, &w->groups[gi], day);

  /* Candidates are considered against the memberships as they stand now,
   * one group per task, each with its own streams (re-keyed at every use, so
   * which thread runs a group does not matter). */
  long n_groups = (long)w->n_groups;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
  for (long gi = 0; gi < n_groups; gi++) {
    group *g = &w->groups[gi];
    if (!g->alive || (day == g->born_day && g->parent < 0)) continue;
    int t = omp_get_thread_num();
    gather_candidates(w, g, day, w->thread_streams[2 * t], w->thread_streams[2 * t + 1]);
  }

  /* every group may split once today: room for the sub-groups, so that
   * pointers into w->groups stay valid while they are founded */
  if (reserve_groups(w, w->n_groups)) {
    w->out_of_memory = true;
    return;
  }
  uint32_t alive = 0;
  uint64_t total_members = 0;
  for (size_t gi = 0; gi < w->n_groups; gi++) {
    group *g = &w->groups[gi];
    if (!g->alive) continue;
    if (day == g->born_day && g->parent < 0) { /* a new group recruits on its first day too */
      found(w, g, day);
      gather_candidates(w, g, day, w->thread_streams[0], w->thread_streams[1]);
    }
    commit_candidates(w, g, day);
    team_day(w, g, day);
    if (splits(w, g, day)) split_group(w, gi, day); /* the sub-group comes later in this loop */
    group_day(w, g, day);
    close_day(w, g, day);
    if (g->alive) alive++, total_members += g->m.count;
  }
  if (alive > w->out->peak_groups) w->out->peak_groups = alive;
  if (total_members > w->out->peak_total_members) w->out->peak_total_members = total_members;
}

static bool any_alive(const world *w) {
  for (size_t gi = 0; gi < w->n_groups; gi++)
    if (w->groups[gi].alive) return true;
  return false;
}

int sq_run(const sq_scenario *scenario, const sq_population *pop, uint32_t replicate,
           const sq_run_options *opt, sq_run_result *out, sq_error *err) {
  memset(out, 0, sizeof *out);
  out->replicate = replicate;
  sq_scenario varied; /* the scenario with this replicate's settings drawn */
  int rc = sq_scenario_vary(scenario, replicate, &varied, out->varied, err);
  if (rc) return rc;
  const sq_scenario *sc = &varied;
  world w = {.sc = sc, .pop = pop, .seed = (uint64_t)sc->seed, .replicate = replicate,
             .topics = sc->population.topics, .threads = opt && opt->threads > 0 ? opt->threads : 1,
             .out = out, .record_members = opt && opt->record_members};
  const sq_word_of_mouth_params *wom = &sc->recruitment.word_of_mouth;
  for (int t = 0; t < TENURE_TABLE; t++)
    w.tenure_boost[t] = (float)(1 + wom->early_boost * exp(-t / wom->early_days));
  w.tenure_boost[TENURE_TABLE] = 1;
  w.events = sq_stream_alloc();
  w.attributes = sq_stream_alloc();
  w.thread_streams = calloc(2 * (size_t)w.threads, sizeof *w.thread_streams);
  if (!w.events || !w.attributes || !w.thread_streams || sq_map_init(&w.map, 1024))
    w.out_of_memory = true;
  for (int t = 0; t < 2 * w.threads && w.thread_streams; t++)
    if (!(w.thread_streams[t] = sq_stream_alloc())) w.out_of_memory = true;

  int day = 0;
  for (int gi = 0; gi < sc->group.initial_groups && !w.out_of_memory; gi++) {
    group *g = new_group(&w, 0, -1, (sc->group.theme_topic + gi) % w.topics);
    if (!g) w.out_of_memory = true;
  }

  for (; day < sc->horizon_days && !w.out_of_memory; day++) {
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
    const group *g = &w.groups[row->group];
    row->stage = g->stage_series[row->day - g->born_day];
  }
  out->reach = w.ever_joined;
  for (size_t gi = 0; gi < w.n_groups; gi++) {
    free(w.groups[gi].active_series);
    free(w.groups[gi].stage_series);
  }
  free(w.groups);
  free(w.items);
  sq_map_free(&w.map);
  for (int t = 0; t < 2 * w.threads && w.thread_streams; t++)
    if (w.thread_streams[t]) gsl_rng_free(w.thread_streams[t]);
  free(w.thread_streams);
  if (w.events) gsl_rng_free(w.events);
  if (w.attributes) gsl_rng_free(w.attributes);
  if (w.out_of_memory || w.interrupted) {
    sq_result_free(out);
    return sq_error_set(err, SQ_ERUNTIME, "replicate %u: %s", replicate,
                        w.interrupted ? "interrupted" : "out of memory");
  }
  return SQ_OK;
}

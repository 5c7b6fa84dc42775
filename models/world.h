/* The state mechanisms share with the engine, and the descriptor that plugs
 * a mechanism into the day (docs/ARCHITECTURE.md).
 *
 * The engine (sim/engine/run.c) owns the world: its groups, each group's members
 * as a structure of arrays, memory, the day loop and the output rows.  The
 * model's behaviour lives in mechanisms (the files of models/), each a descriptor
 * sq_mechanism of a name and hooks; the engine calls the hooks of the
 * table it is given (sq_mechanisms, models/mechanisms.c, by default) in
 * table order at fixed points of the day:
 *
 *   begin       once per run, before day 0: tables in the world
 *   born        a new group (founded, or split off by replication), right
 *               after the engine has laid it out: the mechanisms' own
 *               state of it (theme, freshness, outreach level, cooldown)
 *   terms       once per group-day, before the members' day: fill the
 *               per-day coefficients of the vectorised member kernel
 *               (models/engagement.c); no call per member
 *   left        once per member who left today (serial), after all of
 *               the day's leavers are gone from the group's members
 *   candidates  per group, groups in parallel: who accepts to join today
 *   found       a founded (not split) group's first day: its founders
 *   commit      per group: today's candidates join
 *   join        per newcomer, before it is stored: its starting state
 *   group_day   per group, after joins: the team, splits, moderation,
 *               ads, rituals, content; w->events is keyed (day, group,
 *               SQ_DRAW_GROUP_DAY) before the first of these hooks
 *   close_day   per group, after its row is written: freshness, death
 *
 * Every hook may be NULL.  Hooks that draw random numbers do so from
 * Philox streams keyed by (seed, replicate, day, agent or group, purpose)
 * (models/rng.h), so the table's order fixes the order of draws: a new
 * mechanism appended to the table leaves the draws of the others alone. */
#ifndef SQ_WORLD_H
#define SQ_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "models/params.h"
#include "models/agent_map.h"
#include "models/population.h"
#include "models/results.h"

#define SQ_BLOCK 2048         /* members per work item of the members' day */
#define SQ_TENURE_TABLE 1024  /* days of tenure with a tabulated invitation boost */
#define SQ_MAX_MANAGERS 64    /* team.managers is at most this */

enum { SQ_M_SPAMMER = 1, SQ_M_MENTORED = 2, SQ_M_PAID = 4 };

/* ---- members: a structure of arrays ------------------------------------- */

#define SQ_MEMBER_FIELDS(X)                                                       \
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
  X(float, leave_scale)       /* multiplier of the leaving hazard: frailty, paid */ \
  X(float, interest_sum)      /* sum of its interests: its fit to a blurring theme */ \
  X(uint8_t, flags)           /* SQ_M_* */

typedef struct sq_members {
  uint32_t count, capacity;
#define SQ_DECLARE(type, name) type *name;
  SQ_MEMBER_FIELDS(SQ_DECLARE)
#undef SQ_DECLARE
  /* no interest vectors: an agent's is a pure function of (seed, replicate,
   * agent), drawn again on the rare occasions it is needed (a split) */
} sq_members;

/* What a member's day depends on besides its own state and its random
 * words: the same for every member of a group on a day.  Mechanisms fill
 * it in their `terms` hooks; the kernel (models/engagement.c) reads it. */
typedef struct sq_day_terms {
  int day;
  double content, noise, w_soc, tyranny_on, alpha, noise_width, threshold, gain, decay;
  double leave_rate, base_leave, newcomer_leave, protection, invite_rate;
  double tenure_rate; /* 1 / engagement.tenure_halving_days, 0: tenure does not matter */
  const float *tenure_boost; /* world.tenure_boost */
  /* read by the bookkeeping after the arithmetic (the inline functions of
   * models/spam.h, moderation.h, mentoring.h), not by the arithmetic */
  double ad_rate, ban;       /* spammers' ads a day; chance a spammer is banned today */
  double exp_neg_ad_rate;    /* exp(-ad_rate), once a day for every spammer's Poisson draw */
  int veteran_days;          /* tenure from which an inviter's invitees are mentored */
} sq_day_terms;

typedef struct sq_invite {
  uint32_t inviter;      /* agent id */
  uint32_t count : 31;   /* invitations sent today */
  uint32_t veteran : 1;  /* an active veteran: its invitees may be mentored */
} sq_invite;

/* Someone who accepted an offer today and joins at the day's commit. */
typedef struct sq_candidate {
  uint32_t agent;
  uint32_t inviter; /* SQ_NONE: reached by outreach */
  bool veteran;     /* invited by an active veteran */
  bool outreach;
} sq_candidate;

typedef struct sq_group {
  int32_t id, parent, born_day, died_day;
  bool alive;
  float theme[SQ_MAX_TOPICS];
  /* its character, drawn at birth (models/character.c) */
  double appeal;          /* its topic's own appeal, median 1 */
  double half_life;       /* days: the run day its topic's appeal halves (0: never) */
  double skill;           /* its owner's skill at operations, median 1 */
  double enthusiasm;      /* its founders' starting engagement factor, median 1 */
  sq_members m;
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
  int32_t effort_until;  /* founders keep a silent new group going until this day */
  bool got_going;        /* it has held a first conversation (d active members) */
  uint32_t peak_members, reach;
  int32_t peak_day;
  sq_inflow inflow, inflow_to_peak; /* counted by entry and mentoring; kept at each new peak */
  /* today */
  uint64_t posts, ads_posted;
  uint32_t ads_shown;
  double quality_posts;
  uint32_t active, zombies, spammers, joins, leaves;
  double engagement_sum;
  bool leader_on;        /* an active leader after the team's day */
  double operations;     /* the team's own content today (rituals included) */
  double content_factor, noise, ban_probability, ritual_belonging;
  sq_day_terms terms;    /* the members' coefficients for the day being simulated */
  /* events of the members' day, one slot per member at most */
  uint32_t *leavers, n_leavers;
  sq_invite *invites;
  uint32_t n_invites, events_capacity;
  sq_candidate *candidates;
  uint32_t n_candidates, cap_candidates;
  void *weighing; /* scratch of the invitations weighed in parallel (models/mentoring.c) */
  size_t cap_weighing;
  /* the group's life, for stage classification */
  uint32_t *active_series;
  uint8_t *stage_series;
  size_t series_length, series_capacity;
} sq_group;

/* A block of one group's members, simulated as one task; its sums are
 * combined in block order. */
typedef struct sq_work_item {
  uint32_t group, begin, end;
  uint64_t posts, ads;
  double quality_posts;
  uint32_t active, zombies, spammers, n_leavers, n_invites;
  double engagement_sum;
} sq_work_item;

struct sq_mechanism;

typedef struct sq_world {
  const sq_scenario *sc;
  const sq_population *pop;
  const struct sq_mechanism *const *mechanisms; /* NULL-terminated, in day order */
  uint64_t seed;
  uint32_t replicate;
  int topics;
  int threads;
  /* days share threads only while sharing pays (sim/engine/run.c,
   * judge_sharing): days left to run on one thread, the next such
   * spell's length, and shared days in a row that did not pay */
  int solo_days, solo_spell, sharing_failures;
  sq_group *groups;
  size_t n_groups, cap_groups;
  sq_agent_map map;
  gsl_rng *events;     /* serial draws of the commit phase */
  gsl_rng *attributes; /* candidates' attributes */
  sq_work_item *items;
  size_t n_items, cap_items;
  gsl_rng **thread_streams; /* two per thread, for considering candidates */
  float tenure_boost[SQ_TENURE_TABLE + 1]; /* by days of tenure; 1 from SQ_TENURE_TABLE on */
  uint64_t ever_joined;
  sq_run_result *out;
  bool record_members;
  int day;                  /* the day being simulated, for error messages */
  const char *out_of_memory; /* NULL, or what memory ran out for first (sq_world_fail) */
  bool interrupted;
} sq_world;

/* A member about to join: what the engine knows of it, and the starting
 * state the `join` hooks adjust.  The engine has already stored the
 * member's defaults in slot `slot` of g->m (its attributes, no shield, no
 * newcomer hazard, leave_scale 1, tyranny 0, flags SQ_M_SPAMMER if one);
 * hooks change those fields in place and `engagement`, which the engine
 * clips to 1 and stores after the last hook. */
typedef struct sq_newcomer {
  uint32_t slot;
  const sq_agent *agent;
  uint32_t inviter;   /* SQ_NONE unless invited */
  bool veteran;       /* invited by an active veteran */
  bool welcomed;      /* welcomed by an organiser: spared the newcomer hazard */
  double engagement;  /* starting engagement, before the hooks' additions */
} sq_newcomer;

/* A mechanism: a name, one line of what it models, and its hooks (see the
 * top of this file).  Hooks run for living groups only. */
typedef struct sq_mechanism {
  const char *name;
  const char *doc;
  void (*begin)(sq_world *w);
  void (*born)(sq_world *w, sq_group *g, int day);
  void (*terms)(const sq_world *w, const sq_group *g, int day, sq_day_terms *t);
  void (*left)(sq_world *w, sq_group *g, uint32_t agent, int day);
  /* groups in parallel: touch only g (and read the world); r is this
   * task's stream, to be re-keyed before use */
  void (*candidates)(sq_world *w, sq_group *g, int day, gsl_rng *r);
  void (*found)(sq_world *w, sq_group *g, int day);
  void (*commit)(sq_world *w, sq_group *g, int day);
  void (*join)(const sq_world *w, sq_group *g, int day, sq_newcomer *n);
  void (*group_day)(sq_world *w, sq_group *g, int day);
  void (*close_day)(sq_world *w, sq_group *g, int day);
} sq_mechanism;

/* The model: every mechanism in day order, NULL-terminated
 * (models/mechanisms.c). */
extern const sq_mechanism *const sq_mechanisms[];

/* ---- engine services mechanisms may call (sim/engine/run.c) --------------------- */

/* Memory ran out for `what` (a few words: "a sub-group's members"): the run
 * stops at the end of the day and fails with "out of memory for WHAT on day
 * D".  The first failure is kept; safe from parallel hooks. */
void sq_world_fail(sq_world *w, const char *what);

/* Room for `need` members; 0, or -1 when out of memory (m unchanged). */
int sq_members_reserve(sq_members *m, uint32_t need);
/* Move the last member into slot i (order changes, deterministically). */
void sq_members_remove(sq_members *m, uint32_t i);
/* Append a copy of member i of `from` to `to` (capacity reserved). */
void sq_members_copy(sq_members *to, const sq_members *from, uint32_t i);

/* Add `agent` (attributes a) to g on `day`: stores it, runs the join hooks,
 * counts it into today's tallies.  On failure calls sq_world_fail. */
void sq_world_add_member(sq_world *w, sq_group *g, int day, uint32_t agent, const sq_agent *a,
                         uint32_t inviter, bool veteran, bool welcomed, double engagement);
/* A new living group born on `day` (parent -1: founded), laid out by the
 * engine (no members, no leader), then by the `born` hooks; NULL when out
 * of memory.  Pointers into w->groups stay valid only if room was reserved
 * (sq_world_reserve_groups). */
sq_group *sq_world_new_group(sq_world *w, int day, int32_t parent);
int sq_world_reserve_groups(sq_world *w, size_t extra);
/* Write member i's spell in g (members.csv) ending on leave_day (-1: open). */
void sq_world_record_member(sq_world *w, const sq_group *g, uint32_t i, int32_t leave_day);
/* Count a member into g's end-of-day tallies. */
void sq_group_tally(const sq_scenario *sc, sq_group *g, uint8_t flags, float engagement);
/* Append a candidate to g's list for today; safe from the parallel
 * candidates hooks (on failure calls sq_world_fail). */
void sq_group_push_candidate(sq_world *w, sq_group *g, sq_candidate c);
/* The slot of `agent` in g, or SQ_NONE. */
uint32_t sq_group_slot_of(const sq_group *g, uint32_t agent);

#endif

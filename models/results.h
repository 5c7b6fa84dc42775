/* What one run (one replicate of a scenario) produces: a row per living
 * group and day, a record per group, optionally a record per membership
 * spell, and run-level totals.  Output files are written from these
 * (sim/io/output.c); docs/OUTPUTS.md describes every column. */
#ifndef SQ_RESULTS_H
#define SQ_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sq_stage {
  SQ_STAGE_SPROUT, /* 萌芽 */
  SQ_STAGE_GROWTH, /* 成长 */
  SQ_STAGE_ACTIVE, /* 活跃 */
  SQ_STAGE_DECLINE,/* 衰退 */
  SQ_STAGE_DEATH,  /* 死亡 */
  SQ_STAGE_COUNT
} sq_stage;

extern const char *const sq_stage_names[SQ_STAGE_COUNT];

#define SQ_NONE 0xFFFFFFFFu /* no agent (no inviter) */
#define SQ_NO_DAY_RECORDED (-1)

typedef struct sq_day_row {
  int32_t day, group;
  uint32_t members, active, zombies, spammers;
  uint32_t joins, leaves, posts, ads;
  float mean_engagement;
  float leader_energy; /* 0 while leaderless */
  uint8_t stage;
} sq_day_row;

/* Who came to a group and who did not, counted from its birth (the growth
 * report's "what limited growth", docs/OUTPUTS.md groups.csv): people
 * offered a place, those the entry rule or the acceptance draw turned
 * away, those turned away for lack of room, and newcomers by channel.
 * Founders and members moving into a sub-group are not offers. */
typedef struct sq_inflow {
  uint32_t reached;          /* outsiders reached by outreach */
  uint32_t invited;          /* contacts invited by members */
  uint32_t below_threshold;  /* of both, refused by the entry rule (fit below its threshold) */
  uint32_t declined;         /* of both, passed the rule but did not accept */
  uint32_t no_room;          /* not let in because the group was full (group.capacity), or
                                outreach beyond group.qr_join_limit on the day */
  uint32_t joined_by_outreach, joined_by_invitation;
} sq_inflow;

typedef struct sq_group_record {
  int32_t group, parent;      /* parent -1: founded, not split off */
  int32_t born_day, died_day; /* died_day -1 while alive at the horizon */
  int32_t lifespan_days;
  bool censored;
  uint32_t peak_members;
  int32_t peak_day;
  uint32_t reach;             /* members who ever joined this group */
  int32_t stage_days[SQ_STAGE_COUNT];
  sq_inflow to_peak;          /* its inflow from birth to the end of peak_day */
} sq_group_record;

typedef struct sq_member_record {
  uint32_t member; /* agent id */
  int32_t group, join_day, leave_day; /* leave_day -1: still a member at the end */
  uint32_t inviter;                   /* agent id, or SQ_NONE */
  uint32_t posts;
} sq_member_record;

typedef struct sq_run_result {
  uint32_t replicate;
  sq_day_row *rows;
  size_t n_rows, cap_rows;
  sq_group_record *groups;
  size_t n_groups, cap_groups;
  sq_member_record *members;
  size_t n_members, cap_members;
  uint64_t member_steps;     /* member-days simulated */
  uint64_t reach;            /* agents who ever joined any group */
  uint32_t peak_groups;      /* most groups alive on one day */
  uint64_t peak_total_members; /* most members over all groups on one day */
  int32_t days_run;          /* days simulated (fewer than the horizon if all died) */
  double varied[32];         /* SQ_MAX_VARY: the values drawn for the scenario's "vary" keys */
} sq_run_result;

/* Append helpers; each returns 0, or -1 when out of memory. */
int sq_result_add_row(sq_run_result *r, const sq_day_row *row);
int sq_result_add_group(sq_run_result *r, const sq_group_record *g);
int sq_result_add_member(sq_run_result *r, const sq_member_record *m);
void sq_result_free(sq_run_result *r);

#endif

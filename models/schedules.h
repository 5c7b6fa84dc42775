/* Recruitment pacing (有节奏): how many outsiders a group's outreach reaches
 * each day.  Each schedule is a descriptor in the table sq_schedules;
 * `recruitment.outreach.schedule` names one.  Adding a schedule means adding
 * one row there, never a branch in the daily step. */
#ifndef SQ_SCHEDULES_H
#define SQ_SCHEDULES_H

#include <stdbool.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "models/params.h"

/* What a schedule may look at: the group's state today. */
typedef struct sq_outreach_view {
  int age_days;              /* days since the group's birth */
  uint32_t members;          /* members now */
  uint64_t population;       /* N */
  uint64_t outsiders;        /* agents who have never joined this run */
  double active_growth;      /* smoothed daily growth rate of active members */
} sq_outreach_view;

typedef struct sq_schedule {
  const char *name;
  const char *doc;
  /* true: every outsider reached joins at once, without the entry rule or the
   * acceptance draw (the diffusion-only limit, docs/MODEL.md section 6). */
  bool direct;
  /* true: outreach is work of the group's leader, and stops while the group
   * is leaderless; false for the abstract diffusion schedule. */
  bool operated;
  /* Number of outsiders reached today.  `level` is the group's own
   * controller state (adaptive schedule), kept between days. */
  uint32_t (*reached)(const sq_outreach_params *p, const sq_outreach_view *v,
                      double *level, gsl_rng *r);
} sq_schedule;

extern const sq_schedule sq_schedules[];
extern const size_t sq_schedule_count;

enum { SQ_SCHEDULE_NONE, SQ_SCHEDULE_CONSTANT, SQ_SCHEDULE_BURSTS,
       SQ_SCHEDULE_WAVES, SQ_SCHEDULE_ADAPTIVE, SQ_SCHEDULE_BASS };

#endif

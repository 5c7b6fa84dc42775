#include "sim/io/output.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/io/fileio.h"
#include "sim/io/scenario.h"
#include "sim/analysis/growth.h"
#include "sim/analysis/stats.h"
#include "sim/analysis/survival.h"

enum { CURVE_MEMBERS, CURVE_ACTIVE, CURVE_ZOMBIES, CURVE_GROUPS, CURVE_COUNT };
static const char *const curve_names[CURVE_COUNT] = {"members", "active", "zombies", "groups"};

struct sq_output {
  sq_scenario sc;
  char dir[4096];
  bool with_members;
  sq_atomic_file timeseries, groups, members, varied;
  uint32_t runs;
  int horizon;
  double *curves;         /* [run][curve][day], network totals */
  uint8_t *first_stage;   /* [run][day], stage of each run's first group */
  /* per group, for survival */
  double *lifespans;
  bool *deaths;
  double *days_at_cap; /* days at the cap (docs/OUTPUTS.md, "realism") */
  size_t n_groups, cap_groups;
  /* per run */
  double *reach, *peak_members, *peak_groups, *groups_created;
  double *first_lifespan; /* the first group (group 0) of each run, as T7 */
  bool *first_died, *has_first;
  double *live_members; /* [run][day], members of groups not in their final silence */
  int capacity_vary;    /* index of group.capacity in the vary list, or -1 */
  int qr_vary;          /* index of group.qr_join_limit in the vary list, or -1 */
  /* the growth report (sim/analysis/growth.h): per run, and sums over groups */
  double *largest_peak, *capacity_share, *qr_share, *final_members;
  sq_growth growth;
  double group_rows; /* rows of timeseries.csv: days of groups' lives */
  /* per membership spell, with members */
  double *spell_posts, *spell_days;
  bool *spell_open;
  size_t n_spells, cap_spells;
  uint64_t member_steps;
};

static int open_csv(sq_output *o, sq_atomic_file *af, const char *name, const char *header,
                    sq_error *err) {
  return sq_atomic_open_in(af, o->dir, name, header, err);
}

sq_output *sq_output_open(const char *dir, const sq_scenario *sc, bool with_members,
                          bool with_records, sq_error *err) {
  if (sq_make_dirs(dir, err)) return NULL;
  sq_output *o = calloc(1, sizeof *o);
  size_t runs = (size_t)sc->replicates, days = (size_t)sc->horizon_days;
  if (o) {
    o->sc = *sc;
    snprintf(o->dir, sizeof o->dir, "%s", dir);
    o->with_members = with_members;
    o->horizon = sc->horizon_days;
    o->curves = calloc(runs * CURVE_COUNT * days, sizeof *o->curves);
    o->first_stage = malloc(runs * days);
    o->reach = calloc(runs, sizeof(double));
    o->peak_members = calloc(runs, sizeof(double));
    o->peak_groups = calloc(runs, sizeof(double));
    o->groups_created = calloc(runs, sizeof(double));
    o->first_lifespan = calloc(runs, sizeof(double));
    o->first_died = calloc(runs, sizeof(bool));
    o->has_first = calloc(runs, sizeof(bool));
    o->live_members = calloc(runs * days, sizeof(double));
    o->largest_peak = calloc(runs, sizeof(double));
    o->capacity_share = calloc(runs, sizeof(double));
    o->qr_share = calloc(runs, sizeof(double));
    o->final_members = calloc(runs, sizeof(double));
    o->capacity_vary = o->qr_vary = -1;
    for (int k = 0; k < sc->vary.count; k++) {
      if (strcmp(sc->vary.item[k].param->path, "group.capacity") == 0) o->capacity_vary = k;
      if (strcmp(sc->vary.item[k].param->path, "group.qr_join_limit") == 0) o->qr_vary = k;
    }
  }
  if (!o || !o->curves || !o->first_stage || !o->reach || !o->peak_members || !o->peak_groups ||
      !o->groups_created || !o->first_lifespan || !o->first_died || !o->has_first ||
      !o->live_members || !o->largest_peak || !o->capacity_share || !o->qr_share ||
      !o->final_members) {
    sq_error_set(err, SQ_ERUNTIME, "%s: out of memory for the outputs", dir);
    sq_output_abort(o);
    return NULL;
  }
  memset(o->first_stage, SQ_STAGE_DEATH, runs * days);
  int rc = !with_records ? SQ_OK
           : open_csv(o, &o->timeseries, "timeseries.csv",
                      "replicate,day,group,members,active,zombies,joins,leaves,posts,ads,"
                      "mean_engagement,stage,spammers,leader_energy\n",
                      err);
  if (!rc && with_records)
    rc = open_csv(o, &o->groups, "groups.csv",
                  "replicate,group,parent,born_day,died_day,lifespan_days,censored,peak_members,"
                  "peak_day,reach,sprout_days,growth_days,active_days,decline_days,death_days,"
                  "reached_to_peak,invited_to_peak,below_threshold_to_peak,declined_to_peak,"
                  "no_room_to_peak,outreach_joins_to_peak,invitation_joins_to_peak\n",
                  err);
  if (!rc && with_members)
    rc = open_csv(o, &o->members, "members.csv",
                  "replicate,member,group,join_day,leave_day,inviter,posts,censored\n", err);
  if (!rc && sc->vary.count) {
    char header[4096] = "replicate";
    size_t used = strlen(header);
    for (int k = 0; k < sc->vary.count && used < sizeof header; k++)
      used += (size_t)snprintf(header + used, sizeof header - used, ",%s",
                               sc->vary.item[k].param->path);
    if (used < sizeof header - 1) strcat(header, "\n");
    rc = open_csv(o, &o->varied, "varied.csv", header, err);
  }
  if (rc) {
    sq_output_abort(o);
    return NULL;
  }
  return o;
}

static double *curve(sq_output *o, uint32_t run, int which) {
  return o->curves + ((size_t)run * CURVE_COUNT + (size_t)which) * (size_t)o->horizon;
}

/* Resize one of the per-group or per-spell arrays to `cap` elements; on
 * failure the array is kept as it was (and freed with the rest). */
static bool grow(void **array, size_t cap, size_t size) {
  void *p = realloc(*array, cap * size);
  if (p) *array = p;
  return p != NULL;
}

/* Write an integer-or-empty field: -1 means "not applicable". */
static void put_optional(FILE *f, long long v) {
  if (v >= 0) fprintf(f, "%lld", v);
}

/* A group setting of run r: its drawn value when the scenario varies it
 * (vary index k >= 0), else the scenario's. */
static double run_setting(const sq_run_result *r, int k, int fixed) {
  return k >= 0 ? r->varied[k] : fixed;
}

/* Add r's joins, leaves and member-days of each group, from its birth to the
 * end of its peak day, to the growth report.  -1 when out of memory. */
static int add_growth_rows(sq_output *o, const sq_run_result *r) {
  size_t n = r->n_groups;
  int32_t *peak_day = malloc((n ? n : 1) * sizeof *peak_day);
  if (!peak_day) return -1;
  for (size_t i = 0; i < n; i++) peak_day[i] = -1;
  for (size_t k = 0; k < n; k++)
    if (r->groups[k].group >= 0 && (size_t)r->groups[k].group < n)
      peak_day[r->groups[k].group] = r->groups[k].peak_day;
  sq_growth *g = &o->growth;
  for (size_t k = 0; k < r->n_rows; k++) {
    const sq_day_row *x = &r->rows[k];
    if (x->group < 0 || (size_t)x->group >= n || x->day > peak_day[x->group]) continue;
    g->joined += x->joins;
    g->left += x->leaves;
    g->member_days += x->members;
    g->group_days++;
  }
  free(peak_day);
  return 0;
}

/* Days each group of r spent at its cap, indexed by group number (NULL when
 * out of memory).  A group is at its cap on a day when its members at the
 * end of the day, plus those who left it that day for a sub-group born of
 * it, reach group.capacity: a group that splits on reaching the cap is
 * below it at the end of the day.  Rows come day by day (docs/OUTPUTS.md,
 * timeseries.csv), so a sub-group's first row is in its parent's day. */
static double *days_at_cap(const sq_output *o, const sq_run_result *r) {
  double capacity = run_setting(r, o->capacity_vary, o->sc.group.capacity);
  size_t n = 1;
  for (size_t k = 0; k < r->n_groups; k++)
    if (r->groups[k].group >= 0 && (size_t)r->groups[k].group + 1 > n) n = (size_t)r->groups[k].group + 1;
  for (size_t k = 0; k < r->n_rows; k++)
    if (r->rows[k].group >= 0 && (size_t)r->rows[k].group + 1 > n) n = (size_t)r->rows[k].group + 1;
  double *at_cap = calloc(n, sizeof *at_cap), *moved = calloc(n, sizeof *moved);
  int32_t *born = malloc(n * sizeof *born), *parent = malloc(n * sizeof *parent);
  if (!at_cap || !moved || !born || !parent) {
    free(at_cap), free(moved), free(born), free(parent);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) born[i] = -1, parent[i] = -1;
  for (size_t k = 0; k < r->n_groups; k++)
    if (r->groups[k].group >= 0) {
      born[r->groups[k].group] = r->groups[k].born_day;
      parent[r->groups[k].group] = r->groups[k].parent;
    }
  for (size_t k = 0, end; k < r->n_rows; k = end) {
    int32_t day = r->rows[k].day;
    for (end = k; end < r->n_rows && r->rows[end].day == day; end++) {
      const sq_day_row *x = &r->rows[end];
      if (x->group >= 0 && born[x->group] == day && parent[x->group] >= 0 &&
          (size_t)parent[x->group] < n)
        moved[parent[x->group]] += x->joins; /* a sub-group's first joins are its movers */
    }
    for (size_t j = k; j < end; j++) {
      const sq_day_row *x = &r->rows[j];
      if (x->group >= 0 && x->members + moved[x->group] >= capacity) at_cap[x->group]++;
    }
    for (size_t j = k; j < end; j++) {
      const sq_day_row *x = &r->rows[j];
      if (x->group >= 0 && born[x->group] == day && parent[x->group] >= 0 &&
          (size_t)parent[x->group] < n)
        moved[parent[x->group]] = 0;
    }
  }
  free(moved), free(born), free(parent);
  return at_cap;
}

int sq_output_add(sq_output *o, const sq_run_result *r, sq_error *err) {
  uint32_t run = o->runs++;
  FILE *f = o->timeseries.f;
  for (size_t k = 0; k < r->n_rows; k++) {
    const sq_day_row *x = &r->rows[k];
    if (f)
      fprintf(f, "%u,%d,%d,%u,%u,%u,%u,%u,%u,%u,%.4f,%s,%u,%.4f\n", r->replicate, x->day,
              x->group, x->members, x->active, x->zombies, x->joins, x->leaves, x->posts,
              x->ads, (double)x->mean_engagement, sq_stage_names[x->stage], x->spammers,
              (double)x->leader_energy);
    if (x->day < o->horizon) {
      curve(o, run, CURVE_MEMBERS)[x->day] += x->members;
      curve(o, run, CURVE_ACTIVE)[x->day] += x->active;
      curve(o, run, CURVE_ZOMBIES)[x->day] += x->zombies;
      curve(o, run, CURVE_GROUPS)[x->day] += x->stage != SQ_STAGE_DEATH;
      if (x->group == 0) o->first_stage[(size_t)run * o->horizon + x->day] = x->stage;
      if (x->stage != SQ_STAGE_DEATH)
        o->live_members[(size_t)run * o->horizon + x->day] += x->members;
    }
  }
  double *at_cap = days_at_cap(o, r);
  if (!at_cap || add_growth_rows(o, r)) {
    free(at_cap);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for the outputs");
  }
  uint32_t largest = 0;
  f = o->groups.f;
  for (size_t k = 0; k < r->n_groups; k++) {
    const sq_group_record *g = &r->groups[k];
    const sq_inflow *in = &g->to_peak;
    if (f) { /* not when the caller wants no records (the gallery) */
      fprintf(f, "%u,%d,", r->replicate, g->group);
      put_optional(f, g->parent);
      fprintf(f, ",%d,", g->born_day);
      put_optional(f, g->died_day);
      fprintf(f, ",%d,%d,%u,%d,%u", g->lifespan_days, g->censored, g->peak_members, g->peak_day,
              g->reach);
      for (int s = 0; s < SQ_STAGE_COUNT; s++) fprintf(f, ",%d", g->stage_days[s]);
      fprintf(f, ",%u,%u,%u,%u,%u,%u,%u\n", in->reached, in->invited, in->below_threshold,
              in->declined, in->no_room, in->joined_by_outreach, in->joined_by_invitation);
    }
    sq_growth *gr = &o->growth;
    gr->reached += in->reached;
    gr->invited += in->invited;
    gr->below_threshold += in->below_threshold;
    gr->declined += in->declined;
    gr->no_room += in->no_room;
    gr->joined_by_outreach += in->joined_by_outreach;
    gr->joined_by_invitation += in->joined_by_invitation;
    if (g->peak_members > largest) largest = g->peak_members;
    if (o->n_groups == o->cap_groups) {
      size_t cap = o->cap_groups ? 2 * o->cap_groups : 256;
      if (!grow((void **)&o->lifespans, cap, sizeof *o->lifespans) ||
          !grow((void **)&o->deaths, cap, sizeof *o->deaths) ||
          !grow((void **)&o->days_at_cap, cap, sizeof *o->days_at_cap)) {
        free(at_cap);
        return sq_error_set(err, SQ_ERUNTIME, "out of memory for the outputs");
      }
      o->cap_groups = cap;
    }
    o->days_at_cap[o->n_groups] = g->group >= 0 ? at_cap[g->group] : 0;
    o->lifespans[o->n_groups] = g->lifespan_days;
    o->deaths[o->n_groups++] = !g->censored;
    if (g->group == 0) {
      o->first_lifespan[run] = g->lifespan_days;
      o->first_died[run] = !g->censored;
      o->has_first[run] = true;
    }
  }
  free(at_cap);
  if (o->with_members) {
    f = o->members.f;
    for (size_t k = 0; k < r->n_members; k++) {
      const sq_member_record *m = &r->members[k];
      fprintf(f, "%u,%u,%d,%d,", r->replicate, m->member, m->group, m->join_day);
      put_optional(f, m->leave_day);
      fputc(',', f);
      put_optional(f, m->inviter == SQ_NONE ? -1 : (long long)m->inviter);
      fprintf(f, ",%u,%d\n", m->posts, m->leave_day < 0);
      if (o->n_spells == o->cap_spells) {
        size_t cap = o->cap_spells ? 2 * o->cap_spells : 4096;
        if (!grow((void **)&o->spell_posts, cap, sizeof *o->spell_posts) ||
            !grow((void **)&o->spell_days, cap, sizeof *o->spell_days) ||
            !grow((void **)&o->spell_open, cap, sizeof *o->spell_open))
          return sq_error_set(err, SQ_ERUNTIME, "out of memory for the outputs");
        o->cap_spells = cap;
      }
      /* a spell still open ends, censored, where a group alive at the
       * horizon does (groups.csv's lifespan_days) */
      int32_t end = m->leave_day >= 0 ? m->leave_day : r->days_run;
      o->spell_posts[o->n_spells] = m->posts;
      o->spell_days[o->n_spells] = end - m->join_day;
      o->spell_open[o->n_spells++] = m->leave_day < 0;
    }
  }
  if (o->sc.vary.count) {
    fprintf(o->varied.f, "%u", r->replicate);
    for (int k = 0; k < o->sc.vary.count; k++) {
      const sq_param *p = o->sc.vary.item[k].param;
      if (p->type == SQ_PARAM_ENUM)
        fprintf(o->varied.f, ",%s", sq_choice_name(p->choices, (size_t)r->varied[k]));
      else if (p->type == SQ_PARAM_BOOL)
        fprintf(o->varied.f, ",%s", r->varied[k] != 0 ? "true" : "false");
      else
        fprintf(o->varied.f, ",%.10g", r->varied[k]);
    }
    fputc('\n', o->varied.f);
  }
  o->group_rows += (double)r->n_rows;
  o->largest_peak[run] = largest;
  o->capacity_share[run] = largest / run_setting(r, o->capacity_vary, o->sc.group.capacity);
  double qr = run_setting(r, o->qr_vary, o->sc.group.qr_join_limit);
  o->qr_share[run] = qr > 0 ? largest / qr : NAN;
  o->final_members[run] = curve(o, run, CURVE_MEMBERS)[o->horizon - 1];
  o->reach[run] = (double)r->reach;
  o->peak_members[run] = (double)r->peak_total_members;
  o->peak_groups[run] = r->peak_groups;
  o->groups_created[run] = (double)r->n_groups;
  o->member_steps += r->member_steps;
  return SQ_OK;
}

/* Quantile p of v[0..n-1] (sorts v). */
static double quantile(double *v, size_t n, double p) {
  gsl_sort(v, 1, n);
  return gsl_stats_quantile_from_sorted_data(v, 1, n, p);
}

static int write_curves(sq_output *o, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/curves.csv", o->dir);
  sq_atomic_file af;
  int rc = sq_atomic_open(&af, path, err);
  if (rc) return rc;
  fputs("day", af.f);
  for (int c = 0; c < CURVE_COUNT; c++)
    fprintf(af.f, ",%s_p10,%s_median,%s_p90", curve_names[c], curve_names[c], curve_names[c]);
  fputs(",alive_share,stage", af.f);
  for (int s = 0; s < SQ_STAGE_COUNT; s++) fprintf(af.f, ",stage_%s_share", sq_stage_names[s]);
  fputc('\n', af.f);
  double *v = malloc((o->runs ? o->runs : 1) * sizeof *v);
  if (!v) {
    sq_atomic_abort(&af);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for curves.csv");
  }
  for (int day = 0; day < o->horizon; day++) {
    fprintf(af.f, "%d", day);
    for (int c = 0; c < CURVE_COUNT; c++) {
      for (uint32_t r = 0; r < o->runs; r++) v[r] = curve(o, r, c)[day];
      gsl_sort(v, 1, o->runs); /* once for its three quantiles */
      fprintf(af.f, ",%.6g,%.6g,%.6g", gsl_stats_quantile_from_sorted_data(v, 1, o->runs, 0.1),
              gsl_stats_quantile_from_sorted_data(v, 1, o->runs, 0.5),
              gsl_stats_quantile_from_sorted_data(v, 1, o->runs, 0.9));
    }
    /* alive share, the most common stage of the first group, and the share
     * of replicates in each stage (what the lifecycle chart shades: unlike
     * the most common stage, it cannot contradict the medians drawn over it) */
    int count[SQ_STAGE_COUNT] = {0}, alive = 0;
    for (uint32_t r = 0; r < o->runs; r++) {
      count[o->first_stage[(size_t)r * o->horizon + day]]++;
      alive += curve(o, r, CURVE_GROUPS)[day] > 0;
    }
    int mode = 0;
    for (int s = 1; s < SQ_STAGE_COUNT; s++)
      if (count[s] > count[mode]) mode = s;
    fprintf(af.f, ",%.4f,%s", o->runs ? (double)alive / o->runs : 0.0, sq_stage_names[mode]);
    for (int s = 0; s < SQ_STAGE_COUNT; s++)
      fprintf(af.f, ",%.4f", o->runs ? (double)count[s] / o->runs : 0.0);
    fputc('\n', af.f);
  }
  free(v);
  return sq_atomic_commit(&af, err);
}

static void add_quantiles(cJSON *obj, const char *name, double *v, size_t n) {
  cJSON *q = cJSON_AddObjectToObject(obj, name);
  cJSON_AddNumberToObject(q, "median", quantile(v, n, 0.5));
  cJSON_AddNumberToObject(q, "q25", quantile(v, n, 0.25));
  cJSON_AddNumberToObject(q, "q75", quantile(v, n, 0.75));
}

/* A number, or null when it is not a number (a quantile never reached). */
static void add_number_or_null(cJSON *obj, const char *name, double v) {
  if (isnan(v))
    cJSON_AddNullToObject(obj, name);
  else
    cJSON_AddNumberToObject(obj, name, v);
}

static int write_survival(sq_output *o, const sq_km *km, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/survival.csv", o->dir);
  sq_atomic_file af;
  int rc = sq_atomic_open(&af, path, err);
  if (rc) return rc;
  fputs(SQ_KM_CSV_HEADER, af.f);
  sq_km_write_rows(af.f, o->sc.name, km, 1.96);
  return sq_atomic_commit(&af, err);
}

/* A figure of the "realism" object: rounded to 6 significant digits; null
 * when it is not a number (nothing to measure). */
static void add_figure(cJSON *obj, const char *name, double v) {
  if (!isfinite(v)) {
    cJSON_AddNullToObject(obj, name);
    return;
  }
  char text[32];
  snprintf(text, sizeof text, "%.6g", v);
  cJSON_AddNumberToObject(obj, name, strtod(text, NULL));
}

static double share(size_t part, size_t whole) {
  return whole ? (double)part / (double)whole : NAN;
}

/* Lifespan spread: Kaplan-Meier percentiles, spread of the uncensored,
 * deaths on day 0, and T7's two shares over the first group of each run. */
static void add_lifespan_spread(const sq_output *o, cJSON *realism, const sq_km *km) {
  static const double p[] = {0.10, 0.25, 0.50, 0.75, 0.90};
  static const char *const name[] = {"p10", "p25", "p50", "p75", "p90"};
  cJSON *life = cJSON_AddObjectToObject(realism, "lifespan_days");
  cJSON *beyond = cJSON_CreateObject();
  double q[5];
  for (int i = 0; i < 5; i++) {
    q[i] = sq_km_quantile(km, p[i]);
    add_figure(life, name[i], q[i]);
    cJSON_AddBoolToObject(beyond, name[i], isnan(q[i]));
  }
  cJSON_AddItemToObject(life, "beyond_horizon", beyond);
  add_figure(life, "p90_over_p10", !isnan(q[0]) && !isnan(q[4]) && q[0] > 0 ? q[4] / q[0] : NAN);
  double *dead = malloc((o->n_groups ? o->n_groups : 1) * sizeof *dead);
  size_t n_dead = 0, day0 = 0;
  for (size_t i = 0; i < o->n_groups; i++)
    if (o->deaths[i]) {
      if (dead) dead[n_dead] = o->lifespans[i];
      n_dead++;
      day0 += o->lifespans[i] == 0;
    }
  add_figure(life, "cv_uncensored", dead ? sq_cv(dead, n_dead) : NAN);
  free(dead);
  add_figure(life, "died_day_0_share", share(day0, o->n_groups));
  size_t firsts = 0, silent_week = 0, past_month = 0;
  for (uint32_t r = 0; r < o->runs; r++) {
    if (!o->has_first[r]) continue;
    firsts++;
    silent_week += o->first_died[r] && o->first_lifespan[r] <= 7;
    past_month += o->first_lifespan[r] > 30;
  }
  add_figure(life, "first_group_silent_within_7_days_share", share(silent_week, firsts));
  add_figure(life, "first_group_alive_after_30_days_share", share(past_month, firsts));
}

/* Participation and tenure over membership spells (with --members). */
static void add_memberships(const sq_output *o, cJSON *realism) {
  if (!o->with_members) {
    cJSON_AddNullToObject(realism, "participation");
    cJSON_AddNullToObject(realism, "tenure");
    return;
  }
  size_t n = o->n_spells, never = 0, closed = 0;
  double *rate = malloc((n ? n : 1) * sizeof *rate), *weight = malloc((n ? n : 1) * sizeof *weight);
  double *dwell = malloc((n ? n : 1) * sizeof *dwell);
  cJSON *part = cJSON_AddObjectToObject(realism, "participation");
  cJSON *ten = cJSON_AddObjectToObject(realism, "tenure");
  if (!rate || !weight || !dwell) {
    free(rate), free(weight), free(dwell);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    never += o->spell_posts[i] == 0;
    double days = o->spell_days[i] > 1 ? o->spell_days[i] : 1;
    rate[i] = 30 * o->spell_posts[i] / days;
    weight[i] = days;
    if (!o->spell_open[i]) dwell[closed++] = o->spell_days[i];
  }
  cJSON_AddNumberToObject(part, "memberships", (double)n);
  add_figure(part, "never_posted_share", share(never, n));
  add_figure(part, "top_1pct_posts_share", sq_top_share(o->spell_posts, n, 0.01));
  add_figure(part, "top_10pct_posts_share", sq_top_share(o->spell_posts, n, 0.10));
  add_figure(part, "gini_posts", sq_gini(o->spell_posts, n));
  add_figure(part, "posts_per_30_days_median", sq_quantile(rate, n, 0.5));
  add_figure(part, "posts_per_30_days_median_by_days", sq_weighted_quantile(rate, weight, n, 0.5));
  cJSON_AddNumberToObject(ten, "memberships", (double)n);
  add_figure(ten, "censored_share", share(n - closed, n));
  double mean = closed ? gsl_stats_mean(dwell, 1, closed) : NAN;
  add_figure(ten, "mean_days", mean);
  add_figure(ten, "cv", sq_cv(dwell, closed));
  add_figure(ten, "p50_days", sq_quantile(dwell, closed, 0.50));
  add_figure(ten, "p90_days", sq_quantile(dwell, closed, 0.90));
  add_figure(ten, "p99_days", sq_quantile(dwell, closed, 0.99));
  add_figure(ten, "max_over_mean",
             closed && mean > 0 ? gsl_stats_max(dwell, 1, closed) / mean : NAN);
  free(rate), free(weight), free(dwell);
}

/* Groups at their cap, and the network's members in live groups. */
static void add_capacity_network(const sq_output *o, cJSON *realism) {
  cJSON *cap = cJSON_AddObjectToObject(realism, "capacity");
  if (o->capacity_vary >= 0)
    cJSON_AddStringToObject(cap, "cap", "varied");
  else
    cJSON_AddNumberToObject(cap, "cap", o->sc.group.capacity);
  size_t reached = 0;
  double days = 0;
  for (size_t i = 0; i < o->n_groups; i++)
    if (o->days_at_cap[i] > 0) reached++, days += o->days_at_cap[i];
  add_figure(cap, "reached_share", share(reached, o->n_groups));
  add_figure(cap, "mean_days_at_cap", reached ? days / (double)reached : NAN);

  cJSON *net = cJSON_AddObjectToObject(realism, "network");
  size_t runs = o->runs, h = (size_t)o->horizon;
  double *v = malloc((runs ? runs : 1) * sizeof *v);
  size_t window = h < 365 ? h : 365;
  double *median = malloc((window ? window : 1) * sizeof *median);
  if (!v || !median || !runs || !h) {
    free(v), free(median);
    return;
  }
  for (size_t r = 0; r < runs; r++) v[r] = o->groups_created[r];
  add_figure(net, "groups_created_median", sq_quantile(v, runs, 0.5));
  for (size_t r = 0; r < runs; r++) v[r] = o->live_members[r * h + h - 1];
  add_figure(net, "live_members_at_horizon_median", sq_quantile(v, runs, 0.5));
  add_figure(net, "live_members_at_horizon_q25", sq_quantile(v, runs, 0.25));
  add_figure(net, "live_members_at_horizon_q75", sq_quantile(v, runs, 0.75));
  for (size_t d = 0; d < window; d++) {
    for (size_t r = 0; r < runs; r++) v[r] = o->live_members[r * h + (h - window + d)];
    median[d] = sq_quantile(v, runs, 0.5);
  }
  double slope = sq_lsq_slope(median, window);
  add_figure(net, "live_members_slope_last_365_days", slope);
  if (isnan(slope))
    cJSON_AddNullToObject(net, "live_members_rising");
  else
    cJSON_AddBoolToObject(net, "live_members_rising", slope > 0);
  free(v), free(median);
}

/* A cap of the report: its value, or "varied". */
static void add_cap(cJSON *obj, const char *name, double v) {
  if (isnan(v))
    cJSON_AddStringToObject(obj, name, "varied");
  else
    cJSON_AddNumberToObject(obj, name, v);
}

/* The growth report's facts, medians and verdict (sim/analysis/growth.h). */
static void judge_growth(sq_output *o) {
  sq_growth *g = &o->growth;
  size_t runs = o->runs, reached = 0;
  double days = 0;
  for (size_t i = 0; i < o->n_groups; i++)
    if (o->days_at_cap[i] > 0) reached++, days += o->days_at_cap[i];
  g->capacity = o->capacity_vary >= 0 ? NAN : o->sc.group.capacity;
  g->qr_join_limit = o->qr_vary >= 0 ? NAN : o->sc.group.qr_join_limit;
  g->peak_members = sq_quantile(o->peak_members, runs, 0.5);
  g->final_members = sq_quantile(o->final_members, runs, 0.5);
  g->largest_peak = sq_quantile(o->largest_peak, runs, 0.5);
  g->largest_peak_share_of_capacity = sq_quantile(o->capacity_share, runs, 0.5);
  g->largest_peak_share_of_qr = sq_quantile(o->qr_share, runs, 0.5);
  g->reach_share = sq_quantile(o->reach, runs, 0.5) / (double)o->sc.population.size;
  g->groups_at_capacity_share = share(reached, o->n_groups);
  g->days_at_capacity_share = o->group_rows > 0 ? days / o->group_rows : NAN;
  sq_growth_judge(g);
}

static void add_report(const sq_output *o, cJSON *root, const sq_km *km) {
  const sq_growth *g = &o->growth;
  cJSON *rep = cJSON_AddObjectToObject(root, "report");
  cJSON *life = cJSON_AddObjectToObject(rep, "lifespan_days");
  double lo, hi;
  sq_km_quantile_ci(km, 0.5, 1.96, &lo, &hi);
  add_figure(life, "median", sq_km_quantile(km, 0.5));
  add_figure(life, "ci_low", lo);
  add_figure(life, "ci_high", hi);
  add_figure(rep, "peak_members_median", g->peak_members);
  add_figure(rep, "final_members_median", g->final_members);
  add_figure(rep, "largest_group_peak_median", g->largest_peak);
  add_cap(rep, "capacity", g->capacity);
  add_cap(rep, "qr_join_limit", g->qr_join_limit);
  add_figure(rep, "largest_peak_share_of_capacity", g->largest_peak_share_of_capacity);
  add_figure(rep, "largest_peak_share_of_qr_join_limit", g->largest_peak_share_of_qr);
  add_figure(rep, "groups_at_capacity_share", g->groups_at_capacity_share);
  add_figure(rep, "days_at_capacity_share", g->days_at_capacity_share);
  add_figure(rep, "reach_share_of_population", g->reach_share);
  cJSON *up = cJSON_AddObjectToObject(rep, "until_peak");
  const struct {
    const char *name;
    double v;
  } sums[] = {{"group_days", g->group_days},       {"member_days", g->member_days},
              {"reached", g->reached},             {"invited", g->invited},
              {"below_threshold", g->below_threshold}, {"declined", g->declined},
              {"no_room", g->no_room},             {"joined", g->joined},
              {"joined_by_outreach", g->joined_by_outreach},
              {"joined_by_invitation", g->joined_by_invitation}, {"left", g->left}};
  for (size_t k = 0; k < sizeof sums / sizeof sums[0]; k++)
    cJSON_AddNumberToObject(up, sums[k].name, sums[k].v);
  add_figure(up, "below_threshold_share", sq_growth_below_threshold_share(g));
  add_figure(up, "declined_share", sq_growth_declined_share(g));
  add_figure(up, "left_share", sq_growth_left_share(g));
  add_figure(up, "reached_per_group_day", sq_growth_per_group_day(g, g->reached));
  add_figure(up, "invited_per_group_day", sq_growth_per_group_day(g, g->invited));
  add_figure(up, "newcomers_per_group_day",
             sq_growth_per_group_day(g, g->joined_by_outreach + g->joined_by_invitation));
  add_figure(up, "departures_per_member_day", sq_growth_departure_rate(g));
  cJSON_AddStringToObject(rep, "main_limit", sq_limit_names[g->main_limit]);
  cJSON *limits = cJSON_AddArrayToObject(rep, "limits");
  cJSON_AddItemToArray(limits, cJSON_CreateString(sq_limit_names[g->main_limit]));
  for (int k = 0; k < SQ_LIMIT_COUNT; k++)
    if (g->limits[k] && k != (int)g->main_limit)
      cJSON_AddItemToArray(limits, cJSON_CreateString(sq_limit_names[k]));
  cJSON *warn = cJSON_AddArrayToObject(rep, "warnings");
  const struct {
    bool on;
    const char *code;
  } warnings[] = {{g->capacity_never_approached, "capacity_never_approached"},
                  {g->capacity_always_binding, "capacity_always_binding"},
                  {g->qr_never_approached, "qr_join_limit_never_approached"},
                  {g->population_exhausted, "population_exhausted"}};
  for (size_t k = 0; k < sizeof warnings / sizeof warnings[0]; k++)
    if (warnings[k].on) cJSON_AddItemToArray(warn, cJSON_CreateString(warnings[k].code));
}

static void add_realism(const sq_output *o, cJSON *root, const sq_km *km) {
  cJSON *realism = cJSON_AddObjectToObject(root, "realism");
  add_lifespan_spread(o, realism, km);
  add_memberships(o, realism);
  add_capacity_network(o, realism);
}

static char *summary_json(sq_output *o, int threads, double seconds, sq_lifespan_summary *life_out,
                          sq_error *err) {
  sq_km km;
  if (sq_km_estimate(o->lifespans, o->deaths, o->n_groups, &km)) {
    sq_error_set(err, SQ_ERUNTIME, "out of memory for summary.json");
    return NULL;
  }
  if (write_survival(o, &km, err)) {
    sq_km_free(&km);
    return NULL;
  }
  judge_growth(o);
  if (life_out) {
    *life_out = (sq_lifespan_summary){sq_km_quantile(&km, 0.5), sq_km_quantile(&km, 0.25),
                                      sq_km_quantile(&km, 0.75), NAN, NAN, km.subjects,
                                      km.censored, o->runs, o->growth};
    sq_km_quantile_ci(&km, 0.5, 1.96, &life_out->median_low, &life_out->median_high);
  }
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "scenario", o->sc.name);
  cJSON_AddNumberToObject(root, "seed", (double)o->sc.seed);
  cJSON_AddNumberToObject(root, "replicates", o->runs);
  cJSON_AddNumberToObject(root, "horizon_days", o->sc.horizon_days);
  cJSON_AddStringToObject(root, "version", SHEQUN_VERSION);
  cJSON_AddNumberToObject(root, "groups", (double)o->n_groups);
  cJSON_AddNumberToObject(root, "groups_censored", (double)km.censored);
  cJSON *life = cJSON_AddObjectToObject(root, "lifespan_days");
  add_number_or_null(life, "median", sq_km_quantile(&km, 0.5));
  add_number_or_null(life, "q25", sq_km_quantile(&km, 0.25));
  add_number_or_null(life, "q75", sq_km_quantile(&km, 0.75));
  cJSON_AddStringToObject(life, "estimator",
                          "Kaplan-Meier over all groups of all replicates, censored at the horizon; "
                          "null where survival never falls that low");
  cJSON *per_run = cJSON_AddObjectToObject(root, "per_replicate");
  add_quantiles(per_run, "reach", o->reach, o->runs);
  add_quantiles(per_run, "peak_members", o->peak_members, o->runs);
  add_quantiles(per_run, "peak_groups", o->peak_groups, o->runs);
  add_quantiles(per_run, "groups_created", o->groups_created, o->runs);
  add_realism(o, root, &km);
  add_report(o, root, &km);
  cJSON_AddNumberToObject(root, "member_steps", (double)o->member_steps);
  cJSON *machine = cJSON_AddObjectToObject(root, "run");
  cJSON_AddNumberToObject(machine, "threads", threads);
  cJSON_AddNumberToObject(machine, "seconds", round(seconds * 1000) / 1000);
  cJSON_AddNumberToObject(machine, "member_steps_per_second",
                          seconds > 0 ? round((double)o->member_steps / seconds) : 0);
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  sq_km_free(&km);
  return text;
}

static int write_json(sq_output *o, const char *name, char *text, sq_error *err) {
  if (!text && err->status) return err->status;
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", o->dir, name);
  return sq_write_json(path, text, err);
}

static void release(sq_output *o) {
  free(o->curves);
  free(o->first_stage);
  free(o->lifespans);
  free(o->deaths);
  free(o->reach);
  free(o->peak_members);
  free(o->peak_groups);
  free(o->groups_created);
  free(o->days_at_cap);
  free(o->first_lifespan);
  free(o->first_died);
  free(o->has_first);
  free(o->live_members);
  free(o->largest_peak);
  free(o->capacity_share);
  free(o->qr_share);
  free(o->final_members);
  free(o->spell_posts);
  free(o->spell_days);
  free(o->spell_open);
  free(o);
}

int sq_output_finish(sq_output *o, int threads, double seconds, sq_lifespan_summary *life,
                     sq_error *err) {
  int rc = o->timeseries.f ? sq_atomic_commit(&o->timeseries, err) : SQ_OK;
  if (!rc && o->groups.f) rc = sq_atomic_commit(&o->groups, err);
  if (!rc && o->with_members) rc = sq_atomic_commit(&o->members, err);
  if (!rc && o->sc.vary.count) rc = sq_atomic_commit(&o->varied, err);
  if (!rc) rc = write_curves(o, err);
  if (!rc) rc = write_json(o, "scenario.json", sq_scenario_to_json(&o->sc), err);
  /* summary.json last: its presence says the run completed */
  if (!rc) rc = write_json(o, "summary.json", summary_json(o, threads, seconds, life, err), err);
  if (rc) {
    sq_output_abort(o);
    return rc;
  }
  release(o);
  return SQ_OK;
}

void sq_output_abort(sq_output *o) {
  if (!o) return;
  sq_atomic_abort(&o->timeseries);
  sq_atomic_abort(&o->groups);
  sq_atomic_abort(&o->members);
  sq_atomic_abort(&o->varied);
  release(o);
}

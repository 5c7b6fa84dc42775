/* The charts of a run or a comparison: lifecycle, network, survival,
 * participation and comparison.  The C side prepares what gnuplot cannot
 * easily compute (stage spans, step curves, shares of posts); every column
 * is found by its header name. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plots/chart.h"
#include "sim/io/names.h"

const sq_plot_csv_need sq_plot_curves_need = {
    {"day", "members_p10", "members_median", "members_p90", "active_p10", "active_median",
     "active_p90", "zombies_median", "groups_p10", "groups_median", "groups_p90",
     "stage_sprout_share", "stage_growth_share", "stage_active_share", "stage_decline_share",
     "stage_death_share", NULL},
    {NULL}, 1};
static const sq_plot_csv_need survival_need = {
    {"day", "survival", "lower", "upper", NULL}, {"scenario", NULL}, 0};
static const sq_plot_csv_need members_need = {{"replicate", "member", "posts", NULL}, {NULL}, 0};
static const sq_plot_csv_need comparison_need = {{NULL}, {"scenario", NULL}, 1};

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* ---- curves.csv ---- */

/* What a curves.csv spans: the last day anyone was a member (in any
 * replicate), and the most groups alive at once. */
typedef struct extent { int last_day, last_member_day; double most_groups; } extent;

/* The share of replicates in each stage, day by day: share[day * 5 + stage]. */
typedef struct stage_shares { double *share; int days; } stage_shares;

/* The column of each stage's share in curves.csv. */
static void share_column(int stage, char *buf, size_t size) {
  snprintf(buf, size, "stage_%s_share", sq_stage_names[stage]);
}

/* One pass over curves.csv: its extent, and the stage shares if `s` (to
 * be freed by the caller). */
static int read_curves(const char *path, extent *x, stage_shares *s, sq_error *err) {
  static const char *const names[] = {"day", "members_p90", "groups_p90", NULL};
  enum { DAY, MEMBERS, GROUPS };
  int cols[3 + SQ_STAGE_COUNT];
  size_t cap = 0;
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err);
  if (!rc) rc = sq_plot_csv_columns(&r, names, cols, err);
  for (int k = 0; k < SQ_STAGE_COUNT && !rc; k++) {
    char name[64];
    share_column(k, name, sizeof name);
    rc = sq_plot_csv_column(&r, name, &cols[3 + k], err);
  }
  *x = (extent){0, 0, 0};
  if (s) *s = (stage_shares){NULL, 0};
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    int day;
    if ((rc = sq_plot_csv_day(&r, cols[DAY], &day, err))) break;
    x->last_day = day;
    if (sq_plot_csv_number(&r, cols[MEMBERS]) > 0) x->last_member_day = day;
    double g = sq_plot_csv_number(&r, cols[GROUPS]);
    if (g > x->most_groups) x->most_groups = g;
    if (!s) continue;
    if ((size_t)s->days == cap) {
      cap = cap ? 2 * cap : 1024;
      double *more = realloc(s->share, cap * SQ_STAGE_COUNT * sizeof *more);
      if (!more) {
        rc = sq_error_set(err, SQ_ERUNTIME, "%s: out of memory at line %d", path, r.line_no);
        break;
      }
      s->share = more;
    }
    for (int k = 0; k < SQ_STAGE_COUNT; k++)
      s->share[s->days * SQ_STAGE_COUNT + k] = sq_plot_csv_number(&r, cols[3 + k]);
    s->days++;
  }
  sq_plot_csv_close(&r);
  return rc;
}

/* The day a chart's time axis should end: a little after the last member
 * is gone, so that short lives are not squeezed against the axis. */
static int axis_end(const extent *x) {
  int end = (int)(1.1 * x->last_member_day) + 10;
  return end < x->last_day ? end : x->last_day;
}

/* gnuplot commands naming each stage inside its band: in the middle of the
 * longest run of days (up to xmax) on which it holds most replicates,
 * across a wide run, upright in a narrow one, none in a sliver.  Bands are
 * stacked sprout on top (lifecycle.gp), so a stage's band on day d spans
 * 1 - (shares up to it) to 1 - (shares before it). */
static void stage_labels(const sq_plotter *p, const stage_shares *s, int xmax, char *buf,
                         size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  int days = s->days < xmax ? s->days : xmax;
  for (int k = 0; k < SQ_STAGE_COUNT; k++) {
    int best = 0, best_start = 0, run = 0;
    for (int d = 0; d < days; d++) {
      run = s->share[d * SQ_STAGE_COUNT + k] > 0.5 ? run + 1 : 0;
      if (run > best) best = run, best_start = d - run + 1;
    }
    if (best == 0 || best * 80 < xmax) continue;
    int middle = best_start + best / 2;
    double before = 0;
    for (int j = 0; j < k; j++) before += s->share[middle * SQ_STAGE_COUNT + j];
    double y = 1 - before - s->share[middle * SQ_STAGE_COUNT + k] / 2;
    used += (size_t)snprintf(buf + used, size - used,
                             best * 12 >= xmax
                                 ? "set label %d '%s' at %d, second %.4f center front; "
                                 : "set label %d '%s' at %d, second %.4f center rotate by 90 "
                                   "front; ",
                             k + 1, p->l->stage[k], middle, y);
  }
}

/* The lifecycle chart over the share of replicates in each stage. */
int sq_chart_lifecycle(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200], labels[4096], band_members[256], band_active[256];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  stage_shares s;
  extent x;
  int rc = read_curves(path, &x, &s, err);
  if (rc) return free(s.share), rc;
  int xmax = axis_end(&x);
  bool network = x.most_groups > 1; /* its first group's stages would mislead */
  if (network) labels[0] = '\0';
  else stage_labels(p, &s, xmax, labels, sizeof labels);
  free(s.share);
  const char *columns[SQ_STAGE_COUNT], *colours[SQ_STAGE_COUNT];
  char names[SQ_STAGE_COUNT][64];
  for (int k = 0; k < SQ_STAGE_COUNT; k++) {
    share_column(k, names[k], sizeof names[k]);
    columns[k] = names[k], colours[k] = sq_plot_stage_colour[k];
  }
  snprintf(band_members, sizeof band_members, p->l->band_of, p->l->members_noun);
  snprintf(band_active, sizeof band_active, p->l->band_of, p->l->active_noun);
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "lifecycle", p->l->lifecycle, name);
  sq_gp_path(&c.script, "curves", path);
  sq_gp_number(&c.script, "n_stages", network ? 0 : SQ_STAGE_COUNT);
  sq_gp_array(&c.script, "share", columns, SQ_STAGE_COUNT);
  sq_gp_array(&c.script, "stage", p->l->stage, SQ_STAGE_COUNT);
  sq_gp_array(&c.script, "colour", colours, SQ_STAGE_COUNT);
  sq_gp_strings(&c.script, "stages", labels, "xlabel", p->l->day, "ylabel", p->l->members_axis,
                "y2label", p->l->stage_share_axis, "l_members", p->l->members, "l_active",
                p->l->active, "l_silent", p->l->silent, "l_members_band", band_members,
                "l_active_band", band_active, NULL);
  sq_gp_number(&c.script, "xmax", xmax);
  return sq_chart_render(p, "lifecycle.gp", &c, err);
}

/* The network chart, when groups split: their number and their members. */
int sq_chart_network(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  extent x;
  int rc = read_curves(path, &x, NULL, err);
  if (rc) return rc;
  if (x.most_groups <= 1) return SQ_OK; /* one group: nothing to show */
  char band_members[256], band_groups[256];
  snprintf(band_members, sizeof band_members, p->l->band_of, p->l->members_noun);
  snprintf(band_groups, sizeof band_groups, p->l->band_of, p->l->groups_noun);
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "network", p->l->network, name);
  sq_gp_path(&c.script, "curves", path);
  sq_gp_strings(&c.script, "xlabel", p->l->day, "ylabel", p->l->members_axis, "y2label",
                p->l->groups_axis, "l_members", p->l->members, "l_groups", p->l->groups,
                "l_members_band", band_members, "l_groups_band", band_groups, NULL);
  sq_gp_number(&c.script, "xmax", axis_end(&x));
  return sq_chart_render(p, "network.gp", &c, err);
}

/* ---- survival.csv ---- */

/* survival.csv as steps (each step a vertical and a horizontal segment, so
 * that gnuplot can fill the bands), one block per scenario, into `data`;
 * the scenarios' names (at most 64) into names, their number into *n. */
static int survival_steps(const char *path, FILE *data, char names[64][128], int *n,
                          sq_error *err) {
  static const char *const columns[] = {"scenario", "day", "survival", "lower", "upper", NULL};
  enum { NAME, DAY, S, LO, HI };
  int cols[5];
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err);
  if (!rc) rc = sq_plot_csv_columns(&r, columns, cols, err);
  double prev[3] = {1, 1, 1};
  *n = 0;
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    char name[128];
    double day = sq_plot_csv_number(&r, cols[DAY]), s = sq_plot_csv_number(&r, cols[S]),
           lo = sq_plot_csv_number(&r, cols[LO]), hi = sq_plot_csv_number(&r, cols[HI]);
    sq_plot_csv_field(&r, cols[NAME], name, sizeof name);
    if (*n == 0 || strcmp(name, names[*n - 1]) != 0) { /* a new scenario */
      if (*n == 64) break;
      if (*n) fputs("\n\n", data);
      snprintf(names[(*n)++], sizeof names[0], "%s", name);
    } else {
      fprintf(data, "%g,%g,%g,%g\n", day, prev[0], prev[1], prev[2]);
    }
    fprintf(data, "%g,%g,%g,%g\n", day, s, lo, hi);
    prev[0] = s, prev[1] = lo, prev[2] = hi;
  }
  sq_plot_csv_close(&r);
  return rc;
}

/* Survival curves with their bands, one per scenario. */
int sq_chart_survival(sq_plotter *p, sq_error *err) {
  char path[4200], data[4200];
  snprintf(path, sizeof path, "%s/survival.csv", p->dir);
  if (!exists(path)) return SQ_OK; /* no survival.csv: nothing to draw */
  int rc = sq_plot_csv_check(path, &survival_need, err);
  FILE *d = NULL;
  if (!rc) rc = sq_plot_data_open(p, "survival.dat", data, sizeof data, &d, err);
  if (rc) return rc;
  char names[64][128];
  int n;
  rc = survival_steps(path, d, names, &n, err);
  int closed = sq_plot_data_close(d, data, err);
  if (rc || closed) return rc ? rc : closed;
  if (n == 0) return SQ_OK;
  char pretty[64][256], band[64][300];
  const char *titles[64], *bands[64];
  for (int k = 0; k < n; k++) {
    sq_plot_scenario_title(p, names[k], pretty[k], sizeof pretty[k]);
    snprintf(band[k], sizeof band[k], p->l->interval_of, pretty[k]);
    titles[k] = pretty[k], bands[k] = band[k];
  }
  sq_chart c;
  sq_chart_begin(p, &c, "survival", p->l->survival);
  sq_gp_path(&c.script, "data", data);
  sq_gp_strings(&c.script, "xlabel", p->l->age, "ylabel", p->l->alive_share, NULL);
  sq_gp_number(&c.script, "n", n);
  sq_gp_array(&c.script, "names", titles, n);
  sq_gp_array(&c.script, "bands", bands, n);
  return sq_chart_render(p, "survival.gp", &c, err);
}

/* ---- members.csv ---- */

typedef struct poster { uint32_t replicate, member; double posts; } poster;

static int by_person(const void *a, const void *b) {
  const poster *x = a, *y = b;
  if (x->replicate != y->replicate) return x->replicate < y->replicate ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

static int by_posts_descending(const void *a, const void *b) {
  const poster *x = a, *y = b;
  return (x->posts < y->posts) - (x->posts > y->posts);
}

/* Every spell of members.csv: (replicate, member, posts) into *v. */
static int read_posters(const char *path, poster **v, size_t *n, sq_error *err) {
  static const char *const columns[] = {"replicate", "member", "posts", NULL};
  enum { REP, MEMBER, POSTS };
  int cols[3];
  size_t cap = 0;
  *v = NULL, *n = 0;
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err);
  if (!rc) rc = sq_plot_csv_columns(&r, columns, cols, err);
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    if (*n == cap) {
      size_t more = cap ? 2 * cap : 1024;
      poster *w = realloc(*v, more * sizeof *w);
      if (!w) {
        rc = sq_error_set(err, SQ_ERUNTIME, "%s: out of memory at line %d", path, r.line_no);
        break;
      }
      *v = w, cap = more;
    }
    char buf[32];
    (*v)[(*n)++] = (poster){(uint32_t)atol(sq_plot_csv_field(&r, cols[REP], buf, sizeof buf)),
                            (uint32_t)atol(sq_plot_csv_field(&r, cols[MEMBER], buf, sizeof buf)),
                            sq_plot_csv_number(&r, cols[POSTS])};
  }
  sq_plot_csv_close(&r);
  if (rc) free(*v), *v = NULL, *n = 0;
  return rc;
}

/* The share of posts written by the most active shares of people, 300
 * points evenly spaced in log share, into `d`; the shares of the top 1%
 * and 10% into top[2].  v is sorted most active first. */
static void participation_curve(FILE *d, const poster *v, size_t people, double total,
                                double top[2]) {
  double cumulative = 0;
  size_t next = 0;
  for (int k = 0; k <= 300; k++) {
    double share = pow(10, -3 + 3.0 * k / 300);
    size_t upto = (size_t)ceil(share * people);
    while (next < upto && next < people) cumulative += v[next++].posts;
    fprintf(d, "%g,%g\n", (double)upto / people, cumulative / total);
  }
  cumulative = 0, top[0] = top[1] = 0;
  for (size_t i = 0; i < people; i++) {
    cumulative += v[i].posts;
    if (i + 1 == (size_t)ceil(0.01 * people)) top[0] = cumulative / total;
    if (i + 1 == (size_t)ceil(0.10 * people)) top[1] = cumulative / total;
  }
}

/* Participation inequality from members.csv: every (replicate, agent) with
 * its posts over all its spells, most active first. */
int sq_chart_participation(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200], data[4200];
  snprintf(path, sizeof path, "%s/members.csv", p->dir);
  if (!exists(path)) return SQ_OK; /* run without --members */
  int rc = sq_plot_csv_check(path, &members_need, err);
  poster *v = NULL;
  size_t n = 0;
  if (!rc) rc = read_posters(path, &v, &n, err);
  if (rc || n == 0) return free(v), rc;
  qsort(v, n, sizeof *v, by_person);
  size_t people = 0;
  for (size_t i = 0; i < n; i++) /* one entry per person */
    if (people && v[people - 1].replicate == v[i].replicate && v[people - 1].member == v[i].member)
      v[people - 1].posts += v[i].posts;
    else
      v[people++] = v[i];
  qsort(v, people, sizeof *v, by_posts_descending);
  double total = 0, top[2] = {0, 0};
  for (size_t i = 0; i < people; i++) total += v[i].posts;
  FILE *d = NULL;
  if (total > 0) rc = sq_plot_data_open(p, "participation.dat", data, sizeof data, &d, err);
  if (d) {
    participation_curve(d, v, people, total, top);
    rc = sq_plot_data_close(d, data, err);
  }
  free(v);
  if (rc || total <= 0) return rc;
  char l1[128], l10[128];
  snprintf(l1, sizeof l1, p->l->top1, 100 * top[0]);
  snprintf(l10, sizeof l10, p->l->top10, 100 * top[1]);
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "participation", p->l->participation, name);
  sq_gp_path(&c.script, "data", data);
  sq_gp_number(&c.script, "top1", top[0]);
  sq_gp_number(&c.script, "top10", top[1]);
  sq_gp_strings(&c.script, "l_top1", l1, "l_top10", l10, "l_equal", p->l->equal, "xlabel",
                p->l->members_share_axis, "ylabel", p->l->posts_axis, NULL);
  return sq_chart_render(p, "participation.gp", &c, err);
}

/* ---- comparison.csv ---- */

/* Every scenario of a comparison: active members, medians and bands.
 * Each row's scenario names a folder beside comparison.csv, so it must be
 * a valid name (docs/SCENARIOS.md), never a path. */
int sq_chart_comparison(sq_plotter *p, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/comparison.csv", p->dir);
  int rc = sq_plot_csv_check(path, &comparison_need, err), c_name = -1, n = 0, xmax = 0;
  sq_plot_csv r;
  if (!rc) rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  rc = sq_plot_csv_column(&r, "scenario", &c_name, err);
  char curves[64][4400], pretty[64][256], band[64][300];
  const char *files[64], *titles[64], *bands[64];
  while (!rc && n < 64 && sq_plot_csv_next(&r, &rc, err)) {
    char buf[128], shown[400], rel[4400];
    sq_plot_csv_field(&r, c_name, buf, sizeof buf);
    if (!sq_name_is_safe(buf, NULL)) {
      rc = sq_error_set(err, SQ_EINPUT,
                        "%s:%d: scenario: expected a scenario name (docs/SCENARIOS.md), got %s",
                        path, r.line_no, sq_name_quote(buf, shown, sizeof shown));
      break;
    }
    char folder[4300];
    sq_plot_scenario_dir(p, buf, folder, sizeof folder);
    snprintf(curves[n], sizeof curves[n], "%s/curves.csv", folder);
    extent x;
    if ((rc = sq_plot_csv_check(curves[n], &sq_plot_curves_need, err)) ||
        (rc = read_curves(curves[n], &x, NULL, err)))
      break;
    if (axis_end(&x) > xmax) xmax = axis_end(&x);
    sq_plot_scenario_title(p, buf, pretty[n], sizeof pretty[n]);
    snprintf(curves[n], sizeof curves[n], "%s", sq_gp_path_of(curves[n], rel, sizeof rel));
    snprintf(band[n], sizeof band[n], p->l->band_of, pretty[n]);
    files[n] = curves[n], titles[n] = pretty[n], bands[n] = band[n];
    n++;
  }
  sq_plot_csv_close(&r);
  if (rc) return rc;
  sq_chart c;
  sq_chart_begin(p, &c, "comparison", p->l->comparison);
  sq_gp_strings(&c.script, "xlabel", p->l->day, "ylabel", p->l->active_axis, NULL);
  sq_gp_number(&c.script, "n", n);
  sq_gp_array(&c.script, "files", files, n);
  sq_gp_array(&c.script, "names", titles, n);
  sq_gp_array(&c.script, "bands", bands, n);
  sq_gp_number(&c.script, "xmax", xmax > 0 ? xmax : 1);
  return sq_chart_render(p, "comparison.gp", &c, err);
}

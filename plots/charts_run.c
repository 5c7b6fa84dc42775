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
     "active_p90", "zombies_median", "groups_p10", "groups_median", "groups_p90", NULL},
    {"stage", NULL}, 1};
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

/* Runs of days in one stage: start day, end day (exclusive), stage. */
typedef struct spans { int start[4096], end[4096], stage[4096], n; } spans;

/* One pass over curves.csv: its extent, and its stage spans if `s`. */
static int read_curves(const char *path, extent *x, spans *s, sq_error *err) {
  static const char *const names[] = {"day", "members_p90", "groups_p90", "stage", NULL};
  enum { DAY, MEMBERS, GROUPS, STAGE };
  int cols[4];
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err);
  if (!rc) rc = sq_plot_csv_columns(&r, names, cols, err);
  *x = (extent){0, 0, 0};
  if (s) s->n = 0;
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    int day;
    if ((rc = sq_plot_csv_day(&r, cols[DAY], &day, err))) break;
    x->last_day = day;
    if (sq_plot_csv_number(&r, cols[MEMBERS]) > 0) x->last_member_day = day;
    double g = sq_plot_csv_number(&r, cols[GROUPS]);
    if (g > x->most_groups) x->most_groups = g;
    if (!s || s->n == SQ_LEN(s->start)) continue;
    char buf[64];
    sq_plot_csv_field(&r, cols[STAGE], buf, sizeof buf);
    int k = 0;
    while (k < SQ_STAGE_COUNT - 1 && strcmp(sq_stage_names[k], buf) != 0) k++;
    if (s->n == 0 || s->stage[s->n - 1] != k) s->start[s->n] = day, s->stage[s->n++] = k;
    s->end[s->n - 1] = day + 1;
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

/* gnuplot commands shading the stage spans up to xmax, and labelling them:
 * a label across a wide span, upright in a narrow one, none in a sliver. */
static void stage_objects(const sq_plotter *p, spans *s, int xmax, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (int k = 0; k < s->n && s->start[k] < xmax && used < size - 512; k++) {
    if (s->end[k] > xmax) s->end[k] = xmax;
    used += (size_t)snprintf(buf + used, size - used,
                             "set object %d rect from %d, graph 0 to %d, graph 1 behind fc rgb "
                             "'%s' fs solid 1.0 noborder; ",
                             k + 1, s->start[k], s->end[k], sq_plot_stage_colour[s->stage[k]]);
    int width = s->end[k] - s->start[k];
    double middle = (s->start[k] + s->end[k]) / 2.0;
    if (width * 12 >= xmax)
      used += (size_t)snprintf(buf + used, size - used,
                               "set label %d '%s' at %g, graph 0.95 center front; ", k + 1,
                               p->l->stage[s->stage[k]], middle);
    else if (width * 80 >= xmax)
      used += (size_t)snprintf(buf + used, size - used,
                               "set label %d '%s' at %g, graph 0.97 right rotate by 90 front; ",
                               k + 1, p->l->stage[s->stage[k]], middle);
  }
}

/* The lifecycle chart, its stages drawn as shaded, labelled spans. */
int sq_chart_lifecycle(sq_plotter *p, const char *name, sq_error *err) {
  char path[4200], stages[16384];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  spans s;
  extent x;
  int rc = read_curves(path, &x, &s, err);
  if (rc) return rc;
  if (x.most_groups > 1) s.n = 0; /* a network: its first group's stages would mislead */
  int xmax = axis_end(&x);
  stage_objects(p, &s, xmax, stages, sizeof stages);
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "lifecycle", p->l->lifecycle, name);
  sq_gp_path(&c.script, "curves", path);
  sq_gp_strings(&c.script, "stages", stages, "xlabel", p->l->day, "ylabel", p->l->members_axis,
                "l_members", p->l->members, "l_active", p->l->active, "l_silent", p->l->silent,
                "l_band", p->l->band, NULL);
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
  sq_chart c;
  sq_chart_begin_scenario(p, &c, "network", p->l->network, name);
  sq_gp_path(&c.script, "curves", path);
  sq_gp_strings(&c.script, "xlabel", p->l->day, "ylabel", p->l->members_axis, "y2label",
                p->l->groups_axis, "l_members", p->l->members, "l_groups", p->l->groups,
                "l_band", p->l->band, NULL);
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
  char pretty[64][256];
  const char *titles[64];
  for (int k = 0; k < n; k++) {
    sq_plot_scenario_title(p, names[k], pretty[k], sizeof pretty[k]);
    titles[k] = pretty[k];
  }
  sq_chart c;
  sq_chart_begin(p, &c, "survival", p->l->survival);
  sq_gp_path(&c.script, "data", data);
  sq_gp_strings(&c.script, "xlabel", p->l->age, "ylabel", p->l->alive_share, NULL);
  sq_gp_number(&c.script, "n", n);
  sq_gp_array(&c.script, "names", titles, n);
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
  char curves[64][4400], pretty[64][256];
  const char *files[64], *titles[64];
  while (!rc && n < 64 && sq_plot_csv_next(&r, &rc, err)) {
    char buf[128], shown[400], rel[4400];
    sq_plot_csv_field(&r, c_name, buf, sizeof buf);
    if (!sq_name_is_safe(buf, NULL)) {
      rc = sq_error_set(err, SQ_EINPUT,
                        "%s:%d: scenario: expected a scenario name (docs/SCENARIOS.md), got %s",
                        path, r.line_no, sq_name_quote(buf, shown, sizeof shown));
      break;
    }
    snprintf(curves[n], sizeof curves[n], "%s/%s/curves.csv", p->dir, buf);
    extent x;
    if ((rc = sq_plot_csv_check(curves[n], &sq_plot_curves_need, err)) ||
        (rc = read_curves(curves[n], &x, NULL, err)))
      break;
    if (axis_end(&x) > xmax) xmax = axis_end(&x);
    sq_plot_scenario_title(p, buf, pretty[n], sizeof pretty[n]);
    snprintf(curves[n], sizeof curves[n], "%s", sq_gp_path_of(curves[n], rel, sizeof rel));
    files[n] = curves[n], titles[n] = pretty[n];
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
  sq_gp_number(&c.script, "xmax", xmax > 0 ? xmax : 1);
  return sq_chart_render(p, "comparison.gp", &c, err);
}

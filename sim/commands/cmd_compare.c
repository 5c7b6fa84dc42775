/* shequn compare: several scenarios side by side, on common random numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/commands/cli.h"
#include "sim/commands/compare.h"
#include "sim/commands/report.h"
#include "sim/io/csv.h"
#include "sim/io/fileio.h"
#include "sim/io/outdir.h"
#include "sim/io/scenario.h"
#include "sim/engine/study.h"
#include "sim/analysis/survival.h"

static const char compare_about[] =
    "Run several scenarios on common random numbers (the same seed and\n"
    "replicates for all) and compare them: lifespans with their uncertainty,\n"
    "survival, size, reach, stages, and a log-rank test against the first.\n";

static const char compare_after[] =
    "\n"
    "Files written (docs/OUTPUTS.md):\n"
    "  comparison.csv  a row per scenario (the table printed)\n"
    "  survival.csv    Kaplan-Meier survival of groups with 95% Greenwood bands\n"
    "  NAME/           each scenario's run files, as `shequn run` writes them\n"
    "  .shequn         the marker: which command wrote the folder, version, date\n"
    "It then prints a report per scenario (as `shequn run` does) and a line\n"
    "saying which lives longer and grows bigger, by how much.\n"
    "Plot them with `shequn plot DIR`.  A failed or interrupted comparison leaves\n"
    "nothing.  Exit status: 0 done, 1 failed, 2 bad input, 130 interrupted.\n";

/* What one scenario's replicates did, for its row of the table. */
typedef struct sq_compare_tally {
  char name[64];
  char dir[4200];
  int horizon;
  double *life, *stage[SQ_STAGE_COUNT];
  bool *died;
  size_t n, cap;
  double *peak, *reach, *created;
  size_t runs;
  sq_lifespan_summary summary; /* its run's summary, for the closing report */
} tally;

int sq_compare_observe(void *context, const sq_run_result *r, sq_error *err) {
  tally *t = context;
  if (t->n + r->n_groups > t->cap) {
    size_t cap = 2 * (t->n + r->n_groups) + 64;
    double *l = realloc(t->life, cap * sizeof *l);
    if (l) t->life = l;
    bool *d = realloc(t->died, cap * sizeof *d);
    if (d) t->died = d;
    int ok = l && d;
    for (int s = 0; s < SQ_STAGE_COUNT; s++) {
      double *x = realloc(t->stage[s], cap * sizeof *x);
      if (x) t->stage[s] = x;
      ok &= x != NULL;
    }
    if (!ok) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the comparison");
    t->cap = cap;
  }
  for (size_t k = 0; k < r->n_groups; k++) {
    const sq_group_record *g = &r->groups[k];
    t->life[t->n] = g->lifespan_days;
    t->died[t->n] = !g->censored;
    for (int s = 0; s < SQ_STAGE_COUNT; s++) t->stage[s][t->n] = g->stage_days[s];
    t->n++;
  }
  t->peak[t->runs] = (double)r->peak_total_members;
  t->reach[t->runs] = (double)r->reach;
  t->created[t->runs] = (double)r->n_groups;
  t->runs++;
  return SQ_OK;
}

/* Room for the per-replicate figures of sc (name and dir are the caller's). */
static int tally_init(tally *t, const sq_scenario *sc, sq_error *err) {
  t->horizon = sc->horizon_days;
  size_t runs = (size_t)sc->replicates;
  t->peak = calloc(runs, sizeof(double));
  t->reach = calloc(runs, sizeof(double));
  t->created = calloc(runs, sizeof(double));
  if (!t->peak || !t->reach || !t->created) return sq_error_set(err, SQ_ERUNTIME, "out of memory");
  return SQ_OK;
}

static void tally_free(tally *t) {
  free(t->life), free(t->died), free(t->peak), free(t->reach), free(t->created);
  for (int s = 0; s < SQ_STAGE_COUNT; s++) free(t->stage[s]);
}

sq_compare_tally *sq_compare_tally_new(const sq_scenario *sc, sq_error *err) {
  tally *t = calloc(1, sizeof *t);
  if (!t) {
    sq_error_set(err, SQ_ERUNTIME, "out of memory");
    return NULL;
  }
  snprintf(t->name, sizeof t->name, "%s", sc->name);
  if (tally_init(t, sc, err)) {
    sq_compare_tally_free(t);
    return NULL;
  }
  return t;
}

void sq_compare_tally_free(sq_compare_tally *t) {
  if (t) tally_free(t);
  free(t);
}

static double quantile(const double *v, size_t n, double p) {
  if (n == 0) return NAN;
  double *c = malloc(n * sizeof *c);
  if (!c) return NAN;
  memcpy(c, v, n * sizeof *c);
  gsl_sort(c, 1, n);
  double q = gsl_stats_quantile_from_sorted_data(c, 1, n, p);
  free(c);
  return q;
}

/* A row of the table: everything comparison.csv says of one scenario. */
typedef struct row {
  double median, median_lo, median_hi, survival[4];
  double peak[3], reach, created, stage_days[SQ_STAGE_COUNT];
  double chi2, p;
} row;

static const double survival_days[4] = {30, 180, 365, 730};

static int summarise(const tally *t, const tally *first, row *out, sq_error *err) {
  row w;
  sq_km km;
  if (sq_km_estimate(t->life, t->died, t->n, &km))
    return sq_error_set(err, SQ_ERUNTIME,
                        "%s: out of memory for the Kaplan-Meier estimate of its lifespans",
                        t->name);
  w.median = sq_km_quantile(&km, 0.5);
  sq_km_quantile_ci(&km, 0.5, 1.96, &w.median_lo, &w.median_hi);
  for (int k = 0; k < 4; k++)
    w.survival[k] = survival_days[k] < km.last_time || km.n == 0 || km.steps[km.n - 1].survival == 0
                        ? sq_km_survival(&km, survival_days[k])
                        : NAN; /* beyond the last observation */
  sq_km_free(&km);
  w.peak[0] = quantile(t->peak, t->runs, 0.5);
  w.peak[1] = quantile(t->peak, t->runs, 0.25);
  w.peak[2] = quantile(t->peak, t->runs, 0.75);
  w.reach = quantile(t->reach, t->runs, 0.5);
  w.created = quantile(t->created, t->runs, 0.5);
  for (int s = 0; s < SQ_STAGE_COUNT; s++) w.stage_days[s] = quantile(t->stage[s], t->n, 0.5);
  w.chi2 = w.p = NAN;
  if (t != first) {
    sq_logrank lr;
    if (sq_logrank_test(t->life, t->died, t->n, first->life, first->died, first->n, &lr) == 0)
      w.chi2 = lr.chi2, w.p = lr.p_value;
  }
  *out = w;
  return SQ_OK;
}

/* A number of comparison.csv, empty when it is not a number. */
static void put(FILE *f, double v) { sq_csv_number(f, v, 6); }

static int write_comparison(const char *dir, tally *t, const row *w, int n, sq_error *err) {
  sq_atomic_file af;
  int rc = sq_atomic_open_in(
      &af, dir, "comparison.csv",
      "scenario,replicates,groups,median_lifespan_days,median_ci_low,median_ci_high,"
      "survival_30,survival_180,survival_365,survival_730,peak_members_median,"
      "peak_members_q25,peak_members_q75,reach_median,groups_created_median,"
      "sprout_days_median,growth_days_median,active_days_median,decline_days_median,"
      "death_days_median,logrank_chi2,logrank_p\n",
      err);
  if (rc) return rc;
  for (int i = 0; i < n; i++) {
    sq_csv_text(af.f, t[i].name);
    fprintf(af.f, ",%zu,%zu", t[i].runs, t[i].n);
    put(af.f, w[i].median), put(af.f, w[i].median_lo), put(af.f, w[i].median_hi);
    for (int k = 0; k < 4; k++) put(af.f, w[i].survival[k]);
    for (int k = 0; k < 3; k++) put(af.f, w[i].peak[k]);
    put(af.f, w[i].reach), put(af.f, w[i].created);
    for (int s = 0; s < SQ_STAGE_COUNT; s++) put(af.f, w[i].stage_days[s]);
    put(af.f, w[i].chi2), put(af.f, w[i].p);
    fputc('\n', af.f);
  }
  rc = sq_atomic_commit(&af, err);
  if (!rc) rc = sq_atomic_open_in(&af, dir, "survival.csv", SQ_KM_CSV_HEADER, err);
  for (int i = 0; i < n && !rc; i++) {
    sq_km km;
    if (sq_km_estimate(t[i].life, t[i].died, t[i].n, &km))
      rc = sq_error_set(err, SQ_ERUNTIME, "%s/survival.csv: %s: out of memory for the "
                        "Kaplan-Meier estimate", dir, t[i].name);
    else
      sq_km_write_rows(af.f, t[i].name, &km, 1.96);
    sq_km_free(&km);
    if (rc) sq_atomic_abort(&af);
  }
  return rc ? rc : sq_atomic_commit(&af, err);
}

/* "778 (758-800)", with ">H" for what lies beyond the horizon H. */
static void days_text(char *buf, size_t size, double m, double lo, double hi, int horizon) {
  char a[16], b[16], c[16];
  snprintf(a, sizeof a, "%s%d", isnan(m) ? ">" : "", isnan(m) ? horizon : (int)m);
  snprintf(b, sizeof b, "%d", isnan(lo) ? 0 : (int)lo);
  snprintf(c, sizeof c, "%s%d", isnan(hi) ? ">" : "", isnan(hi) ? horizon : (int)hi);
  snprintf(buf, size, "%s (%s-%s)", a, isnan(lo) ? "?" : b, c);
}

static void print_table(const tally *t, const row *w, int n) {
  printf("%-22s %-20s %6s %6s %6s %6s  %-18s %8s %6s  %s\n", "scenario",
         "median life (95% CI)", "S(30)", "S(180)", "S(365)", "S(730)", "peak members [IQR]",
         "reach", "groups", "log-rank vs first");
  for (int i = 0; i < n; i++) {
    char life[64], peak[48], lr[48] = "";
    days_text(life, sizeof life, w[i].median, w[i].median_lo, w[i].median_hi, t[i].horizon);
    snprintf(peak, sizeof peak, "%.0f [%.0f-%.0f]", w[i].peak[0], w[i].peak[1], w[i].peak[2]);
    if (!isnan(w[i].chi2)) snprintf(lr, sizeof lr, "chi2 %.1f, p %.2g", w[i].chi2, w[i].p);
    printf("%-22s %-20s", t[i].name, life);
    for (int k = 0; k < 4; k++)
      if (isnan(w[i].survival[k]))
        printf(" %6s", "-");
      else
        printf(" %6.2f", w[i].survival[k]);
    printf("  %-18s %8.0f %6.0f  %s\n", peak, w[i].reach, w[i].created, lr);
  }
}

typedef struct compare_args {
  const char **files;
  int n_files;
  sq_cli_options opt;
} compare_args;

static int parse_args(int argc, char **argv, compare_args *a) {
  static const sq_cli_help_lines help = {
      "out/compare", "comparison", "the common seed (default: the first scenario's)",
      "replicates of each (default: the first scenario's)",
      "threads to use (default: all); results do not depend on it",
      "override a key in every scenario; may be repeated"};
  sq_option options[SQ_CLI_OPTIONS];
  if (sq_cli_options_init(&a->opt, argc, "compare", &help, options)) return 1;
  if (!(a->files = calloc((size_t)argc, sizeof *a->files))) {
    fputs("shequn compare: out of memory\n", stderr);
    return 1;
  }
  const sq_verb verb = {"compare", "A.json B.json ... [OPTIONS]", compare_about, compare_after,
                        options, (int)SQ_LEN(options), a->files, &a->n_files, 2, -1,
                        "name at least two scenario files", NULL};
  return sq_cli_parse(&verb, argc, argv);
}

/* The length of the longest prefix of name of at most max bytes that
 * does not cut a UTF-8 character (a valid name stays valid). */
static int utf8_prefix(const char *name, int max) {
  int n = (int)strlen(name);
  if (n <= max) return n;
  while (max > 0 && ((unsigned char)name[max] & 0xc0) == 0x80) max--;
  while (max > 0 && name[max - 1] == ' ') max--;
  return max;
}

/* Each scenario's report, then the one-line comparison. */
static void print_reports(const tally *t, const row *w, int n, bool chinese) {
  sq_report_entry *e = calloc((size_t)n, sizeof *e);
  if (!e) return;
  for (int i = 0; i < n; i++) {
    printf("\n%s:\n", t[i].name);
    sq_report_print(stdout, &t[i].summary, t[i].horizon, chinese);
    e[i] = (sq_report_entry){t[i].name, &t[i].summary, t[i].horizon, w[i].peak[0], w[i].peak[1],
                             w[i].peak[2]};
  }
  putchar('\n');
  sq_report_compare(stdout, e, n, chinese);
  free(e);
}

/* Run the n scenarios (read and checked, with one seed and one number of
 * replicates) into the claimed folder dir and write the comparison; prints
 * the table and the reports (in Chinese if asked) unless quiet.  Returns 0
 * or an error status. */
static int compare_into(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
                        bool chinese, const char *command, sq_error *err) {
  tally *t = calloc((size_t)n, sizeof *t);
  row *w = calloc((size_t)n, sizeof *w);
  if (!t || !w) {
    free(t), free(w);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory");
  }
  int rc = SQ_OK;
  for (int i = 0; i < n; i++) {
    tally *ti = &t[i];
    snprintf(ti->name, sizeof ti->name, "%s", sc[i].name);
    for (int j = 0; j < i; j++) /* two scenarios of one name get their own directories */
      if (strcmp(t[j].name, ti->name) == 0)
        snprintf(ti->name, sizeof ti->name, "%.*s_%d", utf8_prefix(sc[i].name, 50), sc[i].name,
                 i + 1);
    snprintf(ti->dir, sizeof ti->dir, "%s/%s", dir, ti->name);
    if (!rc) rc = tally_init(ti, &sc[i], err);
  }
  const volatile sig_atomic_t *cancel = sq_catch_interrupts();
  for (int i = 0; i < n && !rc; i++) {
    sq_study study = {threads, false, !quiet, cancel, sq_compare_observe, &t[i], command, false,
                      false};
    double seconds;
    rc = sq_study_run(&sc[i], t[i].dir, &study, &t[i].summary, &seconds, err);
    if (rc) sq_error_prefix(err, t[i].name);
  }
  for (int i = 0; i < n && !rc; i++) rc = summarise(&t[i], &t[0], &w[i], err);
  if (!rc) rc = write_comparison(dir, t, w, n, err);
  if (!rc && !quiet) {
    printf("%d scenarios x %d replicates, seed %lld, on common random numbers\n", n,
           sc[0].replicates, (long long)sc[0].seed);
    print_table(t, w, n);
    print_reports(t, w, n, chinese);
    printf("wrote %s/ (comparison.csv, survival.csv, a directory per scenario)\n", dir);
  }
  for (int i = 0; i < n; i++) tally_free(&t[i]);
  free(t), free(w);
  return rc;
}

int sq_compare_write(const char *dir, const sq_compare_tally *const *each, int n,
                     sq_error *err) {
  tally *t = calloc((size_t)n, sizeof *t); /* side by side, as summarise wants them */
  row *w = calloc((size_t)n, sizeof *w);
  int rc = t && w ? SQ_OK : sq_error_set(err, SQ_ERUNTIME, "out of memory");
  for (int i = 0; i < n && !rc; i++) t[i] = *each[i]; /* shallow: the caller frees each */
  for (int i = 0; i < n && !rc; i++) rc = summarise(&t[i], &t[0], &w[i], err);
  if (!rc) rc = write_comparison(dir, t, w, n, err);
  free(t), free(w);
  return rc;
}

/* sq_compare, with the reports in Chinese if asked. */
static int compare_in(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
                      bool chinese, const char *command, bool force, sq_error *err) {
  sq_outdir folder;
  int rc = sq_outdir_claim(&folder, dir, command, force, err);
  if (rc) return rc;
  rc = compare_into(sc, n, dir, threads, quiet, chinese, command, err);
  if (rc) sq_outdir_abandon(&folder);
  return rc;
}

int sq_compare(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
               const char *command, bool force, sq_error *err) {
  return compare_in(sc, n, dir, threads, quiet, false, command, force, err);
}

int sq_cmd_compare(int argc, char **argv) {
  compare_args a = {0};
  int rc = parse_args(argc, argv, &a);
  if (rc) {
    free(a.files), free(a.opt.sets);
    return rc < 0 ? 0 : rc;
  }
  int n = a.n_files;
  sq_scenario *sc = calloc((size_t)n, sizeof *sc);
  sq_error err = {0};
  if (!sc) {
    fputs("shequn compare: out of memory\n", stderr);
    free(a.files), free(a.opt.sets);
    return 1;
  }
  const sq_cli_options *o = &a.opt;
  /* every file is read and checked before anything runs: common random
   * numbers need one seed and one number of replicates for all */
  for (int i = 0; i < n && !rc; i++) {
    long long first_seed = sc[0].seed, first_replicates = sc[0].replicates;
    const long long *seed = o->has_seed ? &o->seed : i ? &first_seed : NULL;
    const long long *reps = o->has_replicates ? &o->replicates : i ? &first_replicates : NULL;
    sq_scenario_overrides over = {o->sets, o->n_sets, seed, reps};
    rc = sq_scenario_read(&sc[i], a.files[i], &over, &err);
  }
  if (rc) {
    fprintf(stderr, "%s\n", err.message);
  } else if ((rc = compare_in(sc, n, o->output ? o->output : "out/compare", (int)o->threads,
                              false, strcmp(o->lang, "zh") == 0, "compare", o->force, &err))) {
    bool interrupted = *sq_catch_interrupts();
    fprintf(stderr, "shequn compare: %s; nothing was written\n",
            interrupted ? "interrupted" : err.message);
    rc = interrupted ? 130 : rc == SQ_EINPUT ? 2 : 1;
  }
  free(a.files), free(a.opt.sets), free(sc);
  return rc;
}

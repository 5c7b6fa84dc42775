#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/engine/study.h"
#include "sim/commands/cli.h"
#include "sim/commands/report.h"
#include "sim/io/output.h"
#include "models/population.h"
#include "sim/io/scenario.h"
#include "sim/analysis/survival.h"
#include "sim/io/sweep.h"

static const char run_about[] =
    "Simulate the scenario file SCENARIO and write its results into a directory.\n";

static const char run_after[] =
    "\n"
    "Files written (docs/OUTPUTS.md describes every column):\n"
    "  timeseries.csv  a row per replicate, day and living group\n"
    "  groups.csv      a row per group: birth, death, lifespan, peak, stage days\n"
    "  members.csv     with --members: a row per membership spell\n"
    "  curves.csv      per day: median and 10-90% band over replicates\n"
    "  survival.csv    Kaplan-Meier survival of groups, 95% Greenwood bands\n"
    "  varied.csv      the settings drawn per replicate, if the scenario varies some\n"
    "  summary.json    lifespan median and quartiles (Kaplan-Meier), run facts\n"
    "  scenario.json   the fully resolved scenario: rerun it to reproduce the run\n"
    "  .shequn         the marker: which command wrote the folder, version, date\n"
    "It then prints a short report: lifespan, members, who came until the peak,\n"
    "what limited growth (summary.json's \"report\").\n"
    "Draw its charts with `shequn plot DIR`.\n"
    "Files appear only when the run completes; a failed or interrupted run\n"
    "leaves nothing (and removes DIR if it made it).\n"
    "Exit status: 0 done, 1 failed, 2 bad input, 130 interrupted.\n";

typedef struct run_args {
  const char *scenario;
  int n_scenarios;
  sq_cli_options opt;
  bool members;
} run_args;

/* Parse the command line; returns 0, or the exit status to stop with
 * (-1: help was printed). */
static int parse_args(int argc, char **argv, run_args *a) {
  static const sq_cli_help_lines help = {
      .default_dir = "out/<scenario name>",
      .results = "run",
      .seed = "seed of every random draw (default: the scenario's seed)",
      .replicates = "independent replicates (default: the scenario's replicates)",
      .threads = "threads to use (default: all, or OMP_NUM_THREADS); the\n"
                 "results are identical for any number",
      .set = "override a scenario key, e.g. --set group.capacity=200;\n"
             "may be repeated; VALUE is JSON or a bare word"};
  sq_option options[SQ_CLI_OPTIONS + 1];
  if (sq_cli_options_init(&a->opt, argc, "run", &help, options)) return 1;
  options[SQ_CLI_OPTIONS] = (sq_option){"--members", 0, SQ_OPT_FLAG, NULL,
                                        "also write members.csv, a record per membership",
                                        .flag = &a->members};
  const sq_verb verb = {"run", "SCENARIO [OPTIONS]", run_about, run_after, options,
                        (int)SQ_LEN(options), &a->scenario, &a->n_scenarios, 1, 1,
                        "name a scenario file", "one scenario at a time (got '%s' and '%s')"};
  return sq_cli_parse(&verb, argc, argv);
}

/* What the run found in plain words, and where the files are. */
static void report(const sq_scenario *sc, const char *dir, int threads, double seconds,
                   const sq_lifespan_summary *life, bool chinese) {
  printf("%s: %d replicate%s x %d days in %.2f s on %d thread%s\n", sc->name, sc->replicates,
         sc->replicates == 1 ? "" : "s", sc->horizon_days, seconds, threads,
         threads == 1 ? "" : "s");
  sq_report_print(stdout, life, sc->horizon_days, chinese);
  printf("wrote %s/\n", dir);
}

int sq_cmd_run(int argc, char **argv) {
  run_args a = {0};
  int rc = parse_args(argc, argv, &a);
  if (rc) {
    free(a.opt.sets);
    return rc < 0 ? 0 : rc;
  }
  sq_scenario sc;
  sq_error err = {0};
  const sq_cli_options *o = &a.opt;
  sq_scenario_overrides over = {o->sets, o->n_sets, o->has_seed ? &o->seed : NULL,
                                o->has_replicates ? &o->replicates : NULL};
  rc = sq_scenario_read(&sc, a.scenario, &over, &err);
  free(a.opt.sets);
  if (rc && sq_is_sweep_file(a.scenario)) /* rather than "scenario: unknown key" */
    sq_error_set(&err, SQ_EINPUT, "%s: this is a sweep file; run it with shequn sweep %s",
                 a.scenario, a.scenario);
  if (rc) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  char dir[4096];
  snprintf(dir, sizeof dir, "%s%s", o->output ? "" : "out/", o->output ? o->output : sc.name);

  int threads = (int)o->threads;
  const volatile sig_atomic_t *cancel = sq_catch_interrupts();
  sq_study study = {threads, a.members, true, cancel, NULL, NULL, "run", o->force, false};
  sq_lifespan_summary life;
  double seconds;
  if ((rc = sq_study_run(&sc, dir, &study, &life, &seconds, &err))) {
    if (*cancel)
      fprintf(stderr, "shequn run: interrupted; nothing was written\n");
    else
      fprintf(stderr, "shequn run: %s; nothing was written\n", err.message);
    return *cancel ? 130 : rc == SQ_EINPUT ? 2 : 1;
  }
  report(&sc, dir, threads, seconds, &life, strcmp(o->lang, "zh") == 0);
  return 0;
}

/* `shequn fit`: fit a scenario's keys to an observed series by ABC-SMC,
 * forecast the group's remaining life and what a change of strategy does
 * to it (sim/engine/fit.h; the files: docs/OUTPUTS.md, "shequn fit"). */
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/population.h"
#include "sim/commands/cli.h"
#include "sim/engine/batch.h" /* sq_catch_interrupts */
#include "sim/engine/fit.h"
#include "sim/engine/progress.h"
#include "sim/io/fit_output.h"
#include "sim/io/outdir.h"
#include "sim/io/scenario.h"
#include "sim/io/sweep.h"

static const char fit_about[] =
    "Fit the keys named in PRIOR.json to the observed series of one group, by\n"
    "approximate Bayesian computation (ABC-SMC), then forecast how long the group\n"
    "lives after the last observed day and, with --what-if, how a change of\n"
    "strategy would move that.\n"
    "\n"
    "OBSERVED.csv: a header row with `day` and one or more of members, active,\n"
    "posts, joins, leaves (timeseries.csv's columns); days are whole numbers,\n"
    "increasing; an empty cell is a gap.  PRIOR.json: {\"prior\": {\"KEY\":\n"
    "{\"distribution\": \"uniform\", \"min\": A, \"max\": B}, ...}} with uniform,\n"
    "log-uniform (min, max), normal (mean, sd; truncated to the key's range) or\n"
    "beta (alpha, beta, optionally min and max); or the same \"prior\" object in\n"
    "the scenario file.  Only group 0 of each run (the first group founded on\n"
    "day 0) is compared with the observed series.\n";

static const char fit_after[] =
    "\n"
    "Files written (docs/OUTPUTS.md describes every column):\n"
    "  observed.csv     the observed series as read\n"
    "  particles.csv    every accepted particle of every generation, weight, distance\n"
    "  generations.csv  tolerance, acceptance rate, ESS, simulations per generation\n"
    "  predictive.csv   posterior predictive bands per day, to 365 days past the data\n"
    "  forecast.csv     share of runs alive after the last observed day, per what-if\n"
    "  summary.json     posterior medians and intervals, correlations, forecast\n"
    "  scenario.json    the scenario as read (with --set)\n"
    "The result is the same at any number of threads.  A what-if applies its\n"
    "assignment from day 0 to the same posterior draws and random numbers.\n"
    "Exit status: 0 done, 1 failed, 2 bad input, 130 interrupted.\n";

typedef struct fit_args {
  const char *scenario;
  int n_scenarios;
  const char *output, *observed, *prior, *min_acceptance;
  long long seed, threads, particles, generations, budget, draws;
  bool has_seed, force, quiet;
  const char *lang;
  const char **sets, **what_if;
  int n_sets, n_what_if;
} fit_args;

static int parse_args(int argc, char **argv, fit_args *a) {
  a->threads = omp_get_max_threads();
  a->particles = 200;
  a->generations = 6;
  a->budget = 50000;
  a->draws = 200;
  a->lang = "en";
  a->sets = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a->sets);
  a->what_if = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a->what_if);
  if (!a->sets || !a->what_if) {
    fprintf(stderr, "shequn fit: out of memory\n");
    return 1;
  }
  const sq_option options[] = {
      {"--observed", 0, SQ_OPT_TEXT, "FILE", "the observed series (CSV; required)",
       .text = &a->observed},
      {"--prior", 0, SQ_OPT_TEXT, "FILE",
       "the keys to fit and their priors (JSON; default: the\nscenario's \"prior\" object)",
       .text = &a->prior},
      sq_opt_output(&a->output,
                    "where to write (default: out/<scenario name>_fit);\n"
                    "a new or empty folder, or one shequn wrote with --force"),
      sq_opt_force(&a->force,
                   "replace the results of an earlier fit in DIR\n"
                   "(only shequn's own files are removed)"),
      sq_opt_seed(&a->seed, &a->has_seed, "seed of every random draw (default: the scenario's)"),
      sq_opt_threads(&a->threads,
                     "threads to use (default: all, or OMP_NUM_THREADS); the\n"
                     "results are identical for any number"),
      {"--particles", 0, SQ_OPT_COUNT, "N", "particles accepted per generation (default 200)", 10,
       100000, .count = &a->particles},
      {"--max-generations", 0, SQ_OPT_COUNT, "G",
       "stop after G generations, generation 0 included\n(default 6)", 1, SQ_FIT_MAX_GENERATIONS,
       .count = &a->generations},
      {"--min-acceptance", 0, SQ_OPT_TEXT, "X",
       "stop once a generation accepts less than this share of\n"
       "its candidates (default 0.02)",
       .text = &a->min_acceptance},
      {"--budget", 0, SQ_OPT_COUNT, "N", "at most N simulations in all (default 50000)", 10,
       1000000000, .count = &a->budget},
      {"--draws", 0, SQ_OPT_COUNT, "N",
       "posterior predictive runs to 365 days past the data\n(default 200)", 10, 100000,
       .count = &a->draws},
      {"--what-if", 0, SQ_OPT_LIST, "KEY=VALUE",
       "rerun the posterior draws with a key changed from day 0\n"
       "(common random numbers); may be repeated",
       .list = a->what_if, .n = &a->n_what_if},
      sq_opt_set(a->sets, &a->n_sets,
                 "override a scenario key, e.g. --set group.capacity=200;\n"
                 "may be repeated; VALUE is JSON or a bare word"),
      sq_opt_lang(&a->lang,
                  "en (default) or zh: the closing report in English or\n"
                  "in Chinese (files are the same)"),
      {"--quiet", 'q', SQ_OPT_FLAG, NULL, "no progress lines on stderr", .flag = &a->quiet},
  };
  const sq_verb verb = {"fit",
                        "SCENARIO --observed OBSERVED.csv [--prior PRIOR.json] [OPTIONS]",
                        fit_about,
                        fit_after,
                        options,
                        (int)SQ_LEN(options),
                        &a->scenario,
                        &a->n_scenarios,
                        1,
                        1,
                        "name a scenario file",
                        "one scenario at a time (got '%s' and '%s')"};
  return sq_cli_parse(&verb, argc, argv);
}

static int check_args(fit_args *a, double *min_acceptance) {
  if (!a->observed)
    return sq_usage_error("fit", "--observed FILE is required: the observed series to fit");
  if (a->budget < a->particles)
    return sq_usage_error("fit",
                          "--budget %lld is below --particles %lld: generation 0 alone "
                          "simulates at least as many",
                          a->budget, a->particles);
  *min_acceptance = 0.02;
  if (a->min_acceptance) {
    char *end;
    errno = 0;
    double x = strtod(a->min_acceptance, &end);
    if (end == a->min_acceptance || *end || errno || !(x > 0 && x < 1))
      return sq_usage_error("fit", "--min-acceptance: expected a number between 0 and 1, got '%s'",
                            a->min_acceptance);
    *min_acceptance = x;
  }
  return 0;
}

/* Each --what-if on a copy of the scenario: a bad key or value is bad
 * input, found before any simulation. */
static int check_what_ifs(const sq_scenario *sc, const fit_args *a) {
  sq_scenario *copy = malloc(sizeof *copy);
  if (!copy) return 1;
  int rc = 0;
  for (int k = 0; k < a->n_what_if && !rc; k++) {
    *copy = *sc;
    sq_error err = {0};
    if (!strchr(a->what_if[k], '='))
      rc = sq_usage_error("fit", "--what-if: expected KEY=VALUE, got '%s'", a->what_if[k]);
    else if (sq_scenario_set(copy, a->what_if[k], &err) ||
             sq_scenario_check(copy, "--what-if", &err)) {
      const char *msg = err.message;
      if (strncmp(msg, "--set: ", 7) == 0) msg += 7; /* sq_scenario_set names its source so */
      rc = sq_usage_error("fit", "--what-if: %s", msg);
    }
  }
  free(copy);
  return rc;
}

int sq_cmd_fit(int argc, char **argv) {
  fit_args a = {0};
  int rc = parse_args(argc, argv, &a);
  double min_acceptance = 0;
  if (!rc) rc = check_args(&a, &min_acceptance);
  sq_scenario *sc = NULL;
  sq_observed obs = {0};
  sq_fit_prior prior;
  sq_error err = {0};
  if (rc) goto done;
  if (!(sc = malloc(sizeof *sc))) {
    rc = 1;
    goto done;
  }
  sq_scenario_overrides over = {a.sets, a.n_sets, a.has_seed ? &a.seed : NULL, NULL};
  const char *prior_file = a.prior ? a.prior : a.scenario;
  if (sq_scenario_read(sc, a.scenario, &over, &err)) {
    if (sq_is_sweep_file(a.scenario)) /* rather than "scenario: unknown key" */
      sq_error_set(&err, SQ_EINPUT, "%s: this is a sweep file, not a scenario", a.scenario);
    rc = 2;
  } else if (sq_observed_read(&obs, a.observed, &err) ||
             sq_prior_read(&prior, prior_file, !a.prior, &err)) {
    rc = 2;
  }
  if (rc) {
    fprintf(stderr, "shequn fit: %s\n", err.message);
    goto done;
  }
  if ((rc = check_what_ifs(sc, &a))) goto done;
  for (int k = 0; k < prior.n; k++)
    for (int v = 0; v < sc->vary.count; v++)
      if (sc->vary.item[v].param == prior.param[k]) {
        fprintf(stderr,
                "shequn fit: %s: prior.%s: the scenario's \"vary\" list draws this key anew for "
                "each run; a fitted key must not vary\n",
                prior_file, prior.param[k]->path);
        rc = 2;
        goto done;
      }

  char dir[4096];
  if (a.output)
    snprintf(dir, sizeof dir, "%s", a.output);
  else
    snprintf(dir, sizeof dir, "out/%s_fit", sc->name);
  sq_outdir folder;
  if ((rc = sq_outdir_claim(&folder, dir, "fit", a.force, &err))) {
    fprintf(stderr, "shequn fit: %s\n", err.message);
    goto done;
  }
  double started = sq_seconds();
  const volatile sig_atomic_t *cancel = sq_catch_interrupts();
  sq_population pop;
  if ((rc = sq_population_init(&pop, sc, (uint64_t)sc->seed, (int)a.threads, &err))) {
    fprintf(stderr, "shequn fit: %s; nothing was written\n", err.message);
    sq_outdir_abandon(&folder);
    goto done;
  }
  sq_fit_settings settings = {.sc = sc,
                              .pop = &pop,
                              .obs = &obs,
                              .prior = &prior,
                              .seed = (uint64_t)sc->seed,
                              .threads = (int)a.threads,
                              .particles = (int)a.particles,
                              .max_generations = (int)a.generations,
                              .min_acceptance = min_acceptance,
                              .quantile = 0.5,
                              .stall = 0.02,
                              .budget = a.budget,
                              .cancel = cancel,
                              .progress = a.quiet ? NULL : stderr};
  sq_fit_result fit;
  sq_fit_draws draws = {0};
  bool zh = strcmp(a.lang, "zh") == 0;
  rc = sq_fit_run(&settings, &fit, &err);
  if (!rc) {
    if (!a.quiet)
      fprintf(stderr, "shequn fit: stopped: %s; %d posterior predictive runs%s\n", fit.stopped,
              (int)a.draws, a.n_what_if ? " and the what-ifs" : "");
    rc = sq_fit_predict(&settings, &fit, (int)a.draws, a.what_if, a.n_what_if, &draws, &err);
    if (!rc) {
      /* scenario.json first: summary.json, written last, marks a complete folder */
      char path[4200];
      snprintf(path, sizeof path, "%s/scenario.json", dir);
      rc = sq_write_json(path, sq_scenario_to_json(sc), &err);
      sq_fit_files files = {a.scenario, a.observed, prior_file, settings.seed, &obs, &prior,
                            &fit,       &draws,     a.what_if,  stdout,        zh};
      if (!rc) rc = sq_fit_write(dir, &files, &err);
      sq_fit_draws_free(&draws);
    }
    sq_fit_result_free(&fit);
  }
  sq_population_free(&pop);
  if (rc) {
    if (*cancel)
      fprintf(stderr, "shequn fit: interrupted; nothing was written\n");
    else
      fprintf(stderr, "shequn fit: %s; nothing was written\n", err.message);
    sq_outdir_abandon(&folder);
    rc = *cancel ? 130 : rc == SQ_EINPUT ? 2 : 1;
    goto done;
  }
  double seconds = sq_seconds() - started;
  if (zh)
    printf("%s：用 %s 拟合了 %d 个键，用时 %.1f 秒（%d 个线程）\n已写入 %s/\n", sc->name,
           a.observed, prior.n, seconds, (int)a.threads, dir);
  else
    printf("%s: fitted %d key%s to %s in %.1f s on %d thread%s\nwrote %s/\n", sc->name, prior.n,
           prior.n == 1 ? "" : "s", a.observed, seconds, (int)a.threads, a.threads == 1 ? "" : "s",
           dir);
  /* charts: sq_plot_fit_dir (plots/) draws them */
done:
  free(sc);
  sq_observed_free(&obs);
  free(a.sets);
  free(a.what_if);
  return rc < 0 ? 0 : rc;
}

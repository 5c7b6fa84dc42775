/* shequn serve: the classroom page (web/) and its API on a local HTTP
 * server (sim/serve/, docs/CLASSROOM.md, docs/SERVE_API.md). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/render.h"
#include "sim/commands/cli.h"
#include "sim/engine/batch.h"
#include "sim/serve/api.h"
#ifdef SHEQUN_HAVE_MHD
#include "sim/serve/http.h"
#endif

static const char serve_about[] =
    "Serve the classroom page: pick a shipped scenario, move the strategy's\n"
    "sliders, and watch a community's members, active members and stages day\n"
    "by day, strategy A beside strategy B on the same random numbers, with the\n"
    "log-rank verdict on their survival (docs/CLASSROOM.md).  It prints the\n"
    "address to open in a browser and serves until interrupted (Ctrl-C).\n";

static const char serve_after[] =
    "\n"
    "It listens on 127.0.0.1 (this machine only) unless --bind names another\n"
    "address, such as 0.0.0.0 for every network the machine is on.  Pages can\n"
    "run only the shipped scenarios, within the limits above; a run stops when\n"
    "its page is closed.  The JSON API is in docs/SERVE_API.md.\n"
    "Exit status: 0 after Ctrl-C, 1 when it cannot serve, 2 bad usage.\n";

int sq_cmd_serve(int argc, char **argv) {
  long long port = 8765, threads = 1;
  sq_serve_limits limits = {.max_population = 300000, .max_horizon = 3650,
                            .max_replicates = 100, .max_runs = 8};
  const char *bind = "127.0.0.1";
  const sq_option options[] = {
      {"--port", 'p', SQ_OPT_COUNT, "N", "the port to listen on (default 8765; 0: any free port,\n"
       "the one taken is printed)", 0, 65535, .count = &port},
      {"--bind", 0, SQ_OPT_TEXT, "ADDR", "the IPv4 address to listen on (default 127.0.0.1: this\n"
       "machine only; 0.0.0.0: every network)", .text = &bind},
      {"--max-population", 0, SQ_OPT_COUNT, "N", "the largest population.size a page may run\n"
       "(default 300000)", 1, 2147483647, .count = &limits.max_population},
      {"--max-horizon", 0, SQ_OPT_COUNT, "DAYS", "the longest horizon_days (default 3650)", 1,
       36500, .count = &limits.max_horizon},
      {"--max-replicates", 0, SQ_OPT_COUNT, "N", "the most replicates in one run (default 100)", 1,
       SQ_MAX_REPLICATES, .count = &limits.max_replicates},
      {"--max-runs", 0, SQ_OPT_COUNT, "N", "the most runs going at once, over all pages\n"
       "(default 8; a comparison is two)", 1, 1000, .count = &limits.max_runs},
      sq_opt_threads(&threads, "threads for a run's replicates after the first (default 1);\n"
                     "the results are identical for any number"),
  };
  const sq_verb verb = {"serve", "[OPTIONS]", serve_about, serve_after, options,
                        (int)SQ_LEN(options), NULL, NULL, 0, 0, NULL, NULL};
  int rc = sq_cli_parse(&verb, argc, argv);
  if (rc) return rc < 0 ? 0 : rc;
#ifndef SHEQUN_HAVE_MHD
  (void)limits, (void)bind;
  fputs("shequn serve: this shequn was built without GNU libmicrohttpd (Debian: "
        "libmicrohttpd-dev);\ninstall it and build again (bash scripts/setup.sh build)\n",
        stderr);
  return 1;
#else
  char web[4096], scenarios[4096];
  if (!sq_find_project_dir("web", "index.html", web, sizeof web) ||
      !sq_find_project_dir("scenarios", "well_run.json", scenarios, sizeof scenarios)) {
    fputs("shequn serve: cannot find the page (web/index.html) or the scenarios; set\n"
          "SHEQUN_HOME to the folder that holds web/ and scenarios/\n",
          stderr);
    return 1;
  }
  /* signals before the server's threads start, which inherit the mask */
  const volatile sig_atomic_t *stop = sq_catch_interrupts();
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigprocmask(SIG_BLOCK, &block, &old);
  signal(SIGPIPE, SIG_IGN);
  sq_serve_config config = {bind, (int)port, web, scenarios, limits, (int)threads};
  sq_error err = {0};
  int bound;
  sq_server *server = sq_server_start(&config, &bound, &err);
  if (!server) {
    sigprocmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "shequn serve: %s\n", err.message);
    return err.status == SQ_EINPUT ? 2 : 1;
  }
  const char *host = strcmp(bind, "0.0.0.0") == 0 ? "127.0.0.1" : bind;
  printf("shequn serve: open http://%s:%d/ in a browser (Ctrl-C stops)\n", host, bound);
  fflush(stdout);
  sigset_t wait = old;
  sigdelset(&wait, SIGINT);
  sigdelset(&wait, SIGTERM);
  while (!*stop) sigsuspend(&wait); /* the signals arrive only here */
  sigprocmask(SIG_SETMASK, &old, NULL);
  sq_server_stop(server);
  fputs("shequn serve: stopped\n", stderr);
  return 0;
#endif
}

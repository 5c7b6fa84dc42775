/* shequn: an agent-based simulator of online communities (社群). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "sim/commands/cli.h"

static const char usage[] =
    "shequn " SHEQUN_VERSION " - how online communities are born, grow, stay active, decline\n"
    "and die, and what operations strategies do to that.\n"
    "\n"
    "Usage: shequn COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run SCENARIO      simulate a scenario file and write its curves and records\n"
    "  compare A B ...   run several scenarios on common random numbers and compare them\n"
    "  plot DIR          draw the charts of a run or a comparison (gnuplot)\n"
    "  gallery           run, plot and explain the teaching set (English and Chinese)\n"
    "  sweep SWEEP       run a parameter sweep, resumable, summarised, with sensitivity\n"
    "  validate FILE...  check scenario files without running them\n"
    "  params            list every scenario key with its type, unit, range and default\n"
    "\n"
    "Run 'shequn COMMAND --help' for a command's options.  Scenario files are\n"
    "described in docs/SCENARIOS.md, the model in docs/MODEL.md, the output\n"
    "files in docs/OUTPUTS.md.\n";

typedef struct command {
  const char *name;
  int (*main)(int argc, char **argv);
} command;

static const command commands[] = {
    {"run", sq_cmd_run},
    {"compare", sq_cmd_compare},
    {"plot", sq_cmd_plot},
    {"gallery", sq_cmd_gallery},
    {"sweep", sq_cmd_sweep},
    {"validate", sq_cmd_validate},
    {"params", sq_cmd_params},
};

/* Threads that wait at the end of a parallel loop spin by default, and on
 * a machine shared with another process two spinning threads run slower
 * than one.  libgomp reads OMP_WAIT_POLICY once, as it loads, before main:
 * so unless the user chose a policy, start again once with the passive one
 * (threads sleep while they wait).  If that fails, carry on as we are. */
static void prefer_passive_waiting(char **argv) {
  if (getenv("OMP_WAIT_POLICY") || setenv("OMP_WAIT_POLICY", "passive", 1)) return;
  execv("/proc/self/exe", argv);
}

int main(int argc, char **argv) {
  prefer_passive_waiting(argv);
  /* GSL must report errors through return codes, never abort a run; set
   * once, before any parallel region. */
  gsl_set_error_handler_off();
  if (argc < 2 || sq_is_help(argv[1])) {
    fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("shequn %s\n", SHEQUN_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].main(argc - 1, argv + 1);
  fprintf(stderr, "shequn: unknown command '%s'\n\n%s", argv[1], usage);
  return 2;
}

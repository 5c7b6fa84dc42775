/* shequn: an agent-based simulator of online communities (社群). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "sim/commands/cli.h"

const sq_command sq_commands[] = {
    {"run", "SCENARIO", "simulate a scenario file and write its curves and records", sq_cmd_run},
    {"compare", "A B ...", "run several scenarios on common random numbers and compare them",
     sq_cmd_compare},
    {"plot", "DIR", "draw the charts of a run or a comparison (gnuplot)", sq_cmd_plot},
    {"gallery", "", "run, plot and explain the teaching set (English and Chinese)",
     sq_cmd_gallery},
    {"sweep", "SWEEP", "run a parameter sweep, resumable, summarised, with sensitivity",
     sq_cmd_sweep},
    {"fit", "SCENARIO", "fit keys to an observed series (ABC-SMC) and forecast its life",
     sq_cmd_fit},
    {"validate", "FILE...", "check scenario files without running them", sq_cmd_validate},
    {"params", "", "list every scenario key with its type, unit, range and default",
     sq_cmd_params},
};
const int sq_command_count = (int)(sizeof sq_commands / sizeof sq_commands[0]);

static void usage(FILE *f) {
  fputs("shequn " SHEQUN_VERSION " - how online communities are born, grow, stay active, decline\n"
        "and die, and what operations strategies do to that.\n"
        "\n"
        "Usage: shequn COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n",
        f);
  for (int i = 0; i < sq_command_count; i++) {
    char left[64];
    snprintf(left, sizeof left, "%s%s%s", sq_commands[i].name, *sq_commands[i].operands ? " " : "",
             sq_commands[i].operands);
    fprintf(f, "  %-18s%s\n", left, sq_commands[i].summary);
  }
  fputs("\n"
        "Run 'shequn COMMAND --help' for a command's options.  Scenario files are\n"
        "described in docs/SCENARIOS.md, the model in docs/MODEL.md, the output\n"
        "files in docs/OUTPUTS.md.\n",
        f);
}

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
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("shequn %s\n", SHEQUN_VERSION);
    return 0;
  }
  for (int i = 0; i < sq_command_count; i++)
    if (strcmp(argv[1], sq_commands[i].name) == 0) return sq_commands[i].main(argc - 1, argv + 1);
  if (strcmp(argv[1], "help") == 0) return sq_cmd_help(argc - 1, argv + 1); /* for packagers */
  fprintf(stderr, "shequn: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return 2;
}

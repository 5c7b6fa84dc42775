#include <stdio.h>
#include <string.h>

#include "models/params.h"
#include "sim/commands/cli.h"
#include "sim/io/scenario.h"
#include "sim/io/sweep.h"

static const char validate_usage[] =
    "Usage: shequn validate FILE...\n"
    "\n"
    "Check scenario files without running them: JSON syntax, every key known,\n"
    "of the right type and in range, no key twice, bases found, and the\n"
    "constraints between keys.  A sweep file (one that names a scenario and\n"
    "parameters, docs/SWEEPS.md) is checked as a sweep, every point included.\n"
    "Prints 'FILE: ok' or the first problem of each file.  Exit status 0 when\n"
    "all are valid, 2 otherwise.\n";

int sq_cmd_validate(int argc, char **argv) {
  if (argc < 2) return sq_usage_error("validate", "name at least one scenario file");
  for (int i = 1; i < argc; i++)
    if (sq_is_help(argv[i])) {
      fputs(validate_usage, stdout);
      return 0;
    }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    sq_scenario sc;
    sq_error err = {0};
    sq_sweep sweep;
    int rc;
    if (sq_is_sweep_file(argv[i])) {
      rc = sq_sweep_load(&sweep, argv[i], &err);
      sq_sweep_free(&sweep);
    } else {
      rc = sq_scenario_read(&sc, argv[i], &err);
    }
    if (rc) {
      fprintf(stderr, "%s\n", err.message);
      status = 2;
    } else {
      printf("%s: ok\n", argv[i]);
    }
  }
  return status;
}

#include <stdio.h>
#include <string.h>

#include "models/params.h"
#include "sim/cli.h"
#include "sim/scenario.h"

static const char validate_usage[] =
    "Usage: shequn validate FILE...\n"
    "\n"
    "Check scenario files without running them: JSON syntax, every key known,\n"
    "of the right type and in range, no key twice, bases found, and the\n"
    "constraints between keys.  Prints 'FILE: ok' or the first problem of each\n"
    "file.  Exit status 0 when all are valid, 2 otherwise.\n";

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
    if (sq_scenario_read(&sc, argv[i], &err)) {
      fprintf(stderr, "%s\n", err.message);
      status = 2;
    } else {
      printf("%s: ok\n", argv[i]);
    }
  }
  return status;
}

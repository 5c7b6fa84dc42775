#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/params.h"
#include "sim/commands/cli.h"
#include "sim/io/scenario.h"
#include "sim/io/sweep.h"

static const char validate_about[] =
    "Check scenario files without running them: JSON syntax, every key known,\n"
    "of the right type and in range, no key twice, bases found, and the\n"
    "constraints between keys.  A sweep file (one that names a scenario and\n"
    "parameters, docs/SWEEPS.md) is checked as a sweep, every point included.\n"
    "Prints 'FILE: ok' or the first problem of each file.  Exit status 0 when\n"
    "all are valid, 2 otherwise.\n";

int sq_cmd_validate(int argc, char **argv) {
  const char **files = calloc((size_t)argc, sizeof *files);
  int n_files = 0;
  if (!files) {
    fputs("shequn validate: out of memory\n", stderr);
    return 1;
  }
  const sq_verb verb = {"validate", "FILE...", validate_about, NULL, NULL, 0, files, &n_files, 1,
                        -1, "name at least one scenario file", NULL};
  int status = sq_cli_parse(&verb, argc, argv);
  if (status) {
    free(files);
    return status < 0 ? 0 : status;
  }
  for (int i = 0; i < n_files; i++) {
    sq_scenario sc;
    sq_error err = {0};
    sq_sweep sweep;
    int rc;
    if (sq_is_sweep_file(files[i])) {
      rc = sq_sweep_load(&sweep, files[i], &err);
      sq_sweep_free(&sweep);
    } else {
      rc = sq_scenario_read(&sc, files[i], NULL, &err);
    }
    if (rc) {
      fprintf(stderr, "%s\n", err.message);
      status = 2;
    } else {
      printf("%s: ok\n", files[i]);
    }
  }
  free(files);
  return status;
}

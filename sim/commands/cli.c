#include "sim/commands/cli.h"

#include "sim/io/scenario.h"

#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sq_is_help(const char *arg) { return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0; }

int sq_usage_error(const char *command, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "shequn %s: ", command);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'shequn %s --help'.\n", command);
  return 2;
}

const char *sq_option_value(int argc, char **argv, int *i, const char *command) {
  const char *arg = argv[*i];
  const char *eq = strchr(arg, '=');
  if (arg[0] == '-' && arg[1] == '-' && eq) return eq + 1;
  if (*i + 1 >= argc) {
    sq_usage_error(command, "%s needs a value", arg);
    return NULL;
  }
  return argv[++*i];
}

bool sq_parse_count(const char *command, const char *option, const char *text, long long lo,
                    long long hi, long long *out) {
  char *end;
  long long v = strtoll(text, &end, 10);
  if (!*text || *end || v < lo || v > hi) {
    sq_usage_error(command, "%s: expected a whole number between %lld and %lld, got '%s'", option,
                   lo, hi, text);
    return false;
  }
  *out = v;
  return true;
}

bool sq_cli_options_init(sq_cli_options *o, int argc) {
  *o = (sq_cli_options){.threads = omp_get_max_threads()};
  o->sets = calloc((size_t)(argc > 0 ? argc : 1), sizeof *o->sets);
  return o->sets != NULL;
}

int sq_cli_option(int argc, char **argv, int *i, const char *command, sq_cli_options *o) {
  const char *arg = argv[*i], *v;
#define IS(opt) (strcmp(arg, opt) == 0 || (strncmp(arg, opt "=", sizeof opt) == 0))
  const char *name; /* a whole-number option */
  long long *count, lo, hi;
  bool *given = NULL;
  if (strcmp(arg, "-o") == 0 || IS("--output")) {
    if (!(v = sq_option_value(argc, argv, i, command))) return 2;
    if (!*v) return sq_usage_error(command, "%s: expected a folder, got an empty name",
                                     arg[1] == 'o' ? "-o" : "--output");
    o->output = v;
    return 1;
  } else if (strcmp(arg, "--force") == 0) {
    o->force = true;
    return 1;
  } else if (IS("--set")) {
    if (!(v = sq_option_value(argc, argv, i, command))) return 2;
    o->sets[o->n_sets++] = v;
    return 1;
  } else if (IS("--seed")) {
    name = "--seed", count = &o->seed, lo = 0, hi = 9007199254740991LL, given = &o->has_seed;
  } else if (IS("--replicates")) {
    name = "--replicates", count = &o->replicates, lo = 1, hi = 1000000;
    given = &o->has_replicates;
  } else if (IS("--threads")) {
    name = "--threads", count = &o->threads, lo = 1, hi = 4096;
  } else {
    return 0;
  }
#undef IS
  if (!(v = sq_option_value(argc, argv, i, command)) ||
      !sq_parse_count(command, name, v, lo, hi, count))
    return 2;
  if (given) *given = true;
  return 1;
}

int sq_read_scenario(sq_scenario *sc, const char *path, const char *const *sets, int n_sets,
                     const long long *seed, const long long *replicates, sq_error *err) {
  sq_scenario_defaults(sc);
  int rc = sq_scenario_load(sc, path, err);
  for (int i = 0; i < n_sets && !rc; i++) rc = sq_scenario_set(sc, sets[i], err);
  if (rc) return rc;
  if (seed) sc->seed = *seed;
  if (replicates) sc->replicates = (int)*replicates;
  char source[4200]; /* constraints are checked once the overrides are in */
  snprintf(source, sizeof source, "%s%s", path, n_sets ? " with --set" : "");
  return sq_scenario_check(sc, source, err);
}

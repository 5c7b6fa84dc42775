/* The `shequn` command: one function per subcommand, each returning the
 * process exit status (0 success, 1 failure while working, 2 bad input). */
#ifndef SQ_CLI_H
#define SQ_CLI_H

#include <stdbool.h>
#include <stdint.h>

int sq_cmd_run(int argc, char **argv);
int sq_cmd_validate(int argc, char **argv);
int sq_cmd_params(int argc, char **argv);
int sq_cmd_compare(int argc, char **argv);
int sq_cmd_plot(int argc, char **argv);
int sq_cmd_gallery(int argc, char **argv);
int sq_cmd_sweep(int argc, char **argv);

/* Helpers shared by subcommands. */
bool sq_is_help(const char *arg);
/* The value of option argv[*i] ("--x V" or "--x=V"); advances *i.  NULL and
 * a message when the value is missing. */
const char *sq_option_value(int argc, char **argv, int *i, const char *command);
/* Parse a whole non-negative integer in [lo, hi]; false and a message if not. */
bool sq_parse_count(const char *command, const char *option, const char *text, long long lo,
                    long long hi, long long *out);
/* The options `run` and `compare` share. */
typedef struct sq_cli_options {
  const char *output;                 /* -o, --output; NULL: the default */
  long long seed, replicates, threads;
  bool has_seed, has_replicates;
  const char **sets;                  /* the --set KEY=VALUE texts */
  int n_sets;
  bool force;                         /* --force: replace earlier results in -o */
} sq_cli_options;
/* Threads default to all cores; room for argc --set values.  false: out of
 * memory. */
bool sq_cli_options_init(sq_cli_options *o, int argc);
/* If argv[*i] is one of these options, take it and its value (advancing *i)
 * and return 1; 0 if it is not one of them; 2 after a message if its value
 * is bad. */
int sq_cli_option(int argc, char **argv, int *i, const char *command, sq_cli_options *o);

/* Read a scenario file, apply `--set` overrides, then --seed and
 * --replicates when given (NULL otherwise), and check the constraints
 * between keys.  Returns 0 or SQ_EINPUT with the message in err. */
struct sq_scenario;
struct sq_error;
int sq_read_scenario(struct sq_scenario *sc, const char *path, const char *const *sets, int n_sets,
                     const long long *seed, const long long *replicates, struct sq_error *err);

/* Print "shequn CMD: message" and the hint to use --help; returns 2. */
int sq_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

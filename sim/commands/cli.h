/* The `shequn` command: one function per subcommand, each returning the
 * process exit status (0 success, 1 failure while working, 2 bad input). */
#ifndef SQ_CLI_H
#define SQ_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

int sq_cmd_run(int argc, char **argv);
int sq_cmd_validate(int argc, char **argv);
int sq_cmd_params(int argc, char **argv);
int sq_cmd_compare(int argc, char **argv);
int sq_cmd_plot(int argc, char **argv);
int sq_cmd_gallery(int argc, char **argv);
int sq_cmd_sweep(int argc, char **argv);
int sq_cmd_fit(int argc, char **argv);
/* `shequn help --man | --bash-completion` (sim/commands/manual.c) */
int sq_cmd_help(int argc, char **argv);

/* The commands, in the order `shequn --help` lists them (sim/commands/main.c):
 * the usage, the man page and the shell completion are written from it. */
typedef struct sq_command {
  const char *name;
  const char *operands; /* "SCENARIO", "" */
  const char *summary;  /* one line */
  int (*main)(int argc, char **argv);
} sq_command;
extern const sq_command sq_commands[];
extern const int sq_command_count;

/* ---- options: one table per verb, one parser, help from the same table ----
 *
 * A verb lists its options in an array of sq_option, each with where its
 * value goes, and describes itself in an sq_verb; sq_cli_parse reads argv
 * against it and sq_cli_help prints `shequn VERB --help` from it, so the
 * two cannot disagree.  Options are "--name V", "--name=V" or "-x V";
 * -h and --help are every verb's. */
typedef enum sq_option_kind {
  SQ_OPT_FLAG,   /* no value: sets *flag */
  SQ_OPT_TEXT,   /* any text: *text */
  SQ_OPT_FOLDER, /* a folder name, not empty: *text */
  SQ_OPT_COUNT,  /* a whole number in [lo, hi]: *count, and *flag when given */
  SQ_OPT_CHOICE, /* one of `choices` ("png|svg"): *text */
  SQ_OPT_LIST    /* any text, repeatable: list[(*n)++] (room for argc) */
} sq_option_kind;

typedef struct sq_option {
  const char *name;     /* "--output" */
  char short_name;      /* 'o', or 0 */
  sq_option_kind kind;
  const char *value;    /* the value's name in help: "DIR" */
  const char *help;     /* the help text; '\n' starts a continuation line */
  long long lo, hi;     /* SQ_OPT_COUNT */
  const char *choices;  /* SQ_OPT_CHOICE: "png|svg|pdf" */
  bool *flag;           /* SQ_OPT_FLAG, or "given" of SQ_OPT_COUNT (may be NULL) */
  const char **text;    /* SQ_OPT_TEXT, SQ_OPT_FOLDER, SQ_OPT_CHOICE */
  long long *count;     /* SQ_OPT_COUNT */
  const char **list;    /* SQ_OPT_LIST */
  int *n;               /* SQ_OPT_LIST */
} sq_option;

typedef struct sq_verb {
  const char *name;       /* "run" */
  const char *synopsis;   /* after "Usage: shequn run " */
  const char *about;      /* between the usage line and the options */
  const char *after;      /* after the options (may be NULL) */
  const sq_option *options;
  int n_options;
  /* operands (the arguments that are not options), into operands[] with
   * room for argc of them; both may be NULL when max_operands is 0 */
  const char **operands;
  int *n_operands;
  int min_operands, max_operands; /* max -1: any number */
  const char *too_few;  /* the message when fewer than min_operands */
  const char *too_many; /* the message for one too many, a format taking the
                           first operand and the extra one: "... (got '%s' and '%s')" */
} sq_verb;

/* Parse argv[1..argc-1] against the verb: 0, -1 when the help was printed,
 * or the exit status to stop with after a message (2 bad usage). */
int sq_cli_parse(const sq_verb *v, int argc, char **argv);
/* `shequn VERB --help`, from the table. */
void sq_cli_help(const sq_verb *v, FILE *f);
/* While a visitor is set (NULL unsets it), sq_cli_parse hands it the verb
 * instead of parsing and returns -1 as after --help: calling a command's
 * main then shows its table to the man page and completion writers. */
typedef void sq_cli_visitor(const sq_verb *v, void *ctx);
void sq_cli_set_visitor(sq_cli_visitor *visit, void *ctx);

/* An option as help and the man page show it: "-o, --out DIR". */
void sq_cli_option_label(const sq_option *o, char *buf, size_t size);

#define SQ_MAX_SEED 9007199254740991LL /* 2^53 - 1: every seed is exact in JSON */
#define SQ_MAX_REPLICATES 1000000LL

/* The options several verbs share, with their names and ranges in one
 * place; `help` is the verb's own line for it. */
sq_option sq_opt_output(const char **dir, const char *help);
sq_option sq_opt_force(bool *force, const char *help);
sq_option sq_opt_threads(long long *threads, const char *help);
sq_option sq_opt_seed(long long *seed, bool *given, const char *help);
sq_option sq_opt_replicates(long long *replicates, bool *given, const char *help);
sq_option sq_opt_set(const char **sets, int *n_sets, const char *help);
sq_option sq_opt_lang(const char **lang, const char *help);

/* The options `run` and `compare` share. */
typedef struct sq_cli_options {
  const char *output;                 /* -o, --output; NULL: the default */
  long long seed, replicates, threads;
  bool has_seed, has_replicates;
  const char **sets;                  /* the --set KEY=VALUE texts */
  int n_sets;
  bool force;                         /* --force: replace earlier results in -o */
  const char *lang;                   /* --lang: the closing report's language, "en" or "zh" */
  char output_help[160], force_help[160]; /* their help lines, made for the verb */
} sq_cli_options;
/* What the help says of them for one verb: the default folder and what an
 * earlier --force replaces ("run"), then each remaining option's line. */
typedef struct sq_cli_help_lines {
  const char *default_dir, *results, *seed, *replicates, *threads, *set;
} sq_cli_help_lines;
enum { SQ_CLI_OPTIONS = 7 };
/* Set *o to the defaults (threads: all cores; room for argc --set values)
 * and put their rows of the verb's option table into table[0 ..
 * SQ_CLI_OPTIONS-1].  0, or 1 after a message when out of memory. */
int sq_cli_options_init(sq_cli_options *o, int argc, const char *command,
                        const sq_cli_help_lines *help, sq_option *table);

bool sq_is_help(const char *arg);

/* Print "shequn CMD: message" and the hint to use --help; returns 2. */
int sq_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

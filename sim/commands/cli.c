#include "sim/commands/cli.h"

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


/* ---- the shared options ------------------------------------------------------ */

sq_option sq_opt_output(const char **dir, const char *help) {
  return (sq_option){"--output", 'o', SQ_OPT_FOLDER, "DIR", help, .text = dir};
}

sq_option sq_opt_force(bool *force, const char *help) {
  return (sq_option){"--force", 0, SQ_OPT_FLAG, NULL, help, .flag = force};
}

sq_option sq_opt_threads(long long *threads, const char *help) {
  return (sq_option){"--threads", 0, SQ_OPT_COUNT, "T", help, 1, 4096, .count = threads};
}

sq_option sq_opt_seed(long long *seed, bool *given, const char *help) {
  return (sq_option){"--seed", 0, SQ_OPT_COUNT, "N", help, 0, SQ_MAX_SEED, .count = seed,
                     .flag = given};
}

sq_option sq_opt_replicates(long long *replicates, bool *given, const char *help) {
  return (sq_option){"--replicates", 0, SQ_OPT_COUNT, "R", help, 1, SQ_MAX_REPLICATES,
                     .count = replicates, .flag = given};
}

sq_option sq_opt_set(const char **sets, int *n_sets, const char *help) {
  return (sq_option){"--set", 0, SQ_OPT_LIST, "KEY=VALUE", help, .list = sets, .n = n_sets};
}

sq_option sq_opt_lang(const char **lang, const char *help) {
  return (sq_option){"--lang", 0, SQ_OPT_CHOICE, "L", help, .choices = "en|zh", .text = lang};
}

int sq_cli_options_init(sq_cli_options *o, int argc, const char *command,
                        const sq_cli_help_lines *help, sq_option *table) {
  *o = (sq_cli_options){.threads = omp_get_max_threads(), .lang = "en"};
  o->sets = calloc((size_t)(argc > 0 ? argc : 1), sizeof *o->sets);
  if (!o->sets) {
    fprintf(stderr, "shequn %s: out of memory\n", command);
    return 1;
  }
  snprintf(o->output_help, sizeof o->output_help,
           "where to write (default: %s); a new or empty\nfolder, or one shequn wrote with --force",
           help->default_dir);
  snprintf(o->force_help, sizeof o->force_help,
           "replace the results of an earlier %s in DIR\n(only shequn's own files are removed)",
           help->results);
  table[0] = sq_opt_output(&o->output, o->output_help);
  table[1] = sq_opt_force(&o->force, o->force_help);
  table[2] = sq_opt_seed(&o->seed, &o->has_seed, help->seed);
  table[3] = sq_opt_replicates(&o->replicates, &o->has_replicates, help->replicates);
  table[4] = sq_opt_threads(&o->threads, help->threads);
  table[5] = sq_opt_set(o->sets, &o->n_sets, help->set);
  table[6] = sq_opt_lang(&o->lang, "en (default) or zh: the closing report in English or\n"
                                   "in Chinese (files are the same)");
  return 0;
}

/* ---- help -------------------------------------------------------------------- */

enum { HELP_COLUMN = 23 };

static void help_line(FILE *f, const char *left, const char *help) {
  int used = fprintf(f, "  %s", left);
  if (used > HELP_COLUMN - 2) fputc('\n', f), used = 0;
  for (const char *line = help; line;) {
    const char *nl = strchr(line, '\n');
    fprintf(f, "%*s%.*s\n", HELP_COLUMN - used, "", nl ? (int)(nl - line) : (int)strlen(line),
            line);
    used = 0;
    line = nl ? nl + 1 : NULL;
  }
}

void sq_cli_option_label(const sq_option *o, char *buf, size_t size) {
  int n = o->short_name ? snprintf(buf, size, "-%c, ", o->short_name) : 0;
  snprintf(buf + n, size - (size_t)n, "%s%s%s", o->name, o->value ? " " : "",
           o->value ? o->value : "");
}

void sq_cli_help(const sq_verb *v, FILE *f) {
  fprintf(f, "Usage: shequn %s %s\n\n%s", v->name, v->synopsis, v->about);
  fputs("\nOptions:\n", f);
  for (int k = 0; k < v->n_options; k++) {
    const sq_option *o = &v->options[k];
    char left[128];
    sq_cli_option_label(o, left, sizeof left);
    help_line(f, left, o->help);
  }
  help_line(f, "-h, --help", "show this help");
  if (v->after) fputs(v->after, f);
}

/* ---- parsing ------------------------------------------------------------------ */

/* The option argv[i] names ("--name", "--name=V" or "-x"), or NULL. */
static const sq_option *find_option(const sq_verb *v, const char *arg) {
  for (int k = 0; k < v->n_options; k++) {
    const sq_option *o = &v->options[k];
    size_t len = strlen(o->name);
    if (arg[1] == '-' ? strncmp(arg, o->name, len) == 0 && (!arg[len] || arg[len] == '=')
                      : o->short_name && arg[1] == o->short_name && !arg[2])
      return o;
  }
  return NULL;
}

/* "png|svg|pdf" as "png, svg or pdf". */
static void choices_text(const char *choices, char *buf, size_t size) {
  size_t used = 0;
  for (const char *c = choices; *c && used + 5 < size; c++) {
    if (*c != '|')
      buf[used++] = *c;
    else
      used += (size_t)snprintf(buf + used, size - used, "%s", strchr(c + 1, '|') ? ", " : " or ");
  }
  buf[used < size ? used : size - 1] = '\0';
}

static bool is_choice(const char *choices, const char *value) {
  size_t n = strlen(value);
  for (const char *c = choices; c; c = strchr(c, '|') ? strchr(c, '|') + 1 : NULL)
    if (strncmp(c, value, n) == 0 && (c[n] == '|' || !c[n]) && n) return true;
  return false;
}

/* Take option o at argv[*i] (and its value); 0 or the exit status. */
static int take(const sq_verb *v, const sq_option *o, int argc, char **argv, int *i) {
  const char *arg = argv[*i], *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
  char label[64]; /* the option as given: "-o" or "--output" */
  snprintf(label, sizeof label, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
  if (o->kind == SQ_OPT_FLAG) {
    if (eq) return sq_usage_error(v->name, "%s takes no value", label);
    *o->flag = true;
    return 0;
  }
  const char *value;
  if (eq)
    value = eq + 1;
  else if (*i + 1 < argc)
    value = argv[++*i];
  else
    return sq_usage_error(v->name, "%s needs a value", label);
  switch (o->kind) {
    case SQ_OPT_FOLDER:
      if (!*value) return sq_usage_error(v->name, "%s: expected a folder, got an empty name", label);
      /* fall through */
    case SQ_OPT_TEXT: *o->text = value; return 0;
    case SQ_OPT_CHOICE: {
      if (!is_choice(o->choices, value)) {
        char list[256];
        choices_text(o->choices, list, sizeof list);
        return sq_usage_error(v->name, "%s: expected %s, got '%s'", label, list, value);
      }
      *o->text = value;
      return 0;
    }
    case SQ_OPT_LIST: o->list[(*o->n)++] = value; return 0;
    case SQ_OPT_COUNT: {
      char *end;
      long long n = strtoll(value, &end, 10);
      if (!*value || *end || n < o->lo || n > o->hi)
        return sq_usage_error(v->name, "%s: expected a whole number between %lld and %lld, got '%s'",
                              label, o->lo, o->hi, value);
      *o->count = n;
      if (o->flag) *o->flag = true;
      return 0;
    }
    case SQ_OPT_FLAG: break;
  }
  return 0;
}

static sq_cli_visitor *visitor;
static void *visitor_ctx;

void sq_cli_set_visitor(sq_cli_visitor *visit, void *ctx) {
  visitor = visit;
  visitor_ctx = ctx;
}

int sq_cli_parse(const sq_verb *v, int argc, char **argv) {
  if (visitor) {
    visitor(v, visitor_ctx);
    return -1;
  }
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (sq_is_help(arg)) {
      sq_cli_help(v, stdout);
      return -1;
    }
    if (arg[0] == '-' && arg[1]) {
      const sq_option *o = find_option(v, arg);
      if (!o) return sq_usage_error(v->name, "unknown option '%s'", arg);
      int rc = take(v, o, argc, argv, &i);
      if (rc) return rc;
    } else if (v->max_operands == 0) {
      return sq_usage_error(v->name, "unexpected argument '%s'", arg);
    } else if (v->max_operands > 0 && *v->n_operands >= v->max_operands) {
      return sq_usage_error(v->name, v->too_many, v->operands[0], arg);
    } else {
      v->operands[(*v->n_operands)++] = arg;
    }
  }
  if (v->min_operands > 0 && *v->n_operands < v->min_operands)
    return sq_usage_error(v->name, "%s", v->too_few);
  return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/params.h"
#include "sim/commands/cli.h"
#include "sim/io/scenario.h"
#include "sim/io/schema.h"

static const char params_about[] =
    "List every scenario key: its type, unit, range, default and meaning.\n";

static void describe_type(const sq_param *p, char *buf, size_t size) {
  switch (p->type) {
    case SQ_PARAM_REAL: snprintf(buf, size, "number"); break;
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64: snprintf(buf, size, "integer"); break;
    case SQ_PARAM_BOOL: snprintf(buf, size, "boolean"); break;
    case SQ_PARAM_ENUM: snprintf(buf, size, "choice"); break;
    case SQ_PARAM_STRING: snprintf(buf, size, "string"); break;
    case SQ_PARAM_INT_LIST: snprintf(buf, size, "list of integers"); break;
  }
}

static void describe_range(const sq_param *p, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  switch (p->type) {
    case SQ_PARAM_REAL:
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64:
    case SQ_PARAM_INT_LIST: {
      char lo[40], hi[40];
      snprintf(buf, size, "%s%s, %s]", p->min_open ? "(" : "[", sq_format_number(p->min, lo, 40),
               sq_format_number(p->max, hi, 40));
      break;
    }
    case SQ_PARAM_BOOL: snprintf(buf, size, "true, false"); break;
    case SQ_PARAM_ENUM:
      for (size_t i = 0; i < *p->choices->count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                                 sq_choice_name(p->choices, i));
      break;
    case SQ_PARAM_STRING: snprintf(buf, size, "up to %zu characters", p->size - 1); break;
  }
}

static void describe_default(const sq_param *p, char *buf, size_t size) {
  switch (p->type) {
    case SQ_PARAM_REAL:
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64: sq_format_number(p->def, buf, size); break;
    case SQ_PARAM_BOOL: snprintf(buf, size, "%s", p->def ? "true" : "false"); break;
    case SQ_PARAM_ENUM: snprintf(buf, size, "%s", sq_choice_name(p->choices, (size_t)p->def)); break;
    case SQ_PARAM_STRING: snprintf(buf, size, "\"%s\"", p->def_str); break;
    case SQ_PARAM_INT_LIST: snprintf(buf, size, "[]"); break;
  }
}

int sq_cmd_params(int argc, char **argv) {
  bool markdown = false, schema = false;
  const sq_option options[] = {
      {"--markdown", 0, SQ_OPT_FLAG, NULL, "print the table docs/SCENARIOS.md includes",
       .flag = &markdown},
      {"--schema", 0, SQ_OPT_FLAG, NULL,
       "print the JSON Schema of scenario files\n(schemas/scenario.schema.json)", .flag = &schema},
  };
  const sq_verb verb = {.name = "params", .synopsis = "[--markdown | --schema]",
                        .about = params_about, .options = options,
                        .n_options = (int)SQ_LEN(options)};
  int parsed = sq_cli_parse(&verb, argc, argv);
  if (parsed) return parsed < 0 ? 0 : parsed;
  if (markdown && schema) return sq_usage_error("params", "give --markdown or --schema, not both");
  if (schema) {
    char *text = sq_scenario_schema();
    if (text) puts(text);
    free(text);
    return text ? 0 : 1;
  }
  if (markdown)
    puts("| key | type | unit | range | default | meaning |\n|---|---|---|---|---|---|");
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    char type[64], range[512], def[128];
    describe_type(p, type, sizeof type);
    describe_range(p, range, sizeof range);
    describe_default(p, def, sizeof def);
    if (markdown)
      printf("| `%s` | %s | %s | %s | %s | %s |\n", p->path, type, p->unit, range, def, p->doc);
    else
      printf("%s (%s%s%s; %s; default %s)\n    %s\n", p->path, type, *p->unit ? ", " : "",
             p->unit, range, def, p->doc);
  }
  return 0;
}

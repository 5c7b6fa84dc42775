#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/params.h"
#include "models/params_zh.h"
#include "sim/commands/cli.h"
#include "sim/io/scenario.h"
#include "sim/io/schema.h"

static const char params_about[] =
    "List every scenario key: its type, unit, range, default and meaning\n"
    "(in Chinese with --lang zh: models/params_zh.c).\n";

/* The words of the listing, in English and Chinese. */
typedef struct params_words {
  const char *type[SQ_PARAM_INT_LIST + 1]; /* by sq_param_type */
  const char *up_to;                       /* a string's length: a printf format */
  const char *header;                      /* of the markdown table */
  const char *line;                        /* path, type, unit, range, default, meaning */
  const char *unit_sep;
} params_words;

static const params_words english = {
    {"number", "integer", "integer", "boolean", "choice", "string", "list of integers"},
    "up to %zu characters",
    "| key | type | unit | range | default | meaning |\n|---|---|---|---|---|---|",
    "%s (%s%s%s; %s; default %s)\n    %s\n",
    ", "};

static const params_words chinese = {
    {"数值", "整数", "整数", "布尔值", "选项", "字符串", "整数列表"},
    "至多 %zu 字节",
    "| 键 | 类型 | 单位 | 范围 | 默认值 | 含义 |\n|---|---|---|---|---|---|",
    "%s（%s%s%s；%s；默认 %s）\n    %s\n",
    "，"};

static void describe_range(const sq_param *p, const params_words *w, char *buf, size_t size) {
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
    case SQ_PARAM_STRING: snprintf(buf, size, w->up_to, p->size - 1); break;
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
  const char *lang = "en";
  const sq_option options[] = {
      {"--markdown", 0, SQ_OPT_FLAG, NULL,
       "print the table docs/SCENARIOS.md (docs/zh/SCENARIOS.md with --lang zh) includes",
       .flag = &markdown},
      {"--schema", 0, SQ_OPT_FLAG, NULL,
       "print the JSON Schema of scenario files\n(schemas/scenario.schema.json)", .flag = &schema},
      {"--lang", 0, SQ_OPT_CHOICE, "L", "en (default) or zh: units and meanings in Chinese",
       .choices = "en|zh", .text = &lang},
  };
  const sq_verb verb = {.name = "params", .synopsis = "[--markdown | --schema] [--lang en|zh]",
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
  bool zh = strcmp(lang, "zh") == 0;
  const params_words *w = zh ? &chinese : &english;
  if (markdown) puts(w->header);
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    const sq_param_zh *t = zh ? sq_param_zh_find(p->path) : NULL;
    const char *unit = t ? t->unit : p->unit, *doc = t ? t->doc : p->doc;
    char range[512], def[128];
    describe_range(p, w, range, sizeof range);
    describe_default(p, def, sizeof def);
    if (markdown)
      printf("| `%s` | %s | %s | %s | %s | %s |\n", p->path, w->type[p->type], unit, range, def,
             doc);
    else
      printf(w->line, p->path, w->type[p->type], *unit ? w->unit_sep : "", unit, range, def, doc);
  }
  return 0;
}

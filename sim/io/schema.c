/* The JSON Schema of scenario files (sim/io/schema.h), built from the key
 * table of models/params.c as the reader uses it: every key with its type,
 * range, choices, default and meaning, sections that admit only their own
 * keys, and "base", "vary" and "$schema" as sim/io/scenario.c reads them. */
#include "sim/io/schema.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "sim/io/scenario.h"

/* s made the schema of a section: {"type": "object", "properties": {}},
 * closed to other keys. */
static cJSON *make_section(cJSON *s, const char *description) {
  cJSON_AddStringToObject(s, "type", "object");
  if (description) cJSON_AddStringToObject(s, "description", description);
  cJSON_AddObjectToObject(s, "properties");
  cJSON_AddFalseToObject(s, "additionalProperties");
  return s;
}

/* The properties of the section holding `path`, created as needed; sets
 * *leaf to the key's last component. */
static cJSON *section_properties(cJSON *root, const char *path, const char **leaf) {
  cJSON *props = cJSON_GetObjectItemCaseSensitive(root, "properties");
  const char *start = path;
  for (const char *dot; (dot = strchr(start, '.')); start = dot + 1) {
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(dot - start), start);
    cJSON *section = cJSON_GetObjectItemCaseSensitive(props, name);
    if (!section) cJSON_AddItemToObject(props, name, section = make_section(cJSON_CreateObject(), NULL));
    props = cJSON_GetObjectItemCaseSensitive(section, "properties");
  }
  *leaf = start;
  return props;
}

/* A number as `shequn params` writes it: cJSON's own printing may round
 * 2^53 - 1, the largest seed, to 15 digits. */
static void add_number(cJSON *s, const char *name, double v) {
  char text[40];
  cJSON_AddRawToObject(s, name, sq_format_number(v, text, sizeof text));
}

static void add_bounds(cJSON *s, const sq_param *p) {
  add_number(s, p->min_open ? "exclusiveMinimum" : "minimum", p->min);
  add_number(s, "maximum", p->max);
}

static cJSON *key_schema(const sq_param *p) {
  cJSON *s = cJSON_CreateObject();
  char description[1024];
  snprintf(description, sizeof description, "%s%s%s%s", p->doc, *p->unit ? " (unit: " : "",
           p->unit, *p->unit ? ")" : "");
  cJSON_AddStringToObject(s, "description", description);
  switch (p->type) {
    case SQ_PARAM_REAL:
    case SQ_PARAM_INT:
    case SQ_PARAM_INT64:
      cJSON_AddStringToObject(s, "type", p->type == SQ_PARAM_REAL ? "number" : "integer");
      add_bounds(s, p);
      add_number(s, "default", p->def);
      break;
    case SQ_PARAM_BOOL:
      cJSON_AddStringToObject(s, "type", "boolean");
      cJSON_AddBoolToObject(s, "default", p->def != 0);
      break;
    case SQ_PARAM_ENUM: {
      cJSON *names = cJSON_AddArrayToObject(s, "enum");
      for (size_t i = 0; i < *p->choices->count; i++)
        cJSON_AddItemToArray(names, cJSON_CreateString(sq_choice_name(p->choices, i)));
      cJSON_AddStringToObject(s, "default", sq_choice_name(p->choices, (size_t)p->def));
      break;
    }
    case SQ_PARAM_STRING:
      /* maxLength counts characters, the reader bytes: the schema is the
       * looser of the two for text beyond ASCII */
      cJSON_AddStringToObject(s, "type", "string");
      cJSON_AddNumberToObject(s, "maxLength", (double)(p->size - 1));
      cJSON_AddStringToObject(s, "default", p->def_str);
      break;
    case SQ_PARAM_INT_LIST: {
      cJSON_AddStringToObject(s, "type", "array");
      cJSON *items = cJSON_AddObjectToObject(s, "items");
      cJSON_AddStringToObject(items, "type", "integer");
      add_bounds(items, p);
      cJSON_AddNumberToObject(s, "maxItems", SQ_MAX_LIST);
      cJSON_AddArrayToObject(s, "default");
      break;
    }
  }
  return s;
}

/* "vary": a list of {"key", "values"} or {"key", "min", "max", "scale"}. */
static cJSON *vary_schema(void) {
  cJSON *s = cJSON_CreateObject();
  cJSON_AddStringToObject(s, "description",
                          "settings drawn anew for each replicate (docs/SCENARIOS.md, vary)");
  cJSON_AddStringToObject(s, "type", "array");
  cJSON_AddNumberToObject(s, "maxItems", SQ_MAX_VARY);
  cJSON *item = cJSON_AddObjectToObject(s, "items");
  cJSON_AddStringToObject(item, "type", "object");
  cJSON *props = cJSON_AddObjectToObject(item, "properties");
  cJSON *keys = cJSON_AddArrayToObject(cJSON_AddObjectToObject(props, "key"), "enum");
  for (size_t i = 0; i < sq_param_count; i++)
    if (sq_param_can_vary(&sq_params[i]))
      cJSON_AddItemToArray(keys, cJSON_CreateString(sq_params[i].path));
  cJSON_AddStringToObject(cJSON_AddObjectToObject(props, "min"), "type", "number");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(props, "max"), "type", "number");
  cJSON *scale = cJSON_AddArrayToObject(cJSON_AddObjectToObject(props, "scale"), "enum");
  cJSON_AddItemToArray(scale, cJSON_CreateString("linear"));
  cJSON_AddItemToArray(scale, cJSON_CreateString("log"));
  cJSON *values = cJSON_AddObjectToObject(props, "values");
  cJSON_AddStringToObject(values, "type", "array");
  cJSON_AddNumberToObject(values, "minItems", 1);
  cJSON_AddNumberToObject(values, "maxItems", SQ_MAX_VARY_VALUES);
  const char *value_types[] = {"number", "boolean", "string"};
  cJSON_AddItemToObject(cJSON_AddObjectToObject(values, "items"), "type",
                        cJSON_CreateStringArray(value_types, 3));
  const char *key[] = {"key"};
  cJSON_AddItemToObject(item, "required", cJSON_CreateStringArray(key, 1));
  cJSON_AddFalseToObject(item, "additionalProperties");
  /* values, or min and max: not both */
  cJSON *one_of = cJSON_AddArrayToObject(item, "oneOf");
  const char *with_values[] = {"values"}, *with_range[] = {"min", "max"};
  cJSON *a = cJSON_CreateObject(), *b = cJSON_CreateObject();
  cJSON_AddItemToObject(a, "required", cJSON_CreateStringArray(with_values, 1));
  cJSON_AddItemToObject(b, "required", cJSON_CreateStringArray(with_range, 2));
  cJSON_AddItemToArray(one_of, a);
  cJSON_AddItemToArray(one_of, b);
  return s;
}

char *sq_scenario_schema(void) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "$schema", "https://json-schema.org/draft/2020-12/schema");
  cJSON_AddStringToObject(root, "title", "shequn scenario");
  make_section(root, "A shequn scenario file (docs/SCENARIOS.md): every key is optional and "
                     "defaults fill the rest. Generated by `shequn params --schema` from the key "
                     "table.");
  cJSON *props = cJSON_GetObjectItemCaseSensitive(root, "properties");
  cJSON *schema = cJSON_AddObjectToObject(props, "$schema");
  cJSON_AddStringToObject(schema, "description",
                          "this schema's address, for editors; shequn ignores it");
  cJSON_AddStringToObject(schema, "type", "string");
  cJSON *base = cJSON_AddObjectToObject(props, "base");
  cJSON_AddStringToObject(base, "description",
                          "a scenario file this one changes, relative to this file: its keys "
                          "apply first");
  cJSON_AddStringToObject(base, "type", "string");
  for (size_t i = 0; i < sq_param_count; i++) {
    const char *leaf;
    cJSON *section = section_properties(root, sq_params[i].path, &leaf);
    cJSON_AddItemToObject(section, leaf, key_schema(&sq_params[i]));
  }
  cJSON_AddItemToObject(props, "vary", vary_schema());
  cJSON *prior = cJSON_AddObjectToObject(props, "prior");
  cJSON_AddStringToObject(prior, "description",
                          "the keys `shequn fit` fits and their priors, when no --prior file is "
                          "given (docs/OUTPUTS.md); other commands ignore it");
  cJSON_AddStringToObject(prior, "type", "object");
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  return text;
}

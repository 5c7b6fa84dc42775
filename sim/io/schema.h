/* The JSON Schema (draft 2020-12) of scenario files, for editors to check
 * and complete them: `shequn params --schema` prints it, and
 * schemas/scenario.schema.json, which every shipped scenario names in its
 * "$schema" key, is that output (tests/schema.sh checks both). */
#ifndef SQ_SCHEMA_H
#define SQ_SCHEMA_H

/* The schema as JSON text, from the key table; caller frees (NULL when out
 * of memory). */
char *sq_scenario_schema(void);

#endif

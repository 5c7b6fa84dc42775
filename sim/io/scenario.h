/* Scenario files: JSON documents whose keys are those of the table in
 * models/params.c (docs/SCENARIOS.md).  Omitted keys keep their defaults; a
 * file may name a "base" scenario and set only what differs; `--set
 * key.path=value` overrides any key.  Every failure is an SQ_EINPUT error
 * whose message names the file (or "--set"), the key path, what was expected
 * and what was found. */
#ifndef SQ_SCENARIO_H
#define SQ_SCENARIO_H

#include "models/params.h"
#include "models/error.h"
#include "sim/io/fileio.h" /* sq_read_file */

/* Every key at its default. */
void sq_scenario_defaults(sq_scenario *sc);

/* Apply the file at `path` over *sc, after its base chain if it names one.
 * Returns 0 or SQ_EINPUT; on failure *sc may be partly changed. */
int sq_scenario_load(sq_scenario *sc, const char *path, sq_error *err);

/* What the command line changes in a scenario as it is read. */
typedef struct sq_scenario_overrides {
  const char *const *sets; /* "key.path=value" texts, applied in order (--set) */
  int n_sets;
  const long long *seed;       /* NULL: the file's */
  const long long *replicates; /* NULL: the file's */
} sq_scenario_overrides;

/* The one way to read a scenario: defaults, then the file (and its bases),
 * then the overrides (NULL: none), then the constraints between keys, so
 * that they hold for what will run.  Returns 0 or SQ_EINPUT with a message
 * naming the file ("FILE with --set" once an override is in). */
int sq_scenario_read(sq_scenario *sc, const char *path, const sq_scenario_overrides *over,
                     sq_error *err);

/* The same for a scenario given as a JSON object inside the file `path`
 * (a sweep's "base_scenario"): its base and file names are found relative
 * to that file, and messages name it.  No overrides. */
struct cJSON;
int sq_scenario_read_object(sq_scenario *sc, const struct cJSON *obj, const char *path,
                            sq_error *err);

/* Apply one override "key.path=value"; the value is JSON, or a bare string
 * for string and enumerated keys. */
int sq_scenario_set(sq_scenario *sc, const char *assignment, sq_error *err);

/* Constraints between keys, checked once everything is applied; `source`
 * names the scenario in messages. */
int sq_scenario_check(const sq_scenario *sc, const char *source, sq_error *err);

/* The scenario of one replicate: *sc with its "vary" keys drawn for that
 * replicate (a pure function of seed, replicate and key), then checked.
 * drawn[k] gets the value of the k-th varied key (may be NULL). */
int sq_scenario_vary(const sq_scenario *sc, uint32_t replicate, sq_scenario *out, double *drawn,
                     sq_error *err);

/* The fully resolved scenario as JSON text (every key); caller frees. */
char *sq_scenario_to_json(const sq_scenario *sc);

/* The offset of a \u0000 escape inside a string of JSON text, or -1. */
long sq_json_nul_escape(const char *text);

/* Whether key p may be in a scenario's "vary" list: a number, boolean or
 * choice that is not shared by all replicates (population, graph, run). */
bool sq_param_can_vary(const sq_param *p);

/* The key with this exact path, or NULL. */
const sq_param *sq_param_find(const char *path);

/* Read a key's value as a number (real, integer, boolean or enum index). */
double sq_param_get_number(const sq_scenario *sc, const sq_param *p);

/* Set a numeric key from a double, with the range check of the table;
 * `source` names where the value came from. */
int sq_param_set_number(sq_scenario *sc, const sq_param *p, double value, const char *source,
                        sq_error *err);

/* A number as a user would write it: integers in full, others to 15
 * significant digits.  Returns buf. */
const char *sq_format_number(double v, char *buf, size_t size);

/* One value for key p, given in JSON at `where` of `source`, checked
 * against the key's type and range as a scenario file's would be, as a
 * number (a choice's index, 0 or 1 for a boolean). */
struct cJSON;
int sq_param_value_from_json(const sq_param *p, const struct cJSON *v, const char *where,
                             const char *source, double *out, sq_error *err);

/* One parameter of a scenario's "vary" list or of a sweep (docs/SWEEPS.md):
 * {"key": PATH, "values": [...]} or {"key": PATH, "min": A, "max": B,
 * "scale": "linear" | "log"}, each value checked as the key's own. */
typedef struct sq_param_spec {
  const sq_param *param;
  int n_values;    /* listed values (into the caller's array); 0: a range */
  double min, max; /* a range */
  bool log_scale;
} sq_param_spec;

/* Check spec object o at `where` ("vary[2]") of `source`: only the fields
 * in `fields` (NULL-terminated), and a known key in "key" (else an error
 * with the closest key). */
int sq_param_spec_key(const struct cJSON *o, const char *const *fields, const char *where,
                      const char *source, sq_param_spec *spec, sq_error *err);

/* Then its values (at most max_values, into values) or its range. */
int sq_param_spec_values(const struct cJSON *o, const char *where, const char *source,
                         double *values, int max_values, sq_param_spec *spec, sq_error *err);

/* The key closest to an unknown key path, in buf, or NULL if none is close. */
const char *sq_closest_key(const char *path, char *buf, size_t size);

/* Levenshtein distance, for "did you mean" suggestions. */
size_t sq_edit_distance(const char *a, const char *b);

#endif

/* The prior of a fit (`shequn fit --prior FILE.json`): a JSON object
 *   {"prior": {"KEY": {"distribution": "uniform", "min": A, "max": B}, ...}}
 * naming scenario keys (`shequn params`) with a distribution each:
 * uniform (min, max), log-uniform (min > 0, max), normal (mean, sd;
 * truncated to the key's range) or beta (alpha, beta; on [min, max],
 * default 0 and 1).  A key must be a real or integer key that may differ
 * between runs (not population.*, graph.*, seed, replicates,
 * horizon_days); an integer key's value is rounded to the nearest whole
 * number when simulated.  A support that leaves the key's range is refused.
 * Every error names the file and the key and field. */
#ifndef SQ_PRIOR_H
#define SQ_PRIOR_H

#include "models/params.h"
#include "models/error.h"
#include "sim/analysis/abc.h"

typedef struct sq_fit_prior {
  int n;
  const sq_param *param[SQ_FIT_MAX_PARAMS];
  sq_prior dist[SQ_FIT_MAX_PARAMS];
} sq_fit_prior;

/* Read `path`'s "prior" object: a prior file's, or a scenario file's
 * (other top-level fields are then the scenario's).  0 or SQ_EINPUT. */
int sq_prior_read(sq_fit_prior *prior, const char *path, bool in_scenario, sq_error *err);

/* The same from a parsed "prior" object (source names the file). */
struct cJSON;
int sq_prior_parse(sq_fit_prior *prior, const struct cJSON *obj, const char *source, sq_error *err);

/* The prior of key k as JSON: {"distribution": ..., its fields}; caller
 * owns the object. */
struct cJSON *sq_prior_to_json(const sq_fit_prior *prior, int k);

#endif

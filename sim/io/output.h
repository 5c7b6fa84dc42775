/* The files of `shequn run` (docs/OUTPUTS.md): timeseries.csv, groups.csv,
 * members.csv (optional), curves.csv, summary.json and scenario.json, all
 * written atomically.  Runs are added in replicate order; nothing appears
 * under a final name before sq_output_finish. */
#ifndef SQ_OUTPUT_H
#define SQ_OUTPUT_H

#include <stdbool.h>
#include "models/params.h"
#include "models/error.h"
#include "models/results.h"
#include "sim/analysis/growth.h"

typedef struct sq_output sq_output;

/* Create `dir` if needed and open the temporary files: members.csv if
 * with_members, timeseries.csv and groups.csv if with_records (the
 * gallery's charts read neither).  NULL on error. */
sq_output *sq_output_open(const char *dir, const sq_scenario *sc, bool with_members,
                          bool with_records, sq_error *err);

/* Append a run's rows and records; runs must come in replicate order. */
int sq_output_add(sq_output *o, const sq_run_result *r, sq_error *err);

/* The lifespan statistics summary.json reports, and its growth report. */
typedef struct sq_lifespan_summary {
  double median, q25, q75; /* days; NaN when survival never falls that low */
  double median_low, median_high; /* the median's 95% interval; NaN: not reached */
  size_t groups, censored;
  uint32_t replicates;
  sq_growth growth;
} sq_lifespan_summary;

/* Write curves.csv, summary.json and scenario.json, put every file in
 * place and free `o`.  Fills *life when it is not NULL. */
int sq_output_finish(sq_output *o, int threads, double seconds, sq_lifespan_summary *life,
                     sq_error *err);

/* Remove the temporary files and free `o`. */
void sq_output_abort(sq_output *o);

#endif

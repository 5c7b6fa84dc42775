/* What a run measured, as numbers: the columns of a sweep's runs.csv and
 * the metrics its points.csv and sensitivity.csv summarise.  Each metric is
 * a row of one table (sim/analysis/metrics.c). */
#ifndef SQ_METRICS_H
#define SQ_METRICS_H

#include <stddef.h>
#include "models/results.h"

typedef struct sq_metric {
  const char *name;
  const char *doc;
  double (*value)(const sq_run_result *r);
} sq_metric;

#define SQ_MAX_METRICS 64 /* sq_metric_count is at most this */

extern const sq_metric sq_metrics[];
extern const size_t sq_metric_count;

/* The index of the metric called `name`, or -1. */
int sq_metric_find(const char *name);

#endif

/* The observed series of a fit (`shequn fit --observed FILE.csv`,
 * docs/OUTPUTS.md): a CSV file with a header row, a `day` column and one
 * or more of members, active, posts, joins, leaves, in any order.  Days
 * are whole numbers from 0 (the group's founding), strictly increasing
 * (days may be skipped); an empty cell is a gap.  Every error names the
 * file, line and column. */
#ifndef SQ_OBSERVED_H
#define SQ_OBSERVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "models/error.h"

/* The last day a file may hold: the forecast runs 365 days beyond it, and
 * a run is at most 36500 days (horizon_days). */
#define SQ_OBSERVED_MAX_DAY 36000

typedef enum sq_series {
  SQ_SERIES_MEMBERS,
  SQ_SERIES_ACTIVE,
  SQ_SERIES_POSTS,
  SQ_SERIES_JOINS,
  SQ_SERIES_LEAVES,
  SQ_SERIES_COUNT
} sq_series;

/* "members", "active", "posts", "joins", "leaves": the column names, which
 * are those of timeseries.csv. */
extern const char *const sq_series_names[SQ_SERIES_COUNT];

typedef struct sq_observed {
  size_t n;                       /* rows */
  int32_t *day;                   /* n days, increasing */
  bool present[SQ_SERIES_COUNT];  /* the file has this column */
  double *value[SQ_SERIES_COUNT]; /* n values of a present series; NaN: a gap */
  int32_t last_day;               /* day of the last row */
} sq_observed;

/* Read and check `path`.  0, or SQ_EINPUT ("PATH:LINE:COLUMN: ...") or
 * SQ_ERUNTIME; on failure *obs holds nothing to free. */
int sq_observed_read(sq_observed *obs, const char *path, sq_error *err);

/* Parse CSV text (source names it in messages). */
int sq_observed_parse(sq_observed *obs, const char *text, const char *source, sq_error *err);

void sq_observed_free(sq_observed *obs);

#endif

/* Parameter sweeps (docs/SWEEPS.md): a sweep file names a base scenario,
 * the parameters to vary and how (a design), the replicates per point and
 * the metrics to summarise.  Runs are numbered run = point x replicates +
 * replicate; each completed run is appended to a journal, fsynced, so an
 * interrupted sweep keeps every completed run and can be resumed; the
 * final files are derived from the journal in run order, so they are the
 * same however the runs were spread over time, threads and ranks. */
#ifndef SQ_SWEEP_H
#define SQ_SWEEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "models/params.h"
#include "sim/analysis/design.h"
#include "models/error.h"
#include "sim/analysis/metrics.h"
#include "sim/io/names.h"
#include "models/population.h"

#define SQ_MAX_SWEEP_PARAMS 32

typedef struct sq_sweep_param {
  const sq_param *param;
  sq_axis axis;
} sq_sweep_param;

typedef struct sq_sweep {
  char source[4096];  /* the sweep file */
  char name[SQ_NAME_SAFE_MAX + 1]; /* safe as a folder name (sim/io/names.h) */
  char description[SQ_TEXT_MAX];
  sq_scenario base;
  sq_design_kind design;
  bool saltelli;      /* sensitivity: Saltelli sampling of the design */
  size_t requested;   /* "points": the design's points, or Saltelli's base sample */
  int replicates;
  int64_t seed;
  size_t bootstrap;   /* resamples for the indices' intervals */
  int n_params;
  sq_sweep_param params[SQ_MAX_SWEEP_PARAMS];
  int n_metrics;      /* those summarised in points.csv and sensitivity.csv */
  int metric[64];     /* indices into sq_metrics */
  bool shared_population; /* no population or graph key is swept */
  size_t n_points;
  double *values;     /* n_points x n_params: parameter values of each point */
} sq_sweep;

/* Does this file look like a sweep (it has a "scenario" key, and
 * "parameters" or a "design") rather than a scenario? */
bool sq_is_sweep_file(const char *path);

/* Read and expand a sweep file; every point's scenario is checked.
 * Returns 0 or SQ_EINPUT. */
int sq_sweep_load(sq_sweep *s, const char *path, sq_error *err);
void sq_sweep_free(sq_sweep *s);

static inline size_t sq_sweep_runs(const sq_sweep *s) {
  return s->n_points * (size_t)s->replicates;
}

/* The scenario of a point: the base with the point's values. */
void sq_sweep_point_scenario(const sq_sweep *s, size_t point, sq_scenario *out);

/* The resolved sweep as JSON (sweep.json): a sweep file that runs the
 * same sweep again, its base scenario given in full ("base_scenario", no
 * file); and its 64-bit fingerprint. */
char *sq_sweep_to_json(const sq_sweep *s);
uint64_t sq_sweep_fingerprint(const sq_sweep *s);

/* Simulate one run: its metrics (all of sq_metrics) into values.  `pop` is
 * the shared population, or NULL to build the point's own. */
int sq_sweep_run(const sq_sweep *s, const sq_population *pop, size_t run, double *values,
                 sq_error *err);

/* ---- the lock on the output folder (DIR/.lock) ------------------------- */

/* One sweep writes a folder at a time: flock(2) on DIR/.lock, taken before
 * anything in DIR is read or written and held until the files are written.
 * The file holds the holder's PID, for the message a second writer gets;
 * the kernel drops the lock when its holder dies, however it dies. */
typedef struct sq_sweep_lock {
  int fd; /* -1 when not held */
} sq_sweep_lock;

/* Create DIR if need be and take its lock; SQ_ERUNTIME, naming the folder
 * and the holder's PID, when another process holds it. */
int sq_sweep_lock_take(sq_sweep_lock *l, const char *dir, sq_error *err);
void sq_sweep_lock_release(sq_sweep_lock *l);

/* ---- the journal of completed runs (DIR/journal.csv) ------------------- */

typedef struct sq_journal {
  FILE *f;
  char path[4200];
  size_t n_runs;
  unsigned char *done; /* n_runs flags */
  size_t n_done;
  double synced; /* when the journal was last flushed to disk (sq_seconds) */
} sq_journal;

/* Open DIR/journal.csv for the sweep (hold DIR's lock first): a new
 * journal, or with `resume` the existing one, whose completed runs are
 * marked done; torn or damaged lines, as a crash may leave, are reported
 * on stderr by line number and their runs left to redo.  Refuses to
 * overwrite a journal without `resume`, and to resume one written for
 * another sweep. */
int sq_journal_open(sq_journal *j, const char *dir, const sq_sweep *s, bool resume,
                    sq_error *err);

/* Append a completed run and flush it to disk. */
int sq_journal_append(sq_journal *j, size_t run, const double *values, sq_error *err);
void sq_journal_close(sq_journal *j);

/* ---- the final files ---------------------------------------------------- */

typedef struct sq_sweep_timing {
  double seconds;          /* of this invocation */
  double member_steps;     /* simulated in this invocation */
  size_t runs_done;        /* runs simulated in this invocation */
  int threads, ranks;
} sq_sweep_timing;

/* With every run in the journal, write runs.csv, points.csv,
 * sensitivity.csv (Saltelli designs), sweep.json and summary.json into dir. */
int sq_sweep_finish(const sq_sweep *s, const char *dir, const sq_sweep_timing *t, sq_error *err);

#endif

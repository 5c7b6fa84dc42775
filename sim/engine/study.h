/* One scenario run to its files: the population, every replicate on the
 * given threads, the files of docs/OUTPUTS.md in a directory.  Shared by
 * `shequn run`, `compare` and `gallery`. */
#ifndef SQ_STUDY_H
#define SQ_STUDY_H

#include <signal.h>
#include "sim/engine/batch.h"
#include "sim/io/output.h"

typedef struct sq_study {
  int threads;
  bool record_members;
  bool show_progress;                   /* a progress bar on a terminal */
  const volatile sig_atomic_t *cancel;  /* see sq_catch_interrupts */
  /* Also shown each result, in replicate order, after it is written; may be NULL. */
  sq_result_sink observe;
  void *observe_context;
  const char *command;                  /* named in the folder's marker */
  bool force;                           /* replace earlier results (sq_outdir_claim) */
  bool no_records;                      /* no timeseries.csv or groups.csv (the gallery) */
} sq_study;

/* Run sc into `dir`, claimed as sq_outdir_claim says.  On success fills
 * *life and *seconds; on failure nothing is left in dir, and dir is
 * removed if the run created it. */
int sq_study_run(const sq_scenario *sc, const char *dir, const sq_study *study,
                 sq_lifespan_summary *life, double *seconds, sq_error *err);

#endif

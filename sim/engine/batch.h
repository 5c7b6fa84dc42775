/* Running the replicates of a scenario on all threads: replicates in
 * parallel when there are at least as many as threads, otherwise one after
 * another with the threads shared inside each run.  Either way the results
 * reach the caller in replicate order and do not depend on the threads. */
#ifndef SQ_BATCH_H
#define SQ_BATCH_H

#include <signal.h>
#include "sim/engine/progress.h"
#include "sim/engine/run.h"

typedef struct sq_batch {
  int threads;
  bool record_members;
  const volatile sig_atomic_t *cancel;
  sq_progress *progress; /* advanced by one per simulated day; may be NULL */
  uint32_t first_replicate, replicates;
} sq_batch;

/* Receives each run's result, in replicate order; returns 0 or an error. */
typedef int (*sq_result_sink)(void *context, const sq_run_result *r, sq_error *err);

int sq_run_batch(const sq_scenario *sc, const sq_population *pop, const sq_batch *batch,
                 sq_result_sink sink, void *context, sq_error *err);

/* Install a SIGINT/SIGTERM handler that sets the returned flag. */
const volatile sig_atomic_t *sq_catch_interrupts(void);

#endif

/* One run: a replicate of a scenario, a pure function of (scenario, its
 * seed, replicate).  Nothing global is touched, so runs may go at once on
 * threads or MPI ranks. */
#ifndef SQ_RUN_H
#define SQ_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "models/params.h"
#include "models/error.h"
#include "models/population.h"
#include "models/results.h"

struct sq_mechanism;

typedef struct sq_run_options {
  int threads;          /* threads inside this run; results do not depend on it */
  bool record_members;  /* keep a record per membership spell (members.csv) */
  /* Called from the run's thread after each simulated day; may be NULL. */
  void (*on_day)(void *context);
  void *context;
  /* When set to non-zero (by a signal handler, say), the run stops at the
   * end of the day and fails with "interrupted". */
  const volatile sig_atomic_t *cancel;
  /* The model's mechanisms in day order, NULL-terminated (models/world.h);
   * NULL: the shipped model, sq_mechanisms (models/mechanisms.c).  Tests and
   * experiments pass a table of their own (tests/test_plugin_mechanism.c). */
  const struct sq_mechanism *const *mechanisms;
} sq_run_options;

/* Simulate replicate `replicate` of `sc` on population `pop` (built for the
 * same scenario and sc->seed).  `opt` may be NULL (one thread, the shipped
 * model).  Fills *out, which the caller frees with sq_result_free.  Returns
 * 0 or an error status. */
int sq_run(const sq_scenario *sc, const sq_population *pop, uint32_t replicate,
           const sq_run_options *opt, sq_run_result *out, sq_error *err);

/* Bytes one member takes in a group's arrays (with K topics), for reports. */
size_t sq_member_bytes(int topics);

#endif

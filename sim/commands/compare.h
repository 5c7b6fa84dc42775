/* Scenarios compared on common random numbers (shequn compare). */
#ifndef SQ_COMPARE_H
#define SQ_COMPARE_H

#include <stdbool.h>
#include "models/params.h"
#include "models/error.h"
#include "models/results.h"

/* Run the n scenarios, read and checked with one seed and one number of
 * replicates, each into dir/NAME, and write dir/comparison.csv and
 * dir/survival.csv (docs/OUTPUTS.md); print the table unless quiet.  dir
 * is claimed as sq_outdir_claim says (force: replace earlier results) for
 * `command`; on failure nothing is left in it. */
int sq_compare(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
               const char *command, bool force, sq_error *err);

/* What a comparison needs of one scenario's run, gathered from its
 * results as they come (for `shequn gallery`, which compares runs it has
 * made once rather than running them again). */
typedef struct sq_compare_tally sq_compare_tally;

/* An empty tally for sc (named as sc is); NULL with an error when out of memory. */
sq_compare_tally *sq_compare_tally_new(const sq_scenario *sc, sq_error *err);

/* A result sink (sq_study.observe) adding a run to the tally `context`. */
int sq_compare_observe(void *context, const sq_run_result *r, sq_error *err);

void sq_compare_tally_free(sq_compare_tally *t);

/* Write dir/comparison.csv and dir/survival.csv of the n tallied
 * scenarios, each against the first, as sq_compare does. */
int sq_compare_write(const char *dir, const sq_compare_tally *const *each, int n, sq_error *err);

#endif

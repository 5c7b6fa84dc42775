/* Scenarios compared on common random numbers (shequn compare). */
#ifndef SQ_COMPARE_H
#define SQ_COMPARE_H

#include <stdbool.h>
#include "models/params.h"
#include "models/error.h"

/* Run the n scenarios, read and checked with one seed and one number of
 * replicates, each into dir/NAME, and write dir/comparison.csv and
 * dir/survival.csv (docs/OUTPUTS.md); print the table unless quiet.  dir
 * is claimed as sq_outdir_claim says (force: replace earlier results) for
 * `command`; on failure nothing is left in it. */
int sq_compare(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
               const char *command, bool force, sq_error *err);

#endif

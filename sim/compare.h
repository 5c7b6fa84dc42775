/* Scenarios compared on common random numbers (shequn compare). */
#ifndef SQ_COMPARE_H
#define SQ_COMPARE_H

#include <stdbool.h>
#include "models/params.h"
#include "sim/error.h"

/* Run the n scenarios, read and checked with one seed and one number of
 * replicates, each into dir/NAME, and write dir/comparison.csv and
 * dir/survival.csv (docs/OUTPUTS.md); print the table unless quiet. */
int sq_compare(const sq_scenario *sc, int n, const char *dir, int threads, bool quiet,
               sq_error *err);

#endif

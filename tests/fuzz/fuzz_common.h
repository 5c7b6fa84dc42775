/* Shared by the fuzz targets: a scratch tree in which the fuzzed bytes
 * become files, laid out like the source tree so that relative "base" and
 * "scenario" names of the seeds (the shipped files) resolve:
 *   ROOT/scenarios/   copies of the .json files of scenarios/
 *   ROOT/a/b/         copies of the .json files of scenarios/ and tests/errors/;
 *                     the fuzzed files are written here. */
#ifndef SQ_FUZZ_COMMON_H
#define SQ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Create the tree once (first call); returns ROOT/a/b. */
const char *fuzz_dir(void);
/* Write n bytes to DIR/name (DIR = fuzz_dir()); the path goes into path. */
void fuzz_write(const char *name, const uint8_t *data, size_t n, char *path, size_t size);
/* The part of data before the first form feed ('\f') and the rest. */
void fuzz_split(const uint8_t *data, size_t n, size_t *first, const uint8_t **rest,
                size_t *rest_n);

#endif

/* A progress bar with an ETA on stderr, drawn only when stderr is a terminal
 * and at most ten times a second.  Safe to advance from several threads. */
#ifndef SQ_PROGRESS_H
#define SQ_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sq_progress {
  bool enabled;
  const char *label;
  uint64_t total, done;
  double started, last_drawn;
} sq_progress;

void sq_progress_start(sq_progress *p, const char *label, uint64_t total);
void sq_progress_add(sq_progress *p, uint64_t n);
void sq_progress_finish(sq_progress *p);

/* Seconds on a monotonic clock. */
double sq_seconds(void);

#endif

/* `shequn serve`'s runs: a registry of the runs pages asked for, each on a
 * thread of its own, with the server's limits, and each run's events
 * (docs/SERVE_API.md) kept as server-sent-event text that its page's
 * stream reads as it grows.
 *
 * A run is made by sq_runs_add (POST /api/runs) and waits for its page;
 * it starts when the page opens its stream (sq_runs_attach) and stops when
 * the stream closes before it ends (sq_run_detach sets its cancel flag).
 * Finished runs keep their groups' lifespans for the log-rank test of two
 * runs (sq_runs_logrank) until newer ones push them out. */
#ifndef SQ_SERVE_RUNS_H
#define SQ_SERVE_RUNS_H

#include <stdbool.h>
#include <stddef.h>

#include "models/error.h"
#include "models/params.h"
#include "sim/serve/api.h"

typedef struct sq_runs sq_runs;
typedef struct sq_serve_run sq_serve_run;

/* threads: threads of the replicates after the first (results do not
 * depend on it).  NULL when out of memory. */
sq_runs *sq_runs_new(const sq_serve_limits *limits, int threads);
/* Cancel every run going (their streams then end). */
void sq_runs_cancel(sq_runs *runs);
/* Cancel every run, wait for their threads, free everything. */
void sq_runs_free(sq_runs *runs);

/* A run of *sc waiting for its page; *id is its number.  SQ_EINPUT when
 * the server already has its limit of runs going or waiting. */
int sq_runs_add(sq_runs *runs, const sq_scenario *sc, int *id, sq_error *err);

/* Open the event stream of run `id` and start it.  NULL and SQ_EINPUT
 * when there is no such run or it already has its stream. */
sq_serve_run *sq_runs_attach(sq_runs *runs, int id, sq_error *err);

/* Copy up to `size` bytes of the run's events from `offset` into buf,
 * waiting up to wait_ms for some; returns the count.  0 with *ended set
 * when every event was read and the run is over; 0 otherwise means none
 * came in time (the caller sends a keep-alive comment). */
size_t sq_run_read(sq_serve_run *run, size_t offset, char *buf, size_t size, int wait_ms,
                   bool *ended);

/* The stream is gone: a run still going is cancelled. */
void sq_run_detach(sq_serve_run *run);

/* GET /api/compare?a=A&b=B: the log-rank test of two finished runs' group
 * lifespans, as JSON (caller frees); NULL and SQ_EINPUT when a run is
 * unknown, gone or not finished. */
char *sq_runs_logrank(sq_runs *runs, int a, int b, sq_error *err);

#endif

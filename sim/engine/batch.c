#include "sim/engine/batch.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig) {
  (void)sig;
  interrupted = 1;
}

const volatile sig_atomic_t *sq_catch_interrupts(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  return &interrupted;
}

static void day_done(void *context) { sq_progress_add(context, 1); }

typedef struct pending {
  sq_run_result *results;
  bool *ready;
  uint32_t next; /* the next replicate to hand to the sink */
  /* The first failure.  Written inside the critical section, read without
   * it by every thread to stop early: so every access is atomic. */
  atomic_int status;
  sq_error error;
} pending;

/* Hand every finished result that is next in order to the sink. */
static void drain(pending *p, const sq_batch *b, sq_result_sink sink, void *context) {
  while (p->next < b->replicates && p->ready[p->next]) {
    sq_run_result *r = &p->results[p->next];
    if (!atomic_load(&p->status)) atomic_store(&p->status, sink(context, r, &p->error));
    sq_result_free(r);
    p->next++;
  }
}

int sq_run_batch(const sq_scenario *sc, const sq_population *pop, const sq_batch *b,
                 sq_result_sink sink, void *context, sq_error *err) {
  pending p = {.results = calloc(b->replicates, sizeof(sq_run_result)),
               .ready = calloc(b->replicates, sizeof(bool))};
  if (!p.results || !p.ready) {
    free(p.results);
    free(p.ready);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for the results of %u replicates",
                        b->replicates);
  }
  int threads = b->threads > 0 ? b->threads : 1;
  bool across = b->replicates >= (uint32_t)threads;
  sq_run_options opt = {.threads = across ? 1 : threads,
                        .record_members = b->record_members,
                        .on_day = b->progress ? day_done : NULL,
                        .context = b->progress,
                        .cancel = b->cancel};
  long n = (long)b->replicates;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (across && threads > 1)
  for (long k = 0; k < n; k++) {
    if (atomic_load_explicit(&p.status, memory_order_relaxed)) continue;
    sq_run_result r;
    sq_error e = {0};
    int rc = sq_run(sc, pop, b->first_replicate + (uint32_t)k, &opt, &r, &e);
#pragma omp critical(sq_batch_drain)
    {
      if (rc) {
        if (!atomic_load(&p.status)) p.error = e, atomic_store(&p.status, rc);
      } else {
        p.results[k] = r;
        p.ready[k] = true;
        drain(&p, b, sink, context);
      }
    }
  }
  for (uint32_t k = p.next; k < b->replicates; k++) /* left behind after a failure */
    if (p.ready[k]) sq_result_free(&p.results[k]);
  free(p.results);
  free(p.ready);
  int status = atomic_load(&p.status);
  if (status && err) *err = p.error;
  return status;
}

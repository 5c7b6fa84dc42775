#include "sim/serve/runs.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/population.h"
#include "sim/engine/batch.h"
#include "sim/engine/run.h"

enum { RUN_WAITING, RUN_GOING, RUN_ENDED };
enum { KEPT_ENDED = 32 };       /* finished runs kept for the log-rank test */
enum { WAITING_SECONDS = 60 };  /* a run whose page never opened its stream may be dropped */

struct sq_serve_run {
  sq_runs *owner;
  int id;
  sq_scenario *sc;
  int state;
  bool attached, thread_alive, finished; /* finished: every replicate done */
  time_t made;
  volatile sig_atomic_t cancel;
  /* its events, as server-sent-event text; guarded by the owner's lock */
  char *events;
  size_t n_events, cap_events;
  /* the lifespans of its groups, over all replicates; written by the run's
   * thread only, read once it has ended */
  double *life;
  bool *died;
  size_t n_life, cap_life;
  /* the first replicate's result as it grows, for its day rows */
  const sq_run_result *current;
  size_t rows_sent;
  int day;
  bool out_of_memory;
};

struct sq_runs {
  pthread_mutex_t lock;
  pthread_cond_t changed; /* new events, or a run's thread ended */
  sq_serve_limits limits;
  int threads, next_id;
  size_t n_slots;
  sq_serve_run **slot;
};

sq_runs *sq_runs_new(const sq_serve_limits *limits, int threads) {
  sq_runs *runs = calloc(1, sizeof *runs);
  if (!runs) return NULL;
  runs->limits = *limits;
  runs->threads = threads > 0 ? threads : 1;
  runs->next_id = 1;
  runs->n_slots = (size_t)limits->max_runs + KEPT_ENDED;
  runs->slot = calloc(runs->n_slots, sizeof *runs->slot);
  if (!runs->slot) {
    free(runs);
    return NULL;
  }
  pthread_mutex_init(&runs->lock, NULL);
  pthread_cond_init(&runs->changed, NULL);
  return runs;
}

static void run_free(sq_serve_run *run) {
  if (!run) return;
  free(run->sc);
  free(run->events);
  free(run->life);
  free(run->died);
  free(run);
}

void sq_runs_cancel(sq_runs *runs) {
  pthread_mutex_lock(&runs->lock);
  for (size_t i = 0; i < runs->n_slots; i++)
    if (runs->slot[i]) runs->slot[i]->cancel = 1;
  pthread_mutex_unlock(&runs->lock);
}

void sq_runs_free(sq_runs *runs) {
  if (!runs) return;
  pthread_mutex_lock(&runs->lock);
  for (size_t i = 0; i < runs->n_slots; i++)
    if (runs->slot[i]) runs->slot[i]->cancel = 1;
  for (;;) {
    bool alive = false;
    for (size_t i = 0; i < runs->n_slots; i++) alive |= runs->slot[i] && runs->slot[i]->thread_alive;
    if (!alive) break;
    pthread_cond_wait(&runs->changed, &runs->lock);
  }
  pthread_mutex_unlock(&runs->lock);
  for (size_t i = 0; i < runs->n_slots; i++) run_free(runs->slot[i]);
  free(runs->slot);
  pthread_cond_destroy(&runs->changed);
  pthread_mutex_destroy(&runs->lock);
  free(runs);
}

/* ---- the registry (under the lock) --------------------------------------- */

static int going(const sq_runs *runs) {
  int n = 0;
  for (size_t i = 0; i < runs->n_slots; i++)
    if (runs->slot[i] && runs->slot[i]->state != RUN_ENDED) n++;
  return n;
}

/* A run no one holds any more, to make room: one whose page never opened
 * its stream in time, else the oldest ended one without a stream. */
static void drop_one(sq_runs *runs, bool waiting_only) {
  size_t best = runs->n_slots;
  time_t now = time(NULL);
  for (size_t i = 0; i < runs->n_slots; i++) {
    sq_serve_run *r = runs->slot[i];
    if (!r || r->attached || r->thread_alive) continue;
    bool stale = r->state == RUN_WAITING && now - r->made > WAITING_SECONDS;
    bool ended = r->state == RUN_ENDED && !waiting_only;
    if ((stale || ended) && (best == runs->n_slots || r->id < runs->slot[best]->id)) best = i;
  }
  if (best < runs->n_slots) {
    run_free(runs->slot[best]);
    runs->slot[best] = NULL;
  }
}

static sq_serve_run *find(sq_runs *runs, int id) {
  for (size_t i = 0; i < runs->n_slots; i++)
    if (runs->slot[i] && runs->slot[i]->id == id) return runs->slot[i];
  return NULL;
}

int sq_runs_add(sq_runs *runs, const sq_scenario *sc, int *id, sq_error *err) {
  sq_serve_run *run = calloc(1, sizeof *run);
  if (run) run->sc = malloc(sizeof *run->sc);
  if (!run || !run->sc) {
    run_free(run);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for a run");
  }
  *run->sc = *sc;
  run->owner = runs;
  run->made = time(NULL);
  pthread_mutex_lock(&runs->lock);
  if (going(runs) >= runs->limits.max_runs) drop_one(runs, true);
  int rc = SQ_OK;
  size_t free_slot = runs->n_slots;
  if (going(runs) >= runs->limits.max_runs) {
    rc = sq_error_set(err, SQ_EINPUT,
                      "this server runs at most %lld runs at once (shequn serve --max-runs); "
                      "wait for one to finish",
                      runs->limits.max_runs);
  } else {
    for (size_t i = 0; i < runs->n_slots && free_slot == runs->n_slots; i++)
      if (!runs->slot[i]) free_slot = i;
    if (free_slot == runs->n_slots) {
      drop_one(runs, false);
      for (size_t i = 0; i < runs->n_slots && free_slot == runs->n_slots; i++)
        if (!runs->slot[i]) free_slot = i;
    }
    if (free_slot == runs->n_slots)
      rc = sq_error_set(err, SQ_EINPUT, "every run this server keeps is still in use; try again");
  }
  if (!rc) {
    run->id = *id = runs->next_id++;
    runs->slot[free_slot] = run;
  }
  pthread_mutex_unlock(&runs->lock);
  if (rc) run_free(run);
  return rc;
}

/* ---- the run's thread ----------------------------------------------------- */

/* Append one event; false when out of memory (the run then stops). */
static bool emit(sq_serve_run *run, const char *event, const char *json) {
  if (!json) return run->out_of_memory = true, false;
  size_t need = strlen(event) + strlen(json) + 20;
  sq_runs *runs = run->owner;
  pthread_mutex_lock(&runs->lock);
  bool ok = true;
  if (run->n_events + need > run->cap_events) {
    size_t cap = 2 * (run->n_events + need) + 4096;
    char *e = realloc(run->events, cap);
    if (e) run->events = e, run->cap_events = cap;
    else ok = false;
  }
  if (ok) {
    run->n_events += (size_t)snprintf(run->events + run->n_events, run->cap_events - run->n_events,
                                      "event: %s\ndata: %s\n\n", event, json);
    pthread_cond_broadcast(&runs->changed);
  }
  pthread_mutex_unlock(&runs->lock);
  if (!ok) run->out_of_memory = true;
  return ok;
}

static bool emit_owned(sq_serve_run *run, const char *event, char *json) {
  bool ok = emit(run, event, json);
  free(json);
  return ok;
}

/* After each simulated day of the first replicate: its rows, summed. */
static void day_done(void *context) {
  sq_serve_run *run = context;
  const sq_run_result *r = run->current;
  size_t n = r->n_rows - run->rows_sent;
  if (!emit_owned(run, "day", sq_api_day_json(run->day, r->rows + run->rows_sent, n)))
    run->cancel = 1;
  run->rows_sent = r->n_rows;
  run->day++;
}

static int keep_lifespans(sq_serve_run *run, const sq_run_result *r, sq_error *err) {
  if (run->n_life + r->n_groups > run->cap_life) {
    size_t cap = 2 * (run->n_life + r->n_groups) + 64;
    double *l = realloc(run->life, cap * sizeof *l);
    if (l) run->life = l;
    bool *d = realloc(run->died, cap * sizeof *d);
    if (d) run->died = d;
    if (!l || !d) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the lifespans");
    run->cap_life = cap;
  }
  for (size_t k = 0; k < r->n_groups; k++) {
    run->life[run->n_life] = r->groups[k].lifespan_days;
    run->died[run->n_life++] = !r->groups[k].censored;
  }
  char json[128];
  snprintf(json, sizeof json, "{\"replicate\":%u,\"of\":%d,\"groups\":%zu}", r->replicate,
           run->sc->replicates, r->n_groups);
  if (!emit(run, "replicate", json))
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for the run's events");
  return SQ_OK;
}

static int replicate_done(void *context, const sq_run_result *r, sq_error *err) {
  return keep_lifespans(context, r, err);
}

static void *run_main(void *arg) {
  sq_serve_run *run = arg;
  const sq_scenario *sc = run->sc;
  sq_error err = {0};
  char json[512];
  snprintf(json, sizeof json,
           "{\"id\":%d,\"horizon_days\":%d,\"replicates\":%d,\"seed\":%lld}", run->id,
           sc->horizon_days, sc->replicates, (long long)sc->seed);
  emit(run, "start", json);
  sq_population pop;
  int rc = sq_population_init(&pop, sc, (uint64_t)sc->seed, 1, &err);
  if (!rc) {
    /* the first replicate alone, its days streamed as they are simulated */
    sq_run_result r;
    run->current = &r;
    sq_run_options opt = {.threads = 1, .on_day = day_done, .context = run,
                          .cancel = &run->cancel};
    rc = sq_run(sc, &pop, 0, &opt, &r, &err);
    if (!rc) {
      if (!emit_owned(run, "stages", sq_api_stages_json(&r)))
        rc = sq_error_set(&err, SQ_ERUNTIME, "out of memory for the run's events");
      if (!rc) rc = keep_lifespans(run, &r, &err);
      sq_result_free(&r);
    }
    /* the others for survival: the same numbers on any number of threads */
    if (!rc && sc->replicates > 1) {
      sq_batch batch = {.threads = run->owner->threads, .cancel = &run->cancel,
                        .first_replicate = 1, .replicates = (uint32_t)sc->replicates - 1};
      rc = sq_run_batch(sc, &pop, &batch, replicate_done, run, &err);
    }
    sq_population_free(&pop);
  }
  if (!rc && !emit_owned(run, "survival", sq_api_survival_json(run->life, run->died, run->n_life)))
    rc = sq_error_set(&err, SQ_ERUNTIME, "out of memory for the survival");
  if (rc) {
    if (run->cancel && !run->out_of_memory) sq_error_set(&err, SQ_ERUNTIME, "run stopped");
    emit_owned(run, "failed", sq_api_error_json(err.message));
  } else {
    /* finished before a page hears of it: it may ask for the log-rank at once */
    pthread_mutex_lock(&run->owner->lock);
    run->finished = true;
    pthread_mutex_unlock(&run->owner->lock);
    emit(run, "end", "{}");
  }
  sq_runs *runs = run->owner;
  pthread_mutex_lock(&runs->lock);
  run->state = RUN_ENDED;
  run->thread_alive = false;
  pthread_cond_broadcast(&runs->changed);
  pthread_mutex_unlock(&runs->lock);
  return NULL;
}

/* ---- streams ---------------------------------------------------------------- */

sq_serve_run *sq_runs_attach(sq_runs *runs, int id, sq_error *err) {
  pthread_mutex_lock(&runs->lock);
  sq_serve_run *run = find(runs, id);
  if (!run) {
    sq_error_set(err, SQ_EINPUT, "run %d: no such run (POST /api/runs makes one)", id);
  } else if (run->attached || run->state != RUN_WAITING) {
    sq_error_set(err, SQ_EINPUT, "run %d: its stream was opened already", id);
    run = NULL;
  } else {
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    run->attached = run->thread_alive = true;
    run->state = RUN_GOING;
    if (pthread_create(&thread, &attr, run_main, run)) {
      run->attached = run->thread_alive = false;
      run->state = RUN_ENDED;
      sq_error_set(err, SQ_ERUNTIME, "run %d: cannot start a thread", id);
      run = NULL;
    }
    pthread_attr_destroy(&attr);
  }
  pthread_mutex_unlock(&runs->lock);
  return run;
}

size_t sq_run_read(sq_serve_run *run, size_t offset, char *buf, size_t size, int wait_ms,
                   bool *ended) {
  sq_runs *runs = run->owner;
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += wait_ms / 1000;
  until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
  pthread_mutex_lock(&runs->lock);
  while (offset >= run->n_events && run->state != RUN_ENDED)
    if (pthread_cond_timedwait(&runs->changed, &runs->lock, &until) == ETIMEDOUT) break;
  size_t n = 0;
  if (offset < run->n_events) {
    n = run->n_events - offset < size ? run->n_events - offset : size;
    memcpy(buf, run->events + offset, n);
  }
  *ended = n == 0 && run->state == RUN_ENDED && offset >= run->n_events;
  pthread_mutex_unlock(&runs->lock);
  return n;
}

void sq_run_detach(sq_serve_run *run) {
  sq_runs *runs = run->owner;
  pthread_mutex_lock(&runs->lock);
  run->attached = false;
  if (run->state != RUN_ENDED) run->cancel = 1;
  pthread_mutex_unlock(&runs->lock);
}

char *sq_runs_logrank(sq_runs *runs, int a, int b, sq_error *err) {
  pthread_mutex_lock(&runs->lock);
  sq_serve_run *ra = find(runs, a), *rb = find(runs, b);
  char *json = NULL;
  if (!ra || !rb)
    sq_error_set(err, SQ_EINPUT, "run %d: no such run, or it is gone", !ra ? a : b);
  else if (!ra->finished || !rb->finished)
    sq_error_set(err, SQ_EINPUT, "run %d: not finished (wait for its \"end\" event)",
                 !ra->finished ? a : b);
  else if (!(json = sq_api_logrank_json(ra->life, ra->died, ra->n_life, rb->life, rb->died,
                                        rb->n_life)))
    sq_error_set(err, SQ_ERUNTIME, "out of memory for the log-rank test");
  pthread_mutex_unlock(&runs->lock);
  return json;
}

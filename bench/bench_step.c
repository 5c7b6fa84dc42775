/* Throughput of the daily step: member-steps per second at 1 and 2 threads
 * (and more if asked), memory per population agent and per member.
 * Setup (building the graph, founding the groups on day 0) is timed apart
 * from stepping; see bench/README.md for the figures and how to read them. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <gsl/gsl_errno.h>

#include "sim/engine/progress.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

typedef struct clock_days {
  int day;
  double after_day0;
} clock_days;

static void tick(void *context) {
  clock_days *c = context;
  if (c->day++ == 0) c->after_day0 = sq_seconds();
}

static long max_rss_kib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* bench_step [--only] [SCENARIO [MAX_THREADS [KEY=VALUE...]]]
 * --only: build the population and run at MAX_THREADS alone (not 1, 2, 4 ...).
 * After its table it prints one machine-readable line per thread count,
 * "result key=value ..." (bench/report.sh reads them). */
int main(int argc, char **argv) {
  bool only = false;
  int kept = 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--only"))
      only = true;
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  const char *path = argc > 1 ? argv[1] : "bench/large.json";
  int max_threads = argc > 2 ? atoi(argv[2]) : 2;
  if (max_threads < 1) {
    fprintf(stderr, "bench_step: MAX_THREADS must be at least 1 (got %s)\n", argv[2]);
    return 2;
  }
  gsl_set_error_handler_off();
  sq_scenario sc;
  sq_error err = {0};
  int rc = sq_scenario_read(&sc, path, NULL, &err);
  for (int i = 3; i < argc && !rc; i++) rc = sq_scenario_set(&sc, argv[i], &err);
  if (!rc) rc = sq_scenario_check(&sc, path, &err);
  if (rc) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  long rss0 = max_rss_kib();
  double t0 = sq_seconds();
  sq_population pop;
  if (sq_population_init(&pop, &sc, (uint64_t)sc.seed, max_threads, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  double built = sq_seconds() - t0;
  size_t graph = sq_graph_bytes(&pop.graph);
  printf("scenario %s: population %lld, %d days", path, (long long)sc.population.size,
         sc.horizon_days);
  for (int i = 3; i < argc; i++) printf(", %s", argv[i]);
  printf("\n");
  printf("population setup (graph %s): %.3f s, %.1f bytes per population agent\n",
         sq_graph_models[sc.graph.model].name, built, (double)graph / (double)pop.size);
  printf("member state: %zu bytes per member (topics %d)\n", sq_member_bytes(sc.population.topics),
         sc.population.topics);
  printf("threads  member-steps  members(mean)  step seconds  member-steps/s  day-0 seconds\n");
  double single = 0;
  char results[8][256];
  int n_results = 0;
  for (int threads = only ? max_threads : 1; threads <= max_threads; threads *= 2) {
    clock_days c = {0, 0};
    sq_run_options opt = {.threads = threads, .on_day = tick, .context = &c};
    sq_run_result r;
    double start = sq_seconds();
    if (sq_run(&sc, &pop, 0, &opt, &r, &err)) {
      fprintf(stderr, "%s\n", err.message);
      return 1;
    }
    double end = sq_seconds();
    /* day 0 founds the groups: count the steps of the days after it */
    uint64_t steps = r.member_steps;
    double seconds = end - c.after_day0;
    double rate = (double)steps / seconds;
    if (threads == 1) single = rate;
    printf("%7d  %12llu  %13.0f  %12.3f  %14.3e  %13.3f", threads, (unsigned long long)steps,
           (double)steps / (r.days_run > 1 ? r.days_run - 1 : 1), seconds, rate,
           c.after_day0 - start);
    if (threads > 1 && single > 0) printf("  (x%.2f)", rate / single);
    printf("\n");
    if (n_results < 8)
      snprintf(results[n_results++], sizeof results[0],
               "result threads=%d population=%lld setup_seconds=%.6f day0_seconds=%.6f "
               "step_seconds=%.6f member_steps=%llu",
               threads, (long long)sc.population.size, built, c.after_day0 - start, seconds,
               (unsigned long long)steps);
    sq_result_free(&r);
  }
  printf("peak resident memory: %.1f MiB (%.1f MiB before the population)\n", max_rss_kib() / 1024.0,
         rss0 / 1024.0);
  for (int i = 0; i < n_results; i++)
    printf("%s graph_bytes_per_agent=%.3f member_bytes=%zu peak_rss_kib=%ld\n", results[i],
           (double)graph / (double)pop.size, sq_member_bytes(sc.population.topics), max_rss_kib());
  sq_population_free(&pop);
  return 0;
}

/* shequn sweep: a batch of runs over a design of parameter values, on the
 * threads of one machine or, built with SHEQUN_MPI, over MPI ranks. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/engine/batch.h"
#include "sim/commands/cli.h"
#include "sim/engine/progress.h"
#include "sim/io/sweep.h"

#ifdef SHEQUN_MPI
#include <mpi.h>
#endif

static const char sweep_about[] =
    "Run every (point, replicate) of a parameter sweep (docs/SWEEPS.md) and\n"
    "summarise them.  Each completed run is written to DIR/journal.csv at once,\n"
    "so an interrupted sweep (Ctrl-C, a kill, a power cut) keeps what it did;\n"
    "--resume runs only the missing runs, and the final files are the same as\n"
    "those of an uninterrupted sweep.\n";

static const char sweep_after[] =
    "\n"
    "Files written (docs/SWEEPS.md describes every column):\n"
    "  runs.csv          a row per run: point, replicate, parameter values, metrics\n"
    "  points.csv        per point and metric: mean, sd, 95% CI, median, quartiles;\n"
    "                    for the lifespan Kaplan-Meier's, and survival at 90/365/730 days\n"
    "  sensitivity.csv   first-order and total Sobol indices with bootstrap intervals,\n"
    "                    within [0, 1], and a warning when there are too few points\n"
    "                    (sobol and random designs)\n"
    "  sweep.json        the resolved sweep, with its base scenario: runs it again\n"
    "  summary.json      runs, time, speed\n"
    "  journal.csv       the completed runs, in the order they completed\n"
    "Draw its charts with `shequn plot DIR`.\n"
    "MPI: built with -DSHEQUN_MPI=ON, `mpirun -np N shequn sweep ...` spreads the\n"
    "runs over N-1 worker ranks; rank 0 hands out work and writes the files.\n"
    "One sweep writes DIR at a time (a lock, DIR/.lock): another one on DIR,\n"
    "fresh or --resume, is refused naming the process that holds it.\n"
    "Exit status: 0 done, 1 failed (or DIR is busy), 2 bad input, 130 interrupted.\n";

typedef struct sweep_args {
  const char *file, *output;
  int n_files;
  bool resume;
  long long threads;
} sweep_args;

static int parse_args(int argc, char **argv, sweep_args *a) {
  a->threads = omp_get_max_threads();
  const sq_option options[] = {
      sq_opt_output(&a->output, "where to write (default: out/<sweep name>)"),
      {"--resume", 0, SQ_OPT_FLAG, NULL, "continue the sweep whose journal is in DIR",
       .flag = &a->resume},
      sq_opt_threads(&a->threads, "threads to use (default: all, or OMP_NUM_THREADS); with MPI,\n"
                                  "threads per rank"),
  };
  const sq_verb verb = {"sweep", "SWEEP.json [-o DIR] [--resume] [--threads T]", sweep_about,
                        sweep_after, options, (int)SQ_LEN(options), &a->file, &a->n_files, 1, 1,
                        "name a sweep file", "one sweep file at a time (got '%s' and '%s')"};
  return sq_cli_parse(&verb, argc, argv);
}

static const size_t member_steps_metric = 15; /* checked at start-up */

/* ---- one machine ------------------------------------------------------------- */

static int run_local(const sq_sweep *s, const sq_population *pop, sq_journal *j, int threads,
                     const volatile sig_atomic_t *cancel, sq_sweep_timing *tm, sq_error *err) {
  sq_progress progress;
  sq_progress_start(&progress, s->name, j->n_runs - j->n_done);
  int status = SQ_OK;
  long count = (long)j->n_runs;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long run = 0; run < count; run++) {
    if (j->done[run]) continue; /* journaled before; only this thread writes done[run] */
    int failed;
#pragma omp atomic read
    failed = status;
    if (failed || *cancel) continue;
    double values[SQ_MAX_METRICS];
    sq_error e = {0};
    int rc = sq_sweep_run(s, pop, (size_t)run, values, &e);
#pragma omp critical(sq_sweep_journal)
    {
      if (!rc) rc = sq_journal_append(j, (size_t)run, values, &e);
      if (rc && !status) {
        *err = e;
#pragma omp atomic write
        status = rc;
      } else if (!rc) {
        tm->runs_done++;
        tm->member_steps += values[member_steps_metric];
      }
    }
    sq_progress_add(&progress, 1);
  }
  sq_progress_finish(&progress);
  return status;
}

/* ---- MPI ranks ------------------------------------------------------------------ */

#ifdef SHEQUN_MPI
enum { TAG_RESULTS = 1, TAG_WORK = 2, TAG_STOP = 3 };

/* The first run from r on that the journal lacks, or n_runs. */
static size_t next_missing(const sq_journal *j, size_t r) {
  while (r < j->n_runs && j->done[r]) r++;
  return r;
}

/* Rank 0: hand out chunks of the missing runs to whoever asks, journal the
 * results each request brings back, stop the workers when all is done (or
 * on an interrupt, once the runs handed out are back). */
static int coordinate(const sq_sweep *s, sq_journal *j, int ranks, int threads,
                      const volatile sig_atomic_t *cancel, sq_sweep_timing *tm, sq_error *err) {
  size_t left = j->n_runs - j->n_done, next = next_missing(j, 0);
  sq_progress progress;
  sq_progress_start(&progress, s->name, left);
  size_t stride = 1 + sq_metric_count;
  double *buffer = malloc(stride * 4096 * sizeof *buffer);
  unsigned long long chunk[4096];
  int workers = ranks - 1, status = SQ_OK;
  while (workers > 0) {
    MPI_Status st;
    int count;
    MPI_Probe(MPI_ANY_SOURCE, TAG_RESULTS, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_DOUBLE, &count);
    MPI_Recv(buffer, count, MPI_DOUBLE, st.MPI_SOURCE, TAG_RESULTS, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    for (int k = 0; k + (int)stride <= count && !status; k += (int)stride) {
      status = sq_journal_append(j, (size_t)buffer[k], buffer + k + 1, err);
      tm->runs_done++;
      tm->member_steps += buffer[k + 1 + member_steps_metric];
      sq_progress_add(&progress, 1);
    }
    size_t size = left / (size_t)(2 * workers);
    if (size > (size_t)(4 * threads)) size = (size_t)(4 * threads);
    if (size < 1) size = 1;
    if (size > left) size = left;
    if (size > 0 && !*cancel && !status) {
      for (size_t k = 0; k < size; k++) chunk[k] = next, next = next_missing(j, next + 1);
      left -= size;
      MPI_Send(chunk, (int)size, MPI_UNSIGNED_LONG_LONG, st.MPI_SOURCE, TAG_WORK, MPI_COMM_WORLD);
    } else {
      MPI_Send(NULL, 0, MPI_UNSIGNED_LONG_LONG, st.MPI_SOURCE, TAG_STOP, MPI_COMM_WORLD);
      workers--;
    }
  }
  sq_progress_finish(&progress);
  free(buffer);
  return status;
}

/* Other ranks: ask for work (sending back the last chunk's results), run
 * each chunk on this rank's threads, until told to stop. */
static int work(const sq_sweep *s, const sq_population *pop, int threads,
                const volatile sig_atomic_t *cancel, sq_error *err) {
  size_t stride = 1 + sq_metric_count;
  double *results = malloc(stride * 4096 * sizeof *results);
  unsigned long long chunk[4096];
  int n_results = 0, status = SQ_OK;
  for (;;) {
    MPI_Send(results, n_results * (int)stride, MPI_DOUBLE, 0, TAG_RESULTS, MPI_COMM_WORLD);
    MPI_Status st;
    int count;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_UNSIGNED_LONG_LONG, &count);
    MPI_Recv(chunk, count, MPI_UNSIGNED_LONG_LONG, 0, st.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (st.MPI_TAG == TAG_STOP) break;
    n_results = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int k = 0; k < count; k++) {
      if (*cancel) continue; /* unfinished runs are simply not reported */
      double values[SQ_MAX_METRICS];
      sq_error e = {0};
      int rc = sq_sweep_run(s, pop, (size_t)chunk[k], values, &e);
#pragma omp critical(sq_sweep_results)
      {
        if (rc) {
          if (!status) status = rc, *err = e;
        } else {
          double *row = results + (size_t)n_results++ * stride;
          row[0] = (double)chunk[k];
          memcpy(row + 1, values, sq_metric_count * sizeof(double));
        }
      }
    }
    if (status) {
      fprintf(stderr, "shequn sweep: %s\n", err->message);
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
  }
  free(results);
  return status;
}
#endif

/* ---- the command ------------------------------------------------------------------- */

int sq_cmd_sweep(int argc, char **argv) {
  sweep_args a = {0};
  int rc = parse_args(argc, argv, &a);
  if (rc) return rc < 0 ? 0 : rc;
  int rank = 0, ranks = 1;
#ifdef SHEQUN_MPI
  int provided;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
#endif
  if (sq_metric_find("member_steps") != (int)member_steps_metric) {
    fprintf(stderr, "shequn sweep: internal error: the metric table changed\n");
    return 1;
  }
  sq_sweep s;
  sq_error err = {0};
  double started = sq_seconds();
  rc = sq_sweep_load(&s, a.file, &err);
  char dir[4096];
  snprintf(dir, sizeof dir, "%s%s", a.output ? "" : "out/", a.output ? a.output : s.name);
  int threads = (int)a.threads;
  sq_journal j = {0};
  sq_sweep_lock lock = {-1};
  if (!rc && rank == 0) { /* only the coordinator touches the folder */
    rc = sq_sweep_lock_take(&lock, dir, &err);
    if (!rc) rc = sq_journal_open(&j, dir, &s, a.resume, &err);
    if (!rc) {
      printf("sweep %s: %zu points x %d replicates = %zu runs (%s design%s)\n", s.name,
             s.n_points, s.replicates, sq_sweep_runs(&s), sq_design_name(s.design),
             s.saltelli ? ", Saltelli sampling for sensitivity" : "");
      if (j.n_done) printf("resuming: %zu runs done, %zu to go\n", j.n_done, j.n_runs - j.n_done);
      fflush(stdout);
    }
  }
  sq_population pop;
  bool shared = !rc && s.shared_population && (rank > 0 || ranks == 1);
  if (shared) { /* the population every point shares, built once */
    sq_scenario sc;
    sq_sweep_point_scenario(&s, 0, &sc);
    rc = sq_population_init(&pop, &sc, (uint64_t)sc.seed, threads, &err);
  }
  const volatile sig_atomic_t *cancel = sq_catch_interrupts();
  sq_sweep_timing tm = {0, 0, 0, threads, ranks};
#ifdef SHEQUN_MPI
  int bad = rc != 0, any_bad;
  MPI_Allreduce(&bad, &any_bad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (any_bad) {
    if (rc) fprintf(stderr, "%s%s\n", err.status == SQ_EINPUT ? "" : "shequn sweep: ", err.message);
    sq_journal_close(&j);
    sq_sweep_lock_release(&lock);
    MPI_Finalize();
    return rc == SQ_EINPUT || !rc ? 2 : 1;
  }
  if (ranks > 1) {
    if (rank == 0)
      rc = coordinate(&s, &j, ranks, threads, cancel, &tm, &err);
    else
      rc = work(&s, shared ? &pop : NULL, threads, cancel, &err);
  } else
#endif
  if (!rc) {
    rc = run_local(&s, shared ? &pop : NULL, &j, threads, cancel, &tm, &err);
  }
  if (shared) sq_population_free(&pop);
  int exit_status = 0;
  if (rank == 0) {
    size_t done = j.n_done, total = j.n_runs;
    sq_journal_close(&j);
    tm.seconds = sq_seconds() - started;
    if (rc) {
      fprintf(stderr, "%s%s\n", err.status == SQ_EINPUT ? "" : "shequn sweep: ", err.message);
      exit_status = rc == SQ_EINPUT ? 2 : 1;
    } else if (done < total) {
      fprintf(stderr, "shequn sweep: interrupted: %zu of %zu runs are in %s/journal.csv; "
                      "continue with --resume\n", done, total, dir);
      exit_status = 130;
    } else if ((rc = sq_sweep_finish(&s, dir, &tm, &err))) {
      fprintf(stderr, "shequn sweep: %s\n", err.message);
      exit_status = 1;
    } else {
      printf("%zu runs in %.1f s (%.1f runs/s, %.3g member-steps/s) on %d thread%s x %d rank%s\n",
             tm.runs_done, tm.seconds, tm.seconds > 0 ? tm.runs_done / tm.seconds : 0,
             tm.seconds > 0 ? tm.member_steps / tm.seconds : 0, threads, threads == 1 ? "" : "s",
             ranks, ranks == 1 ? "" : "s");
      printf("wrote %s/ (runs.csv, points.csv%s, sweep.json, summary.json)\n", dir,
             s.saltelli ? ", sensitivity.csv" : "");
    }
    sq_sweep_lock_release(&lock); /* held until every file is written */
  }
  sq_sweep_free(&s);
#ifdef SHEQUN_MPI
  MPI_Finalize();
#endif
  return exit_status;
}

#include "sim/engine/study.h"

#include "sim/io/outdir.h"
#include "models/population.h"
#include "sim/engine/progress.h"

typedef struct writing {
  sq_output *out;
  const sq_study *study;
} writing;

static int write_and_observe(void *context, const sq_run_result *r, sq_error *err) {
  writing *w = context;
  int rc = sq_output_add(w->out, r, err);
  if (!rc && w->study->observe) rc = w->study->observe(w->study->observe_context, r, err);
  return rc;
}

int sq_study_run(const sq_scenario *sc, const char *dir, const sq_study *study,
                 sq_lifespan_summary *life, double *seconds, sq_error *err) {
  double started = sq_seconds();
  /* the folder first: a refusal comes before any work */
  sq_outdir folder;
  int rc = sq_outdir_claim(&folder, dir, study->command ? study->command : "run", study->force, err);
  if (rc) return rc;
  sq_population pop;
  rc = sq_population_init(&pop, sc, (uint64_t)sc->seed, study->threads, err);
  if (rc) {
    sq_outdir_abandon(&folder);
    return rc;
  }
  sq_output *out = sq_output_open(dir, sc, study->record_members, !study->no_records, err);
  if (!out) {
    sq_outdir_abandon(&folder);
    sq_population_free(&pop);
    return err->status ? err->status : SQ_ERUNTIME;
  }
  sq_progress progress;
  sq_progress_start(&progress, sc->name, (uint64_t)sc->replicates * (uint64_t)sc->horizon_days);
  if (!study->show_progress) progress.enabled = false;
  sq_batch batch = {.threads = study->threads,
                    .record_members = study->record_members,
                    .cancel = study->cancel,
                    .progress = &progress,
                    .first_replicate = 0,
                    .replicates = (uint32_t)sc->replicates};
  writing w = {.out = out, .study = study};
  rc = sq_run_batch(sc, &pop, &batch, write_and_observe, &w, err);
  sq_progress_finish(&progress);
  sq_population_free(&pop);
  *seconds = sq_seconds() - started;
  if (rc) sq_output_abort(out);
  if (!rc) rc = sq_output_finish(out, study->threads, *seconds, life, err);
  if (rc) sq_outdir_abandon(&folder);
  return rc;
}

#include "sim/engine/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_vector.h>

#include "models/rng.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

/* ---- one simulation ------------------------------------------------------ */

/* What a thread keeps between simulations. */
typedef struct scratch {
  sq_scenario sc;
  gsl_rng *stream;
  gsl_vector *work;
} scratch;

static scratch *scratch_alloc(int d) {
  scratch *t = malloc(sizeof *t);
  if (!t) return NULL;
  t->stream = sq_stream_alloc();
  t->work = gsl_vector_alloc((size_t)(d > 0 ? d : 1));
  if (!t->stream || !t->work) {
    if (t->stream) gsl_rng_free(t->stream);
    if (t->work) gsl_vector_free(t->work);
    free(t);
    return NULL;
  }
  return t;
}

static void scratch_free(scratch *t) {
  if (!t) return;
  gsl_rng_free(t->stream);
  gsl_vector_free(t->work);
  free(t);
}

/* Simulate the scenario with the keys at z (internal coordinates), then
 * `assignment` if not NULL, as `replicate`, for `horizon` days; group 0's
 * series into series[day * SQ_SERIES_COUNT + s] (0 on days it has no row)
 * and its day of death into *died_day. */
static int simulate(const sq_fit_settings *s, const double *z, uint32_t replicate, int horizon,
                    const char *assignment, scratch *t, double *series, int32_t *died_day,
                    sq_error *err) {
  sq_scenario *sc = &t->sc;
  *sc = *s->sc;
  sc->horizon_days = horizon;
  int rc = SQ_OK;
  for (int k = 0; k < s->prior->n && !rc; k++) {
    const sq_param *p = s->prior->param[k];
    double v = sq_prior_to_value(&s->prior->dist[k], z[k]);
    if (p->type != SQ_PARAM_REAL) v = nearbyint(v);
    rc = sq_param_set_number(sc, p, v, "the fit's candidate", err);
  }
  if (!rc && assignment) rc = sq_scenario_set(sc, assignment, err);
  if (!rc) rc = sq_scenario_check(sc, "the fit's candidate", err);
  if (rc) return rc;
  sq_run_options opt = {.threads = 1, .cancel = s->cancel};
  sq_run_result r;
  if ((rc = sq_run(sc, s->pop, replicate, &opt, &r, err))) return rc;
  memset(series, 0, (size_t)horizon * SQ_SERIES_COUNT * sizeof *series);
  for (size_t k = 0; k < r.n_rows; k++) {
    const sq_day_row *row = &r.rows[k];
    if (row->group != 0 || row->day < 0 || row->day >= horizon) continue;
    double *x = &series[(size_t)row->day * SQ_SERIES_COUNT];
    x[SQ_SERIES_MEMBERS] = row->members;
    x[SQ_SERIES_ACTIVE] = row->active;
    x[SQ_SERIES_POSTS] = row->posts;
    x[SQ_SERIES_JOINS] = row->joins;
    x[SQ_SERIES_LEAVES] = row->leaves;
  }
  *died_day = -1;
  for (size_t k = 0; k < r.n_groups; k++)
    if (r.groups[k].group == 0) *died_day = r.groups[k].died_day;
  sq_result_free(&r);
  return SQ_OK;
}

/* ---- the statistics of a simulation -------------------------------------- */

static void view_of_observed(const sq_observed *o, sq_series_view *v) {
  v->n = o->n;
  v->day = o->day;
  for (int s = 0; s < SQ_SERIES_COUNT; s++) v->value[s] = o->present[s] ? o->value[s] : NULL;
}

/* The statistics of a simulated series (series of horizon days), read on
 * the observed days with the observed gaps; buf: n x SQ_SERIES_COUNT. */
static int simulated_stats(const sq_observed *o, const double *series, double *buf, double *stat) {
  sq_series_view v = {.n = o->n, .day = o->day};
  for (int s = 0; s < SQ_SERIES_COUNT; s++) {
    if (!o->present[s]) {
      v.value[s] = NULL;
      continue;
    }
    double *col = &buf[(size_t)s * o->n];
    for (size_t i = 0; i < o->n; i++)
      col[i] = isnan(o->value[s][i]) ? NAN : series[(size_t)o->day[i] * SQ_SERIES_COUNT + s];
    v.value[s] = col;
  }
  return sq_summaries(&v, stat, NULL);
}

/* ---- the ABC-SMC --------------------------------------------------------- */

/* One candidate of a batch. */
typedef struct candidate {
  double z[SQ_FIT_MAX_PARAMS];
  double stat[SQ_MAX_STATS];
  double distance;
  bool ok; /* simulated */
  sq_error error;
} candidate;

typedef struct smc {
  const sq_fit_settings *s;
  sq_fit_result *out;
  int d;
  const sq_fit_generation *prev; /* NULL in generation 0 */
  sq_kernel kernel;
} smc;

/* Draw candidate i of generation g: from the prior in generation 0, else a
 * particle of the previous generation by weight, moved by the kernel until
 * it lands where the prior has mass. */
static int propose(const smc *m, int g, long long i, scratch *t, double *z, sq_error *err) {
  const sq_fit_prior *prior = m->s->prior;
  sq_stream_reset(t->stream, m->s->seed, (uint32_t)g, SQ_NO_DAY, (uint32_t)i, SQ_DRAW_FIT_PROPOSAL);
  if (!m->prev) {
    for (int k = 0; k < m->d; k++) z[k] = sq_prior_sample(&prior->dist[k], t->stream);
    return SQ_OK;
  }
  for (int tries = 0; tries < 1000; tries++) {
    size_t j = sq_pick_by_weight(m->prev->weight, (size_t)m->prev->accepted,
                                 gsl_rng_uniform_pos(t->stream));
    sq_kernel_sample(&m->kernel, &m->prev->z[j * (size_t)m->d], t->stream, z);
    if (sq_prior_joint(prior->dist, m->d, z) > 0) return SQ_OK;
  }
  return sq_error_set(err, SQ_ERUNTIME,
                      "no move of the kernel stayed inside the prior's support in 1000 tries");
}

/* Propose and simulate candidates first .. first + n - 1 of generation g. */
static void run_batch(const smc *m, int g, long long first, long long n, candidate *c,
                      const double *scale) {
  const sq_fit_settings *s = m->s;
  const sq_observed *o = s->obs;
  int horizon = o->last_day + 1;
#pragma omp parallel num_threads(s->threads) if (s->threads > 1 && n > 1)
  {
    scratch *t = scratch_alloc(m->d);
    double *series = malloc((size_t)horizon * SQ_SERIES_COUNT * sizeof *series);
    double *buf = malloc(o->n * SQ_SERIES_COUNT * sizeof *buf);
#pragma omp for schedule(dynamic, 1)
    for (long long k = 0; k < n; k++) {
      candidate *x = &c[k];
      long long i = first + k;
      x->ok = false;
      x->distance = INFINITY;
      memset(&x->error, 0, sizeof x->error);
      if (!t || !series || !buf) {
        sq_error_set(&x->error, SQ_ERUNTIME, "out of memory");
        continue;
      }
      if (s->cancel && *s->cancel) {
        sq_error_set(&x->error, SQ_ERUNTIME, "interrupted");
        continue;
      }
      if (propose(m, g, i, t, x->z, &x->error)) continue;
      uint32_t replicate =
          sq_philox(s->seed, (uint32_t)g, SQ_NO_DAY, (uint32_t)i, SQ_DRAW_FIT_REPLICATE, 0).v[0];
      int32_t died;
      if (simulate(s, x->z, replicate, horizon, NULL, t, series, &died, &x->error)) continue;
      simulated_stats(o, series, buf, x->stat);
      if (scale) x->distance = sq_stat_distance(x->stat, m->out->observed_stat, scale, m->out->m);
      x->ok = true;
    }
    scratch_free(t);
    free(series);
    free(buf);
  }
}

static int alloc_generation(sq_fit_generation *gen, int n, int d) {
  gen->value = malloc((size_t)n * d * sizeof *gen->value);
  gen->z = malloc((size_t)n * d * sizeof *gen->z);
  gen->weight = malloc((size_t)n * sizeof *gen->weight);
  gen->distance = malloc((size_t)n * sizeof *gen->distance);
  return gen->value && gen->z && gen->weight && gen->distance ? 0 : -1;
}

static void free_generation(sq_fit_generation *gen) {
  free(gen->value);
  free(gen->z);
  free(gen->weight);
  free(gen->distance);
  memset(gen, 0, sizeof *gen);
}

void sq_fit_result_free(sq_fit_result *r) {
  for (int g = 0; g < r->generations; g++) free_generation(&r->gen[g]);
  r->generations = 0;
}

/* Report the failures of a batch, in index order, a few in full. */
static void report_failures(const sq_fit_settings *s, int g, long long first, const candidate *c,
                            long long n, long long *shown) {
  for (long long k = 0; k < n; k++) {
    if (c[k].ok || !s->progress) continue;
    if (*shown < 5)
      fprintf(s->progress, "shequn fit: generation %d, candidate %lld failed: %s\n", g, first + k,
              c[k].error.message);
    else if (*shown == 5)
      fprintf(s->progress,
              "shequn fit: generation %d: more failures (counted in generations.csv)\n", g);
    (*shown)++;
  }
}

/* Generation g, to out->gen[g]: 0 with *done, or 0 without it when it
 * stopped unfinished (out->stopped says why), or an error. */
static int generation(smc *m, int g, double tolerance, long long *budget_left, bool *done,
                      sq_error *err) {
  const sq_fit_settings *s = m->s;
  sq_fit_result *out = m->out;
  int n = s->particles, d = m->d;
  sq_fit_generation *gen = &out->gen[g];
  memset(gen, 0, sizeof *gen);
  if (alloc_generation(gen, n, d))
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for a generation");
  long long limit = (long long)ceil(n / s->min_acceptance); /* beyond it the rate is too low */
  long long cap = 10LL * n + 64;
  candidate *c = malloc((size_t)cap * sizeof *c);
  /* generation 0 keeps its statistics to find their spread */
  double *stats0 = NULL;
  long long n0 = 0;
  gsl_vector *work = gsl_vector_alloc((size_t)d);
  if (!c || !work) {
    free(c);
    if (work) gsl_vector_free(work);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for the candidates");
  }
  long long within = 0, next = 0, shown = 0;
  int rc = SQ_OK;
  *done = false;
  double prev_rate = g > 0 ? out->gen[g - 1].acceptance_rate : 1.0;
  while (gen->accepted < n) {
    if (s->cancel && *s->cancel) {
      rc = sq_error_set(err, SQ_ERUNTIME, "interrupted");
      break;
    }
    if (*budget_left <= 0) {
      snprintf(out->stopped, sizeof out->stopped,
               "the simulation budget ran out in generation %d, which is left out", g);
      snprintf(out->stopped_zh, sizeof out->stopped_zh, "第 %d 代中模拟次数用完，该代不计", g);
      break;
    }
    if (next >= limit) {
      if (g == 0) {
        snprintf(out->stopped, sizeof out->stopped,
                 "fewer than %d of %lld simulations from the prior succeeded", n, next);
        snprintf(out->stopped_zh, sizeof out->stopped_zh,
                 "从先验出发的 %lld 次模拟中成功的不到 %d 次", next, n);
      } else {
        snprintf(out->stopped, sizeof out->stopped,
                 "generation %d accepted fewer than %d of %lld candidates (acceptance below %g); "
                 "it is left out",
                 g, n, next, s->min_acceptance);
        snprintf(out->stopped_zh, sizeof out->stopped_zh,
                 "第 %d 代在 %lld 个候选中接受的不到 %d 个（接受率低于 %g），该代不计", g, next, n,
                 s->min_acceptance);
      }
      break;
    }
    /* the batch: what the acceptance so far suggests will finish the generation */
    double rate = next > 0 && within > 0 ? (double)within / next : prev_rate;
    if (rate < s->min_acceptance) rate = s->min_acceptance;
    long long b = (long long)ceil((n - gen->accepted) / rate * 1.1) + 8;
    if (b > cap) b = cap;
    if (b > limit - next) b = limit - next;
    if (b > *budget_left) b = *budget_left;
    run_batch(m, g, next, b, c, g > 0 ? out->scale : NULL);
    if (s->cancel && *s->cancel) {
      rc = sq_error_set(err, SQ_ERUNTIME, "interrupted");
      break;
    }
    report_failures(s, g, next, c, b, &shown);
    *budget_left -= b;
    gen->simulations += b;
    out->simulations += b;
    for (long long k = 0; k < b; k++) {
      candidate *x = &c[k];
      if (!x->ok) {
        gen->failed++;
        out->failed++;
        continue;
      }
      if (g == 0) {
        double *grown = realloc(stats0, (size_t)(n0 + 1) * SQ_MAX_STATS * sizeof *grown);
        if (!grown) {
          rc = sq_error_set(err, SQ_ERUNTIME, "out of memory for the statistics");
          break;
        }
        stats0 = grown;
        memcpy(&stats0[n0++ * SQ_MAX_STATS], x->stat, SQ_MAX_STATS * sizeof *x->stat);
      }
      if (!(x->distance <= tolerance) && g > 0) continue;
      within++;
      if (gen->accepted == n) continue;
      int a = gen->accepted++;
      memcpy(&gen->z[(size_t)a * d], x->z, (size_t)d * sizeof *x->z);
      gen->distance[a] = x->distance;
      /* generation 0's distances wait for the spread of its statistics */
      gen->weight[a] = g == 0 ? 1.0
                              : sq_abc_weight(s->prior->dist, d, x->z, m->prev->z, m->prev->weight,
                                              (size_t)m->prev->accepted, &m->kernel, work);
    }
    next += b;
    if (rc) break;
  }
  free(c);
  gsl_vector_free(work);
  *done = !rc && gen->accepted == n;
  if (*done && g == 0) {
    /* the spread of each statistic over generation 0, then its distances */
    double *table = malloc((size_t)(n0 ? n0 : 1) * out->m * sizeof *table);
    if (!table) {
      free(stats0);
      return sq_error_set(err, SQ_ERUNTIME, "out of memory for the statistics");
    }
    for (long long i = 0; i < n0; i++)
      memcpy(&table[i * out->m], &stats0[i * SQ_MAX_STATS], (size_t)out->m * sizeof *table);
    sq_stat_scales(table, (size_t)n0, out->m, out->scale);
    free(table);
    /* the accepted candidates are the first successful ones, in order */
    for (int a = 0; a < gen->accepted; a++) {
      gen->distance[a] = sq_stat_distance(&stats0[(size_t)a * SQ_MAX_STATS], out->observed_stat,
                                          out->scale, out->m);
      if (a == 0 || gen->distance[a] > gen->tolerance) gen->tolerance = gen->distance[a];
    }
  }
  free(stats0);
  if (!*done) return rc;
  if (g > 0) gen->tolerance = tolerance;
  gen->acceptance_rate = gen->simulations ? (double)within / gen->simulations : 0;
  if (!(sq_normalise(gen->weight, (size_t)n) > 0)) /* every kernel density underflowed */
    for (int a = 0; a < n; a++) gen->weight[a] = 1.0 / n;
  gen->ess = sq_ess(gen->weight, (size_t)n);
  for (int a = 0; a < n; a++)
    for (int k = 0; k < d; k++)
      gen->value[(size_t)a * d + k] =
          sq_prior_to_value(&s->prior->dist[k], gen->z[(size_t)a * d + k]);
  return SQ_OK;
}

int sq_fit_run(const sq_fit_settings *s, sq_fit_result *out, sq_error *err) {
  memset(out, 0, sizeof *out);
  smc m = {.s = s, .out = out, .d = s->prior->n};
  out->d = m.d;
  sq_series_view ov;
  view_of_observed(s->obs, &ov);
  out->m = sq_summaries(&ov, out->observed_stat, out->stat_name);
  long long budget_left = s->budget;
  double tolerance = INFINITY;
  int max_g =
      s->max_generations < SQ_FIT_MAX_GENERATIONS ? s->max_generations : SQ_FIT_MAX_GENERATIONS;
  for (int g = 0; g < max_g; g++) {
    if (g > 0) {
      /* the kernel: 2 x the previous generation's weighted covariance */
      const sq_fit_generation *p = &out->gen[g - 1];
      double mean[SQ_FIT_MAX_PARAMS], cov[SQ_FIT_MAX_PARAMS * SQ_FIT_MAX_PARAMS];
      sq_weighted_cov(p->z, p->weight, (size_t)p->accepted, m.d, mean, cov);
      for (int k = 0; k < m.d * m.d; k++) cov[k] *= 2;
      int rc = sq_kernel_init(&m.kernel, cov, m.d, err);
      if (rc) {
        sq_fit_result_free(out);
        return rc;
      }
      m.prev = p;
    }
    bool done;
    int rc = generation(&m, g, tolerance, &budget_left, &done, err);
    sq_kernel_free(&m.kernel);
    if (rc || !done) {
      free_generation(&out->gen[g]);
      if (rc) {
        sq_fit_result_free(out);
        return rc;
      }
      if (g == 0) {
        sq_fit_result_free(out);
        return sq_error_set(err, SQ_ERUNTIME, "generation 0 did not finish: %s", out->stopped);
      }
      break;
    }
    out->generations = g + 1;
    sq_fit_generation *gen = &out->gen[g];
    if (s->progress)
      fprintf(s->progress,
              "shequn fit: generation %d: tolerance %.4g, %d accepted of %lld simulated "
              "(acceptance %.3g), ESS %.1f, %lld failed\n",
              g, gen->tolerance, gen->accepted, gen->simulations, gen->acceptance_rate, gen->ess,
              gen->failed);
    if (g > 0 && gen->acceptance_rate < s->min_acceptance) {
      snprintf(out->stopped, sizeof out->stopped, "the acceptance rate %.3g fell below %g",
               gen->acceptance_rate, s->min_acceptance);
      snprintf(out->stopped_zh, sizeof out->stopped_zh, "接受率 %.3g 低于 %g", gen->acceptance_rate,
               s->min_acceptance);
      break;
    }
    double next = sq_tolerance(gen->distance, (size_t)gen->accepted, s->quantile);
    if (g > 0 && !((gen->tolerance - next) >= s->stall * gen->tolerance)) {
      snprintf(out->stopped, sizeof out->stopped,
               "the tolerance stalled (it would fall by less than %g%%)", 100 * s->stall);
      snprintf(out->stopped_zh, sizeof out->stopped_zh, "容差停滞（下降不到 %g%%）",
               100 * s->stall);
      break;
    }
    if (g + 1 == max_g) {
      snprintf(out->stopped, sizeof out->stopped, "it reached %d generations", max_g);
      snprintf(out->stopped_zh, sizeof out->stopped_zh, "已达到 %d 代", max_g);
      break;
    }
    if (budget_left <= 0) {
      snprintf(out->stopped, sizeof out->stopped, "the simulation budget of %lld ran out",
               s->budget);
      snprintf(out->stopped_zh, sizeof out->stopped_zh, "%lld 次模拟的预算已用完", s->budget);
      break;
    }
    tolerance = next;
  }
  return SQ_OK;
}

/* ---- posterior predictive runs and what-ifs ------------------------------ */

void sq_fit_draws_free(sq_fit_draws *d) {
  free(d->particle);
  free(d->replicate);
  free(d->failed);
  free(d->series);
  free(d->died_day);
  free(d->died_what_if);
  memset(d, 0, sizeof *d);
}

int sq_fit_predict(const sq_fit_settings *s, const sq_fit_result *fit, int n,
                   const char *const *what_if, int n_what_if, sq_fit_draws *out, sq_error *err) {
  memset(out, 0, sizeof *out);
  const sq_fit_generation *last = &fit->gen[fit->generations - 1];
  int d = fit->d;
  out->n = n;
  out->horizon = s->obs->last_day + 366;
  out->n_what_if = n_what_if;
  size_t per_draw = (size_t)out->horizon * SQ_SERIES_COUNT;
  out->particle = malloc((size_t)n * sizeof *out->particle);
  out->replicate = malloc((size_t)n * sizeof *out->replicate);
  out->failed = calloc((size_t)n, sizeof *out->failed);
  out->series = malloc((size_t)n * per_draw * sizeof *out->series);
  out->died_day = malloc((size_t)n * sizeof *out->died_day);
  out->died_what_if = malloc(((size_t)n * n_what_if + 1) * sizeof *out->died_what_if);
  if (!out->particle || !out->replicate || !out->failed || !out->series || !out->died_day ||
      !out->died_what_if) {
    sq_fit_draws_free(out);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for %d posterior draws", n);
  }
  for (int i = 0; i < n; i++) {
    sq_bits4 b = sq_philox(s->seed, SQ_NO_REPLICATE, SQ_NO_DAY, (uint32_t)i, SQ_DRAW_FIT_DRAWS, 0);
    out->particle[i] = (int)sq_pick_by_weight(last->weight, (size_t)last->accepted, sq_u01(b.v[0]));
    out->replicate[i] = b.v[1];
  }
  /* the baseline and each what-if: (n_what_if + 1) x n runs, each on one thread */
  long long runs = (long long)(n_what_if + 1) * n;
  sq_error *errors = calloc((size_t)runs, sizeof *errors);
  if (!errors) {
    sq_fit_draws_free(out);
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for %d posterior draws", n);
  }
#pragma omp parallel num_threads(s->threads) if (s->threads > 1)
  {
    scratch *t = scratch_alloc(d);
    double *own = malloc(per_draw * sizeof *own);
#pragma omp for schedule(dynamic, 1)
    for (long long r = 0; r < runs; r++) {
      int w = (int)(r / n), i = (int)(r % n); /* w 0: the baseline; w k: what-if k - 1 */
      int32_t died = INT32_MIN;
      if (!t || !own) {
        sq_error_set(&errors[r], SQ_ERUNTIME, "out of memory");
      } else if (s->cancel && *s->cancel) {
        sq_error_set(&errors[r], SQ_ERUNTIME, "interrupted");
      } else {
        const double *z = &last->z[(size_t)out->particle[i] * d];
        double *series = w == 0 ? &out->series[(size_t)i * per_draw] : own;
        if (simulate(s, z, out->replicate[i], out->horizon, w ? what_if[w - 1] : NULL, t, series,
                     &died, &errors[r]))
          died = INT32_MIN;
      }
      if (w == 0) {
        out->died_day[i] = died;
        out->failed[i] = died == INT32_MIN;
      } else {
        out->died_what_if[(size_t)(w - 1) * n + i] = died;
      }
    }
    scratch_free(t);
    free(own);
  }
  int rc = SQ_OK;
  long long shown = 0;
  for (long long r = 0; r < runs; r++) {
    if (!errors[r].status) continue;
    out->failed_runs++;
    if (s->cancel && *s->cancel) {
      rc = sq_error_set(err, SQ_ERUNTIME, "interrupted");
      break;
    }
    if (s->progress && shown++ < 5)
      fprintf(s->progress, "shequn fit: posterior draw %lld%s%s failed: %s\n", r % n,
              r >= n ? " under " : "", r >= n ? what_if[r / n - 1] : "", errors[r].message);
  }
  free(errors);
  if (rc) sq_fit_draws_free(out);
  return rc;
}

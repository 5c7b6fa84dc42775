#include "sim/io/fit_output.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/analysis/forecast.h"
#include "sim/analysis/stats.h"
#include "sim/io/csv.h"
#include "sim/io/fileio.h"

/* "," and v in the fewest digits that read back as v (up to 17); only ","
 * when v is not finite (an empty cell). */
static void number(FILE *f, double v) {
  fputc(',', f);
  if (!isfinite(v)) return;
  char buf[40];
  if (v == floor(v) && fabs(v) < 1e15) {
    fprintf(f, "%.0f", v);
    return;
  }
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (strtod(buf, NULL) == v) break;
  }
  fputs(buf, f);
}

static void series_header(FILE *f, const sq_observed *obs, const char *suffix) {
  for (int s = 0; s < SQ_SERIES_COUNT; s++)
    if (obs->present[s]) fprintf(f, ",%s%s", sq_series_names[s], suffix);
}

static void write_observed(FILE *f, const sq_observed *obs) {
  fputs("day", f);
  series_header(f, obs, "");
  fputc('\n', f);
  for (size_t i = 0; i < obs->n; i++) {
    fprintf(f, "%d", (int)obs->day[i]);
    for (int s = 0; s < SQ_SERIES_COUNT; s++)
      if (obs->present[s]) number(f, obs->value[s][i]);
    fputc('\n', f);
  }
}

static void write_particles(FILE *f, const sq_fit_files *in) {
  const sq_fit_result *fit = in->fit;
  fputs("generation,index", f);
  for (int k = 0; k < fit->d; k++) fprintf(f, ",%s", in->prior_keys->param[k]->path);
  fputs(",weight,distance\n", f);
  for (int g = 0; g < fit->generations; g++) {
    const sq_fit_generation *gen = &fit->gen[g];
    for (int a = 0; a < gen->accepted; a++) {
      fprintf(f, "%d,%d", g, a);
      for (int k = 0; k < fit->d; k++) number(f, gen->value[(size_t)a * fit->d + k]);
      number(f, gen->weight[a]);
      number(f, gen->distance[a]);
      fputc('\n', f);
    }
  }
}

static void write_generations(FILE *f, const sq_fit_result *fit) {
  fputs("generation,tolerance,acceptance_rate,ess,simulations,failed,accepted\n", f);
  for (int g = 0; g < fit->generations; g++) {
    const sq_fit_generation *gen = &fit->gen[g];
    fprintf(f, "%d", g);
    number(f, gen->tolerance);
    number(f, gen->acceptance_rate);
    number(f, gen->ess);
    fprintf(f, ",%lld,%lld,%d\n", gen->simulations, gen->failed, gen->accepted);
  }
}

static int write_predictive(FILE *f, const sq_fit_files *in, sq_error *err) {
  const sq_observed *obs = in->obs;
  const sq_fit_draws *d = in->draws;
  static const double q[5] = {0.025, 0.25, 0.5, 0.75, 0.975};
  static const char *const qname[5] = {"q025", "q25", "q50", "q75", "q975"};
  fputs("day", f);
  for (int s = 0; s < SQ_SERIES_COUNT; s++)
    if (obs->present[s])
      for (int k = 0; k < 5; k++) fprintf(f, ",%s_%s", sq_series_names[s], qname[k]);
  series_header(f, obs, "_observed");
  fputc('\n', f);
  double *col = malloc((size_t)(d->n ? d->n : 1) * sizeof *col);
  if (!col) return sq_error_set(err, SQ_ERUNTIME, "out of memory for predictive.csv");
  size_t row = 0; /* the next observed row */
  for (int day = 0; day < d->horizon; day++) {
    fprintf(f, "%d", day);
    for (int s = 0; s < SQ_SERIES_COUNT; s++) {
      if (!obs->present[s]) continue;
      size_t c = 0;
      for (int i = 0; i < d->n; i++)
        if (!d->failed[i])
          col[c++] = d->series[((size_t)i * d->horizon + day) * SQ_SERIES_COUNT + s];
      gsl_sort(col, 1, c);
      for (int k = 0; k < 5; k++)
        number(f, c ? gsl_stats_quantile_from_sorted_data(col, 1, c, q[k]) : NAN);
    }
    while (row < obs->n && obs->day[row] < day) row++;
    bool here = row < obs->n && obs->day[row] == day;
    for (int s = 0; s < SQ_SERIES_COUNT; s++)
      if (obs->present[s]) number(f, here ? obs->value[s][row] : NAN);
    fputc('\n', f);
  }
  free(col);
  return SQ_OK;
}

/* The forecast of the baseline and of each what-if, over the draws alive
 * on the last observed day whose runs all succeeded. */
typedef struct forecasts {
  int n;                    /* paired draws */
  int *life;                /* (1 + n_what_if) x n */
  sq_forecast *f;           /* 1 + n_what_if */
  double *change, *lo, *hi; /* n_what_if */
} forecasts;

static int compute_forecasts(const sq_fit_files *in, forecasts *fc, sq_error *err) {
  const sq_fit_draws *d = in->draws;
  int w = d->n_what_if;
  int32_t last = in->obs->last_day;
  fc->life = malloc((size_t)(w + 1) * (d->n ? d->n : 1) * sizeof *fc->life);
  fc->f = malloc((size_t)(w + 1) * sizeof *fc->f);
  fc->change = malloc((size_t)(w + 1) * 3 * sizeof(double));
  if (!fc->life || !fc->f || !fc->change)
    return sq_error_set(err, SQ_ERUNTIME, "out of memory for the forecast");
  fc->lo = fc->change + w + 1;
  fc->hi = fc->lo + w + 1;
  int n = 0;
  for (int i = 0; i < d->n; i++) {
    if (d->failed[i] || sq_remaining_life(d->died_day[i], last) < 0) continue;
    bool ok = true;
    for (int k = 0; k < w; k++) ok = ok && d->died_what_if[(size_t)k * d->n + i] != INT32_MIN;
    if (!ok) continue;
    fc->life[n] = sq_remaining_life(d->died_day[i], last);
    for (int k = 0; k < w; k++) {
      int l = sq_remaining_life(d->died_what_if[(size_t)k * d->n + i], last);
      fc->life[(size_t)(k + 1) * d->n + n] = l < 0 ? 0 : l; /* dead by then under the change */
    }
    n++;
  }
  fc->n = n;
  for (int k = 0; k <= w; k++) sq_forecast_compute(&fc->life[(size_t)k * d->n], n, &fc->f[k]);
  for (int k = 0; k < w; k++) {
    fc->change[k] = fc->lo[k] = fc->hi[k] = NAN;
    if (n > 0 && sq_forecast_change(fc->life, &fc->life[(size_t)(k + 1) * d->n], n, in->seed,
                                    (uint32_t)k, 2000, &fc->change[k], &fc->lo[k], &fc->hi[k]))
      return sq_error_set(err, SQ_ERUNTIME, "out of memory for the what-if's bootstrap");
  }
  return SQ_OK;
}

static void write_forecast(FILE *f, const sq_fit_files *in, const forecasts *fc) {
  fputs("days_after,alive", f);
  for (int k = 0; k < in->draws->n_what_if; k++) {
    fputc(',', f);
    sq_csv_text(f, in->what_if[k]);
  }
  fputc('\n', f);
  for (int t = 0; t <= SQ_FORECAST_DAYS; t++) {
    fprintf(f, "%d", t);
    for (int k = 0; k <= in->draws->n_what_if; k++) number(f, fc->f[k].alive[t]);
    fputc('\n', f);
  }
}

static void add_number_or_null(cJSON *o, const char *name, double v) {
  if (isfinite(v))
    cJSON_AddNumberToObject(o, name, v);
  else
    cJSON_AddNullToObject(o, name);
}

static void add_survival(cJSON *o, const sq_forecast *f) {
  cJSON *alive = cJSON_AddObjectToObject(o, "alive");
  static const int at[] = {30, 90, 180, 365};
  for (size_t k = 0; k < SQ_LEN(at); k++) {
    char name[8];
    snprintf(name, sizeof name, "%d", at[k]);
    add_number_or_null(alive, name, f->alive[at[k]]);
  }
  add_number_or_null(o, "median_remaining_days", f->median);
  if (f->n > 0 && isnan(f->median)) cJSON_AddTrueToObject(o, "beyond");
}

static char *summary(const sq_fit_files *in, const forecasts *fc) {
  const sq_fit_result *fit = in->fit;
  const sq_fit_generation *last = &fit->gen[fit->generations - 1];
  int d = fit->d;
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "scenario", in->scenario);
  cJSON_AddStringToObject(root, "observed", in->observed);
  cJSON_AddStringToObject(root, "prior", in->prior);
  cJSON_AddNumberToObject(root, "seed", (double)in->seed);
  cJSON_AddNumberToObject(root, "last_observed_day", in->obs->last_day);
  cJSON_AddNumberToObject(root, "generations", fit->generations);
  cJSON_AddNumberToObject(root, "simulations", (double)fit->simulations);
  cJSON_AddNumberToObject(root, "failed", (double)fit->failed);
  cJSON_AddNumberToObject(root, "particles", last->accepted);
  cJSON_AddStringToObject(root, "stopped", fit->stopped);
  cJSON *stats = cJSON_AddArrayToObject(root, "statistics");
  for (int k = 0; k < fit->m; k++) {
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "name", fit->stat_name[k]);
    cJSON_AddNumberToObject(s, "observed", fit->observed_stat[k]);
    cJSON_AddNumberToObject(s, "scale", fit->scale[k]);
    cJSON_AddItemToArray(stats, s);
  }
  double mean[SQ_FIT_MAX_PARAMS], cov[SQ_FIT_MAX_PARAMS * SQ_FIT_MAX_PARAMS];
  sq_weighted_cov(last->value, last->weight, (size_t)last->accepted, d, mean, cov);
  cJSON *params = cJSON_AddArrayToObject(root, "parameters");
  double *col = malloc((size_t)last->accepted * sizeof *col);
  for (int k = 0; k < d && col; k++) {
    for (int a = 0; a < last->accepted; a++) col[a] = last->value[(size_t)a * d + k];
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "key", in->prior_keys->param[k]->path);
    cJSON_AddItemToObject(p, "prior", sq_prior_to_json(in->prior_keys, k));
    size_t n = (size_t)last->accepted;
    cJSON_AddNumberToObject(p, "median", sq_weighted_quantile(col, last->weight, n, 0.5));
    cJSON_AddNumberToObject(p, "mean", mean[k]);
    cJSON_AddNumberToObject(p, "sd", sqrt(cov[k * d + k]));
    cJSON_AddNumberToObject(p, "lo90", sq_weighted_quantile(col, last->weight, n, 0.05));
    cJSON_AddNumberToObject(p, "hi90", sq_weighted_quantile(col, last->weight, n, 0.95));
    cJSON_AddNumberToObject(p, "lo95", sq_weighted_quantile(col, last->weight, n, 0.025));
    cJSON_AddNumberToObject(p, "hi95", sq_weighted_quantile(col, last->weight, n, 0.975));
    cJSON_AddItemToArray(params, p);
  }
  free(col);
  cJSON *corr = cJSON_AddArrayToObject(root, "correlations");
  for (int a = 0; a < d; a++) {
    cJSON *row = cJSON_CreateArray();
    for (int b = 0; b < d; b++) {
      double den = sqrt(cov[a * d + a] * cov[b * d + b]);
      double r = a == b ? 1.0 : den > 0 ? cov[a * d + b] / den : NAN;
      cJSON_AddItemToArray(row, isfinite(r) ? cJSON_CreateNumber(r) : cJSON_CreateNull());
    }
    cJSON_AddItemToArray(corr, row);
  }
  cJSON *fore = cJSON_AddObjectToObject(root, "forecast");
  add_survival(fore, &fc->f[0]);
  add_number_or_null(fore, "lo95", fc->f[0].lo95);
  add_number_or_null(fore, "hi95", fc->f[0].hi95);
  cJSON_AddNumberToObject(fore, "censored_at", SQ_FORECAST_DAYS);
  cJSON_AddNumberToObject(fore, "draws", in->draws->n);
  cJSON_AddNumberToObject(fore, "alive_at_last_observed_day", fc->n);
  cJSON *wi = cJSON_AddArrayToObject(root, "what_if");
  for (int k = 0; k < in->draws->n_what_if; k++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "assignment", in->what_if[k]);
    add_survival(o, &fc->f[k + 1]);
    bool beyond = isnan(fc->f[0].median) || isnan(fc->f[k + 1].median);
    add_number_or_null(o, "change_days", beyond ? NAN : fc->change[k]);
    add_number_or_null(o, "change_lo95", fc->lo[k]);
    add_number_or_null(o, "change_hi95", fc->hi[k]);
    cJSON_AddItemToArray(wi, o);
  }
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  return text;
}

/* A remaining life in days, or ">365" ("超过 365"). */
static const char *days(double v, bool zh, char *buf, size_t size) {
  if (isfinite(v))
    snprintf(buf, size, "%.0f", v);
  else
    snprintf(buf, size, zh ? "超过 %d" : ">%d", SQ_FORECAST_DAYS);
  return buf;
}

static void survival_line(FILE *f, const sq_forecast *fc, bool zh) {
  char m[24];
  fprintf(f,
          zh ? "365 天后仍存活 %.0f%%，剩余寿命中位数 %s 天"
             : "alive 365 days later %.0f%%, median remaining life %s days",
          100 * fc->alive[365], days(fc->median, zh, m, sizeof m));
}

/* What the files say, in English or Chinese. */
static void report(FILE *f, const sq_fit_files *in, const forecasts *fc) {
  const sq_fit_result *fit = in->fit;
  const sq_fit_generation *last = &fit->gen[fit->generations - 1];
  bool zh = in->chinese;
  int d = fit->d;
  if (zh)
    fprintf(f, "共 %d 代，%lld 次模拟（%lld 次失败）；停止原因：%s\n", fit->generations,
            fit->simulations, fit->failed, fit->stopped_zh);
  else
    fprintf(f, "%d generation%s, %lld simulations (%lld failed); stopped: %s\n", fit->generations,
            fit->generations == 1 ? "" : "s", fit->simulations, fit->failed, fit->stopped);
  double *col = malloc((size_t)last->accepted * sizeof *col);
  for (int k = 0; k < d && col; k++) {
    for (int a = 0; a < last->accepted; a++) col[a] = last->value[(size_t)a * d + k];
    size_t n = (size_t)last->accepted;
    const sq_prior *p = &in->prior_keys->dist[k];
    fprintf(f,
            zh ? "  %s：中位数 %.4g，90%% 区间 %.4g 至 %.4g（先验 %s %.4g, %.4g）\n"
               : "  %s: median %.4g, 90%% interval %.4g to %.4g (prior %s %.4g, %.4g)\n",
            in->prior_keys->param[k]->path, sq_weighted_quantile(col, last->weight, n, 0.5),
            sq_weighted_quantile(col, last->weight, n, 0.05),
            sq_weighted_quantile(col, last->weight, n, 0.95), sq_prior_kind_names[p->kind], p->a,
            p->b);
  }
  free(col);
  char lo[24], hi[24];
  if (zh)
    fprintf(f, "从第 %d 天起预测（%d 次后验模拟中 %d 次当时仍存活）：", (int)in->obs->last_day,
            in->draws->n, fc->n);
  else
    fprintf(f,
            "forecast from day %d (%d of %d posterior runs alive then): ", (int)in->obs->last_day,
            fc->n, in->draws->n);
  if (fc->n == 0) {
    fputs(zh ? "无可预测\n" : "none to forecast\n", f);
    return;
  }
  survival_line(f, &fc->f[0], zh);
  fprintf(f, zh ? "（95%%：%s 至 %s）\n" : " (95%%: %s to %s)\n",
          days(fc->f[0].lo95, zh, lo, sizeof lo), days(fc->f[0].hi95, zh, hi, sizeof hi));
  for (int k = 0; k < in->draws->n_what_if; k++) {
    bool beyond = isnan(fc->f[0].median) || isnan(fc->f[k + 1].median);
    fprintf(f, zh ? "  如果 %s：" : "  what if %s: ", in->what_if[k]);
    survival_line(f, &fc->f[k + 1], zh);
    if (isnan(fc->f[0].median) && isnan(fc->f[k + 1].median)) {
      /* both medians are censored: their difference says nothing */
      fputs(zh ? "；两个中位数都超过 365 天，无法给出变化，请比较存活比例\n"
               : "; both medians lie beyond 365 days, so their change cannot be given: "
                 "compare the shares alive\n",
            f);
      continue;
    }
    if (zh)
      fprintf(f, "；中位数变化 %+.0f 天（95%%：%+.0f 至 %+.0f）%s\n", fc->change[k], fc->lo[k],
              fc->hi[k], beyond ? "，超过 365 天的寿命按 366 天计" : "");
    else
      fprintf(f, "; change of the median %+.0f days (95%%: %+.0f to %+.0f)%s\n", fc->change[k],
              fc->lo[k], fc->hi[k], beyond ? ", lives beyond 365 days counted as 366" : "");
  }
}

enum { OBSERVED, PARTICLES, GENERATIONS, PREDICTIVE, FORECAST, FILES };

int sq_fit_write(const char *dir, const sq_fit_files *in, sq_error *err) {
  static const char *const names[FILES] = {"observed.csv", "particles.csv", "generations.csv",
                                           "predictive.csv", "forecast.csv"};
  forecasts fc = {0};
  int rc = compute_forecasts(in, &fc, err);
  sq_atomic_file files[FILES];
  memset(files, 0, sizeof files);
  for (int k = 0; k < FILES && !rc; k++) rc = sq_atomic_open_in(&files[k], dir, names[k], "", err);
  if (!rc) {
    write_observed(files[OBSERVED].f, in->obs);
    write_particles(files[PARTICLES].f, in);
    write_generations(files[GENERATIONS].f, in->fit);
    rc = write_predictive(files[PREDICTIVE].f, in, err);
    write_forecast(files[FORECAST].f, in, &fc);
  }
  char *text = rc ? NULL : summary(in, &fc);
  if (!rc && !text) rc = sq_error_set(err, SQ_ERUNTIME, "out of memory for summary.json");
  rc = sq_atomic_end(files, FILES, rc, err);
  if (!rc) {
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    rc = sq_write_json(path, text, err);
    text = NULL;
  }
  free(text);
  if (!rc && in->report) report(in->report, in, &fc);
  free(fc.life);
  free(fc.f);
  free(fc.change);
  return rc;
}

/* The plotting context and what every chart kind does (plots/chart.h). */
#include "plots/chart.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plots/gnuplot.h"
#include "sim/io/fileio.h"

cJSON *sq_plot_optional_json(const char *dir, const char *file) {
  char path[8400];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  char *text = sq_read_file(path, NULL, NULL);
  cJSON *j = text ? cJSON_Parse(text) : NULL;
  free(text);
  return j;
}

void sq_plot_scenario_dir(const sq_plotter *p, const char *name, char *buf, size_t size) {
  char curves[4500];
  snprintf(buf, size, "%s/%s", p->dir, name);
  snprintf(curves, sizeof curves, "%s/curves.csv", buf);
  if (access(curves, F_OK) != 0) snprintf(buf, size, "%s/../%s", p->dir, name);
}

/* A string of a JSON object, or NULL. */
static const char *string_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

/* scenario.json of the folder, if it is scenario `name`'s, else NULL. */
static cJSON *scenario_file(const char *dir, const char *name) {
  cJSON *j = sq_plot_optional_json(dir, "scenario.json");
  const char *n = string_of(j, "name");
  if (!n || strcmp(n, name) != 0) cJSON_Delete(j), j = NULL;
  return j;
}

void sq_plot_scenario_title(const sq_plotter *p, const char *name, char *buf, size_t size) {
  cJSON *own = scenario_file(p->dir, name); /* a run's folder */
  if (!own) {                               /* a scenario of a comparison */
    char dir[4400];
    sq_plot_scenario_dir(p, name, dir, sizeof dir);
    own = scenario_file(dir, name);
  }
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(p->gallery, "scenarios"), *shipped = NULL;
  for (const cJSON *s = list ? list->child : NULL; s && !shipped; s = s->next) {
    const char *n = string_of(s, "name");
    if (n && strcmp(n, name) == 0) shipped = s;
  }
  /* Chinese first when asked for, then English, then the name itself */
  const char *found = NULL;
  if (p->chinese)
    found = string_of(own, "title_zh") ? string_of(own, "title_zh")
          : string_of(own, "name_zh")  ? string_of(own, "name_zh")
                                       : string_of(shipped, "title_zh");
  if (!found) found = string_of(own, "title") ? string_of(own, "title") : string_of(shipped, "title_en");
  if (found) {
    snprintf(buf, size, "%s", found);
  } else {
    snprintf(buf, size, "%s", name);
    for (char *c = buf; *c; c++)
      if (*c == '_') *c = ' ';
  }
  cJSON_Delete(own);
}

/* The file gnuplot draws into, beside the final one: renamed into place
 * only when gnuplot succeeds. */
static void temp_of(const char *out, char *buf, size_t size) {
  const char *slash = strrchr(out, '/');
  int dir_len = slash ? (int)(slash - out + 1) : 0;
  snprintf(buf, size, "%.*s.%s.tmp-%ld", dir_len, out, out + dir_len, (long)getpid());
}

void sq_chart_begin(const sq_plotter *p, sq_chart *c, const char *kind, const char *title) {
  snprintf(c->out, sizeof c->out, "%s/%s%s.%s", p->dir, kind, p->chinese ? "-zh" : "", p->format);
  const char *font = "WenQuanYi Micro Hei";
  char term[256], temp[4500];
  if (strcmp(p->format, "svg") == 0)
    snprintf(term, sizeof term, "svg size 1600,900 font '%s,22' noenhanced background '#ffffff'",
             font);
  else if (strcmp(p->format, "pdf") == 0)
    snprintf(term, sizeof term, "pdfcairo size 10in,5.625in font '%s,14' noenhanced", font);
  else
    snprintf(term, sizeof term, "pngcairo size 1600,900 font '%s,22' noenhanced", font);
  sq_gp_clear(&c->script);
  sq_gp_string(&c->script, "term", term); /* a macro in common.gp: program constants only */
  temp_of(c->out, temp, sizeof temp);
  sq_gp_path(&c->script, "out", temp);
  sq_gp_string(&c->script, "title", title);
  sq_gp_path(&c->script, "dir_plots", p->templates);
}

void sq_chart_begin_scenario(const sq_plotter *p, sq_chart *c, const char *kind,
                             const char *title_format, const char *name) {
  char title[256], pretty[128];
  sq_plot_scenario_title(p, name, pretty, sizeof pretty);
  snprintf(title, sizeof title, title_format, pretty);
  sq_chart_begin(p, c, kind, title);
}

int sq_chart_render(sq_plotter *p, const char *template, const sq_chart *c, sq_error *err) {
  if (c->script.full)
    return sq_error_set(err, SQ_EINPUT, "%s: names or paths too long to plot", c->out);
  char path[4200], log[4200], temp[4500];
  snprintf(path, sizeof path, "%s/%s", p->templates, template);
  snprintf(log, sizeof log, "%s/gnuplot.log", p->scratch);
  temp_of(c->out, temp, sizeof temp);
  int rc = sq_plot_gnuplot(path, c->script.text, temp, c->out, log, p->dir, err);
  if (rc) return rc;
  printf("wrote %s\n", c->out);
  p->written++;
  return SQ_OK;
}

int sq_plot_data_open(const sq_plotter *p, const char *name, char *path, size_t size, FILE **f,
                      sq_error *err) {
  snprintf(path, size, "%s/%s", p->scratch, name);
  *f = fopen(path, "w");
  if (!*f) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", path, strerror(errno));
  return SQ_OK;
}

int sq_plot_data_close(FILE *f, const char *path, sq_error *err) {
  bool failed = ferror(f) != 0;
  int saved = errno;
  if (fclose(f) != 0 && !failed) failed = true, saved = errno;
  if (failed) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", path, strerror(saved));
  return SQ_OK;
}

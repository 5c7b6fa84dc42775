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

/* The Chinese name (name_zh) of scenario `name` plotted from p->dir: its
 * resolved scenario.json is DIR/NAME/ in a comparison, DIR/ in a run. */
static bool chinese_name(const sq_plotter *p, const char *name, char *buf, size_t size) {
  char sub[4200];
  snprintf(sub, sizeof sub, "%s/%s", p->dir, name);
  cJSON *j = sq_plot_optional_json(sub, "scenario.json");
  if (!j) j = sq_plot_optional_json(p->dir, "scenario.json");
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, "name");
  const cJSON *zh = cJSON_GetObjectItemCaseSensitive(j, "name_zh");
  bool found = cJSON_IsString(n) && strcmp(n->valuestring, name) == 0 && cJSON_IsString(zh) &&
               zh->valuestring[0];
  if (found) snprintf(buf, size, "%s", zh->valuestring);
  cJSON_Delete(j);
  return found;
}

void sq_plot_scenario_title(const sq_plotter *p, const char *name, char *buf, size_t size) {
  if (p->chinese && chinese_name(p, name, buf, size)) return;
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(p->gallery, "scenarios");
  for (const cJSON *s = list ? list->child : NULL; s; s = s->next) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(s, "name");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(s, p->chinese ? "title_zh" : "title_en");
    if (cJSON_IsString(n) && cJSON_IsString(t) && strcmp(n->valuestring, name) == 0) {
      snprintf(buf, size, "%s", t->valuestring);
      return;
    }
  }
  snprintf(buf, size, "%s", name);
  for (char *c = buf; *c; c++)
    if (*c == '_') *c = ' ';
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

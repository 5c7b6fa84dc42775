/* shequn plot: charts of a run or a comparison, through the gnuplot
 * templates in plots/.  The C side reads the CSV files, prepares what
 * gnuplot cannot easily compute (stage spans, step curves, shares of
 * posts), chooses the labels (English or Chinese) and runs gnuplot. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/commands/cli.h"
#include "sim/commands/plot.h"
#include "models/results.h"
#include "sim/io/names.h"
#include "sim/io/scenario.h"

extern char **environ;

static const char plot_usage[] =
    "Usage: shequn plot DIR [--format png|svg|pdf] [--lang en|zh]\n"
    "\n"
    "Draw the charts of a directory written by `shequn run`, `compare` or `sweep`,\n"
    "with gnuplot, into that directory:\n"
    "  lifecycle      members, active and silent members over time (median and\n"
    "                 10-90% band over replicates) over the five stages   (run)\n"
    "  survival       share of groups still alive by age, 95% bands       (run, compare)\n"
    "  network        groups and members of a network over time           (run, if it split)\n"
    "  participation  share of posts written by the most active members   (run --members)\n"
    "  comparison     active members of every scenario on one chart       (compare)\n"
    "  heatmap-M      the mean of metric M over a two-parameter grid        (sweep)\n"
    "  sensitivity-M  Sobol indices of each parameter on metric M         (sweep)\n"
    "Files are named KIND.FORMAT, or KIND-zh.FORMAT with --lang zh.\n"
    "\n"
    "Options:\n"
    "  --format F   png (default), svg or pdf\n"
    "  --lang L     en (default) or zh: labels in English or in Chinese\n"
    "  -h, --help   show this help\n"
    "The templates are plots/*.gp of the source tree: found under $SHEQUN_HOME,\n"
    "else beside the shequn binary (build/shequn), else in ./plots.\n"
    "Exit status: 0 done, 1 failed (gnuplot missing or failing), 2 bad input.\n";

/* ---- labels ---------------------------------------------------------------- */

typedef struct labels {
  const char *lifecycle, *survival, *network, *participation, *comparison, *heatmap, *indices;
  const char *first_order, *total_effect, *index_axis, *mean_of;
  const char *day, *age, *members, *active, *silent, *band, *groups, *alive_share;
  const char *members_axis, *groups_axis, *active_axis, *posts_axis, *members_share_axis;
  const char *top1, *top10, *equal;
  const char *stage[SQ_STAGE_COUNT];
} labels;

static const labels english = {
    "Lifecycle: %s", "Groups still alive", "A network of groups: %s", "Who writes the posts: %s",
    "Active members, scenarios compared", "%s: %s (mean over replicates)",
    "%s: what drives %s", "first-order index (alone)", "total-effect index (with interactions)",
    "Sobol index", "mean %s",
    "day", "age of the group (days)", "members (median)", "active members (median)",
    "silent members (median)", "10-90% of replicates", "groups alive (median)", "share of groups alive",
    "members", "groups", "active members (median, 10-90% band)", "share of all posts",
    "share of members, the most active first",
    "top 1%% write %.0f%%", "top 10%% write %.0f%%", "everyone writes alike",
    {"sprout", "growth", "active", "decline", "death"}};

static const labels chinese_labels = {
    "生命周期：%s", "仍存活的社群比例", "社群网络：%s", "谁在发言：%s", "活跃成员：方案比较",
    "%s：%s（重复实验均值）", "%s：什么决定了%s", "一阶指数（单独作用）", "总效应指数（含交互作用）",
    "Sobol 指数", "%s均值",
    "天", "社群年龄（天）", "成员数（中位数）", "活跃成员（中位数）", "沉默成员（中位数）",
    "重复实验的10%–90%区间", "存活群数（中位数）", "存活比例",
    "成员数", "群数", "活跃成员（中位数及10%–90%区间）", "发帖占比", "成员比例（从最活跃者起）",
    "前1%%的成员发了%.0f%%的帖子", "前10%%的成员发了%.0f%%的帖子", "人人发帖一样多",
    {"萌芽期", "成长期", "活跃期", "衰退期", "死亡期"}};

/* Metrics named in a reader's words (docs/SWEEPS.md lists them). */
typedef struct metric_title { const char *name, *en, *zh; } metric_title;
static const metric_title metric_titles[] = {
    {"lifespan_days", "lifespan of the first group (days)", "首个群的寿命（天）"},
    {"censored", "share alive at the horizon", "期末仍存活的比例"},
    {"peak_members", "most members at once", "成员数峰值"},
    {"reach", "people who ever joined", "曾加入的人数"},
    {"groups", "groups created", "创建的群数"},
    {"final_active", "active members at the end", "期末活跃成员数"},
    {"final_members", "members at the end", "期末成员数"},
    {"peak_groups", "most groups at once", "同时存活群数的峰值"},
    {"peak_day", "day of the first group's peak", "首个群达到峰值的日子"},
    {"posts", "posts written", "发帖总数"},
    {"sprout_days", "days as a sprout", "萌芽期天数"},
    {"growth_days", "days growing", "成长期天数"},
    {"active_days", "days active", "活跃期天数"},
    {"decline_days", "days declining", "衰退期天数"},
    {"death_days", "silent days before death", "死亡前沉寂天数"},
    {"member_steps", "member-days simulated", "模拟的成员日数"},
};

static const char *metric_title_of(bool chinese, const char *name) {
  for (size_t i = 0; i < sizeof metric_titles / sizeof *metric_titles; i++)
    if (strcmp(metric_titles[i].name, name) == 0)
      return chinese ? metric_titles[i].zh : metric_titles[i].en;
  return name;
}

static const char *const stage_colour[SQ_STAGE_COUNT] = {"#e5f5e0", "#c7e9c0", "#fff3bf",
                                                         "#fdd0a2", "#e0e0e0"};

/* ---- the plotting context --------------------------------------------------- */

typedef struct plotter {
  const char *dir;
  const char *format; /* png, svg, pdf */
  bool chinese;
  const labels *l;
  char templates[4096];
  char scratch[4096]; /* a temporary directory for prepared data */
  cJSON *gallery;     /* titles of the shipped scenarios, or NULL */
  int written;
} plotter;

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

bool sq_find_project_dir(const char *what, const char *probe, char *buf, size_t size) {
  char path[4200];
  const char *home = getenv("SHEQUN_HOME");
  if (home) {
    snprintf(path, sizeof path, "%s/%s/%s", home, what, probe);
    if (exists(path)) return snprintf(buf, size, "%s/%s", home, what), true;
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) { /* build/shequn in a source tree, or an installed binary */
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    const char *up[] = {"/..", "", "/../..", "/../share/shequn"};
    for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
      snprintf(path, sizeof path, "%s%s/%s/%s", exe, up[i], what, probe);
      if (exists(path)) return snprintf(buf, size, "%s%s/%s", exe, up[i], what), true;
    }
  }
  snprintf(path, sizeof path, "%s/%s", what, probe);
  if (exists(path)) return snprintf(buf, size, "%s", what), true;
  return false;
}

/* The title of a scenario in the chosen language: the gallery's, or its
 * name with spaces for underscores. */
static void scenario_title(const plotter *p, const char *name, char *buf, size_t size) {
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

/* ---- gnuplot ------------------------------------------------------------------ */

/* A gnuplot -e script.  Text from outside the program (names, titles,
 * paths, values read from CSV files) enters it only as a single-quoted
 * gnuplot string, where nothing is special but the quote itself (written
 * twice): never as commands or macros.  A script that does not fit is
 * spoilt whole (render refuses it) rather than left with a quote open. */
typedef struct gp_script {
  char text[65536];
  size_t used;
  bool full;
} gp_script;

static void put_raw(gp_script *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put_raw(gp_script *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = s->full ? -1 : vsnprintf(s->text + s->used, sizeof s->text - s->used, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof s->text - s->used) s->full = true;
  else s->used += (size_t)n;
}

/* 'value' as a gnuplot string: quotes doubled, control characters (which
 * would end the line of the script) as spaces. */
static void put_literal(gp_script *s, const char *value) {
  put_raw(s, "'");
  for (const unsigned char *c = (const unsigned char *)value; *c && !s->full; c++) {
    if (*c == '\'') put_raw(s, "''");
    else put_raw(s, "%c", *c < 0x20 || *c == 0x7f ? ' ' : *c);
  }
  put_raw(s, "'");
}

static void add_string(gp_script *s, const char *name, const char *value) {
  put_raw(s, "%s = ", name);
  put_literal(s, value);
  put_raw(s, "; ");
}

/* A path as gnuplot should take it: a file name starting with '<' or '|'
 * would be run as a command, so a relative path starts with "./". */
static const char *gp_path(const char *path, char *buf, size_t size) {
  snprintf(buf, size, "%s%s", path[0] == '/' ? "" : "./", path);
  return buf;
}

static void add_path(gp_script *s, const char *name, const char *path) {
  char buf[4400];
  add_string(s, name, gp_path(path, buf, sizeof buf));
}

/* `array name[n] = ['a', 'b', ...]` (n > 0). */
static void add_array(gp_script *s, const char *name, const char *const *values, int n) {
  put_raw(s, "array %s[%d] = [", name, n);
  for (int k = 0; k < n; k++) {
    if (k) put_raw(s, ", ");
    put_literal(s, values[k]);
  }
  put_raw(s, "]; ");
}

static void add_number(gp_script *s, const char *name, double value) {
  put_raw(s, "%s = %.10g; ", name, value);
}

/* The file gnuplot draws into, beside the final one: renamed into place
 * only when gnuplot succeeds. */
static void temp_of(const char *out, char *buf, size_t size) {
  const char *slash = strrchr(out, '/');
  int dir_len = slash ? (int)(slash - out + 1) : 0;
  snprintf(buf, size, "%.*s.%s.tmp-%ld", dir_len, out, out + dir_len, (long)getpid());
}

/* Start a script with the variables every template takes. */
static void begin_script(const plotter *p, gp_script *script, const char *kind,
                         const char *title, char *out, size_t out_size) {
  snprintf(out, out_size, "%s/%s%s.%s", p->dir, kind, p->chinese ? "-zh" : "", p->format);
  const char *font = "WenQuanYi Micro Hei";
  char term[256], temp[4400];
  if (strcmp(p->format, "svg") == 0)
    snprintf(term, sizeof term, "svg size 1600,900 font '%s,22' noenhanced background '#ffffff'",
             font);
  else if (strcmp(p->format, "pdf") == 0)
    snprintf(term, sizeof term, "pdfcairo size 10in,5.625in font '%s,14' noenhanced", font);
  else
    snprintf(term, sizeof term, "pngcairo size 1600,900 font '%s,22' noenhanced", font);
  script->used = 0, script->full = false, script->text[0] = '\0';
  add_string(script, "term", term); /* a macro in common.gp: program constants only */
  temp_of(out, temp, sizeof temp);
  add_path(script, "out", temp);
  add_string(script, "title", title);
  add_path(script, "dir_plots", p->templates);
}

/* gnuplot's messages from the log, for an error. */
static void read_log(const char *log, char *msg, size_t size) {
  msg[0] = '\0';
  FILE *f = fopen(log, "r");
  if (!f) return;
  size_t n = fread(msg, 1, size - 1, f);
  msg[n] = '\0';
  fclose(f);
}

/* Run gnuplot on a template: it draws into a temporary file beside `out`,
 * renamed into place on success and removed on failure, so a failure
 * never leaves an empty or partial chart.  On failure its messages are
 * shown. */
static int render(plotter *p, const char *template, const gp_script *script, const char *out,
                  sq_error *err) {
  if (script->full)
    return sq_error_set(err, SQ_EINPUT, "%s: names or paths too long to plot", out);
  char path[4200], rel[4200], log[4200], temp[4400];
  snprintf(path, sizeof path, "%s/%s", p->templates, template);
  snprintf(log, sizeof log, "%s/gnuplot.log", p->scratch);
  temp_of(out, temp, sizeof temp);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  char *argv[] = {"gnuplot", "-e", (char *)script->text, (char *)gp_path(path, rel, sizeof rel),
                  NULL};
  pid_t pid;
  int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc == ENOENT)
    return sq_error_set(err, SQ_ERUNTIME,
                        "gnuplot is not installed (Debian: apt-get install gnuplot-nox); the CSV "
                        "files in %s are there to plot with another tool",
                        p->dir);
  if (rc) return sq_error_set(err, SQ_ERUNTIME, "cannot run gnuplot: %s", strerror(rc));
  int status;
  waitpid(pid, &status, 0);
  struct stat st;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(temp, &st) != 0 || st.st_size == 0) {
    unlink(temp);
    char msg[600];
    read_log(log, msg, sizeof msg);
    return sq_error_set(err, SQ_ERUNTIME, "gnuplot failed on %s for %s: %s", template, out, msg);
  }
  if (rename(temp, out) != 0) {
    int saved = errno;
    unlink(temp);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot rename into place: %s", out,
                        strerror(saved));
  }
  printf("wrote %s\n", out);
  p->written++;
  return SQ_OK;
}

/* ---- reading the CSV files ------------------------------------------------------ */

/* One field at *at (RFC 4180 quotes undone) into buf; *at moves past it
 * and its comma, to NULL after the last.  False when no field is left;
 * *bad set on a stray or unclosed quote. */
static bool next_field(const char **at, char *buf, size_t size, bool *bad) {
  const char *c = *at;
  if (!c) return false;
  size_t n = 0;
  bool quoted = *c == '"';
  for (c += quoted; *c && (quoted || !strchr(",\r\n", *c)); c++) {
    if (*c == '"' && quoted && c[1] == '"') c++; /* a doubled quote */
    else if (*c == '"' && quoted) { quoted = false, c++; break; }
    else if (*c == '"' || (quoted && strchr("\r\n", *c))) *bad = true;
    if (n + 1 < size) buf[n++] = *c;
  }
  if (quoted || (*c && !strchr(",\r\n", *c))) *bad = true;
  buf[n] = '\0';
  *at = *c == ',' ? c + 1 : NULL;
  return true;
}

/* The index of `name` in a CSV header line, or -1. */
static int column_of(const char *header, const char *name) {
  char buf[256];
  bool bad = false;
  const char *at = header;
  for (int col = 0; next_field(&at, buf, sizeof buf, &bad); col++)
    if (strcmp(buf, name) == 0) return col;
  return -1;
}

/* Field `col` of a CSV line, copied into buf ("" when there is none). */
static const char *field(const char *line, int col, char *buf, size_t size) {
  bool bad = false;
  const char *at = line;
  buf[0] = '\0';
  for (int k = 0; k <= col && next_field(&at, buf, size, &bad); k++)
    if (k < col) buf[0] = '\0';
  return buf;
}

static int count_fields(const char *line, bool *bad) {
  char buf[8];
  const char *at = line;
  int n = 0;
  while (next_field(&at, buf, sizeof buf, bad)) n++;
  return n;
}

/* What plot needs of a CSV file: columns by name, numbers (or empty
 * fields) in some of them. */
typedef struct csv_need {
  const char *numbers[16]; /* NULL-ended */
  const char *texts[4];
  int least_rows;
} csv_need;

static bool is_number(const char *text) {
  char *end;
  if (!*text) return true; /* "not applicable" */
  strtod(text, &end);
  return end != text && *end == '\0';
}

static int check_row(const char *path, int line_no, const char *line, int fields,
                     const int *cols, const csv_need *need, sq_error *err) {
  bool bad = false;
  size_t len = strlen(line);
  if (len > 0 && line[len - 1] != '\n' && len == 4095)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: a line longer than 4094 bytes", path, line_no);
  int n = count_fields(line, &bad);
  if (bad)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: a quote out of place (RFC 4180)", path, line_no);
  if (n != fields)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: %d fields, but the header has %d", path, line_no,
                        n, fields);
  for (int k = 0; need->numbers[k]; k++) {
    char buf[256], shown[300];
    if (!is_number(field(line, cols[k], buf, sizeof buf)))
      return sq_error_set(err, SQ_EINPUT, "%s:%d: %s: expected a number, got %s", path,
                          line_no, need->numbers[k], sq_name_quote(buf, shown, sizeof shown));
  }
  return SQ_OK;
}

/* Check a CSV file before plotting it, naming the file and line of what
 * is wrong (gnuplot would only warn, without either). */
static int check_csv(const char *path, const csv_need *need, sq_error *err) {
  char line[4096];
  FILE *f = fopen(path, "r");
  if (!f) return sq_error_set(err, SQ_EINPUT, "%s: cannot read: %s", path, strerror(errno));
  int rc = SQ_OK, cols[16], rows = 0, fields = 0;
  bool bad = false;
  if (!fgets(line, sizeof line, f)) {
    rc = sq_error_set(err, SQ_EINPUT, "%s: empty: expected a header line", path);
  } else {
    fields = count_fields(line, &bad);
    for (int k = 0; !rc && need->numbers[k]; k++)
      if ((cols[k] = column_of(line, need->numbers[k])) < 0)
        rc = sq_error_set(err, SQ_EINPUT, "%s:1: no column \"%s\" in the header", path,
                          need->numbers[k]);
    for (int k = 0; !rc && need->texts[k]; k++)
      if (column_of(line, need->texts[k]) < 0)
        rc = sq_error_set(err, SQ_EINPUT, "%s:1: no column \"%s\" in the header", path,
                          need->texts[k]);
  }
  for (int line_no = 2; !rc && fgets(line, sizeof line, f); line_no++, rows++)
    rc = check_row(path, line_no, line, fields, cols, need, err);
  if (!rc && rows < need->least_rows)
    rc = sq_error_set(err, SQ_EINPUT, "%s: no data below the header", path);
  fclose(f);
  return rc;
}

static const csv_need curves_need = {
    {"day", "members_p10", "members_median", "members_p90", "active_p10", "active_median",
     "active_p90", "zombies_median", "groups_p10", "groups_median", "groups_p90", NULL},
    {"stage", NULL}, 1};
static const csv_need survival_need = {
    {"day", "survival", "lower", "upper", NULL}, {"scenario", NULL}, 0};
static const csv_need members_need = {{"replicate", "member", "posts", NULL}, {NULL}, 0};
static const csv_need comparison_need = {{NULL}, {"scenario", NULL}, 1};
static const csv_need points_need = {{"mean", NULL}, {"metric", NULL}, 0};
static const csv_need sensitivity_need = {
    {"first_order", "first_low", "first_high", "total", "total_low", "total_high", NULL},
    {"metric", "parameter", NULL}, 0};

/* A metric or parameter named in a sweep's files: it becomes part of a
 * file name, so only [a-z0-9_.] (the program's own names) pass. */
static bool plain_word(const char *w) {
  if (!*w || *w == '.') return false;
  for (const char *c = w; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.'))
      return false;
  return true;
}

/* What a curves.csv spans: the last day anyone was a member (in any
 * replicate), and the most groups alive at once. */
typedef struct extent { int last_day, last_member_day; double most_groups; } extent;

static int curves_extent(const char *curves, extent *x) {
  char line[4096], buf[64];
  FILE *f = fopen(curves, "r");
  if (!f || !fgets(line, sizeof line, f)) {
    if (f) fclose(f);
    return -1;
  }
  int members = column_of(line, "members_p90"), groups = column_of(line, "groups_p90");
  *x = (extent){0, 0, 0};
  while (fgets(line, sizeof line, f)) {
    int day = atoi(line);
    x->last_day = day;
    if (atof(field(line, members, buf, sizeof buf)) > 0) x->last_member_day = day;
    double g = atof(field(line, groups, buf, sizeof buf));
    if (g > x->most_groups) x->most_groups = g;
  }
  fclose(f);
  return 0;
}

/* The day a chart's time axis should end: a little after the last member
 * is gone, so that short lives are not squeezed against the axis. */
static int axis_end(const extent *x) {
  int end = (int)(1.1 * x->last_member_day) + 10;
  return end < x->last_day ? end : x->last_day;
}

/* ---- the charts ---------------------------------------------------------------------- */

/* The lifecycle chart, its stages drawn as shaded, labelled spans. */
static int plot_lifecycle(plotter *p, const char *name, sq_error *err) {
  char path[4200], line[4096], buf[64];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  FILE *f = fopen(path, "r");
  if (!f || !fgets(line, sizeof line, f)) {
    if (f) fclose(f);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read", path);
  }
  int stage_col = column_of(line, "stage");
  /* spans of equal stage: start day, end day, stage */
  int start[4096], end[4096], stage[4096], n = 0;
  while (fgets(line, sizeof line, f) && n < 4096) {
    int day = atoi(line);
    field(line, stage_col, buf, sizeof buf);
    int s = 0;
    while (s < SQ_STAGE_COUNT - 1 && strcmp(sq_stage_names[s], buf) != 0) s++;
    if (n == 0 || stage[n - 1] != s) start[n] = day, stage[n++] = s;
    end[n - 1] = day + 1;

  }
  fclose(f);
  extent x;
  curves_extent(path, &x);
  if (x.most_groups > 1) n = 0; /* a network: its first group's stages would mislead */
  int xmax = axis_end(&x);
  char stages[16384] = "";
  size_t used = 0;
  for (int k = 0; k < n && start[k] < xmax && used < sizeof stages - 512; k++) {
    if (end[k] > xmax) end[k] = xmax;
    used += (size_t)snprintf(stages + used, sizeof stages - used,
                             "set object %d rect from %d, graph 0 to %d, graph 1 behind fc rgb "
                             "'%s' fs solid 1.0 noborder; ",
                             k + 1, start[k], end[k], stage_colour[stage[k]]);
    /* a label across a wide span, upright in a narrow one, none in a sliver */
    int width = end[k] - start[k];
    if (width * 12 >= xmax)
      used += (size_t)snprintf(stages + used, sizeof stages - used,
                               "set label %d '%s' at %g, graph 0.95 center front; ", k + 1,
                               p->l->stage[stage[k]], (start[k] + end[k]) / 2.0);
    else if (width * 80 >= xmax)
      used += (size_t)snprintf(stages + used, sizeof stages - used,
                               "set label %d '%s' at %g, graph 0.97 right rotate by 90 front; ",
                               k + 1, p->l->stage[stage[k]], (start[k] + end[k]) / 2.0);
  }
  char title[256], pretty[128], out[4400];

  gp_script script;
  scenario_title(p, name, pretty, sizeof pretty);
  snprintf(title, sizeof title, p->l->lifecycle, pretty);
  begin_script(p, &script, "lifecycle", title, out, sizeof out);
  add_path(&script, "curves", path);
  add_string(&script, "stages", stages);
  add_string(&script, "xlabel", p->l->day);
  add_string(&script, "ylabel", p->l->members_axis);
  add_string(&script, "l_members", p->l->members);
  add_string(&script, "l_active", p->l->active);
  add_string(&script, "l_silent", p->l->silent);
  add_string(&script, "l_band", p->l->band);
  add_number(&script, "xmax", xmax);
  return render(p, "lifecycle.gp", &script, out, err);
}

/* The network chart, when groups split: their number and their members. */
static int plot_network(plotter *p, const char *name, sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/curves.csv", p->dir);
  extent x;
  if (curves_extent(path, &x)) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read", path);
  if (x.most_groups <= 1) return SQ_OK; /* one group: nothing to show */
  char title[256], pretty[128], out[4400];

  gp_script script;
  scenario_title(p, name, pretty, sizeof pretty);
  snprintf(title, sizeof title, p->l->network, pretty);
  begin_script(p, &script, "network", title, out, sizeof out);
  add_path(&script, "curves", path);
  add_string(&script, "xlabel", p->l->day);
  add_string(&script, "ylabel", p->l->members_axis);
  add_string(&script, "y2label", p->l->groups_axis);
  add_string(&script, "l_members", p->l->members);
  add_string(&script, "l_groups", p->l->groups);
  add_string(&script, "l_band", p->l->band);
  add_number(&script, "xmax", axis_end(&x));
  return render(p, "network.gp", &script, out, err);
}

/* Survival curves as steps (each step a vertical and a horizontal segment,
 * so that gnuplot can fill the bands), one block per scenario. */
static int plot_survival(plotter *p, sq_error *err) {
  char path[4200], data[4200], line[4096], name[128] = "", buf[128];
  snprintf(path, sizeof path, "%s/survival.csv", p->dir);
  snprintf(data, sizeof data, "%s/survival.dat", p->scratch);
  if (!exists(path)) return SQ_OK; /* no survival.csv: nothing to draw */
  int rc = check_csv(path, &survival_need, err);
  if (rc) return rc;
  FILE *in = fopen(path, "r"), *out_data = fopen(data, "w");
  if (!in || !out_data || !fgets(line, sizeof line, in)) {
    if (in) fclose(in);
    if (out_data) fclose(out_data);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read: %s", path, strerror(errno));
  }
  int c_name = column_of(line, "scenario"), c_day = column_of(line, "day"),
      c_s = column_of(line, "survival"), c_lo = column_of(line, "lower"),
      c_hi = column_of(line, "upper");
  char names[64][128];
  int n = 0;
  double prev[3] = {1, 1, 1};
  while (fgets(line, sizeof line, in)) {
    double day = atof(field(line, c_day, buf, sizeof buf));
    double s = atof(field(line, c_s, buf, sizeof buf)), lo = atof(field(line, c_lo, buf, sizeof buf)),
           hi = atof(field(line, c_hi, buf, sizeof buf));
    field(line, c_name, buf, sizeof buf);
    if (n == 0 || strcmp(buf, name) != 0) { /* a new scenario */
      if (n == 64) break;
      if (n) fputs("\n\n", out_data);
      snprintf(name, sizeof name, "%s", buf);
      snprintf(names[n++], sizeof names[0], "%s", buf);
    } else {
      fprintf(out_data, "%g,%g,%g,%g\n", day, prev[0], prev[1], prev[2]);
    }
    fprintf(out_data, "%g,%g,%g,%g\n", day, s, lo, hi);
    prev[0] = s, prev[1] = lo, prev[2] = hi;
  }
  fclose(in);
  fclose(out_data);
  if (n == 0) return SQ_OK;
  char out[4400], pretty[64][256];
  const char *titles[64];
  for (int k = 0; k < n; k++) {
    scenario_title(p, names[k], pretty[k], sizeof pretty[k]);
    titles[k] = pretty[k];
  }
  gp_script script;
  begin_script(p, &script, "survival", p->l->survival, out, sizeof out);
  add_path(&script, "data", data);
  add_string(&script, "xlabel", p->l->age);
  add_string(&script, "ylabel", p->l->alive_share);
  add_number(&script, "n", n);
  add_array(&script, "names", titles, n);
  return render(p, "survival.gp", &script, out, err);
}

typedef struct poster { uint32_t replicate, member; double posts; } poster;

static int by_person(const void *a, const void *b) {
  const poster *x = a, *y = b;
  if (x->replicate != y->replicate) return x->replicate < y->replicate ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

static int by_posts_descending(const void *a, const void *b) {
  const poster *x = a, *y = b;
  return (x->posts < y->posts) - (x->posts > y->posts);
}

/* Participation inequality from members.csv: every (replicate, agent) with
 * its posts over all its spells, most active first. */
static int plot_participation(plotter *p, const char *name, sq_error *err) {
  char path[4200], data[4200], line[512], buf[32];
  snprintf(path, sizeof path, "%s/members.csv", p->dir);
  if (!exists(path)) return SQ_OK; /* run without --members */
  int rc = check_csv(path, &members_need, err);
  if (rc) return rc;
  FILE *f = fopen(path, "r");
  if (!f) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read: %s", path, strerror(errno));
  size_t n = 0, cap = 1024;
  poster *v = malloc(cap * sizeof *v);
  int c_rep = 0, c_member = 1, c_posts = 6;
  if (v && !fgets(line, sizeof line, f)) { /* not even a header */
    free(v);
    v = NULL;
  } else {
    c_rep = column_of(line, "replicate"), c_member = column_of(line, "member");
    c_posts = column_of(line, "posts");
  }
  while (v && fgets(line, sizeof line, f)) {
    if (n == cap) {
      poster *w = realloc(v, 2 * cap * sizeof *v);
      if (!w) break;
      v = w, cap *= 2;
    }
    v[n++] = (poster){(uint32_t)atol(field(line, c_rep, buf, sizeof buf)),
                      (uint32_t)atol(field(line, c_member, buf, sizeof buf)),
                      atof(field(line, c_posts, buf, sizeof buf))};
  }
  fclose(f);
  if (!v || n == 0) {
    free(v);
    return SQ_OK;
  }
  qsort(v, n, sizeof *v, by_person);
  size_t people = 0;
  for (size_t i = 0; i < n; i++) /* one entry per person */
    if (people && v[people - 1].replicate == v[i].replicate && v[people - 1].member == v[i].member)
      v[people - 1].posts += v[i].posts;
    else
      v[people++] = v[i];
  qsort(v, people, sizeof *v, by_posts_descending);
  double total = 0;
  for (size_t i = 0; i < people; i++) total += v[i].posts;
  if (total <= 0) {
    free(v);
    return SQ_OK;
  }
  snprintf(data, sizeof data, "%s/participation.dat", p->scratch);
  FILE *d = fopen(data, "w");
  double cumulative = 0, top1 = 0, top10 = 0;
  size_t next = 0;
  for (int k = 0; k <= 300; k++) { /* 300 points, evenly spaced in log share */
    double share = pow(10, -3 + 3.0 * k / 300);
    size_t upto = (size_t)ceil(share * people);
    while (next < upto && next < people) cumulative += v[next++].posts;
    fprintf(d, "%g,%g\n", (double)upto / people, cumulative / total);
  }
  fclose(d);
  cumulative = 0;
  for (size_t i = 0; i < people; i++) {
    cumulative += v[i].posts;
    if (i + 1 == (size_t)ceil(0.01 * people)) top1 = cumulative / total;
    if (i + 1 == (size_t)ceil(0.10 * people)) top10 = cumulative / total;
  }
  free(v);
  char title[256], pretty[128], out[4400], l1[128], l10[128];

  gp_script script;
  scenario_title(p, name, pretty, sizeof pretty);
  snprintf(title, sizeof title, p->l->participation, pretty);
  snprintf(l1, sizeof l1, p->l->top1, 100 * top1);
  snprintf(l10, sizeof l10, p->l->top10, 100 * top10);
  begin_script(p, &script, "participation", title, out, sizeof out);
  add_path(&script, "data", data);
  add_number(&script, "top1", top1);
  add_number(&script, "top10", top10);
  add_string(&script, "l_top1", l1);
  add_string(&script, "l_top10", l10);
  add_string(&script, "l_equal", p->l->equal);
  add_string(&script, "xlabel", p->l->members_share_axis);
  add_string(&script, "ylabel", p->l->posts_axis);
  return render(p, "participation.gp", &script, out, err);
}

/* Every scenario of a comparison: active members, medians and bands.
 * Each row's scenario names a folder beside comparison.csv, so it must be
 * a valid name (docs/SCENARIOS.md), never a path. */
static int plot_comparison(plotter *p, sq_error *err) {
  char path[4200], line[4096], buf[128];
  snprintf(path, sizeof path, "%s/comparison.csv", p->dir);
  int rc = check_csv(path, &comparison_need, err);
  if (rc) return rc;
  FILE *f = fopen(path, "r");
  if (!f || !fgets(line, sizeof line, f)) {
    if (f) fclose(f);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read", path);
  }
  int c_name = column_of(line, "scenario"), n = 0, xmax = 0;
  char curves[64][4400], pretty[64][256];
  const char *files[64], *titles[64];
  for (int line_no = 2; !rc && n < 64 && fgets(line, sizeof line, f); line_no++) {
    char shown[400];
    field(line, c_name, buf, sizeof buf);
    if (!sq_name_is_safe(buf, NULL)) {
      rc = sq_error_set(err, SQ_EINPUT,
                        "%s:%d: scenario: expected a scenario name (docs/SCENARIOS.md), got %s",
                        path, line_no, sq_name_quote(buf, shown, sizeof shown));
      break;
    }
    snprintf(curves[n], sizeof curves[n], "%s/%s/curves.csv", p->dir, buf);
    if ((rc = check_csv(curves[n], &curves_need, err))) break;
    extent x;
    if (curves_extent(curves[n], &x) == 0 && axis_end(&x) > xmax) xmax = axis_end(&x);
    scenario_title(p, buf, pretty[n], sizeof pretty[n]);
    char rel[4400];
    snprintf(curves[n], sizeof curves[n], "%s", gp_path(curves[n], rel, sizeof rel));
    files[n] = curves[n], titles[n] = pretty[n];
    n++;
  }
  fclose(f);
  if (rc) return rc;
  char out[4400];
  gp_script script;
  begin_script(p, &script, "comparison", p->l->comparison, out, sizeof out);
  add_string(&script, "xlabel", p->l->day);
  add_string(&script, "ylabel", p->l->active_axis);
  add_number(&script, "n", n);
  add_array(&script, "files", files, n);
  add_array(&script, "names", titles, n);
  add_number(&script, "xmax", xmax > 0 ? xmax : 1);
  return render(p, "comparison.gp", &script, out, err);
}

/* ---- sweeps ---------------------------------------------------------------------------- */

/* A sweep's name and design, from its sweep.json. */
static void sweep_facts(const char *dir, char *name, size_t size, bool *grid) {
  char path[4200];
  snprintf(path, sizeof path, "%s/sweep.json", dir);
  char *text = sq_read_file(path, NULL, NULL);
  cJSON *j = text ? cJSON_Parse(text) : NULL;
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, "name");
  const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "design");
  snprintf(name, size, "%s", cJSON_IsString(n) ? n->valuestring : "sweep");
  *grid = cJSON_IsString(d) && strcmp(d->valuestring, "grid") == 0;
  cJSON_Delete(j);
  free(text);
}

/* A tic label: a number to 3 significant digits, a choice by its name. */
static void tic_label(const char *raw, char *buf, size_t size) {
  char *end;
  double v = strtod(raw, &end);
  if (end != raw && *end == '\0')
    snprintf(buf, size, "%.3g", v);
  else
    snprintf(buf, size, "%.31s", raw);
}

/* Heatmaps of a two-parameter grid: for each metric of points.csv, its mean
 * over replicates at each point. */
static int plot_heatmaps(plotter *p, const char *name, sq_error *err) {
  char path[4200], line[4096], buf[256];
  snprintf(path, sizeof path, "%s/points.csv", p->dir);
  int rc = check_csv(path, &points_need, err);
  if (rc) return rc;
  FILE *f = fopen(path, "r");
  if (!f || !fgets(line, sizeof line, f)) {
    if (f) fclose(f);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read", path);
  }
  int metric_col = column_of(line, "metric"), mean_col = column_of(line, "mean");
  if (metric_col != 3) { /* point, two parameters, metric: only two-parameter grids */
    fclose(f);
    return SQ_OK;
  }
  char xname[128], yname[128];
  field(line, 1, xname, sizeof xname);
  field(line, 2, yname, sizeof yname);
  /* the levels of each axis, in order of first appearance */
  char xs[64][32], ys[64][32], metrics[32][64];
  int nx = 0, ny = 0, nm = 0;
  long start = ftell(f);
  for (int line_no = 2; fgets(line, sizeof line, f); line_no++) {
    char x[32], y[32], m[64], shown[200];
    field(line, 1, x, sizeof x), field(line, 2, y, sizeof y), field(line, 3, m, sizeof m);
    if (!plain_word(m)) { /* it names the chart's file */
      fclose(f);
      return sq_error_set(err, SQ_EINPUT, "%s:%d: metric: expected a metric name, got %s",
                          path, line_no, sq_name_quote(m, shown, sizeof shown));
    }
    int k;
    for (k = 0; k < nx && strcmp(xs[k], x); k++) {}
    if (k == nx && nx < 64) snprintf(xs[nx++], sizeof xs[0], "%s", x);
    for (k = 0; k < ny && strcmp(ys[k], y); k++) {}
    if (k == ny && ny < 64) snprintf(ys[ny++], sizeof ys[0], "%s", y);
    for (k = 0; k < nm && strcmp(metrics[k], m); k++) {}
    if (k == nm && nm < 32) snprintf(metrics[nm++], sizeof metrics[0], "%s", m);
  }
  /* tic labels go to gnuplot as data (arrays), never as a macro */
  char xlabels[64][40], ylabels[64][40];
  const char *xt[64], *yt[64];
  for (int k = 0; k < nx; k++) tic_label(xs[k], xlabels[k], sizeof xlabels[k]), xt[k] = xlabels[k];
  for (int k = 0; k < ny; k++) tic_label(ys[k], ylabels[k], sizeof ylabels[k]), yt[k] = ylabels[k];
  for (int m = 0; m < nm && !rc && nx > 0 && ny > 0; m++) {
    char data[4400];
    snprintf(data, sizeof data, "%s/heatmap-%s.dat", p->scratch, metrics[m]);
    FILE *d = fopen(data, "w");
    fseek(f, start, SEEK_SET);
    while (d && fgets(line, sizeof line, f)) {
      char x[32], y[32], mm[64];
      field(line, 3, mm, sizeof mm);
      if (strcmp(mm, metrics[m])) continue;
      field(line, 1, x, sizeof x), field(line, 2, y, sizeof y);
      int i = 0, j = 0;
      while (i < nx && strcmp(xs[i], x)) i++;
      while (j < ny && strcmp(ys[j], y)) j++;
      fprintf(d, "%d,%d,%s\n", i, j, field(line, mean_col, buf, sizeof buf));
    }
    if (d) fclose(d);
    char title[512], kind[256], cb[256], out[4400];

    gp_script script;
    snprintf(title, sizeof title, p->l->heatmap, name, metric_title_of(p->chinese, metrics[m]));
    snprintf(kind, sizeof kind, "heatmap-%.63s", metrics[m]);
    snprintf(cb, sizeof cb, p->l->mean_of, metric_title_of(p->chinese, metrics[m]));
    begin_script(p, &script, kind, title, out, sizeof out);
    add_path(&script, "data", data);
    add_array(&script, "xt", xt, nx);
    add_array(&script, "yt", yt, ny);
    add_string(&script, "xlabel", xname);
    add_string(&script, "ylabel", yname);
    add_string(&script, "cblabel", cb);
    add_number(&script, "nx", nx);
    add_number(&script, "ny", ny);
    rc = render(p, "heatmap.gp", &script, out, err);
    unlink(data);
  }
  fclose(f);
  return rc;
}

/* A bar chart of the Sobol indices of each metric of sensitivity.csv. */
static int plot_indices(plotter *p, const char *name, sq_error *err) {
  char path[4200], line[4096];
  snprintf(path, sizeof path, "%s/sensitivity.csv", p->dir);
  if (!exists(path)) return SQ_OK;
  int rc = check_csv(path, &sensitivity_need, err);
  if (rc) return rc;
  FILE *f = fopen(path, "r");
  if (!f) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read: %s", path, strerror(errno));
  char metrics[32][64];
  int nm = 0;
  if (!fgets(line, sizeof line, f)) nm = -1;
  for (int line_no = 2; nm >= 0 && fgets(line, sizeof line, f); line_no++) {
    char m[64], param[128], shown[300];
    field(line, 0, m, sizeof m), field(line, 1, param, sizeof param);
    if (!plain_word(m) || !plain_word(param)) { /* names of files and of data columns */
      fclose(f);
      return sq_error_set(err, SQ_EINPUT, "%s:%d: expected a metric and a key path, got %s",
                          path, line_no, sq_name_quote(line, shown, sizeof shown));
    }
    if (nm == 0 || strcmp(metrics[nm - 1], m)) {
      if (nm == 32) break;
      snprintf(metrics[nm++], sizeof metrics[0], "%s", m);
    }
  }
  rc = SQ_OK;
  for (int m = 0; m < nm && !rc; m++) {
    char data[4400];
    snprintf(data, sizeof data, "%s/indices.dat", p->scratch);
    FILE *d = fopen(data, "w");
    fseek(f, 0, SEEK_SET);
    if (!fgets(line, sizeof line, f)) break;
    int n_params = 0;
    while (d && fgets(line, sizeof line, f)) {
      char mm[64], param[128], v[6][64];
      field(line, 0, mm, sizeof mm);
      if (strcmp(mm, metrics[m])) continue;
      field(line, 1, param, sizeof param);
      for (int k = 0; k < 6; k++) field(line, 2 + k, v[k], sizeof v[k]);
      /* an empty bound (a constant output) is drawn as no bar */
      fprintf(d, "%s", param);
      for (int k = 0; k < 6; k++) fprintf(d, ",%s", *v[k] ? v[k] : "NaN");
      fputc('\n', d);
      n_params++;
    }
    if (d) fclose(d);
    char title[512], kind[256], out[4400];

    gp_script script;
    snprintf(title, sizeof title, p->l->indices, name, metric_title_of(p->chinese, metrics[m]));
    snprintf(kind, sizeof kind, "sensitivity-%.63s", metrics[m]);
    begin_script(p, &script, kind, title, out, sizeof out);
    add_path(&script, "data", data);
    add_string(&script, "l_first", p->l->first_order);
    add_string(&script, "l_total", p->l->total_effect);
    add_string(&script, "xlabel", "");
    add_string(&script, "ylabel", p->l->index_axis);
    add_number(&script, "n", n_params);
    rc = render(p, "indices.gp", &script, out, err);
    unlink(data);
  }
  fclose(f);
  return rc;
}

/* ---- the command ------------------------------------------------------------------------ */

static cJSON *load_gallery(const char *templates) {
  char path[4200];
  snprintf(path, sizeof path, "%s/gallery.json", templates);
  char *text = sq_read_file(path, NULL, NULL);
  cJSON *g = text ? cJSON_Parse(text) : NULL;
  free(text);
  return g;
}

/* The scenario's name from the directory's scenario.json, or its base name. */
static void run_name(const char *dir, char *buf, size_t size) {
  char path[4200];
  snprintf(path, sizeof path, "%s/scenario.json", dir);
  char *text = sq_read_file(path, NULL, NULL);
  cJSON *sc = text ? cJSON_Parse(text) : NULL;
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(sc, "name");
  if (cJSON_IsString(name)) {
    snprintf(buf, size, "%s", name->valuestring);
  } else {
    const char *slash = strrchr(dir, '/');
    snprintf(buf, size, "%s", slash && slash[1] ? slash + 1 : dir);
  }
  cJSON_Delete(sc);
  free(text);
}

/* Remove the scratch directory and what is in it. */
static void remove_scratch(const char *scratch) {
  const char *files[] = {"survival.dat", "participation.dat", "indices.dat", "gnuplot.log"};
  char path[4200];
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/%s", scratch, files[i]);
    unlink(path);
  }
  rmdir(scratch);
}

/* Which results a folder holds; an error says what is wrong with it: no
 * such folder, not a folder, none of the files plot reads. */
static int what_to_plot(const char *dir, bool *comparison, bool *run, bool *sweep,
                        sq_error *err) {
  struct stat st;
  if (stat(dir, &st) != 0)
    return sq_error_set(err, SQ_EINPUT, "%s: %s", dir,
                        errno == ENOENT ? "no such folder" : strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: not a folder (plot takes the folder written by `shequn run`, "
                        "`compare` or `sweep`)",
                        dir);
  for (const char *c = dir; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      return sq_error_set(err, SQ_EINPUT, "%s: a folder name with control characters", dir);
  char path[4200];
  snprintf(path, sizeof path, "%s/comparison.csv", dir);
  *comparison = exists(path);
  snprintf(path, sizeof path, "%s/curves.csv", dir);
  *run = exists(path);
  snprintf(path, sizeof path, "%s/points.csv", dir);
  *sweep = exists(path);
  if (!*comparison && !*run && !*sweep)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: no results to plot: no curves.csv (from `shequn run`), "
                        "comparison.csv (from `shequn compare`) or points.csv (from `shequn "
                        "sweep`) in this folder",
                        dir);
  return SQ_OK;
}

int sq_plot(const char *dir, const char *format, bool chinese, int *written, sq_error *err) {
  plotter p = {.dir = dir, .format = format, .chinese = chinese,
               .l = chinese ? &chinese_labels : &english};
  *written = 0;
  char path[4200], name[128];
  bool comparison, run, sweep;
  int rc = what_to_plot(dir, &comparison, &run, &sweep, err);
  if (rc) return rc;
  if (!sq_find_project_dir("plots", "common.gp", p.templates, sizeof p.templates))
    return sq_error_set(err, SQ_ERUNTIME,
                        "cannot find the gnuplot templates (plots/common.gp): set SHEQUN_HOME to "
                        "the source tree");
  snprintf(p.scratch, sizeof p.scratch, "%s/shequn-plot-XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(p.scratch))
    return sq_error_set(err, SQ_ERUNTIME, "cannot create a temporary directory: %s",
                        strerror(errno));
  p.gallery = load_gallery(p.templates);
  run_name(dir, name, sizeof name);
  if (sweep) {
    bool grid;
    sweep_facts(dir, name, sizeof name, &grid);
    if (grid) rc = plot_heatmaps(&p, name, err);
    if (!rc) rc = plot_indices(&p, name, err);
  } else if (comparison) {
    rc = plot_comparison(&p, err);
    if (!rc) rc = plot_survival(&p, err);
  } else {
    snprintf(path, sizeof path, "%s/curves.csv", dir);
    rc = check_csv(path, &curves_need, err);
    if (!rc) rc = plot_lifecycle(&p, name, err);
    if (!rc) rc = plot_survival(&p, err);
    if (!rc) rc = plot_network(&p, name, err);
    if (!rc) rc = plot_participation(&p, name, err);
  }
  cJSON_Delete(p.gallery);
  remove_scratch(p.scratch);
  *written = p.written;
  return rc;
}

int sq_cmd_plot(int argc, char **argv) {
  /* the help comes from the option table below; plot_usage above is no
   * longer printed (left for whoever next edits the rest of this file) */
  (void)plot_usage;
  static const char plot_about[] =
      "Draw the charts of a directory written by `shequn run`, `compare` or `sweep`,\n"
      "with gnuplot, into that directory:\n"
      "  lifecycle      members, active and silent members over time (median and\n"
      "                 10-90% band over replicates) over the five stages   (run)\n"
      "  survival       share of groups still alive by age, 95% bands       (run, compare)\n"
      "  network        groups and members of a network over time           (run, if it split)\n"
      "  participation  share of posts written by the most active members   (run --members)\n"
      "  comparison     active members of every scenario on one chart       (compare)\n"
      "  heatmap-M      the mean of metric M over a two-parameter grid      (sweep)\n"
      "  sensitivity-M  Sobol indices of each parameter on metric M         (sweep)\n"
      "Files are named KIND.FORMAT, or KIND-zh.FORMAT with --lang zh.\n";
  static const char plot_after[] =
      "The templates are plots/*.gp of the source tree: found under $SHEQUN_HOME,\n"
      "else beside the shequn binary (build/shequn), else in ./plots.\n"
      "Exit status: 0 done, 1 failed (gnuplot missing or failing), 2 bad input.\n";
  const char *dir = NULL, *format = "png", *lang = "en";
  int n_dirs = 0;
  const sq_option options[] = {
      {"--format", 0, SQ_OPT_CHOICE, "F", "png (default), svg or pdf", .choices = "png|svg|pdf",
       .text = &format},
      {"--lang", 0, SQ_OPT_CHOICE, "L", "en (default) or zh: labels in English or in Chinese",
       .choices = "en|zh", .text = &lang},
  };
  const sq_verb verb = {"plot", "DIR [--format png|svg|pdf] [--lang en|zh]", plot_about,
                        plot_after, options, (int)SQ_LEN(options), &dir, &n_dirs, 1, 1,
                        "name a directory written by `shequn run` or `compare`",
                        "one directory at a time (got '%s' and '%s')"};
  int parsed = sq_cli_parse(&verb, argc, argv);
  if (parsed) return parsed < 0 ? 0 : parsed;
  sq_error err = {0};
  int written;
  int rc = sq_plot(dir, format, strcmp(lang, "zh") == 0, &written, &err);
  if (rc) {
    fprintf(stderr, "shequn plot: %s\n", err.message);
    return rc == SQ_EINPUT ? 2 : 1;
  }
  return 0;
}

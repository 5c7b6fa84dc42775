/* The CSV readers of `shequn plot` (plots/csv_read.h). */
#include "plots/csv_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/io/names.h"

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

/* Field `col` of a CSV line, copied into buf ("" when there is none). */
static const char *field_of(const char *line, int col, char *buf, size_t size) {
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

static int read_error(const char *path, sq_error *err) {
  return sq_error_set(err, SQ_EINPUT, "%s: cannot read: %s", path, strerror(errno));
}

int sq_plot_csv_open(sq_plot_csv *r, const char *path, sq_error *err) {
  r->path = path, r->line_no = 1, r->line[0] = '\0';
  r->f = fopen(path, "r");
  if (!r->f) return read_error(path, err);
  if (!fgets(r->header, sizeof r->header, r->f)) {
    int rc = ferror(r->f) ? read_error(path, err)
                          : sq_error_set(err, SQ_EINPUT, "%s: empty: expected a header line", path);
    sq_plot_csv_close(r);
    return rc;
  }
  if ((r->data_start = ftell(r->f)) < 0) {
    int rc = read_error(path, err);
    sq_plot_csv_close(r);
    return rc;
  }
  return SQ_OK;
}

int sq_plot_csv_column(const sq_plot_csv *r, const char *name, int *col, sq_error *err) {
  char buf[256];
  bool bad = false;
  const char *at = r->header;
  for (int k = 0; next_field(&at, buf, sizeof buf, &bad); k++)
    if (strcmp(buf, name) == 0) return *col = k, SQ_OK;
  *col = -1;
  return sq_error_set(err, SQ_EINPUT, "%s:1: no column \"%s\" in the header", r->path, name);
}

int sq_plot_csv_columns(const sq_plot_csv *r, const char *const *names, int *cols, sq_error *err) {
  int rc = SQ_OK;
  for (int k = 0; !rc && names[k]; k++) rc = sq_plot_csv_column(r, names[k], &cols[k], err);
  return rc;
}

bool sq_plot_csv_next(sq_plot_csv *r, int *rc, sq_error *err) {
  if (fgets(r->line, sizeof r->line, r->f)) return r->line_no++, true;
  r->line[0] = '\0';
  if (ferror(r->f)) {
    int status = read_error(r->path, err);
    if (rc) *rc = status;
  }
  return false;
}

int sq_plot_csv_rewind(sq_plot_csv *r, sq_error *err) {
  if (fseek(r->f, r->data_start, SEEK_SET) != 0) return read_error(r->path, err);
  r->line_no = 1;
  return SQ_OK;
}

void sq_plot_csv_close(sq_plot_csv *r) {
  if (r->f) fclose(r->f);
  r->f = NULL;
}

const char *sq_plot_csv_field(const sq_plot_csv *r, int col, char *buf, size_t size) {
  return field_of(r->line, col, buf, size);
}

const char *sq_plot_csv_name(const sq_plot_csv *r, int col, char *buf, size_t size) {
  return field_of(r->header, col, buf, size);
}

double sq_plot_csv_number(const sq_plot_csv *r, int col) {
  char buf[64];
  return atof(field_of(r->line, col, buf, sizeof buf));
}

int sq_plot_csv_day(const sq_plot_csv *r, int col, int *day, sq_error *err) {
  double v = sq_plot_csv_number(r, col);
  if (!(v >= 0 && v <= SQ_PLOT_MAX_DAY) || v != (double)(int)v) {
    char buf[64];
    return sq_error_set(err, SQ_EINPUT, "%s:%d: expected a day from 0 to %d, got \"%.20s\"",
                        r->path, r->line_no, SQ_PLOT_MAX_DAY, field_of(r->line, col, buf, sizeof buf));
  }
  *day = (int)v;
  return SQ_OK;
}

/* ---- checking a whole file ---- */

static bool is_number(const char *text) {
  char *end;
  if (!*text) return true; /* "not applicable" */
  strtod(text, &end);
  return end != text && *end == '\0';
}

static int check_row(const sq_plot_csv *r, int fields, const int *cols,
                     const sq_plot_csv_need *need, sq_error *err) {
  bool bad = false;
  size_t len = strlen(r->line);
  if (len == SQ_PLOT_CSV_LINE - 1 && r->line[len - 1] != '\n')
    return sq_error_set(err, SQ_EINPUT, "%s:%d: a line longer than %d bytes", r->path,
                        r->line_no, SQ_PLOT_CSV_LINE - 2);
  int n = count_fields(r->line, &bad);
  if (bad)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: a quote out of place (RFC 4180)", r->path,
                        r->line_no);
  if (n != fields)
    return sq_error_set(err, SQ_EINPUT, "%s:%d: %d fields, but the header has %d", r->path,
                        r->line_no, n, fields);
  for (int k = 0; need->numbers[k]; k++) {
    char buf[256], shown[300];
    if (!is_number(sq_plot_csv_field(r, cols[k], buf, sizeof buf)))
      return sq_error_set(err, SQ_EINPUT, "%s:%d: %s: expected a number, got %s", r->path,
                          r->line_no, need->numbers[k], sq_name_quote(buf, shown, sizeof shown));
  }
  return SQ_OK;
}

int sq_plot_csv_check(const char *path, const sq_plot_csv_need *need, sq_error *err) {
  sq_plot_csv r;
  int rc = sq_plot_csv_open(&r, path, err);
  if (rc) return rc;
  int cols[SQ_LEN(need->numbers)], texts[SQ_LEN(need->texts)], rows = 0;
  bool bad = false;
  int fields = count_fields(r.header, &bad);
  rc = sq_plot_csv_columns(&r, need->numbers, cols, err);
  if (!rc) rc = sq_plot_csv_columns(&r, need->texts, texts, err);
  while (!rc && sq_plot_csv_next(&r, &rc, err)) {
    rc = check_row(&r, fields, cols, need, err);
    rows++;
  }
  if (!rc && rows < need->least_rows)
    rc = sq_error_set(err, SQ_EINPUT, "%s: no data below the header", path);
  sq_plot_csv_close(&r);
  return rc;
}

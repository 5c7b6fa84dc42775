#include "sim/io/observed.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/io/fileio.h"
#include "sim/io/scenario.h" /* sq_edit_distance */

const char *const sq_series_names[SQ_SERIES_COUNT] = {"members", "active", "posts", "joins",
                                                      "leaves"};

#define MAX_COLUMNS 16

void sq_observed_free(sq_observed *obs) {
  free(obs->day);
  for (int s = 0; s < SQ_SERIES_COUNT; s++) free(obs->value[s]);
  memset(obs, 0, sizeof *obs);
}

/* One line's fields, cut in place: start offsets (for columns) and texts. */
typedef struct fields {
  int n;
  char *text[MAX_COLUMNS + 1];
  int column[MAX_COLUMNS + 1]; /* 1-based character column of each field */
} fields;

static void trim(char **s) {
  while (**s == ' ' || **s == '\t') (*s)++;
  char *e = *s + strlen(*s);
  while (e > *s && (e[-1] == ' ' || e[-1] == '\t')) *--e = '\0';
}

/* Split `line` (NUL-terminated, no newline) at commas.  Returns the field
 * count, MAX_COLUMNS + 1 meaning "too many". */
static int split(char *line, fields *f) {
  f->n = 0;
  char *p = line;
  for (;;) {
    if (f->n > MAX_COLUMNS) return f->n;
    f->column[f->n] = (int)(p - line) + 1;
    f->text[f->n++] = p;
    char *c = strchr(p, ',');
    if (!c) break;
    *c = '\0';
    p = c + 1;
  }
  for (int i = 0; i < f->n; i++) trim(&f->text[i]);
  return f->n;
}

static int series_of(const char *name) {
  for (int s = 0; s < SQ_SERIES_COUNT; s++)
    if (strcmp(name, sq_series_names[s]) == 0) return s;
  return -1;
}

static int header(sq_observed *obs, char *line, const char *source, int *col_series, int *n_columns,
                  sq_error *err) {
  fields f;
  if (split(line, &f) > MAX_COLUMNS)
    return sq_error_set(err, SQ_EINPUT, "%s:1: more than %d columns in the header", source,
                        MAX_COLUMNS);
  bool has_day = false, any = false;
  for (int i = 0; i < f.n; i++) {
    const char *name = f.text[i];
    if (strcmp(name, "day") == 0) {
      if (has_day)
        return sq_error_set(err, SQ_EINPUT, "%s:1:%d: column 'day' appears twice", source,
                            f.column[i]);
      has_day = true;
      col_series[i] = -2;
      continue;
    }
    int s = series_of(name);
    if (s < 0) {
      const char *best = NULL;
      size_t best_d = 3;
      const char *all[] = {"day", "members", "active", "posts", "joins", "leaves"};
      for (size_t k = 0; k < SQ_LEN(all); k++) {
        size_t d = sq_edit_distance(name, all[k]);
        if (d < best_d) best_d = d, best = all[k];
      }
      char hint[64] = "";
      if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
      return sq_error_set(err, SQ_EINPUT,
                          "%s:1:%d: unknown column '%.40s'%s: expected day and some of members, "
                          "active, posts, joins, leaves",
                          source, f.column[i], name, hint);
    }
    if (obs->present[s])
      return sq_error_set(err, SQ_EINPUT, "%s:1:%d: column '%s' appears twice", source, f.column[i],
                          name);
    obs->present[s] = true;
    any = true;
    col_series[i] = s;
  }
  if (!has_day)
    return sq_error_set(err, SQ_EINPUT,
                        "%s:1: no 'day' column in the header (expected day and some of members, "
                        "active, posts, joins, leaves)",
                        source);
  if (!any)
    return sq_error_set(err, SQ_EINPUT,
                        "%s:1: no observed series: the header needs one or more of members, "
                        "active, posts, joins, leaves beside day",
                        source);
  *n_columns = f.n;
  return SQ_OK;
}

static int grow(sq_observed *obs, size_t *cap, sq_error *err) {
  if (obs->n < *cap) return SQ_OK;
  size_t c = *cap ? 2 * *cap : 256;
  int32_t *d = realloc(obs->day, c * sizeof *d);
  if (!d) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the observed series");
  obs->day = d;
  for (int s = 0; s < SQ_SERIES_COUNT; s++) {
    if (!obs->present[s]) continue;
    double *v = realloc(obs->value[s], c * sizeof *v);
    if (!v) return sq_error_set(err, SQ_ERUNTIME, "out of memory for the observed series");
    obs->value[s] = v;
  }
  *cap = c;
  return SQ_OK;
}

static int parse_number(const char *text, double *out) {
  if (!*text) return -1;
  errno = 0;
  char *end;
  double v = strtod(text, &end);
  if (*end || errno == ERANGE || !isfinite(v)) return -1;
  if (!isdigit((unsigned char)text[0]) && text[0] != '-' && text[0] != '+' && text[0] != '.')
    return -1; /* no "nan", "inf", hex words */
  *out = v;
  return 0;
}

int sq_observed_parse(sq_observed *obs, const char *text, const char *source, sq_error *err) {
  memset(obs, 0, sizeof *obs);
  size_t len = strlen(text);
  char *copy = malloc(len + 1);
  if (!copy) return sq_error_set(err, SQ_ERUNTIME, "out of memory reading %s", source);
  memcpy(copy, text, len + 1);
  int col_series[MAX_COLUMNS + 1], n_columns = 0;
  size_t cap = 0;
  int rc = SQ_OK;
  char *p = copy;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* a spreadsheet's BOM */
  int line_no = 0;
  bool have_header = false;
  while (*p && !rc) {
    char *nl = strchr(p, '\n');
    char *next = nl ? nl + 1 : p + strlen(p);
    if (nl) *nl = '\0';
    size_t l = strlen(p);
    if (l && p[l - 1] == '\r') p[l - 1] = '\0';
    line_no++;
    char *line = p;
    p = next;
    char *t = line;
    while (*t == ' ' || *t == '\t') t++;
    if (!*t) continue; /* a blank line */
    if (strchr(line, '"')) {
      rc = sq_error_set(err, SQ_EINPUT, "%s:%d:%d: quotes are not expected: cells are numbers",
                        source, line_no, (int)(strchr(line, '"') - line) + 1);
      break;
    }
    if (!have_header) {
      if (line_no != 1) {
        rc = sq_error_set(err, SQ_EINPUT, "%s:1: the first line must be the header", source);
        break;
      }
      rc = header(obs, line, source, col_series, &n_columns, err);
      have_header = true;
      continue;
    }
    fields f;
    int n = split(line, &f);
    if (n != n_columns) {
      if (n > MAX_COLUMNS)
        rc = sq_error_set(err, SQ_EINPUT, "%s:%d: more fields than the header's %d", source,
                          line_no, n_columns);
      else
        rc = sq_error_set(err, SQ_EINPUT, "%s:%d: %d field%s, the header has %d", source, line_no,
                          n, n == 1 ? "" : "s", n_columns);
      break;
    }
    if ((rc = grow(obs, &cap, err))) break;
    size_t r = obs->n;
    for (int s = 0; s < SQ_SERIES_COUNT; s++)
      if (obs->present[s]) obs->value[s][r] = NAN;
    for (int i = 0; i < n && !rc; i++) {
      double v;
      if (col_series[i] == -2) {
        if (!*f.text[i]) {
          rc = sq_error_set(err, SQ_EINPUT, "%s:%d:%d: day: expected a whole number, found nothing",
                            source, line_no, f.column[i]);
        } else if (parse_number(f.text[i], &v) || v != floor(v) || v < 0 ||
                   v > SQ_OBSERVED_MAX_DAY) {
          rc = sq_error_set(err, SQ_EINPUT,
                            "%s:%d:%d: day: expected a whole number from 0 to %d, found '%.40s'",
                            source, line_no, f.column[i], SQ_OBSERVED_MAX_DAY, f.text[i]);
        } else if (r > 0 && (int32_t)v <= obs->day[r - 1]) {
          rc =
              sq_error_set(err, SQ_EINPUT, "%s:%d:%d: day: days must increase, found %.0f after %d",
                           source, line_no, f.column[i], v, (int)obs->day[r - 1]);
        } else {
          obs->day[r] = (int32_t)v;
        }
        continue;
      }
      if (!*f.text[i]) continue; /* a gap */
      if (parse_number(f.text[i], &v) || v < 0)
        rc = sq_error_set(err, SQ_EINPUT,
                          "%s:%d:%d: %s: expected a number at least 0 or an empty cell (a gap), "
                          "found '%.40s'",
                          source, line_no, f.column[i], sq_series_names[col_series[i]], f.text[i]);
      else
        obs->value[col_series[i]][r] = v;
    }
    if (!rc) obs->n++;
  }
  free(copy);
  if (!rc && !have_header)
    rc = sq_error_set(err, SQ_EINPUT, "%s: empty: expected a header row", source);
  if (!rc && obs->n < 2)
    rc = sq_error_set(err, SQ_EINPUT, "%s: %zu row%s of data: a fit needs at least 2 days", source,
                      obs->n, obs->n == 1 ? "" : "s");
  if (!rc) {
    for (int s = 0; s < SQ_SERIES_COUNT && !rc; s++) {
      if (!obs->present[s]) continue;
      size_t k = 0;
      for (size_t r = 0; r < obs->n; r++) k += !isnan(obs->value[s][r]);
      if (k == 0)
        rc = sq_error_set(err, SQ_EINPUT, "%s: column '%s' has no values, only gaps", source,
                          sq_series_names[s]);
    }
  }
  if (rc) {
    sq_observed_free(obs);
    return rc;
  }
  obs->last_day = obs->day[obs->n - 1];
  return SQ_OK;
}

int sq_observed_read(sq_observed *obs, const char *path, sq_error *err) {
  memset(obs, 0, sizeof *obs);
  size_t len;
  char *text = sq_read_file(path, &len, err);
  if (!text) return err && err->status ? err->status : SQ_EINPUT;
  if (strlen(text) != len) {
    free(text);
    return sq_error_set(err, SQ_EINPUT, "%s: a NUL byte: expected CSV text", path);
  }
  int rc = sq_observed_parse(obs, text, path, err);
  free(text);
  return rc;
}

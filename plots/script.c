/* The gnuplot script builder (plots/script.h). */
#include "plots/script.h"

#include <stdarg.h>
#include <stdio.h>

void sq_gp_clear(sq_gp_script *s) {
  s->used = 0, s->full = false, s->text[0] = '\0';
}

static void put_v(sq_gp_script *s, const char *fmt, va_list ap) {
  int n = s->full ? -1 : vsnprintf(s->text + s->used, sizeof s->text - s->used, fmt, ap);
  if (n < 0 || (size_t)n >= sizeof s->text - s->used) s->full = true;
  else s->used += (size_t)n;
}

void sq_gp_raw(sq_gp_script *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  put_v(s, fmt, ap);
  va_end(ap);
}

/* 'value' as a gnuplot string: quotes doubled, control characters (which
 * would end the line of the script) as spaces. */
static void put_literal(sq_gp_script *s, const char *value) {
  sq_gp_raw(s, "'");
  for (const unsigned char *c = (const unsigned char *)value; *c && !s->full; c++) {
    if (*c == '\'') sq_gp_raw(s, "''");
    else sq_gp_raw(s, "%c", *c < 0x20 || *c == 0x7f ? ' ' : *c);
  }
  sq_gp_raw(s, "'");
}

void sq_gp_string(sq_gp_script *s, const char *name, const char *value) {
  sq_gp_raw(s, "%s = ", name);
  put_literal(s, value);
  sq_gp_raw(s, "; ");
}

void sq_gp_strings(sq_gp_script *s, ...) {
  va_list ap;
  va_start(ap, s);
  for (const char *name; (name = va_arg(ap, const char *));) {
    const char *value = va_arg(ap, const char *);
    sq_gp_string(s, name, value);
  }
  va_end(ap);
}

const char *sq_gp_path_of(const char *path, char *buf, size_t size) {
  snprintf(buf, size, "%s%s", path[0] == '/' ? "" : "./", path);
  return buf;
}

void sq_gp_path(sq_gp_script *s, const char *name, const char *path) {
  char buf[4400];
  sq_gp_string(s, name, sq_gp_path_of(path, buf, sizeof buf));
}

void sq_gp_array(sq_gp_script *s, const char *name, const char *const *values, int n) {
  sq_gp_raw(s, "array %s[%d] = [", name, n);
  for (int k = 0; k < n; k++) {
    if (k) sq_gp_raw(s, ", ");
    put_literal(s, values[k]);
  }
  sq_gp_raw(s, "]; ");
}

void sq_gp_number(sq_gp_script *s, const char *name, double value) {
  sq_gp_raw(s, "%s = %.10g; ", name, value);
}

#include "models/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sq_error_set(sq_error *err, int status, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = status;
  }
  return status;
}

void sq_error_prefix(sq_error *err, const char *prefix) {
  if (!err) return;
  char tmp[sizeof err->message];
  memcpy(tmp, err->message, sizeof tmp);
  int n = snprintf(err->message, sizeof err->message, "%s: ", prefix);
  if (n > 0 && (size_t)n < sizeof err->message)
    memcpy(err->message + n, tmp, sizeof err->message - (size_t)n - 1);
  err->message[sizeof err->message - 1] = '\0';
}

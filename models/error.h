/* Error records: fallible functions return an int status (0 = success) and
 * fill a caller-owned sq_error, so that no error state is global and runs on
 * several threads can fail independently.  A message is one a user can act
 * on: it says where (file, key, option or folder), what was expected and
 * what was found, and every result that can fail is checked where it is
 * made, so the error is reported there. */
#ifndef SQ_ERROR_H
#define SQ_ERROR_H

#include <stddef.h>

enum {
  SQ_OK = 0,
  SQ_EINPUT = 2,   /* bad input from the user: exit status 2, nothing written */
  SQ_ERUNTIME = 1  /* I/O or resource failure while working: exit status 1 */
};

typedef struct sq_error {
  int status;          /* SQ_EINPUT or SQ_ERUNTIME once set */
  char message[1024];  /* one line, no trailing newline */
} sq_error;

/* Record an error; returns `status` so callers can write
 * `return sq_error_set(err, SQ_EINPUT, "...")`.  A NULL err is allowed. */
int sq_error_set(sq_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix the existing message with "prefix: ". */
void sq_error_prefix(sq_error *err, const char *prefix);

#define SQ_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif

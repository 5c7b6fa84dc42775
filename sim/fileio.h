/* Files written atomically: into a temporary file beside the final one,
 * flushed to disk, then renamed, so an interrupted run never leaves a
 * truncated file under a final name. */
#ifndef SQ_FILEIO_H
#define SQ_FILEIO_H

#include <stdio.h>
#include "sim/error.h"

typedef struct sq_atomic_file {
  FILE *f;
  char path[4096];
  char temp[4200];
} sq_atomic_file;

int sq_atomic_open(sq_atomic_file *af, const char *path, sq_error *err);
/* Flush, sync, close and rename into place. */
int sq_atomic_commit(sq_atomic_file *af, sq_error *err);
/* Close and remove the temporary file (safe on an unopened record). */
void sq_atomic_abort(sq_atomic_file *af);

/* Write `text` to `path` atomically. */
int sq_write_text(const char *path, const char *text, sq_error *err);

/* Write printed JSON (from cJSON_Print; NULL: it ran out of memory) and a
 * final newline to `path` atomically, and free the text. */
int sq_write_json(const char *path, char *text, sq_error *err);

/* mkdir -p. */
int sq_make_dirs(const char *dir, sq_error *err);

#endif

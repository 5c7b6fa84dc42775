/* Files written atomically: into a temporary file beside the final one,
 * flushed to disk, then renamed, so an interrupted run never leaves a
 * truncated file under a final name. */
#ifndef SQ_FILEIO_H
#define SQ_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "models/error.h"

typedef struct sq_atomic_file {
  FILE *f;
  char path[4096];
  char temp[4200];
} sq_atomic_file;

int sq_atomic_open(sq_atomic_file *af, const char *path, sq_error *err);
/* sq_atomic_open of DIR/NAME, with `header` (may be "") written first. */
int sq_atomic_open_in(sq_atomic_file *af, const char *dir, const char *name, const char *header,
                      sq_error *err);
/* Flush, sync, close and rename into place. */
int sq_atomic_commit(sq_atomic_file *af, sq_error *err);
/* Close and remove the temporary file (safe on an unopened record). */
void sq_atomic_abort(sq_atomic_file *af);

/* End a group of atomic files written together: with rc 0 commit each in
 * order, and once one fails (or when rc is already an error) abort the
 * rest.  Returns rc, or the status of the first failed commit. */
int sq_atomic_end(sq_atomic_file *files, size_t n, int rc, sq_error *err);

/* Write `text` to `path` atomically. */
int sq_write_text(const char *path, const char *text, sq_error *err);

/* Write printed JSON (from cJSON_Print; NULL: it ran out of memory) and a
 * final newline to `path` atomically, and free the text. */
int sq_write_json(const char *path, char *text, sq_error *err);

/* The largest scenario or sweep file read (docs/SECURITY.md): a file named
 * by mistake (/dev/zero, a data dump) is refused before it is read. */
#define SQ_MAX_INPUT_BYTES ((size_t)4 << 20)

/* Read the regular file `path` whole into *text (NUL-terminated; caller
 * frees) and its length into *len (may be NULL).  Refuses what is not a
 * regular file and anything over max_bytes, checked before reading and
 * while reading (the file may grow).  SQ_EINPUT with "PATH: ..." on error. */
int sq_read_bounded(const char *path, size_t max_bytes, char **text, size_t *len, sq_error *err);

/* sq_read_bounded with SQ_MAX_INPUT_BYTES; NULL on error (err may be NULL). */
char *sq_read_file(const char *path, size_t *length, sq_error *err);

/* True if JSON text nests arrays and objects (outside strings) more than
 * `limit` deep: cJSON gives up there, and its failure is no syntax error. */
bool sq_json_deeper_than(const char *text, size_t len, int limit);

/* A JSON value's kind as messages name it: "a string", "a number", "a
 * boolean", "null", "an array", "an object"; "nothing" for NULL (a
 * missing key). */
struct cJSON;
const char *sq_json_kind(const struct cJSON *v);

/* Read the JSON file `path` (sq_read_file) whose top level must be an
 * object: the document (caller deletes), or NULL with SQ_EINPUT in err
 * ("PATH:LINE:COLUMN: JSON syntax error", nesting too deep, not an object). */
struct cJSON *sq_json_load(const char *path, sq_error *err);

/* mkdir -p. */
int sq_make_dirs(const char *dir, sq_error *err);

#endif

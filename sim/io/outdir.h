/* Output folders (docs/OUTPUTS.md, docs/SECURITY.md).  A folder shequn
 * writes holds a marker file, .shequn, naming the command, version and
 * date.  Results are written only into a new or empty folder, or, with
 * --force, into a marked one after shequn's own files in it are removed;
 * a non-empty folder without the marker is never written.  So results of
 * two runs never mix, and nothing but shequn's own files is removed. */
#ifndef SQ_OUTDIR_H
#define SQ_OUTDIR_H

#include <stdbool.h>
#include "models/error.h"

#define SQ_MARKER ".shequn"

typedef struct sq_outdir {
  char path[4096];
  char created[4096]; /* the topmost folder the claim created; "" if none */
} sq_outdir;

/* Take `path` for `command` (e.g. "run"): create it if needed, or check it
 * is empty, or (force) clear shequn's files from a marked one; then write
 * the marker.  SQ_EINPUT with a message saying how to proceed if refused. */
int sq_outdir_claim(sq_outdir *d, const char *path, const char *command, bool force,
                    sq_error *err);

/* After a failure: remove what was written since the claim (shequn's own
 * files only), the marker, and the folders the claim created. */
void sq_outdir_abandon(sq_outdir *d);

/* True for a name shequn writes into an output folder: the marker, result
 * files, charts of `shequn plot`, and their temporary files. */
bool sq_outdir_is_own_file(const char *name);

/* Remove shequn's own files from `path` and, recursively, from marked
 * sub-folders (removed when empty); the marker goes last. */
void sq_outdir_clear(const char *path);

#endif

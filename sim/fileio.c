#include "sim/fileio.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUFFER_BYTES (1 << 20)

int sq_atomic_open(sq_atomic_file *af, const char *path, sq_error *err) {
  memset(af, 0, sizeof *af);
  snprintf(af->path, sizeof af->path, "%s", path);
  const char *slash = strrchr(path, '/');
  int dir_len = slash ? (int)(slash - path + 1) : 0;
  snprintf(af->temp, sizeof af->temp, "%.*s.%s.tmp-%ld", dir_len, path, path + dir_len,
           (long)getpid());
  af->f = fopen(af->temp, "wb");
  if (!af->f) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", af->temp, strerror(errno));
  setvbuf(af->f, NULL, _IOFBF, BUFFER_BYTES);
  return SQ_OK;
}

int sq_atomic_commit(sq_atomic_file *af, sq_error *err) {
  if (!af->f) return sq_error_set(err, SQ_ERUNTIME, "%s: not open", af->path);
  int failed = fflush(af->f) != 0 || ferror(af->f) || fsync(fileno(af->f)) != 0;
  int saved = errno;
  failed |= fclose(af->f) != 0;
  af->f = NULL;
  if (failed) {
    unlink(af->temp);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot write: %s", af->path, strerror(saved));
  }
  if (rename(af->temp, af->path) != 0) {
    saved = errno;
    unlink(af->temp);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot rename into place: %s", af->path,
                        strerror(saved));
  }
  return SQ_OK;
}

void sq_atomic_abort(sq_atomic_file *af) {
  if (af->f) {
    fclose(af->f);
    af->f = NULL;
    unlink(af->temp);
  }
}

int sq_write_text(const char *path, const char *text, sq_error *err) {
  sq_atomic_file af;
  int rc = sq_atomic_open(&af, path, err);
  if (rc) return rc;
  fputs(text, af.f);
  return sq_atomic_commit(&af, err);
}

int sq_write_json(const char *path, char *text, sq_error *err) {
  if (!text) return sq_error_set(err, SQ_ERUNTIME, "%s: out of memory", path);
  sq_atomic_file af;
  int rc = sq_atomic_open(&af, path, err);
  if (!rc) {
    fputs(text, af.f);
    fputc('\n', af.f);
    rc = sq_atomic_commit(&af, err);
  }
  free(text);
  return rc;
}

int sq_make_dirs(const char *dir, sq_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s", dir);
  for (char *p = path + 1;; p++) {
    bool end = *p == '\0';
    if (*p == '/' || end) {
      *p = '\0';
      if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return sq_error_set(err, SQ_ERUNTIME, "%s: cannot create directory: %s", path,
                            strerror(errno));
      if (end) break;
      *p = '/';
    }
  }
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return sq_error_set(err, SQ_ERUNTIME, "%s: not a directory", dir);
  return SQ_OK;
}

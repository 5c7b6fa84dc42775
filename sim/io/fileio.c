#include "sim/io/fileio.h"

#include <cjson/cJSON.h>

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

/* ---- reading input files ------------------------------------------------ */

static int read_error(sq_error *err, const char *path, int code) {
  return sq_error_set(err, SQ_EINPUT, "%s: cannot read: %s", path, strerror(code));
}

static int too_large(sq_error *err, const char *path, size_t max_bytes) {
  return sq_error_set(err, SQ_EINPUT, "%s: larger than the limit of %zu bytes (%zu MiB)", path,
                      max_bytes, max_bytes >> 20);
}

/* Read at most max_bytes + 1 bytes of fd into a growing buffer. */
static int read_all(int fd, const char *path, size_t hint, size_t max_bytes, char **text,
                    size_t *len, sq_error *err) {
  size_t cap = (hint < max_bytes ? hint : max_bytes) + 2, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf) return sq_error_set(err, SQ_EINPUT, "%s: cannot read: out of memory", path);
    if (n > max_bytes) { /* it grew past the limit while being read */
      free(buf);
      return too_large(err, path, max_bytes);
    }
    if (n == cap - 1) {
      size_t bigger = cap * 2 > max_bytes + 2 ? max_bytes + 2 : cap * 2;
      char *b = realloc(buf, bigger);
      if (!b) free(buf);
      buf = b, cap = bigger;
      continue;
    }
    ssize_t got = read(fd, buf + n, cap - 1 - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int saved = errno;
      free(buf);
      return read_error(err, path, saved);
    }
    if (got == 0) break;
    n += (size_t)got;
  }
  buf[n] = '\0';
  *text = buf;
  if (len) *len = n;
  return SQ_OK;
}

int sq_read_bounded(const char *path, size_t max_bytes, char **text, size_t *len, sq_error *err) {
  *text = NULL;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return read_error(err, path, errno);
  struct stat st;
  int rc;
  if (fstat(fd, &st) != 0)
    rc = read_error(err, path, errno);
  else if (S_ISDIR(st.st_mode))
    rc = read_error(err, path, EISDIR);
  else if (!S_ISREG(st.st_mode))
    rc = sq_error_set(err, SQ_EINPUT, "%s: not a regular file", path);
  else if ((unsigned long long)st.st_size > max_bytes)
    rc = too_large(err, path, max_bytes);
  else
    rc = read_all(fd, path, (size_t)st.st_size, max_bytes, text, len, err);
  close(fd);
  return rc;
}

char *sq_read_file(const char *path, size_t *length, sq_error *err) {
  char *text;
  return sq_read_bounded(path, SQ_MAX_INPUT_BYTES, &text, length, err) ? NULL : text;
}

bool sq_json_deeper_than(const char *text, size_t len, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      depth--;
    }
  }
  return false;
}

const char *sq_json_kind(const cJSON *v) {
  if (!v) return "nothing";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsBool(v)) return "a boolean";
  if (cJSON_IsNull(v)) return "null";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsObject(v)) return "an object";
  return "an invalid value";
}

int sq_atomic_end(sq_atomic_file *files, size_t n, int rc, sq_error *err) {
  for (size_t k = 0; k < n; k++)
    if (rc)
      sq_atomic_abort(&files[k]);
    else
      rc = sq_atomic_commit(&files[k], err);
  return rc;
}

int sq_atomic_open_in(sq_atomic_file *af, const char *dir, const char *name, const char *header,
                      sq_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int rc = sq_atomic_open(af, path, err);
  if (!rc) fputs(header, af->f);
  return rc;
}

cJSON *sq_json_load(const char *path, sq_error *err) {
  char *text = sq_read_file(path, NULL, err);
  if (!text) return NULL;
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts(text, &end, true);
  if (!root && sq_json_deeper_than(text, strlen(text), CJSON_NESTING_LIMIT)) {
    sq_error_set(err, SQ_EINPUT, "%s: nested deeper than %d levels", path, CJSON_NESTING_LIMIT);
  } else if (!root) {
    int line = 1, column = 1;
    for (const char *c = text; end && c < end && *c; c++)
      if (*c == '\n')
        line++, column = 1;
      else
        column++;
    sq_error_set(err, SQ_EINPUT, "%s:%d:%d: JSON syntax error", path, line, column);
  } else if (!cJSON_IsObject(root)) {
    sq_error_set(err, SQ_EINPUT, "%s: expected a JSON object at the top level", path);
    cJSON_Delete(root);
    root = NULL;
  }
  free(text);
  return root;
}

#include "sim/io/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sim/io/fileio.h"

/* Every file name an output folder of run, compare, gallery, fit or plot holds. */
static const char *const result_files[] = {
    SQ_MARKER,      "timeseries.csv", "groups.csv",    "members.csv", "curves.csv",
    "survival.csv", "varied.csv",     "summary.json",  "scenario.json", "comparison.csv",
    "index.html",   "index.zh.html",  "observed.csv",  "particles.csv", "generations.csv",
    "predictive.csv", "forecast.csv", NULL};
static const char *const chart_kinds[] = {"lifecycle", "network", "survival", "participation",
                                          "comparison", "indices", "posterior", "posterior-pairs",
                                          "generations", "forecast", NULL};
static const char *const chart_formats[] = {".png", ".svg", ".pdf", NULL};

/* KIND[-zh].FORMAT, heatmap-METRIC[-zh].FORMAT or predictive-SERIES[-zh].FORMAT, as
 * `shequn plot` names charts. */
static bool is_chart(const char *name) {
  const char *dot = strrchr(name, '.');
  if (!dot) return false;
  bool format = false;
  for (int i = 0; chart_formats[i]; i++) format |= strcmp(dot, chart_formats[i]) == 0;
  if (!format) return false;
  size_t n = (size_t)(dot - name);
  if (n > 3 && strncmp(dot - 3, "-zh", 3) == 0) n -= 3;
  if (n > 8 && strncmp(name, "heatmap-", 8) == 0) return true;
  if (n > 11 && strncmp(name, "predictive-", 11) == 0) return true; /* of a fit */
  for (int i = 0; chart_kinds[i]; i++)
    if (strlen(chart_kinds[i]) == n && strncmp(name, chart_kinds[i], n) == 0) return true;
  return false;
}

static bool is_result(const char *name, size_t n) {
  for (int i = 0; result_files[i]; i++)
    if (strlen(result_files[i]) == n && strncmp(name, result_files[i], n) == 0) return true;
  return false;
}

/* ".NAME.tmp-PID", as sq_atomic_open names its temporary files. */
static bool is_temp(const char *name) {
  const char *tmp = strstr(name, ".tmp-");
  if (name[0] != '.' || !tmp || tmp[5] == '\0') return false;
  for (const char *c = tmp + 5; *c; c++)
    if (*c < '0' || *c > '9') return false;
  return is_result(name + 1, (size_t)(tmp - name - 1));
}

bool sq_outdir_is_own_file(const char *name) {
  return is_result(name, strlen(name)) || is_chart(name) || is_temp(name);
}

static bool has_marker(const char *path) {
  char marker[4500];
  snprintf(marker, sizeof marker, "%s/%s", path, SQ_MARKER);
  struct stat st;
  return lstat(marker, &st) == 0 && S_ISREG(st.st_mode);
}

void sq_outdir_clear(const char *path) {
  DIR *dir = opendir(path);
  if (!dir) return;
  struct dirent *e;
  char child[4400];
  while ((e = readdir(dir))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (strcmp(e->d_name, SQ_MARKER) == 0) continue; /* last, below */
    snprintf(child, sizeof child, "%s/%s", path, e->d_name);
    struct stat st;
    if (lstat(child, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (has_marker(child)) { /* a run of a comparison or gallery */
        sq_outdir_clear(child);
        rmdir(child);
      }
    } else if (sq_outdir_is_own_file(e->d_name)) {
      unlink(child);
    }
  }
  closedir(dir);
  snprintf(child, sizeof child, "%s/%s", path, SQ_MARKER);
  unlink(child);
}

/* mkdir -p that remembers the topmost folder it made. */
static int make_dirs(sq_outdir *d, sq_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s", d->path);
  for (char *p = path + 1;; p++) {
    bool end = *p == '\0';
    if (*p != '/' && !end) continue;
    *p = '\0';
    if (mkdir(path, 0777) == 0) {
      if (!d->created[0]) snprintf(d->created, sizeof d->created, "%s", path);
    } else if (errno != EEXIST) {
      return sq_error_set(err, SQ_ERUNTIME, "%s: cannot create folder: %s", path,
                          strerror(errno));
    }
    if (end) break;
    *p = '/';
  }
  return SQ_OK;
}

/* Whether a folder has any entry, and whether one is the marker. */
static int inspect(const char *path, bool *empty, sq_error *err) {
  DIR *dir = opendir(path);
  if (!dir) return sq_error_set(err, SQ_ERUNTIME, "%s: cannot read folder: %s", path, strerror(errno));
  struct dirent *e;
  *empty = true;
  while ((e = readdir(dir)))
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) *empty = false;
  closedir(dir);
  return SQ_OK;
}

static int write_marker(const sq_outdir *d, const char *command, sq_error *err) {
  char path[4200], date[32], text[256];
  time_t now = time(NULL);
  struct tm utc;
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &utc));
  snprintf(path, sizeof path, "%s/%s", d->path, SQ_MARKER);
  snprintf(text, sizeof text, "{\"written_by\": \"shequn %s\", \"version\": \"%s\", \"date\": \"%s\"}\n",
           command, SHEQUN_VERSION, date);
  return sq_write_text(path, text, err);
}

/* May `path`, which exists, be written into? */
static int check_existing(const char *path, bool force, sq_error *err) {
  struct stat st;
  if (stat(path, &st) != 0)
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot use: %s", path, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return sq_error_set(err, SQ_EINPUT, "%s: exists and is not a folder; name a new or empty folder with -o", path);
  bool empty = true;
  int rc = inspect(path, &empty, err);
  if (rc || empty) return rc;
  if (!has_marker(path))
    return sq_error_set(err, SQ_EINPUT,
                        "%s: not empty and not written by shequn (no %s file); name a new or "
                        "empty folder with -o (--force does not apply)",
                        path, SQ_MARKER);
  if (!force)
    return sq_error_set(err, SQ_EINPUT,
                        "%s: holds earlier shequn results; add --force to replace them, or name "
                        "another folder with -o",
                        path);
  sq_outdir_clear(path);
  return SQ_OK;
}

int sq_outdir_claim(sq_outdir *d, const char *path, const char *command, bool force,
                    sq_error *err) {
  memset(d, 0, sizeof *d);
  if (!path[0]) return sq_error_set(err, SQ_EINPUT, "-o: expected a folder, got an empty name");
  snprintf(d->path, sizeof d->path, "%s", path);
  for (size_t n = strlen(d->path); n > 1 && d->path[n - 1] == '/'; n--) d->path[n - 1] = '\0';
  path = d->path;
  struct stat st;
  int rc = stat(path, &st) == 0 ? check_existing(path, force, err) : make_dirs(d, err);
  if (!rc) rc = write_marker(d, command, err);
  if (rc && d->created[0]) sq_outdir_abandon(d);
  return rc;
}

void sq_outdir_abandon(sq_outdir *d) {
  if (!d->path[0]) return;
  sq_outdir_clear(d->path);
  if (!d->created[0]) return;
  /* the folders it made, from the deepest up to the topmost */
  char path[4096];
  snprintf(path, sizeof path, "%s", d->path);
  size_t top = strlen(d->created);
  for (;;) {
    if (rmdir(path) != 0 || strlen(path) <= top) break;
    char *slash = strrchr(path, '/');
    if (!slash) break;
    *slash = '\0';
  }
  d->path[0] = '\0';
}

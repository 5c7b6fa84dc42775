#include "fuzz_common.h"

#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[4096], dir[4200];

static void copy_json(const char *from, const char *to) {
  DIR *d = opendir(from);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    char src[8400], dst[8400], buf[65536];
    snprintf(src, sizeof src, "%s/%s", from, e->d_name);
    snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    size_t k;
    while (in && out && (k = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, k, out);
    if (in) fclose(in);
    if (out) fclose(out);
  }
  closedir(d);
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st, (void)type, (void)ftw;
  return remove(path);
}

static void remove_tree(void) { nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS); }

const char *fuzz_dir(void) {
  if (dir[0]) return dir;
  snprintf(root, sizeof root, "%s/shequn-fuzz-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(root)) {
    perror("mkdtemp");
    abort();
  }
  atexit(remove_tree);
  char path[4200];
  snprintf(path, sizeof path, "%s/scenarios", root);
  mkdir(path, 0755);
  copy_json(SHEQUN_SOURCE_DIR "/scenarios", path);
  snprintf(path, sizeof path, "%s/a", root);
  mkdir(path, 0755);
  snprintf(dir, sizeof dir, "%s/a/b", root);
  mkdir(dir, 0755);
  copy_json(SHEQUN_SOURCE_DIR "/scenarios", dir);
  copy_json(SHEQUN_SOURCE_DIR "/tests/errors", dir);
  copy_json(SHEQUN_SOURCE_DIR "/bench", dir);
  setenv("SHEQUN_HOME", SHEQUN_SOURCE_DIR, 1);
  return dir;
}

void fuzz_write(const char *name, const uint8_t *data, size_t n, char *path, size_t size) {
  snprintf(path, size, "%s/%s", fuzz_dir(), name);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    abort();
  }
  if (n) fwrite(data, 1, n, f);
  fclose(f);
}

void fuzz_split(const uint8_t *data, size_t n, size_t *first, const uint8_t **rest,
                size_t *rest_n) {
  const uint8_t *ff = memchr(data, '\f', n);
  *first = ff ? (size_t)(ff - data) : n;
  *rest = ff ? ff + 1 : data + n;
  *rest_n = ff ? n - *first - 1 : 0;
}

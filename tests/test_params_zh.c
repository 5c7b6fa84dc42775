/* The Chinese key table (models/params_zh.c) covers the key table
 * (models/params.c) exactly: a row for every key, in the same order, with a
 * meaning in Chinese and a unit exactly where the English has one, and no
 * row for a key that no longer exists. */
#include <string.h>

#include "models/params.h"
#include "models/params_zh.h"
#include "tests/check.h"

static bool has_chinese(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0xe4 && (unsigned char)*s <= 0xe9) return true; /* CJK lead bytes */
  return false;
}

static const sq_param *find_key(const char *path) {
  for (size_t i = 0; i < sq_param_count; i++)
    if (strcmp(sq_params[i].path, path) == 0) return &sq_params[i];
  return NULL;
}

int main(void) {
  int missing = 0, stale = 0, duplicate = 0, english = 0, unit = 0, order = 0;
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    const sq_param_zh *t = sq_param_zh_find(p->path);
    if (!t) {
      printf("      no Chinese for %s\n", p->path), missing++;
      continue;
    }
    if (!has_chinese(t->doc)) printf("      %s: meaning not in Chinese\n", p->path), english++;
    if (!*t->unit != !*p->unit || (*t->unit && !has_chinese(t->unit)))
      printf("      %s: unit \"%s\" for \"%s\"\n", p->path, t->unit, p->unit), unit++;
  }
  for (size_t i = 0; i < sq_param_zh_count; i++) {
    const char *path = sq_params_zh[i].path;
    if (!find_key(path)) printf("      stale row %s: not a key\n", path), stale++;
    for (size_t j = 0; j < i; j++)
      if (strcmp(sq_params_zh[j].path, path) == 0) printf("      row %s twice\n", path), duplicate++;
    if (i < sq_param_count && strcmp(sq_params[i].path, path) != 0 && !order++)
      printf("      row %zu is %s, key %zu is %s\n", i, path, i, sq_params[i].path);
  }
  CHECK(missing == 0, "every key of models/params.c has a Chinese row (%d missing)", missing);
  CHECK(stale == 0, "every Chinese row names a key (%d stale)", stale);
  CHECK(duplicate == 0, "no key has two Chinese rows (%d twice)", duplicate);
  CHECK(english == 0, "every meaning is in Chinese (%d not)", english);
  CHECK(unit == 0, "a unit exactly where the English has one, in Chinese (%d wrong)", unit);
  CHECK(order == 0 && sq_param_zh_count == sq_param_count, "the rows follow the key table's order");
  const sq_param_zh *t = sq_param_zh_find("rules.strictness");
  CHECK(t && strstr(t->doc, "群规"), "rules.strictness is about 群规");
  CHECK(sq_param_zh_find("no.such.key") == NULL, "an unknown path has no row");
  return CHECK_DONE();
}

/* The key table in Chinese: each scenario key's unit and meaning, keyed by
 * its path (models/params.c has the English, the type, range and default).
 * Kept in a table of its own so that the two languages are edited apart;
 * tests/test_params_zh.c checks that both tables name the same keys. */
#ifndef SQ_PARAMS_ZH_H
#define SQ_PARAMS_ZH_H

#include <stddef.h>

typedef struct sq_param_zh {
  const char *path; /* a key of sq_params */
  const char *unit; /* empty exactly when the English unit is */
  const char *doc;
} sq_param_zh;

extern const sq_param_zh sq_params_zh[];
extern const size_t sq_param_zh_count;

/* The Chinese of the key with this path, or NULL. */
const sq_param_zh *sq_param_zh_find(const char *path);

#endif

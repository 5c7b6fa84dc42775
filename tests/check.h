/* A minimal test harness in the manner of GSL's and Redis's: one line per
 * check, PASS or FAIL, and a non-zero exit status when anything failed. */
#ifndef SQ_CHECK_H
#define SQ_CHECK_H

#include <stdio.h>

static int check_failures = 0, check_count = 0;

#define CHECK(cond, ...)                                            \
  do {                                                              \
    check_count++;                                                  \
    int ok_ = (cond);                                               \
    printf("%s: ", ok_ ? "PASS" : "FAIL");                          \
    printf(__VA_ARGS__);                                            \
    printf("\n");                                                   \
    if (!ok_) {                                                     \
      check_failures++;                                             \
      printf("      at %s:%d: %s\n", __FILE__, __LINE__, #cond);    \
    }                                                               \
  } while (0)

#define CHECK_DONE()                                                             \
  (printf("%d of %d checks passed\n", check_count - check_failures, check_count), \
   check_failures ? 1 : 0)

#endif

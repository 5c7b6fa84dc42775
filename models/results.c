#include "models/results.h"

#include <stdlib.h>
#include <string.h>

const char *const sq_stage_names[SQ_STAGE_COUNT] = {"sprout", "growth", "active", "decline",
                                                    "death"};

/* Grow *items (of `size` bytes each) to hold one more; 0 or -1. */
static int reserve(void **items, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return 0;
  size_t bigger = *cap ? 2 * *cap : 64;
  void *p = realloc(*items, bigger * size);
  if (!p) return -1;
  *items = p;
  *cap = bigger;
  return 0;
}

int sq_result_add_row(sq_run_result *r, const sq_day_row *row) {
  if (reserve((void **)&r->rows, &r->cap_rows, r->n_rows, sizeof *row)) return -1;
  r->rows[r->n_rows++] = *row;
  return 0;
}

int sq_result_add_group(sq_run_result *r, const sq_group_record *g) {
  if (reserve((void **)&r->groups, &r->cap_groups, r->n_groups, sizeof *g)) return -1;
  r->groups[r->n_groups++] = *g;
  return 0;
}

int sq_result_add_member(sq_run_result *r, const sq_member_record *m) {
  if (reserve((void **)&r->members, &r->cap_members, r->n_members, sizeof *m)) return -1;
  r->members[r->n_members++] = *m;
  return 0;
}

void sq_result_free(sq_run_result *r) {
  free(r->rows);
  free(r->groups);
  free(r->members);
  memset(r, 0, sizeof *r);
}

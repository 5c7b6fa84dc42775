/* Stage classification on synthetic curves whose stage boundaries are known. */
#include <string.h>

#include "check.h"
#include "models/stages.h"

static sq_stage_params params(void) {
  sq_stage_params p = {7, 0.2, 0.8, 0.6};
  return p;
}

/* The day each stage starts in stage[0..days-1], -1 if it never appears. */
static void starts(const uint8_t *stage, int days, int *first) {
  for (int s = 0; s < SQ_STAGE_COUNT; s++) first[s] = -1;
  for (int t = 0; t < days; t++)
    if (first[stage[t]] < 0) first[stage[t]] = t;
}

static int in_order(const uint8_t *stage, int days) {
  for (int t = 1; t < days; t++)
    if (stage[t] < stage[t - 1]) return 0;
  return 1;
}

int main(void) {
  sq_stage_params p = params();
  enum { DAYS = 400 };
  uint32_t active[DAYS];
  uint8_t stage[DAYS];
  int first[SQ_STAGE_COUNT];

  /* flat at 5 for 40 days, a linear rise to 105 by day 140, a plateau to day
   * 240, a linear fall to 5 by day 340, then silent from day 350. */
  for (int t = 0; t < DAYS; t++) {
    double a = t < 40 ? 5 : t < 140 ? 5 + (t - 40) : t < 240 ? 105 : t < 340 ? 105 - (t - 240) : 5;
    active[t] = (uint32_t)(t >= 350 ? 0 : a);
  }
  CHECK(sq_classify_stages(active, 360, 350, &p, stage) == 0, "a dead group's 360 days classified");
  starts(stage, 360, first);
  /* 20% of the peak 105 is 21, reached on day 56; 80% (84) on day 119;
   * the last day at 60% (63) is day 282, so decline starts on day 283. */
  CHECK(first[SQ_STAGE_SPROUT] == 0, "sprout from day 0");
  CHECK(first[SQ_STAGE_GROWTH] == 56, "growth from day 56 (got %d)", first[SQ_STAGE_GROWTH]);
  CHECK(first[SQ_STAGE_ACTIVE] == 119, "active from day 119 (got %d)", first[SQ_STAGE_ACTIVE]);
  CHECK(first[SQ_STAGE_DECLINE] == 283, "decline from day 283 (got %d)", first[SQ_STAGE_DECLINE]);
  CHECK(first[SQ_STAGE_DEATH] == 350, "death from day 350, the first silent day (got %d)",
        first[SQ_STAGE_DEATH]);
  CHECK(in_order(stage, 360), "the five stages come in order");

  /* alive at the horizon on its plateau: no decline, no death */
  CHECK(sq_classify_stages(active, 200, -1, &p, stage) == 0,
        "a living group's 200 days classified");
  starts(stage, 200, first);
  CHECK(first[SQ_STAGE_DECLINE] == -1 && first[SQ_STAGE_DEATH] == -1,
        "censored on the plateau: neither decline nor death");
  CHECK(stage[199] == SQ_STAGE_ACTIVE, "censored on the plateau: active at the end");

  /* 200 members on day 0 who fade away: no sprout and no growth */
  for (int t = 0; t < 100; t++) active[t] = (uint32_t)(t < 90 ? 200 - 2 * t : 0);
  CHECK(sq_classify_stages(active, 100, 90, &p, stage) == 0,
        "a fading group's 100 days classified");
  starts(stage, 100, first);
  CHECK(first[SQ_STAGE_SPROUT] == -1 && first[SQ_STAGE_GROWTH] == -1,
        "a group that starts at its peak has no sprout or growth");
  CHECK(first[SQ_STAGE_ACTIVE] == 0 && first[SQ_STAGE_DECLINE] > 0 && first[SQ_STAGE_DEATH] == 90,
        "it starts active, declines, and is dead from day 90 (decline at %d)",
        first[SQ_STAGE_DECLINE]);

  /* a group that never had an active member is a sprout until it dies */
  memset(active, 0, sizeof active);
  CHECK(sq_classify_stages(active, 10, 3, &p, stage) == 0, "a silent group's 10 days classified");
  CHECK(stage[0] == SQ_STAGE_SPROUT && stage[2] == SQ_STAGE_SPROUT && stage[3] == SQ_STAGE_DEATH,
        "never active: sprout, then death");
  return CHECK_DONE();
}

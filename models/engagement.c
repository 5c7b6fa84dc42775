/* Engagement (参与度): the value of a member's day and how engagement
 * follows it; the kernel of the members' day.
 *
 * Models: a member's engagement moves each day towards the value it draws
 * from the group (what it reads, times its fit, plus belonging, less noise
 * and tyranny) relative to its expectation (docs/MODEL.md sections 4.1,
 * 4.3); members below engagement.active_threshold are zombies (潜水).
 * Reads: engagement.enabled, engagement.adaptation_per_day, engagement.noise,
 *   engagement.active_threshold.
 * Hooks: terms (alpha, noise width, threshold; with engagement.enabled
 *   false, it runs last among the terms and zeroes every rate of change,
 *   so the same arithmetic leaves e and b as they are).
 * Changes: the day's terms; through the kernel, each member's engagement,
 *   belonging and posts, and the block's sums and events.
 *
 * The kernel sq_member_block is called by the engine for every block of
 * members, not through the table: other mechanisms contribute to it only
 * through the per-day terms (models/world.h, sq_day_terms) and the inline
 * equations of models/belonging.h and models/leaving.h (the arithmetic)
 * and models/spam.h, models/moderation.h and models/mentoring.h (the
 * bookkeeping after it), so that the member loop stays free of calls and
 * is vectorised. */
#include "models/engagement.h"

#include <math.h>

#include "models/belonging.h"
#include "models/leaving.h"
#include "models/mentoring.h"
#include "models/moderation.h"
#include "models/spam.h"
#include "models/rng.h"

static void engagement_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)g, (void)day;
  const sq_engagement_params *p = &w->sc->engagement;
  t->alpha = p->adaptation_per_day;
  t->noise_width = p->noise * sqrt(3.0); /* uniform of that sd */
  t->threshold = p->active_threshold;
  if (!p->enabled) { /* the same arithmetic leaves e and b as they are */
    t->alpha = t->noise_width = t->gain = t->decay = 0;
    t->leave_rate = t->base_leave = t->newcomer_leave = 0;
  }
}

const sq_mechanism sq_mechanism_engagement = {
    .name = "engagement",
    .doc = "engagement follows the value of the day relative to the member's expectation",
    .terms = engagement_terms,
};

/* A member's day in bits, from the arithmetic to the bookkeeping. */
enum { OUT_SPAMMER = 1, OUT_WRITES = 2, OUT_LEAVES = 4, OUT_ACTIVE = 8, OUT_INVITES = 16 };

/* The arithmetic of a block's day: engagement and belonging (updated in
 * place), whether the member leaves, and its rates of posts and
 * invitations with whether each needs drawing (u >= 1 - lambda; see
 * sq_poisson_inv).  Spammers go through it too, but only their flag is
 * read afterwards: a spammer's day is its ads.  No branches and no calls,
 * so that the compiler vectorises it (several members per instruction
 * where the CPU allows, with the same bits as one at a time); it is split
 * into three loops because GCC gives up on the whole as one. */
static SQ_VECTOR_CLONES void member_arithmetic(const sq_day_terms *t, sq_members *m,
                                               uint32_t begin, uint32_t n,
                                               uint32_t words[4][SQ_BLOCK],
                                               double *restrict e_out,
                                               float *restrict bel_out,
                                               double *restrict post_rate_out,
                                               double *restrict invite_rate_out,
                                               uint8_t *restrict out) {
  float *eng = m->engagement + begin, *belonging = m->belonging + begin;
  const float *restrict fit = m->fit + begin, *restrict post_rate = m->post_rate + begin;
  const float *restrict inv_expectation = m->inv_expectation + begin;
  const float *restrict tyranny = m->tyranny + begin, *restrict leave_scale = m->leave_scale + begin;
  const float *restrict sociability = m->sociability + begin;
  const int32_t *restrict shield_until = m->shield_until + begin;
  const int32_t *restrict newcomer_until = m->newcomer_until + begin;
  const int32_t *restrict join_day = m->join_day + begin;
  const uint8_t *restrict flags = m->flags + begin;
  const uint32_t *restrict w_post = words[0], *restrict w_noise = words[1];
  const uint32_t *restrict w_leave = words[2], *restrict w_invite = words[3];
  const float *restrict tenure_boost = t->tenure_boost;
  const sq_day_terms c = *t;
  for (uint32_t k = 0; k < n; k++) {
    bool spammer = flags[k] & SQ_M_SPAMMER;
    double e = eng[k];
    double lambda = (double)post_rate[k] * e; /* on yesterday's engagement */
    post_rate_out[k] = lambda;
    bool writes = sq_u01(w_post[k]) >= 1.0 - lambda;
    double bel = belonging[k];
    /* the value of the day, docs/MODEL.md section 4.3 */
    double value = fit[k] * c.content + c.w_soc * bel - c.noise - c.tyranny_on * tyranny[k];
    double target = value * inv_expectation[k];
    target = target < 0 ? 0 : target > 1 ? 1 : target;
    e = (1 - c.alpha) * e + c.alpha * target + c.noise_width * (2 * sq_u01(w_noise[k]) - 1);
    e = e < 0 ? 0 : e > 1 ? 1 : e;
    bel = sq_belonging_next(&c, e, bel);
    bool leaves = sq_leaves(&c, e, bel, sq_u01(w_leave[k]), shield_until[k], newcomer_until[k],
                            join_day[k], leave_scale[k]);
    bel_out[k] = (float)bel;
    bool active = e >= c.threshold;
    e_out[k] = e;
    out[k] = (uint8_t)((spammer ? OUT_SPAMMER : 0) | (writes ? OUT_WRITES : 0) |
                       (leaves ? OUT_LEAVES : 0) | (active ? OUT_ACTIVE : 0));
  }
  for (uint32_t k = 0; k < n; k++) { /* active members invite (models/mentoring.c) */
    int tenure = c.day - join_day[k];
    int row = tenure < 0 ? 0 : tenure > SQ_TENURE_TABLE ? SQ_TENURE_TABLE : tenure; /* so it gathers */
    double boost = tenure_boost[row];
    double active = out[k] & OUT_ACTIVE ? 1.0 : 0.0;
    double lambda = c.invite_rate * sociability[k] * e_out[k] * boost * active;
    invite_rate_out[k] = lambda;
    out[k] |= sq_u01(w_invite[k]) >= 1.0 - lambda ? OUT_INVITES : 0;
  }
  for (uint32_t k = 0; k < n; k++) { /* stored apart: GCC cannot rule out aliasing above */
    eng[k] = (float)e_out[k];
    belonging[k] = bel_out[k];
  }
}

void sq_member_block(const sq_world *w, sq_work_item *it, int day) {
  sq_group *g = &w->groups[it->group];
  sq_members *m = &g->m;
  const sq_day_terms *terms = &g->terms;
  uint64_t posts = 0, ads = 0;
  double quality_posts = 0, engagement_sum = 0;
  uint32_t active = 0, stayers = 0, spammers = 0, n_leavers = 0, n_invites = 0;
  uint32_t *leavers = g->leavers + it->begin;
  sq_invite *invites = g->invites + it->begin;

  /* four random words per member: post, engagement noise, leave, invite */
  uint32_t n = it->end - it->begin, words[4][SQ_BLOCK];
  sq_philox_agents(w->seed, w->replicate, (uint32_t)day, SQ_DRAW_MEMBER_DAY, 0,
                   m->agent + it->begin, n, words[0], words[1], words[2], words[3]);
  double e[SQ_BLOCK], post_rate[SQ_BLOCK], invite_rate[SQ_BLOCK];
  float belonging[SQ_BLOCK];
  uint8_t out[SQ_BLOCK];
  member_arithmetic(terms, m, it->begin, n, words, e, belonging, post_rate, invite_rate, out);

  /* Most members write and invite nothing on most days.  The others are
   * noted without a branch and drawn after the loop. */
  uint32_t writers[SQ_BLOCK + 1], n_writers = 0, inviters[SQ_BLOCK + 1], n_inviters = 0;
  for (uint32_t k = 0; k < n; k++) {
    uint8_t o = out[k];
    if (o & OUT_SPAMMER) { /* a spammer's day: its ads, and moderation's ban */
      ads += sq_spammer_ads(terms, words[0][k]);
      if (sq_spammer_banned(terms, words[2][k]))
        leavers[n_leavers++] = it->begin + k;
      else
        spammers++;
      continue;
    }
    writers[n_writers] = k;
    n_writers += (o & OUT_WRITES) != 0;
    if (o & OUT_LEAVES) {
      leavers[n_leavers++] = it->begin + k;
      continue;
    }
    engagement_sum += e[k];
    stayers++;
    active += (o & OUT_ACTIVE) != 0;
    inviters[n_inviters] = k;
    n_inviters += (o & OUT_INVITES) != 0;
  }
  /* the leavers are former members from today: their map entries are set
   * here, on the block's thread (each agent is in one group, and the map is
   * only read after the blocks), not one at a time after them */
  enum { AHEAD = 8 }; /* map slots fetched ahead */
  for (uint32_t j = 0; j < n_leavers; j++) {
    if (j + AHEAD < n_leavers) sq_map_prefetch(&w->map, m->agent[leavers[j + AHEAD]]);
    sq_map_set_present(&w->map, m->agent[leavers[j]], sq_map_former(day));
  }
  /* the counts of invitations, then of posts, drawn for many at once */
  double rate[SQ_BLOCK], u[SQ_BLOCK];
  uint32_t count[SQ_BLOCK];
  for (uint32_t j = 0; j < n_inviters; j++) {
    rate[j] = invite_rate[inviters[j]];
    u[j] = sq_u01(words[3][inviters[j]]);
  }
  sq_poisson_inv_many(rate, u, n_inviters, count);
  for (uint32_t j = 0; j < n_inviters; j++) {
    uint32_t k = inviters[j], i = it->begin + k, sent = count[j];
    if (sent)
      invites[n_invites++] =
          (sq_invite){m->agent[i], sent, sq_is_veteran(terms, m->join_day[i])};
  }
  for (uint32_t j = 0; j < n_writers; j++) {
    rate[j] = post_rate[writers[j]];
    u[j] = sq_u01(words[0][writers[j]]);
  }
  sq_poisson_inv_many(rate, u, n_writers, count);
  for (uint32_t j = 0; j < n_writers; j++) { /* in member order, as if done in the loop */
    uint32_t k = writers[j], i = it->begin + k, written = count[j];
    m->posts[i] += written;
    posts += written;
    quality_posts += (double)written * m->quality[i] * m->fit[i];
  }
  it->posts = posts;
  it->ads = ads;
  it->quality_posts = quality_posts;
  it->active = active;
  it->zombies = stayers - active;
  it->spammers = spammers;
  it->engagement_sum = engagement_sum;
  it->n_leavers = n_leavers;
  it->n_invites = n_invites;
}

/* Content and theme drift (内容, 主题漂移): what members read, and how a
 * group loses its focus.
 *
 * Models: members read, within their attention, what was posted the day
 * before: posts weighted by quality and fit, the team's operations content
 * (models/rituals.c), fresh while newcomers keep arriving, less appealing
 * as the topic ages; ads and overload are noise (docs/MODEL.md section
 * 4.2).  Without an active leader the theme blurs towards the vague theme
 * that weighs all topics alike, and members' fits follow.
 * Reads: content.post_rate_per_day, content.attention_per_day,
 *   content.freshness_floor, content.freshness_days, content.renewal_per_day,
 *   content.ad_cost, content.overload_cost, topic.half_life_days,
 *   topic.fade_steepness, focus.drift_per_day, focus.led_drift_share,
 *   group.theme_topic, group.theme_focus.
 * Hooks: born (a founded group's theme, group.theme_topic + its number,
 *   focused by group.theme_focus; a sub-group starts from its parent's,
 *   which replication then sharpens; freshness 1), terms (content, noise),
 *   join (post rate), group_day (theme drift,
 *   then tomorrow's content factor and noise; after moderation, ads and
 *   rituals in the table), close_day (freshness).
 * Changes: g->theme and every member's fit, g->content_factor, g->noise,
 *   g->freshness; a newcomer's post_rate. */
#include "models/content.h"

#include <math.h>
#include <string.h>

double sq_group_appeal(const sq_world *w, const sq_group *g, int day) {
  if (g->half_life <= 0) return g->appeal;
  return g->appeal / (1.0 + pow(day / g->half_life, w->sc->topic.fade_steepness));
}

void sq_make_theme(float *theme, int topics, int topic, double focus) {
  double norm = 0;
  for (int k = 0; k < topics; k++) {
    theme[k] = (float)((k == topic ? focus : 0.0) + (1.0 - focus) / topics);
    norm += (double)theme[k] * theme[k];
  }
  for (int k = 0; k < topics; k++) theme[k] = (float)(theme[k] / sqrt(norm));
}

/* The groups founded on day 0 are the first, numbered 0, 1, ...: group g's
 * theme points at topic group.theme_topic + g (mod K). */
static void content_born(sq_world *w, sq_group *g, int day) {
  (void)day;
  g->freshness = 1.0;
  if (g->parent < 0)
    sq_make_theme(g->theme, w->topics, (w->sc->group.theme_topic + g->id) % w->topics,
                  w->sc->group.theme_focus);
  else
    memcpy(g->theme, w->groups[g->parent].theme, sizeof g->theme);
}

static void content_terms(const sq_world *w, const sq_group *g, int day, sq_day_terms *t) {
  (void)w, (void)day;
  t->content = g->content_factor;
  t->noise = g->noise;
}

static void content_join(const sq_world *w, sq_group *g, int day, sq_newcomer *n) {
  (void)day;
  g->m.post_rate[n->slot] = (float)(w->sc->content.post_rate_per_day *
                                    n->agent->talkativeness * n->agent->propensity);
}

/* Loss of focus: unless an active leader holds it, the theme blurs,
 * moving the share focus.drift_per_day of the way towards the vague theme
 * that weighs all topics alike; members' fits follow. */
static void drift_theme(const sq_world *w, sq_group *g) {
  const sq_focus_params *f = &w->sc->focus;
  double d = f->drift_per_day * (g->leader_on ? f->led_drift_share : 1.0);
  if (d <= 0) return;
  double vague = 1 / sqrt((double)w->topics), norm = 0;
  for (int k = 0; k < w->topics; k++) {
    g->theme[k] = (float)((1 - d) * g->theme[k] + d * vague);
    norm += (double)g->theme[k] * g->theme[k];
  }
  norm = sqrt(norm);
  for (int k = 0; k < w->topics; k++) g->theme[k] = (float)(g->theme[k] / norm);
  /* interest . ((1 - d) theme + d vague 1) / norm, from yesterday's fit
   * and the member's interest sum: no interest vector is stored */
  sq_members *m = &g->m;
  for (uint32_t i = 0; i < m->count; i++)
    m->fit[i] = (float)(((1 - d) * m->fit[i] + d * vague * m->interest_sum[i]) / norm);
}

/* The ingredients of every member's value of the next day, when members
 * read what was posted today (docs/MODEL.md, "The value of a day"). */
static void content_group_day(sq_world *w, sq_group *g, int day) {
  const sq_content_params *c = &w->sc->content;
  drift_theme(w, g);
  double kappa = c->attention_per_day;
  double messages = (double)g->posts + g->ads_shown;
  double read_share = messages > kappa ? kappa / messages : 1.0;
  double freshness = c->freshness_floor + (1 - c->freshness_floor) * g->freshness;
  g->content_factor = freshness * sq_group_appeal(w, g, day) * read_share *
                      (g->quality_posts + g->operations) / kappa;
  g->noise = c->ad_cost * read_share * g->ads_shown / kappa +
             c->overload_cost * (messages > kappa ? messages / kappa - 1 : 0);
}

/* Freshness follows the day's inflow of newcomers relative to renewal. */
static void content_close_day(sq_world *w, sq_group *g, int day) {
  (void)day;
  const sq_content_params *c = &w->sc->content;
  uint32_t n = g->m.count;
  double inflow = n ? g->joins / (c->renewal_per_day * n) : 1.0;
  if (inflow > 1) inflow = 1;
  g->freshness += (inflow - g->freshness) / c->freshness_days;
}

const sq_mechanism sq_mechanism_content = {
    .name = "content",
    .doc = "what members read: fresh, fitting, appealing content within attention; theme drift",
    .born = content_born, .terms = content_terms, .join = content_join,
    .group_day = content_group_day, .close_day = content_close_day,
};

/* Recruitment and entry thresholds (门槛): who may join and on what terms.
 * Each rule is a descriptor in sq_entry_rules; `recruitment.entry.rule`
 * names one.  The mechanism itself is in models/entry.c. */
#ifndef SQ_ENTRY_H
#define SQ_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "models/world.h"

typedef struct sq_entry_rule {
  const char *name;
  const char *doc;
  bool screens_fit;      /* candidates whose fit is below entry.fit_threshold are refused */
  bool outreach_allowed; /* false: only invited candidates may join */
  bool paid;             /* fewer accept; newcomers start more engaged and leave less */
} sq_entry_rule;

extern const sq_entry_rule sq_entry_rules[];
extern const size_t sq_entry_rule_count;

enum { SQ_ENTRY_OPEN, SQ_ENTRY_SCREENING, SQ_ENTRY_INVITATION, SQ_ENTRY_PAID };

extern const sq_mechanism sq_mechanism_entry;

/* What `agent` answers an offer to join g today. */
typedef enum sq_entry_verdict {
  SQ_ENTRY_ACCEPTED,
  SQ_ENTRY_UNAVAILABLE,     /* already a member, a former member who does not return, or not
                               in the market yet: not counted as an offer */
  SQ_ENTRY_BELOW_THRESHOLD, /* refused by the entry rule: fit below its threshold */
  SQ_ENTRY_DECLINED         /* passed the rule but did not accept */
} sq_entry_verdict;

/* Would `agent` accept an offer to join g today?  The entry rule, then the
 * acceptance draw (docs/MODEL.md section 6).  Reads the memberships as
 * they were at the start of the day's events, so groups can be considered
 * at once.  `r` is the inviter's or the outreach's stream. */
sq_entry_verdict sq_entry_consider(const sq_world *w, const sq_group *g, int day, uint32_t agent,
                                   bool invited, gsl_rng *r);

/* Count the verdict into g's inflow (it came by invitation or outreach);
 * true when the agent accepted. */
static inline bool sq_entry_counted(sq_group *g, bool invited, sq_entry_verdict v) {
  if (v == SQ_ENTRY_UNAVAILABLE) return false;
  if (invited)
    g->inflow.invited++;
  else
    g->inflow.reached++;
  g->inflow.below_threshold += v == SQ_ENTRY_BELOW_THRESHOLD;
  g->inflow.declined += v == SQ_ENTRY_DECLINED;
  return v == SQ_ENTRY_ACCEPTED;
}

#endif

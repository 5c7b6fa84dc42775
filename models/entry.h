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

/* Would `agent` accept an offer to join g today?  The entry rule, then the
 * acceptance draw (docs/MODEL.md section 6).  Reads the memberships as
 * they were at the start of the day's events, so groups can be considered
 * at once.  `r` is the inviter's or the outreach's stream, `attributes` a
 * stream for the candidate's attributes. */
bool sq_entry_accepts(const sq_world *w, const sq_group *g, int day, uint32_t agent, bool invited,
                      gsl_rng *r, gsl_rng *attributes);

#endif

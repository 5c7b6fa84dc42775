/* Entry thresholds (门槛): who may join and on what terms.  Each rule is a
 * descriptor in sq_entry_rules; `recruitment.entry.rule` names one. */
#ifndef SQ_ENTRY_H
#define SQ_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

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

#endif

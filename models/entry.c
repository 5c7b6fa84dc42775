#include "models/entry.h"
#include "sim/error.h"

const sq_entry_rule sq_entry_rules[] = {
    [SQ_ENTRY_OPEN] = {"open", "anyone reached may join; no screening", false, true, false},
    [SQ_ENTRY_SCREENING] = {"screening",
                            "candidates must fit the theme: fit >= recruitment.entry.fit_threshold",
                            true, true, false},
    [SQ_ENTRY_INVITATION] = {"invitation",
                             "invitation only: outreach brings nobody; invitees are screened by fit",
                             true, false, false},
    [SQ_ENTRY_PAID] = {"paid",
                       "paid entry: screened by fit; acceptance x entry.paid_acceptance; newcomers "
                       "start entry.paid_engagement more engaged and leave at (1 - "
                       "entry.paid_commitment) of the usual hazard",
                       true, true, true},
};
const size_t sq_entry_rule_count = SQ_LEN(sq_entry_rules);

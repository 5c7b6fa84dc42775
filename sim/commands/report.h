/* The plain-language report that ends `shequn run` and `shequn compare`:
 * lifespan, size and what limited growth, in English or Chinese, from the
 * facts summary.json's "report" holds (sim/analysis/growth.h,
 * docs/OUTPUTS.md). */
#ifndef SQ_REPORT_H
#define SQ_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/io/output.h"

/* The languages of the report (--lang). */
#define SQ_REPORT_LANGS "en|zh"

/* A scenario's report: lifespan, members, inflow until the peak, the main
 * limit and the warnings, a line each. */
void sq_report_print(FILE *f, const sq_lifespan_summary *s, int horizon, bool zh);

/* What the one-line comparison needs of a scenario. */
typedef struct sq_report_entry {
  const char *name;
  const sq_lifespan_summary *summary;
  int horizon;
  double peak, peak_q25, peak_q75; /* peak members per replicate: median, quartiles */
} sq_report_entry;

/* One line: which scenario lives longest and which grows biggest, by how
 * much against the next, and whether their intervals overlap. */
void sq_report_compare(FILE *f, const sq_report_entry *e, int n, bool zh);

#endif

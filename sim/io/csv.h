/* CSV text fields per RFC 4180: a field holding a comma, a quote, CR or LF
 * is written in double quotes, with its quotes doubled; any other is
 * written as it is.  Every text field of an output CSV file (scenario
 * names above all) goes through here. */
#ifndef SQ_CSV_H
#define SQ_CSV_H

#include <stdio.h>

/* Write `text` as one CSV field (no separator). */
void sq_csv_text(FILE *f, const char *text);

/* Write "," and the number v to `digits` significant digits, or only the
 * "," when v is not a finite number (an empty field). */
void sq_csv_number(FILE *f, double v, int digits);

#endif

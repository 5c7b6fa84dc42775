#include "sim/io/csv.h"

#include <math.h>
#include <string.h>

void sq_csv_text(FILE *f, const char *text) {
  if (!text[strcspn(text, ",\"\r\n")]) { /* nothing to quote: as it is */
    fputs(text, f);
    return;
  }
  fputc('"', f);
  for (const char *c = text; *c; c++) {
    if (*c == '"') fputc('"', f);
    fputc(*c, f);
  }
  fputc('"', f);
}

void sq_csv_number(FILE *f, double v, int digits) {
  fputc(',', f);
  if (isfinite(v)) fprintf(f, "%.*g", digits, v);
}

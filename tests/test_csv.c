/* CSV text fields (sim/io/csv.c): quoted per RFC 4180 exactly when they hold
 * a comma, a quote, CR or LF, with quotes doubled. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sim/io/csv.h"

/* The field as sq_csv_text writes it. */
static const char *written(const char *text) {
  static char buf[256];
  memset(buf, 0, sizeof buf);
  FILE *f = fmemopen(buf, sizeof buf, "w");
  sq_csv_text(f, text);
  fclose(f);
  return buf;
}

static void field_is(const char *text, const char *want) {
  const char *got = written(text);
  CHECK(strcmp(got, want) == 0, "field [%s] written as [%s] (got [%s])", text, want, got);
}

int main(void) {
  field_is("well_run", "well_run");
  field_is("群聊 2024", "群聊 2024");
  field_is("", "");
  field_is("a,b", "\"a,b\"");
  field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
  field_is("\"", "\"\"\"\"");
  field_is("two\nlines", "\"two\nlines\"");
  field_is("cr\rhere", "\"cr\rhere\"");
  field_is("x\"]; system('touch pwned') #", "\"x\"\"]; system('touch pwned') #\"");

  return CHECK_DONE();
}

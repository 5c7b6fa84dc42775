/* CSV text fields (sim/csv.c): quoted per RFC 4180 exactly when they hold
 * a comma, a quote, CR or LF, with quotes doubled; and the name rule
 * (sq_name_valid) on the edges of its character set. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sim/csv.h"
#include "sim/scenario.h"

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

  const char *good[] = {"well_run", "群聊 2024 v1.0+beta", "a", "Ünïcödé-名字_1.2", "x.", "a b"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    CHECK(sq_name_valid(good[i]), "a valid name: [%s]", good[i]);
  const char *bad[] = {"", ".", "..", ".hidden", "-rf", " lead", "trail ", "a/b", "a\\b",
                       "a,b", "a\"b", "a'b", "tab\there", "nl\nhere", "caf\xe9", "\xc0\xaf",
                       "\xed\xa0\x80", "zero\xe2\x80\x8bwidth", "c1\xc2\x85", "rtl\xe2\x80\xae",
                       "sixty_four_characters_sixty_four_characters_sixty_four_character"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK(!sq_name_valid(bad[i]), "an invalid name: #%zu", i);
  char shown[64];
  CHECK(strcmp(sq_name_shown("a\"b\\c\n\xe9名", shown, sizeof shown), "a\\x22b\\x5cc\\x0a\\xe9名") == 0,
        "a name shown with escapes: %s", shown);
  return CHECK_DONE();
}

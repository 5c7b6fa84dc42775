/* The rule for names that become folder names (sim/io/names.h). */
#include <string.h>

#include "sim/io/names.h"
#include "tests/check.h"

static void safe(const char *name, const char *label) {
  const char *why = "unset";
  CHECK(sq_name_is_safe(name, &why) && why == NULL, "safe: %s", label);
}

static void unsafe(const char *name, const char *want, const char *label) {
  const char *why = NULL;
  bool ok = sq_name_is_safe(name, &why);
  CHECK(!ok && why && strcmp(why, want) == 0, "refused: %s (%s; got %s)", label, want,
        why ? why : "no reason");
}

static void quoted(const char *name, size_t size, const char *want, const char *label) {
  char out[256];
  sq_name_quote(name, out, size);
  CHECK(strcmp(out, want) == 0, "quote %s: %s (got %s)", label, want, out);
}

int main(void) {
  char longest[SQ_NAME_SAFE_MAX + 2];
  memset(longest, 'a', SQ_NAME_SAFE_MAX);
  longest[SQ_NAME_SAFE_MAX] = '\0';

  safe("sweep_example", "a plain name");
  safe("a.b-c d", "dots, dashes and spaces inside");
  safe("社群 sweep", "Chinese (UTF-8)");
  safe("x..y", "two dots inside");
  safe(longest, "63 bytes");
  safe("\xf0\x9f\x98\x80", "a four-byte character (U+1F600)");
  safe("群聊 2024 v1.0+beta", "Chinese, digits, . and +");
  safe("Ünïcödé-名字_1.2", "letters beyond ASCII");
  safe("x.", "a dot last");
  CHECK(sq_name_is_safe("ok", NULL), "a NULL why is allowed");

  longest[SQ_NAME_SAFE_MAX] = 'a', longest[SQ_NAME_SAFE_MAX + 1] = '\0';
  unsafe(longest, "is longer than 63 bytes", "64 bytes");
  unsafe("", "is empty", "empty");
  unsafe(".", "starts with '.'", ".");
  unsafe("..", "starts with '.'", "..");
  unsafe(".hidden", "starts with '.'", "a leading dot");
  unsafe("../up", "starts with '.'", "../up");
  unsafe("-rf", "starts with '-'", "a leading dash");
  unsafe("a/b", "contains '/'", "a slash");
  unsafe("up/../..", "contains '/'", "a path");
  unsafe("a\\b", "contains '\\'", "a backslash");
  unsafe("a\nb", "contains a control character", "a newline");
  unsafe("a\tb", "contains a control character", "a tab");
  unsafe("a\x1b[31m", "contains a control character", "an escape sequence");
  unsafe("a\x7f", "contains a control character", "DEL");
  unsafe("a\xc2\x85", "contains a control character", "C1 NEL (U+0085)");
  unsafe("a\xff", "is not valid UTF-8", "a byte that is never UTF-8");
  unsafe("a\xe4\xb8", "is not valid UTF-8", "a truncated sequence");
  unsafe("\xc0\xaf", "is not valid UTF-8", "an overlong '/'");
  unsafe("\xed\xa0\x80", "is not valid UTF-8", "a surrogate");
  unsafe("\xf4\x90\x80\x80", "is not valid UTF-8", "beyond U+10FFFF");
  unsafe("\xe2\x82", "is not valid UTF-8", "cut before the end");
  unsafe(" lead", "starts or ends with a space", "a leading space");
  unsafe("trail ", "starts or ends with a space", "a trailing space");
  const char *other = "contains a character other than letters, digits, spaces and _ - . +";
  unsafe("a,b", other, "a comma (it would need quoting in CSV)");
  unsafe("a\"b", other, "a double quote");
  unsafe("a'b", other, "a single quote (gnuplot's string delimiter)");
  unsafe("x\"]; system('touch pwned') #", other, "the gnuplot injection of issue 9");
  unsafe("zero\xe2\x80\x8bwidth", "contains an invisible character", "a zero-width space");
  unsafe("rtl\xe2\x80\xae", "contains an invisible character", "a right-to-left override");

  quoted("plain", 64, "\"plain\"", "plain");
  quoted("a\"b\\c", 64, "\"a\\\"b\\\\c\"", "quote and backslash");
  quoted("a\xe2\x80\xae", 64, "\"a\\u202e\"", "an invisible character");
  quoted("a\nb\x1b", 64, "\"a\\u000ab\\u001b\"", "control characters");
  quoted("a\xff", 64, "\"a\\xff\"", "a byte that is not UTF-8");
  quoted("社群", 64, "\"社群\"", "UTF-8 kept");
  quoted("abcdefghijklmnop", 12, "\"abcdef...\"", "cut to fit");
  return CHECK_DONE();
}

#include "sim/io/names.h"

#include <stdio.h>
#include <string.h>

/* Decode the UTF-8 sequence at s: its length in bytes and code point, or 0
 * when it is not valid UTF-8 (truncated, overlong, a surrogate, beyond
 * U+10FFFF). */
static size_t utf8_decode(const unsigned char *s, unsigned long *cp) {
  static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
  size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
           : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
  if (n == 0) return 0;
  unsigned long c = n == 1 ? s[0] : s[0] & (0x7f >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0; /* also stops at the NUL */
    c = c << 6 | (s[i] & 0x3f);
  }
  if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return n;
}

static bool is_control(unsigned long c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

/* Characters that show nothing or reorder what follows: zero widths, line
 * separators, direction overrides, invisible operators, specials. */
static bool is_invisible(unsigned long c) {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || (c >= 0xfff0 && c <= 0xffff);
}

static bool is_allowed_ascii(unsigned long c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c != 0 && strchr("_-.+ ", (int)c));
}

static bool fail(const char **why, const char *reason) {
  if (why) *why = reason;
  return false;
}

bool sq_name_is_safe(const char *name, const char **why) {
  size_t len = strlen(name);
  if (len == 0) return fail(why, "is empty");
  if (len > SQ_NAME_SAFE_MAX) return fail(why, "is longer than 63 bytes");
  if (name[0] == '.') return fail(why, "starts with '.'");
  if (name[0] == '-') return fail(why, "starts with '-'");
  if (name[0] == ' ' || name[len - 1] == ' ') return fail(why, "starts or ends with a space");
  for (const unsigned char *p = (const unsigned char *)name; *p;) {
    unsigned long c;
    size_t n = utf8_decode(p, &c);
    if (n == 0) return fail(why, "is not valid UTF-8");
    if (c == '/') return fail(why, "contains '/'");
    if (c == '\\') return fail(why, "contains '\\'");
    if (is_control(c)) return fail(why, "contains a control character");
    if (is_invisible(c)) return fail(why, "contains an invisible character");
    if (c < 0x80 && !is_allowed_ascii(c))
      return fail(why, "contains a character other than letters, digits, spaces and _ - . +");
    p += n;
  }
  if (why) *why = NULL;
  return true;
}

char *sq_name_quote(const char *name, char *out, size_t size) {
  if (size < 8) { /* room for at least "..." in quotes */
    if (size) out[0] = '\0';
    return out;
  }
  size_t used = 0;
  out[used++] = '"';
  for (const unsigned char *p = (const unsigned char *)name; *p;) {
    char piece[16];
    unsigned long c;
    size_t n = utf8_decode(p, &c);
    if (n == 0)
      snprintf(piece, sizeof piece, "\\x%02x", *p), n = 1;
    else if (c == '"' || c == '\\')
      snprintf(piece, sizeof piece, "\\%c", (char)c);
    else if (is_control(c) || is_invisible(c))
      snprintf(piece, sizeof piece, "\\u%04lx", c);
    else
      memcpy(piece, p, n), piece[n] = '\0';
    size_t k = strlen(piece);
    if (used + k + 5 > size) { /* keep room for ..." and the NUL */
      memcpy(out + used, "...", 3), used += 3;
      break;
    }
    memcpy(out + used, piece, k), used += k;
    p += n;
  }
  out[used++] = '"';
  out[used] = '\0';
  return out;
}

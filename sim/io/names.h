/* Names that become file or folder names (a scenario's output folder is
 * out/<name>, a comparison's DIR/<name>, a sweep's out/<name>) and text in
 * charts: one rule for every such name (docs/SCENARIOS.md, "Names"), so
 * that no input can reach outside the folder meant for it, break a CSV
 * line or a chart script, or make a terminal show what is not there. */
#ifndef SQ_NAMES_H
#define SQ_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define SQ_NAME_SAFE_MAX 63 /* bytes, without the terminating NUL */

/* The rule in words, for the messages that refuse a name. */
#define SQ_NAME_RULE                                                                  \
  "1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not "  \
  "starting with . - or a space (docs/SCENARIOS.md, Names)"

/* Is `name` a valid name: 1 to SQ_NAME_SAFE_MAX bytes of valid UTF-8;
 * ASCII letters and digits, spaces and _ - . +, and any visible character
 * beyond ASCII (so Chinese names work); not starting with '.', '-' or a
 * space (so never "." or ".."), not ending with a space?  When it is not,
 * *why (if why is not NULL) says why, as "contains '/'". */
bool sq_name_is_safe(const char *name, const char **why);

/* `name` in double quotes for a message, with '"', '\', control and
 * invisible characters and bytes that are not UTF-8 escaped (\", \\,
 * \u001b, \xff), cut with "..." to fit `size` bytes.  Returns out. */
char *sq_name_quote(const char *name, char *out, size_t size);

#endif

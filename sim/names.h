/* Names that become file or folder names (a sweep's output folder is
 * out/<name>): one rule for every such name, so that no input can reach
 * outside the folder meant for it or make a name a terminal would garble. */
#ifndef SQ_NAMES_H
#define SQ_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define SQ_NAME_SAFE_MAX 64 /* bytes, without the terminating NUL */

/* Is `name` safe as one path component: 1 to SQ_NAME_SAFE_MAX bytes of
 * valid UTF-8, no '/' or '\', no control character (C0, DEL, C1), not "."
 * or "..", not starting with '.' (hidden) or '-' (read as an option)?
 * When it is not, *why (if why is not NULL) says why, as "contains '/'". */
bool sq_name_is_safe(const char *name, const char **why);

/* `name` in double quotes for a message, with '"', '\', control
 * characters and bytes that are not UTF-8 escaped (\", \\, \u001b, \xff),
 * cut with "..." to fit `size` bytes.  Returns out. */
char *sq_name_quote(const char *name, char *out, size_t size);

#endif

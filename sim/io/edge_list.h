/* Edge-list files (graph.model edge_list; docs/MODEL.md, section 2): a
 * real network, one edge a line as two agent ids separated by a comma or
 * white space.  Ids are any tokens, compared as text, and become agents
 * 0 .. n-1 in the order they first appear.  Blank lines and comments (from
 * '#' to the end of the line) are skipped, and so is a header: the first
 * line when its fields are source/target, from/to, node1/node2, u/v or i/j
 * (any case), or are not both whole numbers while every later id is.  Self-loops are dropped (their agent stays, with no contact from
 * it), and so are repeated edges, in either direction, when the graph is
 * built.  Read with the one bounded reader (docs/SECURITY.md). */
#ifndef SQ_EDGE_LIST_H
#define SQ_EDGE_LIST_H

#include <stddef.h>

#include "models/error.h"
#include "models/graph.h"

/* The largest edge list read: larger than a scenario (a real network of a
 * few million edges), still bounded. */
#define SQ_MAX_EDGE_LIST_BYTES ((size_t)64 << 20)

/* Parse an edge list from `text` (`len` bytes); `path` names it in
 * messages ("PATH:LINE: expected ..., found ...").  On success *out is
 * filled (free with sq_edge_list_free).  Returns 0 or SQ_EINPUT. */
int sq_edge_list_parse(const char *text, size_t len, const char *path, sq_edge_list *out,
                       sq_error *err);
void sq_edge_list_free(sq_edge_list *e);

/* Read and parse the file at `path`.  The list lives until the process
 * ends (or sq_edge_list_release_all): scenarios hold it by pointer and are
 * copied freely.  NULL on error. */
const sq_edge_list *sq_edge_list_load(const char *path, sq_error *err);

/* Free every list loaded (a fuzz target, between inputs). */
void sq_edge_list_release_all(void);

#endif

#include "sim/io/edge_list.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/io/fileio.h"

typedef struct token {
  const char *s;
  size_t len;
} token;

/* One line's fields: at most 3 are kept (2 are expected; a third only to
 * say how many were found). */
typedef struct fields {
  token f[3];
  int count;
  bool empty_field; /* a CSV field with nothing in it */
} fields;

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static void trim(token *t) {
  while (t->len && is_blank(t->s[0])) t->s++, t->len--;
  while (t->len && is_blank(t->s[t->len - 1])) t->len--;
}

/* Split a line (without its '\n') into fields: by commas if it has one,
 * else by white space; a comment runs from '#' to the end. */
static void split(const char *line, size_t n, fields *out) {
  const char *hash = memchr(line, '#', n);
  if (hash) n = (size_t)(hash - line);
  token whole = {line, n};
  trim(&whole);
  memset(out, 0, sizeof *out);
  if (!whole.len) return;
  bool csv = memchr(whole.s, ',', whole.len) != NULL;
  const char *p = whole.s, *end = whole.s + whole.len;
  while (p <= end) {
    token t = {p, 0};
    if (csv) {
      const char *comma = memchr(p, ',', (size_t)(end - p));
      t.len = (size_t)((comma ? comma : end) - p);
      p = (comma ? comma : end) + 1;
      trim(&t);
      out->empty_field |= t.len == 0;
    } else {
      while (p < end && is_blank(*p)) p++;
      t.s = p;
      while (p < end && !is_blank(*p)) p++;
      t.len = (size_t)(p - t.s);
      if (!t.len) break;
    }
    if (out->count < 3) out->f[out->count] = t;
    out->count++;
    if (!csv && p >= end) break;
  }
}

static bool whole_number(token t) {
  if (!t.len) return false;
  for (size_t i = 0; i < t.len; i++)
    if (t.s[i] < '0' || t.s[i] > '9') return false;
  return true;
}

/* Is a line of two fields a header by its words: source/target, from/to,
 * node1/node2, u/v, i/j, in any case (ids that are tokens could be
 * anything else)? */
static bool header_words(const fields *f) {
  static const char *const pairs[][2] = {
      {"source", "target"}, {"from", "to"}, {"node1", "node2"}, {"u", "v"}, {"i", "j"}};
  for (size_t k = 0; k < SQ_LEN(pairs); k++)
    if (f->f[0].len == strlen(pairs[k][0]) && f->f[1].len == strlen(pairs[k][1]) &&
        strncasecmp(f->f[0].s, pairs[k][0], f->f[0].len) == 0 &&
        strncasecmp(f->f[1].s, pairs[k][1], f->f[1].len) == 0)
      return true;
  return false;
}

/* Up to 40 bytes of a line for a message, unprintable bytes as '?'. */
static const char *quote(const char *line, size_t n, char *buf, size_t size) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 4 < size && k < 40; i++)
    buf[k++] = (unsigned char)line[i] < 0x20 || line[i] == 0x7f ? '?' : line[i];
  if (n > 40 && k + 4 < size) memcpy(buf + k, "...", 3), k += 3;
  buf[k] = '\0';
  return buf;
}

/* ---- ids to agents: an open-addressing table over the tokens ------------ */

typedef struct slot {
  const char *s;
  size_t len;
  uint32_t id;
} slot;

typedef struct id_table {
  slot *slots;
  size_t capacity, used; /* capacity a power of two */
} id_table;

static uint64_t fnv1a(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  return h;
}

static bool table_grow(id_table *t) {
  size_t cap = t->capacity ? 2 * t->capacity : 1024;
  slot *s = calloc(cap, sizeof *s);
  if (!s) return false;
  for (size_t i = 0; i < t->capacity; i++) {
    if (!t->slots[i].s) continue;
    size_t k = fnv1a(t->slots[i].s, t->slots[i].len) & (cap - 1);
    while (s[k].s) k = (k + 1) & (cap - 1);
    s[k] = t->slots[i];
  }
  free(t->slots);
  t->slots = s;
  t->capacity = cap;
  return true;
}

/* The agent of a token: the next number for a token not seen before.
 * UINT32_MAX when out of memory. */
static uint32_t table_id(id_table *t, token tok) {
  if (2 * (t->used + 1) > t->capacity && !table_grow(t)) return UINT32_MAX;
  size_t k = fnv1a(tok.s, tok.len) & (t->capacity - 1);
  for (; t->slots[k].s; k = (k + 1) & (t->capacity - 1))
    if (t->slots[k].len == tok.len && memcmp(t->slots[k].s, tok.s, tok.len) == 0)
      return t->slots[k].id;
  t->slots[k] = (slot){tok.s, tok.len, (uint32_t)t->used};
  return (uint32_t)t->used++;
}

/* ---- parsing ---------------------------------------------------------------- */

/* The next line from text[*at] on, without its '\n'; false at the end. */
static bool next_line(const char *text, size_t len, size_t *at, const char **line, size_t *n) {
  if (*at >= len) return false;
  *line = text + *at;
  const char *nl = memchr(*line, '\n', len - *at);
  *n = nl ? (size_t)(nl - *line) : len - *at;
  *at += *n + 1;
  return true;
}

int sq_edge_list_parse(const char *text, size_t len, const char *path, sq_edge_list *out,
                       sq_error *err) {
  memset(out, 0, sizeof *out);
  char shown[64];
  /* pass 1: every line checked; is the first a header? */
  size_t edges = 0, header_line = 0;
  bool first_numeric = true, rest_numeric = true, first_words = false;
  const char *line;
  size_t n, at = 0, number = 0;
  while (next_line(text, len, &at, &line, &n)) {
    number++;
    if (memchr(line, '\0', n))
      return sq_error_set(err, SQ_EINPUT, "%s:%zu: expected text, found a NUL byte", path, number);
    fields f;
    split(line, n, &f);
    if (f.count == 0) continue;
    if (f.count != 2 || f.empty_field)
      return sq_error_set(err, SQ_EINPUT,
                          "%s:%zu: expected two agent ids separated by a comma or white space, "
                          "found %s%d field%s: '%s'",
                          path, number, f.empty_field ? "an empty id among " : "", f.count,
                          f.count == 1 ? "" : "s", quote(line, n, shown, sizeof shown));
    bool numeric = whole_number(f.f[0]) && whole_number(f.f[1]);
    if (!header_line) header_line = number, first_numeric = numeric, first_words = header_words(&f);
    else rest_numeric &= numeric;
    edges++;
  }
  bool header = first_words || (header_line && !first_numeric && rest_numeric && edges > 1);
  if (header) edges--;
  if (!edges)
    return sq_error_set(err, SQ_EINPUT, "%s: expected at least one edge (two agent ids a line), "
                        "found none", path);
  /* pass 2: ids to agents, in order of first appearance */
  id_table ids = {0};
  out->ends = malloc(2 * edges * sizeof *out->ends);
  bool oom = !out->ends;
  size_t e = 0;
  at = number = 0;
  while (!oom && next_line(text, len, &at, &line, &n)) {
    number++;
    fields f;
    split(line, n, &f);
    if (f.count == 0 || (header && number == header_line)) continue;
    uint32_t a = table_id(&ids, f.f[0]), b = table_id(&ids, f.f[1]);
    oom = a == UINT32_MAX || b == UINT32_MAX;
    if (!oom && a != b) out->ends[2 * e] = a, out->ends[2 * e + 1] = b, e++; /* no self-loops */
  }
  free(ids.slots);
  if (oom) {
    sq_edge_list_free(out);
    return sq_error_set(err, SQ_ERUNTIME, "%s: out of memory for %zu edges", path, edges);
  }
  if (ids.used > INT32_MAX) {
    sq_edge_list_free(out);
    return sq_error_set(err, SQ_EINPUT, "%s: %zu agents, more than population.size allows", path,
                        ids.used);
  }
  out->nodes = (uint32_t)ids.used;
  out->n_edges = e;
  out->checksum = fnv1a(text, len);
  return SQ_OK;
}

void sq_edge_list_free(sq_edge_list *e) {
  free(e->ends);
  memset(e, 0, sizeof *e);
}

/* ---- loaded lists, kept for the life of the process ------------------------ */

typedef struct loaded {
  sq_edge_list list;
  struct loaded *next;
} loaded;

static loaded *all;

void sq_edge_list_release_all(void) {
  while (all) {
    loaded *next = all->next;
    sq_edge_list_free(&all->list);
    free(all);
    all = next;
  }
}

const sq_edge_list *sq_edge_list_load(const char *path, sq_error *err) {
  static bool registered;
  char *text;
  size_t len;
  if (sq_read_bounded(path, SQ_MAX_EDGE_LIST_BYTES, &text, &len, err)) return NULL;
  loaded *l = calloc(1, sizeof *l);
  int rc = l ? sq_edge_list_parse(text, len, path, &l->list, err)
             : sq_error_set(err, SQ_ERUNTIME, "%s: out of memory", path);
  free(text);
  if (rc) {
    free(l);
    return NULL;
  }
  if (!registered) registered = atexit(sq_edge_list_release_all) == 0;
  l->next = all;
  all = l;
  return &l->list;
}

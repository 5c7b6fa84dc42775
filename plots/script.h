/* A gnuplot -e script, built with its escaping.  Text from outside the
 * program (names, titles, paths, values read from CSV files) enters it
 * only as a single-quoted gnuplot string, where nothing is special but the
 * quote itself (written twice): never as commands or macros.  A script
 * that does not fit is spoilt whole (`full`; the renderer refuses it)
 * rather than left with a quote open. */
#ifndef SQ_PLOT_SCRIPT_H
#define SQ_PLOT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sq_gp_script {
  char text[65536];
  size_t used;
  bool full;
} sq_gp_script;

/* Empty the script. */
void sq_gp_clear(sq_gp_script *s);

/* Program text, as printf formats it: constants of the program only. */
void sq_gp_raw(sq_gp_script *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* `name = 'value'; ` */
void sq_gp_string(sq_gp_script *s, const char *name, const char *value);

/* sq_gp_string for each (name, value) pair of the arguments, up to a NULL
 * name. */
void sq_gp_strings(sq_gp_script *s, ...) __attribute__((sentinel));

/* A path as gnuplot should take it: a file name starting with '<' or '|'
 * would be run as a command, so a relative path starts with "./". */
const char *sq_gp_path_of(const char *path, char *buf, size_t size);

/* `name = 'path'; ` with the path as sq_gp_path_of gives it. */
void sq_gp_path(sq_gp_script *s, const char *name, const char *path);

/* `array name[n] = ['a', 'b', ...]; ` (n > 0). */
void sq_gp_array(sq_gp_script *s, const char *name, const char *const *values, int n);

/* `name = value; ` */
void sq_gp_number(sq_gp_script *s, const char *name, double value);

#endif

/* Charts of a run, comparison or sweep folder (`shequn plot`), drawn
 * by gnuplot with the templates in plots/. */
#ifndef SQ_PLOT_RENDER_H
#define SQ_PLOT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "models/error.h"

/* Draw every chart `dir` has data for, as `format` (png, svg or pdf), with
 * English or Chinese labels; *written counts the files.  SQ_EINPUT when dir
 * holds no results or a CSV file is wrong, SQ_ERUNTIME when gnuplot is
 * missing or fails. */
int sq_plot(const char *dir, const char *format, bool chinese, int *written, sq_error *err);

/* Where the project's `what` directory ("plots", "scenarios") is: under
 * $SHEQUN_HOME, beside or above the binary's directory (a source tree),
 * in the share/shequn of the prefix the binary is installed in, in the
 * configured install prefix's, or in the current directory; `probe` is a
 * file it must hold.  False when none is found. */
bool sq_find_project_dir(const char *what, const char *probe, char *buf, size_t size);

#endif

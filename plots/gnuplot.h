/* Running gnuplot: the one place the program starts it.  The libFuzzer
 * target fuzz_csv links tests/fuzz/no_gnuplot.c instead of gnuplot.c, so
 * that every CSV reader is reached without drawing. */
#ifndef SQ_PLOT_GNUPLOT_H
#define SQ_PLOT_GNUPLOT_H

#include "models/error.h"

/* Run gnuplot on `template_path` with the -e `script`, which makes it draw
 * into `temp` (beside `out`); that file is renamed to `out` on success and
 * removed on failure, so a failure never leaves an empty or partial chart.
 * gnuplot's messages go to `log`, and on failure into the error.  `dir`
 * is named when gnuplot is not installed. */
int sq_plot_gnuplot(const char *template_path, const char *script, const char *temp,
                    const char *out, const char *log, const char *dir, sq_error *err);

#endif

/* shequn plot: the verb.  Its usage, its options, and a call to the
 * renderer (plots/render.h), which reads the CSV files and draws the
 * charts with the gnuplot templates in plots/. */
#include <stdio.h>
#include <string.h>

#include "plots/render.h"
#include "sim/commands/cli.h"

int sq_cmd_plot(int argc, char **argv) {
  static const char plot_about[] =
      "Draw the charts of a directory written by `shequn run`, `compare`, `sweep` or\n"
      "`fit`, with gnuplot, into that directory:\n"
      "  lifecycle      members, active and silent members over time (median and\n"
      "                 10-90% band over replicates) over the share of\n"
      "                 replicates in each of the five stages               (run)\n"
      "  survival       share of groups still alive by age, 95% bands       (run, compare)\n"
      "  network        groups and members of a network over time           (run, if it split)\n"
      "  participation  share of posts written by the most active members   (run --members)\n"
      "  comparison     active members of every scenario on one chart       (compare)\n"
      "  heatmap-M      the mean of metric M over a two-parameter grid      (sweep)\n"
      "  sensitivity-M  Sobol indices of each parameter on metric M         (sweep)\n"
      "  predictive-S   an observed series S over the median and the        (fit)\n"
      "                 50% and 95% bands of the posterior predictive\n"
      "  posterior      each parameter's posterior: weighted histograms     (fit)\n"
      "  posterior-pairs                                                    (fit)\n"
      "                 the accepted settings of the first pairs of parameters\n"
      "  generations    tolerance and acceptance rate per generation        (fit)\n"
      "  forecast       share of runs still alive after the last observed   (fit)\n"
      "                 day, as fitted and with each --what-if\n"
      "Files are named KIND.FORMAT, or KIND-zh.FORMAT with --lang zh.\n";
  static const char plot_after[] =
      "The templates are plots/*.gp: found under $SHEQUN_HOME, else in the source\n"
      "tree of a shequn run from its build directory (build/shequn), else in\n"
      "share/shequn/plots of an installed shequn, else in ./plots.\n"
      "Exit status: 0 done, 1 failed (gnuplot missing or failing), 2 bad input.\n";
  const char *dir = NULL, *format = "png", *lang = "en";
  int n_dirs = 0;
  const sq_option options[] = {
      {"--format", 0, SQ_OPT_CHOICE, "F", "png (default), svg or pdf", .choices = "png|svg|pdf",
       .text = &format},
      {"--lang", 0, SQ_OPT_CHOICE, "L", "en (default) or zh: labels in English or in Chinese",
       .choices = "en|zh", .text = &lang},
  };
  const sq_verb verb = {"plot", "DIR [--format png|svg|pdf] [--lang en|zh]", plot_about,
                        plot_after, options, (int)SQ_LEN(options), &dir, &n_dirs, 1, 1,
                        "name a directory written by `shequn run`, `compare`, `sweep` or `fit`",
                        "one directory at a time (got '%s' and '%s')"};
  int parsed = sq_cli_parse(&verb, argc, argv);
  if (parsed) return parsed < 0 ? 0 : parsed;
  sq_error err = {0};
  int written;
  int rc = sq_plot(dir, format, strcmp(lang, "zh") == 0, &written, &err);
  if (rc) {
    fprintf(stderr, "shequn plot: %s\n", err.message);
    return rc == SQ_EINPUT ? 2 : 1;
  }
  return 0;
}

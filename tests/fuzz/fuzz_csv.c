/* libFuzzer target: the CSV readers.  The first byte chooses a directory:
 *   0  a run: curves.csv, survival.csv, members.csv (read by `shequn plot`)
 *   1  a comparison: comparison.csv, survival.csv      (`shequn plot`)
 *   2  a grid sweep: points.csv, sensitivity.csv       (`shequn plot`)
 *   3  a sweep's journal.csv, resumed and turned into the final files
 *   4  a fit: generations.csv, particles.csv, predictive.csv, forecast.csv
 *      (`shequn plot`)
 * and the rest is split at form feeds ('\f') into those files.  gnuplot is
 * not run (no_gnuplot.c), so only the C side that reads the files is
 * tested. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "plots/render.h"
#include "sim/io/sweep.h"

static const char *const layouts[5][4] = {
    {"curves.csv", "survival.csv", "members.csv", NULL},
    {"comparison.csv", "survival.csv", NULL, NULL},
    {"points.csv", "sensitivity.csv", NULL, NULL},
    {"journal.csv", NULL, NULL, NULL},
    {"generations.csv", "particles.csv", "predictive.csv", "forecast.csv"},
};
static const char *const all_files[] = {"curves.csv",  "survival.csv",    "members.csv",
                                        "comparison.csv", "points.csv", "sensitivity.csv",
                                        "journal.csv", "sweep.json", "generations.csv",
                                        "particles.csv", "predictive.csv", "forecast.csv"};

static char run_dir[4400];
static sq_sweep sweep;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  snprintf(run_dir, sizeof run_dir, "%s/out", fuzz_dir());
  mkdir(run_dir, 0755);
  /* a small sweep whose journal is fuzzed */
  static const char text[] =
      "{\"name\": \"fuzz\", \"scenario\": \"../../scenarios/well_run.json\", \"design\": "
      "\"sobol\", \"points\": 2, \"replicates\": 2, \"bootstrap\": 5, \"parameters\": ["
      "{\"key\": \"rules.strictness\", \"min\": 0, \"max\": 1},"
      "{\"key\": \"recruitment.entry.rule\", \"values\": [\"open\", \"paid\"]}]}";
  char path[4400];
  fuzz_write("fuzz-journal-sweep.json", (const uint8_t *)text, sizeof text - 1, path, sizeof path);
  sq_error err = {0};
  if (sq_sweep_load(&sweep, path, &err)) {
    fprintf(stderr, "fuzz_csv: %s\n", err.message);
    abort();
  }
  return 0;
}

static void put(const char *name, const uint8_t *data, size_t n) {
  char path[4600];
  snprintf(path, sizeof path, "%s/%s", run_dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (n) fwrite(data, 1, n, f);
  fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
  if (n < 1) return 0;
  int layout = data[0] % 5;
  data++, n--;
  char path[4600];
  for (size_t k = 0; k < sizeof all_files / sizeof *all_files; k++) {
    snprintf(path, sizeof path, "%s/%s", run_dir, all_files[k]);
    unlink(path);
  }
  sq_error err = {0};
  if (layout == 3) {
    /* a valid header, so that the records are read */
    char header[256];
    int h = snprintf(header, sizeof header, "# shequn sweep journal %s %016llx runs=%zu metrics=%zu\n",
                     SHEQUN_VERSION, (unsigned long long)sq_sweep_fingerprint(&sweep),
                     sq_sweep_runs(&sweep), sq_metric_count);
    uint8_t *text = malloc((size_t)h + n);
    if (!text) return 0;
    memcpy(text, header, (size_t)h);
    if (n) memcpy(text + h, data, n);
    put("journal.csv", text, (size_t)h + n);
    free(text);
    sq_journal j;
    if (sq_journal_open(&j, run_dir, &sweep, true, &err) == 0) {
      sq_journal_close(&j);
      sq_sweep_timing tm = {0};
      sq_sweep_finish(&sweep, run_dir, &tm, &err);
    } else {
      sq_journal_close(&j);
    }
    return 0;
  }
  for (int k = 0; k < 4 && layouts[layout][k]; k++) {
    size_t first, rest_n;
    const uint8_t *rest;
    fuzz_split(data, n, &first, &rest, &rest_n);
    put(layouts[layout][k], data, first);
    data = rest, n = rest_n;
  }
  if (layout == 2) {
    static const char grid[] = "{\"name\": \"fuzz\", \"design\": \"grid\"}";
    put("sweep.json", (const uint8_t *)grid, sizeof grid - 1);
  }
  int written;
  sq_plot(run_dir, "fuzzfmt", layout == 1, &written, &err);
  return 0;
}

/* libFuzzer target: the readers of `shequn fit` (sim/io/observed.c, the
 * observed CSV file; sim/io/prior.c, the prior file).  Input beginning
 * with '{' is a prior file, anything else an observed file; an observed
 * file that reads is also summarised (sim/analysis/abc.c). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "sim/analysis/abc.h"
#include "sim/io/observed.h"
#include "sim/io/prior.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
  char path[4400];
  sq_error err = {0};
  if (n > 0 && data[0] == '{') {
    fuzz_write("fuzz-prior.json", data, n, path, sizeof path);
    sq_fit_prior prior;
    if (sq_prior_read(&prior, path, false, &err) == 0)
      for (int k = 0; k < prior.n; k++) (void)sq_prior_density(&prior.dist[k], prior.dist[k].a);
    return 0;
  }
  fuzz_write("fuzz-observed.csv", data, n, path, sizeof path);
  sq_observed obs;
  if (sq_observed_read(&obs, path, &err) == 0) {
    sq_series_view v = {obs.n, obs.day, {NULL}};
    for (int s = 0; s < SQ_SERIES_COUNT; s++) v.value[s] = obs.present[s] ? obs.value[s] : NULL;
    double stat[SQ_MAX_STATS];
    (void)sq_summaries(&v, stat, NULL);
    sq_observed_free(&obs);
  }
  return 0;
}

/* libFuzzer target: the sweep-file loader (reading, design expansion, the
 * check of every point's scenario, sweep.json and the fingerprint).  The
 * shipped scenarios are beside the fuzzed file and at ../../scenarios. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "sim/io/edge_list.h"
#include "sim/io/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
  char path[4400];
  fuzz_write("fuzz-sweep.json", data, n, path, sizeof path);
  sq_sweep *s = malloc(sizeof *s);
  sq_error err = {0};
  if (s && sq_sweep_load(s, path, &err) == 0) {
    free(sq_sweep_to_json(s));
    (void)sq_sweep_fingerprint(s);
    if (s->n_points) {
      sq_scenario sc;
      sq_sweep_point_scenario(s, s->n_points - 1, &sc);
    }
  }
  if (s) sq_sweep_free(s);
  free(s);
  sq_edge_list_release_all(); /* lists live until the process ends: not here */
  return 0;
}

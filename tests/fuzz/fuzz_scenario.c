/* libFuzzer target: the scenario loader.  The input is a scenario file; an
 * optional second file follows a form feed ('\f'), written beside it as
 * fuzz-other.json so that "base" chains (and cycles) can be built, or an
 * edge list read (graph.edge_list_file: "fuzz-other.json").  The
 * shipped scenarios are beside it too, to be named as bases. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "sim/io/edge_list.h"
#include "sim/io/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n) {
  size_t first, other_n;
  const uint8_t *other;
  fuzz_split(data, n, &first, &other, &other_n);
  char path[4400], other_path[4400];
  fuzz_write("fuzz-other.json", other, other_n, other_path, sizeof other_path);
  fuzz_write("fuzz-input.json", data, first, path, sizeof path);
  sq_scenario sc, varied;
  sq_error err = {0};
  if (sq_scenario_read(&sc, path, NULL, &err) == 0) {
    free(sq_scenario_to_json(&sc));
    double drawn[SQ_MAX_VARY];
    sq_scenario_vary(&sc, 7, &varied, drawn, &err);
  }
  sq_edge_list_release_all(); /* lists live until the process ends: not here */
  return 0;
}

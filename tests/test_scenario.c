/* Scenario loading beyond the error messages (tests/cli_errors.sh pins
 * those): defaults, overrides, bases, and the resolved scenario, which must
 * read back to exactly the same scenario. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "models/schedules.h"
#include "sim/io/fileio.h"
#include "sim/io/scenario.h"
#include "sim/io/sweep.h"

static int same(const sq_scenario *a, const sq_scenario *b) {
  char *ja = sq_scenario_to_json(a), *jb = sq_scenario_to_json(b);
  int equal = strcmp(ja, jb) == 0;
  free(ja);
  free(jb);
  return equal;
}

int main(void) {
  sq_scenario d, s;
  sq_error err = {0};
  sq_scenario_defaults(&d);
  CHECK(sq_scenario_check(&d, "defaults", &err) == 0, "the defaults are a valid scenario");
  for (size_t i = 0; i < sq_param_count; i++) {
    const sq_param *p = &sq_params[i];
    if (p->type == SQ_PARAM_REAL || p->type == SQ_PARAM_INT || p->type == SQ_PARAM_INT64) {
      double v = sq_param_get_number(&d, p);
      int ok = (p->min_open ? v > p->min : v >= p->min) && v <= p->max;
      if (!ok) CHECK(ok, "default of %s (%g) is inside its range", p->path, v);
    }
    CHECK(p->doc && *p->doc && sq_param_find(p->path) == p, "%s is documented and found", p->path);
  }

  /* overrides: numbers, booleans, enumerated words, lists */
  s = d;
  CHECK(sq_scenario_set(&s, "group.capacity=238", &err) == 0 && s.group.capacity == 238,
        "--set an integer");
  CHECK(sq_scenario_set(&s, "content.ad_cost=2.385", &err) == 0 && s.content.ad_cost == 2.385,
        "--set a number");
  CHECK(sq_scenario_set(&s, "engagement.enabled=false", &err) == 0 && !s.engagement.enabled,
        "--set a boolean");
  CHECK(sq_scenario_set(&s, "recruitment.outreach.schedule=waves", &err) == 0 &&
            s.recruitment.outreach.schedule == SQ_SCHEDULE_WAVES,
        "--set a choice by its bare name");
  CHECK(sq_scenario_set(&s, "recruitment.outreach.burst_days=[3, 38, 385]", &err) == 0 &&
            s.recruitment.outreach.burst_days.count == 3 &&
            s.recruitment.outreach.burst_days.value[2] == 385,
        "--set a list");
  CHECK(sq_scenario_set(&s, "name=my run", &err) == 0 && strcmp(s.name, "my run") == 0,
        "--set a string with a space");

  /* the resolved scenario reads back to the same scenario */
  char *text = sq_scenario_to_json(&s);
  const char *path = "build-test-resolved.json";
  CHECK(sq_write_text(path, text, &err) == 0, "write the resolved scenario");
  sq_scenario back;
  CHECK(sq_scenario_read(&back, path, NULL, &err) == 0, "read it back: %s", err.message);
  CHECK(same(&s, &back), "reading the resolved scenario reproduces it key for key");
  free(text);

  /* a base and a variant: the variant changes only what it names */
  const char *base_path = "build-test-base.json", *variant_path = "build-test-variant.json";
  sq_write_text(base_path, "{\"name\": \"b\", \"group\": {\"capacity\": 385, \"founders\": 23}}", &err);
  sq_write_text(variant_path,
                "{\"base\": \"build-test-base.json\", \"name\": \"v\", \"group\": {\"founders\": 38}}",
                &err);
  CHECK(sq_scenario_read(&s, variant_path, NULL, &err) == 0, "read a variant");
  CHECK(strcmp(s.name, "v") == 0 && s.group.capacity == 385 && s.group.founders == 38,
        "variant: its own keys win, the base's others stay, defaults fill the rest");
  CHECK(s.horizon_days == d.horizon_days, "variant: untouched keys keep their defaults");
  remove(path);
  remove(base_path);
  remove(variant_path);

  /* every shipped scenario validates and says what it shows */
  DIR *dir = opendir("scenarios");
  int files = 0;
  for (struct dirent *e; dir && (e = readdir(dir));) {
    size_t n = strlen(e->d_name);
    if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    char path[512];
    snprintf(path, sizeof path, "scenarios/%s", e->d_name);
    files++;
    if (sq_is_sweep_file(path)) {
      sq_sweep sweep;
      int ok = sq_sweep_load(&sweep, path, &err) == 0;
      CHECK(ok && strlen(sweep.description) > 50, "sweep %s is valid and described%s%s", path,
            ok ? "" : ": ", ok ? "" : err.message);
      sq_sweep_free(&sweep);
      continue;
    }
    int ok = sq_scenario_read(&s, path, NULL, &err) == 0;
    CHECK(ok, "%s is valid%s%s", path, ok ? "" : ": ", ok ? "" : err.message);
    CHECK(ok && strlen(s.description) > 100, "%s has a description to read aloud", path);
  }
  if (dir) closedir(dir);
  CHECK(files >= 18, "%d shipped files checked", files);
  return CHECK_DONE();
}

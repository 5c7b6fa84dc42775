#!/usr/bin/env bash
# The JSON Schema of scenario files: schemas/scenario.schema.json is what
# `shequn params --schema` prints from the key table; every shipped scenario
# names it in "$schema" and is valid under it (python3-jsonschema, Draft
# 2020-12), as is the resolved scenario.json a run writes; and it refuses
# what the reader refuses key by key (the fixtures of tests/errors: wrong
# types, ranges, choices, unknown keys), and accepts what the reader accepts.
set -u
shequn=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
schema=schemas/scenario.schema.json

if "$shequn" params --schema | cmp -s - "$schema"; then
  pass "$schema is the output of shequn params --schema"
else
  bad "$schema and shequn params --schema differ; run: bash scripts/sync_docs.sh"
  diff <("$shequn" params --schema) "$schema" | head -10
fi

shipped=()
for f in scenarios/*.json; do
  grep -q '"parameters"' "$f" || shipped+=("$f") # sweep files have their own format
done
expect "shipped scenarios found" "[ \${#shipped[@]} -ge 15 ]"
for f in "${shipped[@]}"; do
  expect "$f names the schema" \
    "grep -q '^  \"\$schema\": \"../schemas/scenario.schema.json\",\$' $f && [ -f scenarios/../$schema ]"
done
expect "shequn validate accepts every shipped scenario with its \$schema" \
  "\"$shequn\" validate ${shipped[*]} > /dev/null"

# a run's resolved scenario, with a vary list
"$shequn" run scenarios/everyday_groups.json --replicates 2 --set horizon_days=5 -o "$tmp/run" \
  > /dev/null || bad "the run for a resolved scenario.json exits 0"
expect "the resolved scenario.json does not copy \$schema" "! grep -q schema $tmp/run/scenario.json"

python=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import jsonschema' 2> /dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  bad "python3 with jsonschema (Debian: python3-jsonschema; bash scripts/setup.sh test installs it)"
  exit $fail
fi
reject=(tests/errors/{range,type,unknown,enum,list,top}_*.json tests/errors/not_integer.json
        tests/errors/string_too_long.json)
accept=(tests/errors/good.json tests/errors/ok_*.json "$tmp/run/scenario.json" "${shipped[@]}")
"$python" - "$schema" "${#accept[@]}" "${accept[@]}" "${reject[@]}" <<'PY' > "$tmp/report"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
print("PASS: the schema is a valid Draft 2020-12 schema")
validator = jsonschema.Draft202012Validator(schema)
n_accept = int(sys.argv[2])
for i, path in enumerate(sys.argv[3:]):
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    if i < n_accept:
        print(("PASS: valid: " if not errors else "FAIL: invalid: ") + path +
              ("" if not errors else ": " + errors[0].message[:200]))
    else:
        print(("PASS: refused: " if errors else "FAIL: accepted: ") + path +
              (": " + errors[0].message[:100] if errors else ""))
PY
cat "$tmp/report"
grep -q '^FAIL' "$tmp/report" && fail=1
expect "every file checked" \
  "[ \$(grep -c '^PASS: \(valid\|refused\)' $tmp/report) -eq $((${#accept[@]} + ${#reject[@]})) ]"
expect "the reader refuses every file the schema refuses" \
  "! \"$shequn\" validate ${reject[*]} > /dev/null 2>&1 && [ \$(\"$shequn\" validate ${reject[*]} 2>&1 | grep -vc ': ok$') -eq ${#reject[@]} ]"
exit $fail

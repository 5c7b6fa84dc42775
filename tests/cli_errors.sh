#!/usr/bin/env bash
# Pins every scenario-input error message of `shequn`: for each case the exact
# stderr, exit status 2, nothing on stdout, and nothing written.
#
#   bash tests/cli_errors.sh /path/to/shequn
#
# The bad scenario files are in tests/errors/, one problem per file.  Paths in
# the messages are relative to the repository root, so the script runs from
# there whatever the current directory.
#
# Case table (CASES below), one line per case:
#
#   KIND | ARGUMENTS | EXPECTED STDERR
#
#   file      ARGUMENTS are given to both `shequn validate ARGS` and
#             `shequn run -o OUT ARGS`: the message must be the same for both.
#   run       `shequn run -o OUT ARGS`
#   validate  `shequn validate ARGS`
#   sweep     ARGS are given to both `shequn validate ARGS` and
#             `shequn sweep -o OUT ARGS`: a sweep file's errors
#
# Every case expects exit status 2, empty stdout, and stderr equal to EXPECTED
# line for line ("\n" in EXPECTED separates lines).  OUT is a fresh path under
# a temporary directory; after the command it must be absent or empty.
# ARGUMENTS are split on blanks, without quote removal or globbing.
#
# KNOWN_BUGS has the same layout: cases whose current behaviour is wrong, with
# the message the fixed program should give.  They print XFAIL while they
# still fail and XPASS (counted as a failure) once they pass: move them to
# CASES then.
set -u

if [ $# -ne 1 ]; then
  echo "usage: bash tests/cli_errors.sh /path/to/shequn" >&2
  exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
if [ ! -x "$bin" ]; then
  echo "cli_errors: '$bin' is not an executable" >&2
  exit 2
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_errors.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# A guard, not a limit any case should reach: an undetected error would start
# a simulation.
if command -v timeout >/dev/null 2>&1; then guard=(timeout 120); else guard=(); fi

read -r -d '' CASES <<'EOF'
# --- JSON syntax and the top level ------------------------------------------------
file     | tests/errors/syntax_missing_comma.json      | tests/errors/syntax_missing_comma.json:3:3: JSON syntax error near '"replicates": 3'
file     | tests/errors/syntax_truncated.json          | tests/errors/syntax_truncated.json:4:13: JSON syntax error: unexpected end of input
file     | tests/errors/syntax_empty.json              | tests/errors/syntax_empty.json:1:1: JSON syntax error: unexpected end of input
file     | tests/errors/top_array.json                 | tests/errors/top_array.json: expected a JSON object at the top level, got an array
file     | tests/errors/top_number.json                | tests/errors/top_number.json: expected a JSON object at the top level, got a number
file     | tests/errors/no_such_file.json              | tests/errors/no_such_file.json: cannot read: No such file or directory
# --- wrong types --------------------------------------------------------------------
file     | tests/errors/type_real.json                 | tests/errors/type_real.json: population.expectation_mean: expected a number, got a string
file     | tests/errors/type_integer.json              | tests/errors/type_integer.json: population.size: expected an integer, got a string
file     | tests/errors/type_boolean.json              | tests/errors/type_boolean.json: engagement.enabled: expected true or false, got a number
file     | tests/errors/type_enum.json                 | tests/errors/type_enum.json: graph.model: expected one of "well_mixed", "watts_strogatz", "barabasi_albert", "edge_list", got a number
file     | tests/errors/type_string.json               | tests/errors/type_string.json: name: expected a string, got a number
file     | tests/errors/string_too_long.json           | tests/errors/string_too_long.json: name: longer than 63 characters
file     | tests/errors/type_list.json                 | tests/errors/type_list.json: recruitment.outreach.burst_days: expected an array of integers, got a number
file     | tests/errors/type_list_item.json            | tests/errors/type_list_item.json: recruitment.outreach.burst_days[1]: expected an integer, got a string
file     | tests/errors/list_item_fraction.json        | tests/errors/list_item_fraction.json: recruitment.outreach.burst_days[1]: expected an integer, got 17.385
file     | tests/errors/list_item_range.json           | tests/errors/list_item_range.json: recruitment.outreach.burst_days[1]: must be between 0 and 36500 inclusive (got 36517)
file     | tests/errors/list_too_long.json             | tests/errors/list_too_long.json: recruitment.outreach.burst_days: at most 64 items (got 65)
file     | tests/errors/type_section.json              | tests/errors/type_section.json: population: expected an object, got a number
file     | tests/errors/type_subsection.json           | tests/errors/type_subsection.json: recruitment.outreach: expected an object, got a boolean
file     | tests/errors/type_base.json                 | tests/errors/type_base.json: base: expected a file name, got a number
file     | tests/errors/type_schema.json               | tests/errors/type_schema.json: $schema: expected the schema's address, got a number
# --- ranges -------------------------------------------------------------------------
file     | tests/errors/range_real.json                | tests/errors/range_real.json: rules.strictness: must be between 0 and 1 inclusive (got 1.385)
file     | tests/errors/range_real_low.json            | tests/errors/range_real_low.json: population.sociability_shape: must be between 1.01 and 100 inclusive (got 1.00385)
file     | tests/errors/range_integer.json             | tests/errors/range_integer.json: horizon_days: must be between 1 and 36500 inclusive (got 36517)
file     | tests/errors/range_open.json                | tests/errors/range_open.json: population.interest_concentration: must be greater than 0 and at most 100 (got 0)
file     | tests/errors/range_open_negative.json       | tests/errors/range_open_negative.json: population.quality_concentration: must be greater than 0 and at most 1000 (got -2.385)
file     | tests/errors/not_integer.json               | tests/errors/not_integer.json: group.capacity: expected an integer, got 238.5
# --- unknown keys and choices -------------------------------------------------------
file     | tests/errors/unknown_leaf.json              | tests/errors/unknown_leaf.json: population.sise: unknown key (did you mean population.size?)
file     | tests/errors/unknown_section.json           | tests/errors/unknown_section.json: populaton: unknown key (did you mean population?)
file     | tests/errors/unknown_misplaced.json         | tests/errors/unknown_misplaced.json: size: unknown key (did you mean population.size?)
file     | tests/errors/unknown_misplaced_nested.json  | tests/errors/unknown_misplaced_nested.json: population.capacity: unknown key (did you mean group.capacity?)
file     | tests/errors/unknown_no_match.json          | tests/errors/unknown_no_match.json: verbose: unknown key (`shequn params` lists them all)
file     | tests/errors/unknown_no_match_nested.json   | tests/errors/unknown_no_match_nested.json: group.colour: unknown key (`shequn params` lists them all)
file     | tests/errors/enum_suggestion.json           | tests/errors/enum_suggestion.json: graph.model: expected one of "well_mixed", "watts_strogatz", "barabasi_albert", "edge_list", got "watts_strogaz" (did you mean "watts_strogatz"?)
file     | tests/errors/enum_no_suggestion.json        | tests/errors/enum_no_suggestion.json: recruitment.outreach.schedule: expected one of "none", "constant", "bursts", "waves", "adaptive", "bass", got "exponential"
# --- duplicate keys -----------------------------------------------------------------
file     | tests/errors/duplicate_top.json             | tests/errors/duplicate_top.json: seed: duplicate key
file     | tests/errors/duplicate_nested.json          | tests/errors/duplicate_nested.json: group.capacity: duplicate key
file     | tests/errors/duplicate_section.json         | tests/errors/duplicate_section.json: group: duplicate key
# --- bases: an error names the file it is in ----------------------------------------
file     | tests/errors/base_missing.json              | tests/errors/base_missing.json: base: cannot read tests/errors/no_such_base.json: No such file or directory
file     | tests/errors/base_bad_child.json            | tests/errors/base_bad_parent.json: group.capacity: must be between 1 and 10000000 inclusive (got -2385)
file     | tests/errors/base_syntax_child.json         | tests/errors/base_syntax_parent.json:2:29: JSON syntax error near '"founders": 7}'
file     | tests/errors/base_good_child.json           | tests/errors/base_good_child.json: population.sise: unknown key (did you mean population.size?)
file     | tests/errors/base_cycle_a.json              | tests/errors/base_cycle_a.json: base: cycle tests/errors/base_cycle_a.json -> tests/errors/base_cycle_b.json -> tests/errors/base_cycle_a.json
# --- constraints between keys (sq_scenario_check) -----------------------------------
file     | tests/errors/check_degree_odd.json          | tests/errors/check_degree_odd.json: graph.mean_degree: must be even (got 7)
file     | tests/errors/check_degree_size.json         | tests/errors/check_degree_size.json: graph.mean_degree: must be less than population.size (12), got 14
file     | tests/errors/check_founders_capacity.json   | tests/errors/check_founders_capacity.json: group.founders: must be less than group.capacity (23), got 23
file     | tests/errors/check_initial_groups.json      | tests/errors/check_initial_groups.json: group.initial_groups: 398 groups need 2388 founders and owners but population.size is 2385
file     | tests/errors/check_theme_topic.json         | tests/errors/check_theme_topic.json: group.theme_topic: must be less than population.topics (5), got 5
file     | tests/errors/check_managers_founders.json   | tests/errors/check_managers_founders.json: team.managers: must be at most group.founders (3), got 4
file     | tests/errors/check_wave_days.json           | tests/errors/check_wave_days.json: recruitment.outreach.wave_days: must be at most recruitment.outreach.wave_period_days (13), got 14
file     | tests/errors/check_decline_below.json       | tests/errors/check_decline_below.json: stages.decline_below: must be at most stages.active_from (0.615), got 0.685
file     | tests/errors/check_growth_from.json         | tests/errors/check_growth_from.json: stages.growth_from: must be at most stages.active_from (0.685), got 0.745
# --- --set --------------------------------------------------------------------------
run      | tests/errors/good.json --set population.sise=2385               | --set: population.sise: unknown key (did you mean population.size?)
run      | tests/errors/good.json --set engagement.enabled=yes             | --set: engagement.enabled: cannot read the value 'yes'
run      | tests/errors/good.json --set engagement.enabled=1               | --set: engagement.enabled: expected true or false, got a number
run      | tests/errors/good.json --set population.size="2385"             | --set: population.size: expected an integer, got a string
run      | tests/errors/good.json --set group.capacity=238.5               | --set: group.capacity: expected an integer, got 238.5
run      | tests/errors/good.json --set rules.strictness=1.385             | --set: rules.strictness: must be between 0 and 1 inclusive (got 1.385)
run      | tests/errors/good.json --set population.interest_concentration=0 | --set: population.interest_concentration: must be greater than 0 and at most 100 (got 0)
run      | tests/errors/good.json --set graph.model=watts_strogaz          | --set: graph.model: expected one of "well_mixed", "watts_strogatz", "barabasi_albert", "edge_list", got "watts_strogaz" (did you mean "watts_strogatz"?)
run      | tests/errors/good.json --set recruitment.outreach.burst_days=[3,"17"] | --set: recruitment.outreach.burst_days[1]: expected an integer, got a string
run      | tests/errors/good.json --set population.size                    | --set population.size: expected key.path=value
run      | tests/errors/good.json --set=population.size                    | --set population.size: expected key.path=value
run      | tests/errors/good.json --set =2385                              | --set =2385: expected key.path=value
run      | tests/errors/good.json --set                                    | shequn run: --set needs a value\nTry 'shequn run --help'.
run      | tests/errors/good.json --set group.founders=2385                | tests/errors/good.json with --set: group.founders: must be less than group.capacity (500), got 2385
# --- usage of `shequn run` and `shequn validate` ------------------------------------
run      |                                                                 | shequn run: name a scenario file\nTry 'shequn run --help'.
run      | tests/errors/good.json --frobnicate                             | shequn run: unknown option '--frobnicate'\nTry 'shequn run --help'.
run      | tests/errors/good.json tests/errors/ok_bounds.json              | shequn run: one scenario at a time (got 'tests/errors/good.json' and 'tests/errors/ok_bounds.json')\nTry 'shequn run --help'.
run      | tests/errors/good.json --threads=0                              | shequn run: --threads: expected a whole number between 1 and 4096, got '0'\nTry 'shequn run --help'.
run      | tests/errors/good.json --threads 2.385                          | shequn run: --threads: expected a whole number between 1 and 4096, got '2.385'\nTry 'shequn run --help'.
run      | tests/errors/good.json --threads                                | shequn run: --threads needs a value\nTry 'shequn run --help'.
run      | tests/errors/good.json --seed -2385                             | shequn run: --seed: expected a whole number between 0 and 9007199254740991, got '-2385'\nTry 'shequn run --help'.
run      | tests/errors/good.json --replicates 0                           | shequn run: --replicates: expected a whole number between 1 and 1000000, got '0'\nTry 'shequn run --help'.
run      | tests/errors/good.json -o                                       | shequn run: -o needs a value\nTry 'shequn run --help'.
run      | tests/errors/no_such_file.json                                  | tests/errors/no_such_file.json: cannot read: No such file or directory
validate |                                                                 | shequn validate: name at least one scenario file\nTry 'shequn validate --help'.
run      | tests/errors/good.json --set population=5                     | --set: population: a section, not a key (`shequn params` lists its keys)
file     | tests/errors/unknown_far_fetched.json       | tests/errors/unknown_far_fetched.json: weather: unknown key (`shequn params` lists them all)
validate | tests/errors                                                    | tests/errors: cannot read: Is a directory
# --- sweep files ------------------------------------------------------------------------
sweep    | tests/errors/sweep_unknown_key.json        | tests/errors/sweep_unknown_key.json: desing: unknown key (a sweep has name, description, scenario, design, points, replicates, seed, sensitivity, bootstrap, parameters, metrics, base_scenario)
sweep    | tests/errors/sweep_bad_design.json         | tests/errors/sweep_bad_design.json: design: unknown design "factorial": expected grid, random, latin_hypercube or sobol
sweep    | tests/errors/sweep_no_points.json          | tests/errors/sweep_no_points.json: points: a random design needs the number of points
sweep    | tests/errors/sweep_log_zero.json           | tests/errors/sweep_log_zero.json: parameters[0] (recruitment.outreach.per_day): a log scale needs min > 0 (got 0)
sweep    | tests/errors/sweep_param_unknown.json      | tests/errors/sweep_param_unknown.json: parameters[0].key: unknown key rules.strictnes (did you mean rules.strictness?)
sweep    | tests/errors/sweep_param_range.json        | tests/errors/sweep_param_range.json: parameters[0].min (rules.strictness): must be between 0 and 1 inclusive (got -0.385)
sweep    | tests/errors/sweep_param_twice.json        | tests/errors/sweep_param_twice.json: parameters[1].key: rules.strictness is swept twice
sweep    | tests/errors/sweep_values_and_range.json   | tests/errors/sweep_values_and_range.json: parameters[0]: give values, or min and max, not both
sweep    | tests/errors/sweep_unsweepable.json        | tests/errors/sweep_unsweepable.json: parameters[0].key: seed cannot be swept (a number, boolean or choice of the model is expected)
sweep    | tests/errors/sweep_unknown_metric.json     | tests/errors/sweep_unknown_metric.json: metrics[0]: expected one of lifespan_days, censored, peak_members, reach, groups, final_active, final_members, peak_groups, peak_day, posts, sprout_days, growth_days, active_days, decline_days, death_days, member_steps
sweep    | tests/errors/sweep_point_constraint.json   | tests/errors/sweep_point_constraint.json: point 1: group.founders: must be less than group.capacity (500), got 2385
sweep    | tests/errors/sweep_sensitivity_grid.json   | tests/errors/sweep_sensitivity_grid.json: sensitivity: indices need a sobol or random design (got grid)
sweep    | tests/errors/sweep_metric_twice.json       | tests/errors/sweep_metric_twice.json: metrics[3]: "lifespan_days" is listed twice
sweep    | tests/errors/sweep_name_slash.json         | tests/errors/sweep_name_slash.json: name: "a/b" contains '/' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_backslash.json     | tests/errors/sweep_name_backslash.json: name: "a\\b" contains '\' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_dot.json           | tests/errors/sweep_name_dot.json: name: "." starts with '.' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_dotdot.json        | tests/errors/sweep_name_dotdot.json: name: ".." starts with '.' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_empty.json         | tests/errors/sweep_name_empty.json: name: "" is empty (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_control.json       | tests/errors/sweep_name_control.json: name: "red\u001b[31m" contains a control character (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_dash.json          | tests/errors/sweep_name_dash.json: name: "-rf" starts with '-' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_long.json          | tests/errors/sweep_name_long.json: name: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is longer than 63 bytes (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
sweep    | tests/errors/sweep_name_type.json          | tests/errors/sweep_name_type.json: name: expected a string, got a number
# --- a sweep file given to `shequn run` -----------------------------------------------
run      | tests/sweeps/resume.json                   | tests/sweeps/resume.json: this is a sweep file; run it with shequn sweep tests/sweeps/resume.json
run      | tests/errors/sweep_unknown_key.json        | tests/errors/sweep_unknown_key.json: this is a sweep file; run it with shequn sweep tests/errors/sweep_unknown_key.json
sweep    | tests/errors/sweep_no_parameters.json      | tests/errors/sweep_no_parameters.json: parameters: expected an array of 1 to 32 parameters
run      | tests/errors/sweep_no_parameters.json      | tests/errors/sweep_no_parameters.json: this is a sweep file; run it with shequn sweep tests/errors/sweep_no_parameters.json
sweep    | tests/errors/sweep_missing_scenario.json   | tests/errors/sweep_missing_scenario.json: scenario: cannot read tests/errors/no_such_scenario.json: No such file or directory
# --- fixed after review: trailing text, trailing commas, integer bounds, --set junk ---
file     | tests/errors/syntax_extra_brace.json        | tests/errors/syntax_extra_brace.json:2:32: JSON syntax error near ','
file     | tests/errors/syntax_trailing_comma.json     | tests/errors/syntax_trailing_comma.json:3:1: JSON syntax error near '}'
file     | tests/errors/range_seed.json                | tests/errors/range_seed.json: seed: must be between 0 and 9007199254740991 inclusive (got 9007199254740992)
run      | tests/errors/good.json --set population.size=2385abc            | --set: population.size: cannot read the value '2385abc'
# --- names: data, never paths or code (docs/SCENARIOS.md, "Names") ------------------
file     | tests/errors/name_slash.json                | tests/errors/name_slash.json: name: "runs/../../etc" contains '/' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_dotdot.json               | tests/errors/name_dotdot.json: name: ".." starts with '.' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_empty.json                | tests/errors/name_empty.json: name: "" is empty (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_dash.json                 | tests/errors/name_dash.json: name: "-rf" starts with '-' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_control.json              | tests/errors/name_control.json: name: "bell\u0007" contains a control character (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_backslash.json            | tests/errors/name_backslash.json: name: "back\\slash" contains '\' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_bad_utf8.json             | tests/errors/name_bad_utf8.json: name: "caf\xe9" is not valid UTF-8 (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_quote.json                | tests/errors/name_quote.json: name: "x\"]; system('touch pwned') #" contains a character other than letters, digits, spaces and _ - . + (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
file     | tests/errors/name_nul.json                  | tests/errors/name_nul.json:2:15: a string holds \u0000 (NUL): not allowed
run      | tests/errors/good.json --set name=                              | --set: name: "" is empty (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
run      | tests/errors/good.json --set name=../escape                     | --set: name: "../escape" starts with '.' (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
run      | tests/errors/good.json --set name=a,b                           | --set: name: "a,b" contains a character other than letters, digits, spaces and _ - . + (a name becomes a folder name: 1 to 63 bytes of letters and digits of any script, spaces and _ - . +, not starting with . - or a space (docs/SCENARIOS.md, Names))
run      | tests/errors/good.json --set name="cut\u0000here"               | --set: name: a string holds \u0000 (NUL): not allowed
# --- input limits: what is not a scenario file is refused before it is read ---------
file     | /dev/zero                                   | /dev/zero: not a regular file
file     | tests/errors/base_directory.json            | tests/errors/base_directory.json: base: "." is a directory, expected a scenario file
file     | tests/errors/base_device.json               | tests/errors/base_device.json: base: "/dev/zero" is not a regular file, expected a scenario file
file     | tests/errors/nested_too_deep.json           | tests/errors/nested_too_deep.json: nested deeper than 1000 levels
sweep    | tests/errors/sweep_nested_too_deep.json     | tests/errors/sweep_nested_too_deep.json: nested deeper than 1000 levels
EOF

read -r -d '' KNOWN_BUGS <<'EOF'
# (none at present)
EOF

passed=0 failed=0 xfailed=0 n=0

# show LABEL FILE: a captured stream, indented, or "(empty)"
show() {
  if [ -s "$2" ]; then
    echo "    $1:"
    sed 's/^/      | /' "$2"
  else
    echo "    $1: (empty)"
  fi
}

# check MODE DESCRIPTION STATUS STDOUT STDERR OUTDIR -- COMMAND...
# Runs COMMAND and compares its exit status, stdout and stderr (whole lines,
# exactly) with the expected ones; OUTDIR, if not empty, must be absent or
# empty afterwards.  MODE is "case" or "xfail".  Returns 0 on a match.
check() {
  local mode=$1 desc=$2 want_status=$3 want_out=$4 want_err=$5 outdir=$6
  shift 7
  n=$((n + 1))
  local d=$tmp/case$n
  mkdir -p "$d"
  if [ -n "$want_out" ]; then printf '%s\n' "$want_out" >"$d/want_out"; else : >"$d/want_out"; fi
  if [ -n "$want_err" ]; then printf '%s\n' "$want_err" >"$d/want_err"; else : >"$d/want_err"; fi
  ${guard[@]+"${guard[@]}"} "$@" >"$d/out" 2>"$d/err" </dev/null
  local status=$? problems=()
  [ "$status" -eq "$want_status" ] || problems+=("exit status $status, expected $want_status")
  cmp -s "$d/want_err" "$d/err" || problems+=("stderr differs")
  cmp -s "$d/want_out" "$d/out" || problems+=("stdout differs")
  if [ -n "$outdir" ] && [ -e "$outdir" ] && [ -n "$(ls -A "$outdir" 2>/dev/null)" ]; then
    problems+=("files were written to $outdir: $(ls -A "$outdir" | tr '\n' ' ')")
  fi
  if [ ${#problems[@]} -eq 0 ]; then
    if [ "$mode" = xfail ]; then
      echo "XPASS $desc   (a known bug is fixed: move this case from KNOWN_BUGS to CASES)"
      failed=$((failed + 1))
    else
      echo "PASS  $desc"
      passed=$((passed + 1))
    fi
    return 0
  fi
  if [ "$mode" = xfail ]; then
    local joined
    printf -v joined '%s; ' "${problems[@]}"
    echo "XFAIL $desc   (known bug: ${joined%; })"
    xfailed=$((xfailed + 1))
    return 1
  fi
  echo "FAIL  $desc"
  local p
  for p in "${problems[@]}"; do echo "    - $p"; done
  echo "    command: shequn ${*:2}"
  show "expected stderr" "$d/want_err"
  show "got stderr" "$d/err"
  if ! cmp -s "$d/want_out" "$d/out"; then
    show "expected stdout" "$d/want_out"
    show "got stdout" "$d/out"
  fi
  failed=$((failed + 1))
  return 1
}

# run_table MODE TABLE: every case of a table
run_table() {
  local mode=$1 line kind args want outdir
  while IFS= read -r line; do
    case $line in '' | '#'*) continue ;; esac
    IFS='|' read -r kind args want <<<"$line"
    kind=$(trim "$kind")
    args=$(trim "$args")
    want=$(trim "$want")
    want=${want//\\n/$'\n'}
    local argv=()
    read -r -a argv <<<"$args"
    case $kind in
      file | validate)
        check "$mode" "validate $args" 2 "" "$want" "" -- "$bin" validate ${argv[@]+"${argv[@]}"}
        ;;&
      file | run)
        outdir=$tmp/out$((n + 1))
        check "$mode" "run $args" 2 "" "$want" "$outdir" -- "$bin" run -o "$outdir" ${argv[@]+"${argv[@]}"}
        ;;
      validate) ;;
      sweep)
        outdir=$tmp/out$((n + 1))
        check "$mode" "validate $args" 2 "" "$want" "" -- "$bin" validate ${argv[@]+"${argv[@]}"}
        check "$mode" "sweep $args" 2 "" "$want" "$outdir" -- "$bin" sweep -o "$outdir" ${argv[@]+"${argv[@]}"}
        ;;
      *)
        echo "FAIL  bad table line (kind '$kind'): $line"
        failed=$((failed + 1))
        ;;
    esac
  done <<<"$2"
}

trim() {
  local s=$1
  s=${s#"${s%%[![:space:]]*}"}
  s=${s%"${s##*[![:space:]]}"}
  printf '%s' "$s"
}

run_table case "$CASES"

# --- `shequn validate` on good files ------------------------------------------------
check case "validate tests/errors/good.json" 0 "tests/errors/good.json: ok" "" "" -- \
  "$bin" validate tests/errors/good.json
# the bounds of ranges and constraints are inclusive where they say so
check case "validate tests/errors/ok_bounds.json" 0 "tests/errors/ok_bounds.json: ok" "" "" -- \
  "$bin" validate tests/errors/ok_bounds.json
# a name in Chinese, with spaces, digits and . +
check case "validate tests/errors/ok_name_chinese.json" 0 "tests/errors/ok_name_chinese.json: ok" "" "" -- \
  "$bin" validate tests/errors/ok_name_chinese.json
# several files, one bad: each good one is ok on stdout, only the bad one on stderr
check case "validate good.json range_real.json ok_bounds.json" 2 \
  "tests/errors/good.json: ok"$'\n'"tests/errors/ok_bounds.json: ok" \
  "tests/errors/range_real.json: rules.strictness: must be between 0 and 1 inclusive (got 1.385)" "" -- \
  "$bin" validate tests/errors/good.json tests/errors/range_real.json tests/errors/ok_bounds.json

# a file over the 4 MiB limit is refused by its size, before it is read
big=$tmp/big.json
head -c 4194305 /dev/zero | tr '\0' ' ' >"$big"
check case "validate big.json" 2 "" "$big: larger than the limit of 4194304 bytes (4 MiB)" "" -- \
  "$bin" validate "$big"
check case "run big.json" 2 "" "$big: larger than the limit of 4194304 bytes (4 MiB)" "$tmp/big-out" -- \
  "$bin" run -o "$tmp/big-out" "$big"

run_table xfail "$KNOWN_BUGS"

echo "cli_errors: $passed passed, $failed failed, $xfailed known bugs (XFAIL)"
[ "$failed" -eq 0 ]

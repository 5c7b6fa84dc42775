#!/usr/bin/env bash
# Write a made-up fit folder into DIR, as `shequn fit` writes one
# (docs/OUTPUTS.md, "shequn fit"): a 120-day observed history of members,
# active members and posts with gaps; three generations of 100 particles
# over two parameters, one with a log-uniform prior; the predictive bands
# to day 484; the forecast as fitted and with one what-if.  The numbers are
# smooth curves plus noise, for drawing only.
#   bash tests/fit_fixture.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
last=119
awk -v last=$last -v dir="$dir" 'BEGIN {
  srand(14)
  obs = dir "/observed.csv"; pred = dir "/predictive.csv"
  print "day,members,active,posts" > obs
  printf "day" > pred
  split("members active posts", s, " ")
  for (k = 1; k <= 3; k++) printf ",%s_q025,%s_q25,%s_q50,%s_q75,%s_q975", s[k], s[k], s[k], s[k], s[k] > pred
  print ",members_observed,active_observed,posts_observed" > pred
  for (d = 0; d <= last + 365; d++) {
    m = 6 + 240 * (1 - exp(-d / 90)) * exp(-d / 700)
    mid[1] = m; mid[2] = 0.8 * m * exp(-d / 400); mid[3] = 0.35 * mid[2]
    printf "%d", d > pred
    for (k = 1; k <= 3; k++) {
      w = mid[k] * (0.05 + d / 1500)
      printf ",%.4f,%.4f,%.4f,%.4f,%.4f", mid[k] - 2 * w, mid[k] - w / 1.5, mid[k], mid[k] + w / 1.5, mid[k] + 2 * w > pred
    }
    gap = d > 0 && d < last && rand() < 0.05
    line = d
    for (k = 1; k <= 3; k++) o[k] = (d <= last && !gap) ? sprintf("%d", mid[k] * (0.9 + 0.2 * rand()) + 0.5) : ""
    if (d <= last) print d "," o[1] "," o[2] "," o[3] > obs
    print "," o[1] "," o[2] "," o[3] > pred
  }
}'
awk -v dir="$dir" 'BEGIN {
  srand(15)
  part = dir "/particles.csv"; gen = dir "/generations.csv"
  print "generation,index,recruitment.outreach.per_day,team.burnout_per_year,weight,distance" > part
  print "generation,tolerance,acceptance_rate,ess,simulations,failed,accepted" > gen
  tol = 4
  for (g = 0; g < 3; g++) {
    total = 0; ess = 0
    for (i = 0; i < 100; i++) {
      spread = 1 / (1 + 2 * g)
      x[i] = 25 + 30 * spread * (rand() + rand() + rand() - 1.5)
      y[i] = 0.7 * exp(spread * (rand() + rand() - 1) + 0.3 * (x[i] - 25) / 25)
      w[i] = 0.5 + rand(); total += w[i]
    }
    for (i = 0; i < 100; i++) { w[i] /= total; ess += w[i] * w[i] }
    for (i = 0; i < 100; i++)
      printf "%d,%d,%.6f,%.6f,%.17g,%.6f\n", g, i, x[i], y[i], w[i], tol * rand() > part
    sims = int(100 / (0.9 - 0.3 * g))
    printf "%d,%.6f,%.6f,%.3f,%d,%d,100\n", g, tol, 100 / sims, 1 / ess, sims, g > gen
    tol /= 2
  }
}'
awk -v dir="$dir" 'BEGIN {
  f = dir "/forecast.csv"
  print "days_after,alive,rituals.meetup.every_days=30" > f
  for (d = 0; d <= 365; d++) printf "%d,%.4f,%.4f\n", d, exp(-(d / 300) ^ 2), exp(-(d / 380) ^ 2) > f
}'
cat > "$dir/summary.json" <<JSON
{
  "scenario": "scenarios/well_run.json", "observed": "observed.csv", "prior": "prior.json", "seed": 1,
  "last_observed_day": $last, "generations": 3, "simulations": 460, "failed": 3,
  "parameters": [
    {"key": "recruitment.outreach.per_day", "prior": {"distribution": "uniform", "min": 5, "max": 80},
     "median": 25, "mean": 25.3, "sd": 4, "lo90": 19, "hi90": 32, "lo95": 18, "hi95": 33},
    {"key": "team.burnout_per_year", "prior": {"distribution": "log-uniform", "min": 0.1, "max": 5},
     "median": 0.7, "mean": 0.75, "sd": 0.2, "lo90": 0.45, "hi90": 1.1, "lo95": 0.4, "hi95": 1.2}
  ],
  "correlations": [[1, 0.4], [0.4, 1]],
  "forecast": {"alive": {"30": 0.99, "90": 0.91, "180": 0.7, "365": 0.23},
               "median_remaining_days": 250, "lo95": 60, "hi95": 365, "censored_at": 365},
  "what_if": [{"assignment": "rituals.meetup.every_days=30", "alive": {"30": 0.99, "90": 0.95, "180": 0.8, "365": 0.4},
               "median_remaining_days": 316, "change_days": 66, "change_lo95": 20, "change_hi95": 110}]
}
JSON

# Lifecycle of a run: members, active and silent members over time (median
# and 10-90% band over replicates) over the five stages.  The background
# stacks, day by day, the share of replicates whose first group is in each
# stage (sprout on top, death at the bottom, read on the right axis): it
# describes the replicates as the bands do, so it cannot contradict the
# medians drawn over it.  Variables (besides those of common.gp): curves
# (curves.csv), n_stages (5, or 0 for no background), share[5] (the share
# columns, sprout first), stage[5] (legend titles), colour[5], stages
# (gnuplot commands labelling the stages, prepared by shequn), y2label,
# xlabel, ylabel, l_members, l_active, l_silent, l_members_band,
# l_active_band.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set xrange [0:xmax]
set yrange [0:*]
if (n_stages > 0) {
  set y2label y2label
  set y2range [0:1]
  set y2tics ("0%%" 0, "25%%" 0.25, "50%%" 0.5, "75%%" 0.75, "100%%" 1) nomirror
  set ytics nomirror
}
set bmargin
set key font ",19"
# band k runs from 1 - (the shares of stages 1..k) up to 1 - (those of 1..k-1)
above(k) = 1 - sum [j=1:k-1] column(share[j])
below(k) = above(k) - column(share[k])
@stages
plot for [k=1:n_stages] curves using "day":(below(k)):(above(k)) axes x1y2 with filledcurves fc rgb colour[k] fs solid 1.0 noborder title stage[k], \
     curves using "day":"members_p10":"members_p90" with filledcurves lc rgb "#6baed6" fs transparent solid 0.30 title l_members_band, \
     "" using "day":"members_median" with lines lw 4 lc rgb "#08519c" title l_members, \
     "" using "day":"active_p10":"active_p90" with filledcurves lc rgb "#74c476" fs transparent solid 0.30 title l_active_band, \
     "" using "day":"active_median" with lines lw 4 lc rgb "#006d2c" title l_active, \
     "" using "day":"zombies_median" with lines lw 3 dt 2 lc rgb "#525252" title l_silent

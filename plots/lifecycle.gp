# Lifecycle of a run: members, active and silent members over time (median
# and 10-90% band over replicates) over the five stages, shaded and
# labelled.  Variables (besides those of common.gp): curves (curves.csv),
# stages (gnuplot commands drawing the stage spans, prepared by shequn),
# xlabel, ylabel, l_members, l_active, l_silent, l_band.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set xrange [0:xmax]
set yrange [0:*]
@stages
plot curves using "day":"members_p10":"members_p90" with filledcurves lc rgb "#6baed6" fs transparent solid 0.30 title l_band, \
     "" using "day":"members_median" with lines lw 4 lc rgb "#08519c" title l_members, \
     "" using "day":"active_p10":"active_p90" with filledcurves lc rgb "#74c476" fs transparent solid 0.30 notitle, \
     "" using "day":"active_median" with lines lw 4 lc rgb "#006d2c" title l_active, \
     "" using "day":"zombies_median" with lines lw 3 dt 2 lc rgb "#525252" title l_silent

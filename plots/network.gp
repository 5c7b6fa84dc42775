# A network of groups: groups alive (right axis) and members of all groups
# (left axis) over time, medians and 10-90% bands over replicates.
# Variables: curves, xlabel, ylabel, y2label, l_members, l_groups and the
# bands' legend entries l_members_band, l_groups_band.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel textcolor rgb "#08519c"
set y2label y2label textcolor rgb "#a63603"
set y2tics
set ytics nomirror
set xrange [0:xmax]
set yrange [0:*]
set y2range [0:*]
plot curves using "day":"members_p10":"members_p90" with filledcurves lc rgb "#6baed6" fs transparent solid 0.30 title l_members_band, \
     "" using "day":"members_median" with lines lw 4 lc rgb "#08519c" title l_members, \
     "" using "day":"groups_p10":"groups_p90" axes x1y2 with filledcurves lc rgb "#fdae6b" fs transparent solid 0.35 title l_groups_band, \
     "" using "day":"groups_median" axes x1y2 with lines lw 4 lc rgb "#a63603" title l_groups

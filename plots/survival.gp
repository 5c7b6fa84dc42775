# Survival of groups (Kaplan-Meier) with 95% Greenwood bands, one step
# curve per scenario.  Variables: n, names[n], data (prepared by shequn:
# per scenario a block "day,survival,lower,upper" of steps, blocks separated
# by two blank lines, in the order of names), bands[n] (the bands' legend
# entries), xlabel, ylabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set xrange [0:*]
set yrange [0:1.02]
set ytics 0.2
palette = "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02 #a6761d #666666 #1f78b4 #b2df8a #fb9a99 #cab2d6"
color(i) = word(palette, (i - 1) % words(palette) + 1)
plot for [i=1:n] data index (i - 1) using 1:3:4 with filledcurves lc rgb color(i) fs transparent solid 0.18 title bands[i], \
     for [i=1:n] data index (i - 1) using 1:2 with lines lw 4 lc rgb color(i) title names[i]

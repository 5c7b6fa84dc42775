# Active members of several scenarios on one chart: for each, the median
# over replicates and its 10-90% band.  Variables: n, files[n] and names[n]
# (arrays of curves.csv paths and legend titles), bands[n] (the bands'
# legend entries), xlabel, ylabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set xrange [0:xmax]
set yrange [0:*]
palette = "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02 #a6761d #666666 #1f78b4 #b2df8a #fb9a99 #cab2d6"
color(i) = word(palette, (i - 1) % words(palette) + 1)
plot for [i=1:n] files[i] using "day":"active_p10":"active_p90" with filledcurves lc rgb color(i) fs transparent solid 0.18 title bands[i], \
     for [i=1:n] files[i] using "day":"active_median" with lines lw 4 lc rgb color(i) title names[i]

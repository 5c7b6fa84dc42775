# How a fit went, generation by generation: the tolerance (the largest
# distance accepted; left axis, logarithmic when every one is positive) and
# the share of simulated candidates accepted (right axis).  Variables: data
# (prepared by shequn: "generation,tolerance,acceptance rate"), log_axis,
# last (the last generation), xlabel, ylabel, y2label.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel textcolor rgb "#08519c"
set y2label y2label textcolor rgb "#a63603"
if (log_axis) { set logscale y }
set y2range [0:1.02]
set y2tics ("0%%" 0, "25%%" 0.25, "50%%" 0.5, "75%%" 0.75, "100%%" 1)
set ytics nomirror
set xrange [-0.3:last + 0.3]
set xtics 1
set offsets 0, 0, 0, 0
plot data using 1:2 with linespoints lw 4 pt 7 ps 2 lc rgb "#08519c" title ylabel, \
     "" using 1:3 axes x1y2 with linespoints lw 4 pt 5 ps 2 lc rgb "#a63603" title y2label

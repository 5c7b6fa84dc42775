# Sobol sensitivity indices of a sweep for one metric: for each parameter,
# the first-order index (its effect alone) and the total-effect index
# (including its interactions), with bootstrap intervals.  Variables: data
# (prepared by shequn: "parameter,first,low,high,total,low,high"), n (the
# number of parameters), l_first, l_total, xlabel, ylabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set style data histogram
set style histogram errorbars gap 1.5 lw 2
set style fill solid 0.8 border -1
set boxwidth 0.9
set xrange [-0.6:n - 0.4]
set offsets 0, 0, 0.05, 0.05
set xtics noenhanced rotate by -15 left
set xzeroaxis lt -1 lw 2
set bmargin 9
plot data using 2:3:4:xtic(1) lc rgb "#2171b5" title l_first, \
     "" using 5:6:7 lc rgb "#fd8d3c" title l_total

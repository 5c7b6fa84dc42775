# One observed series of a fit over its posterior predictive: the median
# and the 50% and 95% bands over posterior runs, day by day to the end of
# the forecast, the observed values as points (none at gaps), and the last
# observed day marked.  Variables: data (predictive.csv), s (the series:
# its columns are s_q025, s_q25, s_q50, s_q75, s_q975, s_observed),
# last_day, xlabel, ylabel, l_band95, l_band50, l_median, l_observed,
# l_last.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set yrange [0:*]
set arrow 1 from last_day, graph 0 to last_day, graph 1 nohead lw 3 dt 2 lc rgb "#525252" front
set label 1 l_last at last_day, graph 0.97 right offset -1, 0 front
col(suffix) = column(s."_".suffix)
plot data using "day":(col("q025")):(col("q975")) with filledcurves lc rgb "#9ecae1" fs solid 0.6 title l_band95, \
     "" using "day":(col("q25")):(col("q75")) with filledcurves lc rgb "#4292c6" fs solid 0.6 title l_band50, \
     "" using "day":(col("q50")) with lines lw 4 lc rgb "#08306b" title l_median, \
     "" using "day":(col("observed")) with points pt 7 ps 0.9 lc rgb "#d95f02" title l_observed

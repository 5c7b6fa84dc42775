# The forecast of a fit: the share of posterior runs whose group is still
# alive, by days after the last observed day, as fitted and with each
# what-if.  Variables: data (prepared by shequn: "days_after,as fitted,
# what-if 1, ..."), n (curves), names[n], xlabel, ylabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set yrange [0:1.02]
set ytics ("0%%" 0, "25%%" 0.25, "50%%" 0.5, "75%%" 0.75, "100%%" 1)
set arrow 1 from graph 0, first 0.5 to graph 1, first 0.5 nohead lw 2 dt 2 lc rgb "#969696" back
palette = "#08306b #d95f02 #1b9e77 #7570b3 #e7298a #66a61e #e6ab02 #a6761d #666666 #1f78b4 #fb9a99 #cab2d6"
color(i) = word(palette, (i - 1) % words(palette) + 1)
plot for [k=1:n] data using 1:(column(k + 1)) with steps lw 4 lc rgb color(k) title names[k]

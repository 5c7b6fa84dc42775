# Participation inequality: the share of all posts written by the most
# active share of members (a Lorenz curve from the top), with the top 1%
# and top 10% marked.  Variables: data (prepared by shequn: "share of
# members,share of posts"), top1, top10 (shares, 0..1), l_top1, l_top10
# (their labels), l_equal (the line of equal participation), xlabel, ylabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
set logscale x
set xrange [0.001:1]
set yrange [0:1]
set xtics ("0.1%%" 0.001, "1%%" 0.01, "10%%" 0.1, "30%%" 0.3, "100%%" 1)
set ytics ("0%%" 0, "25%%" 0.25, "50%%" 0.5, "75%%" 0.75, "100%%" 1)
unset autoscale
set key inside top left vertical Left reverse box opaque width 1
set bmargin 4
set label 1 l_top1 at 0.012, top1 left offset 0.5, -0.8 front
set label 2 l_top10 at 0.12, top10 left offset 0.5, -0.8 front
plot data using 1:2 with lines lw 4 lc rgb "#08519c" title ylabel, \
     x with lines lw 2 dt 2 lc rgb "#969696" title l_equal, \
     "+" using (0.01):(top1) every ::0::0 with points pt 7 ps 2.5 lc rgb "#d95f02" notitle, \
     "+" using (0.1):(top10) every ::0::0 with points pt 7 ps 2.5 lc rgb "#d95f02" notitle

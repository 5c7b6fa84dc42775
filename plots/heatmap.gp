# A two-parameter grid of a sweep: the mean of a metric over replicates at
# each point, as coloured cells with their values.  Variables: data
# (prepared by shequn: "column,row,mean" with columns and rows numbered from
# 0), nx, ny, xt[nx] and yt[ny] (tic labels: the parameters' values),
# xlabel, ylabel, cblabel.
load dir_plots."/common.gp"
set xlabel xlabel
set ylabel ylabel
# the colour bar's label kept clear of its tic labels, in either language
# (gnuplot underestimates the width of rotated CJK text)
set cblabel cblabel offset char 3, 0
set rmargin 16
set xrange [-0.5:nx - 0.5]
set yrange [-0.5:ny - 0.5]
set offsets 0, 0, 0, 0
set bmargin 5
set xtics ()
set ytics ()
do for [k=1:nx] { set xtics add (xt[k] k - 1) }
do for [k=1:ny] { set ytics add (yt[k] k - 1) }
set tics scale 0
unset grid
unset key
set palette defined (0 "#f7fbff", 0.5 "#6baed6", 1 "#08306b")
plot data using 1:2:3 with image, \
     "" using 1:2:(sprintf("%.3g", $3)) with labels font ",20" textcolor rgb "#d95f02"

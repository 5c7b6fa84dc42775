# The marginal posterior of each parameter of a fit, a panel each: the
# weighted histogram of the last generation's particles, its median (solid)
# and 90% interval (dashed).  Variables: data (prepared by shequn: per
# parameter a block "low,high,share" of bins, blocks separated by two blank
# lines, in the order of names), n, cols, rows (the panels' layout),
# names[n], lo[n], med[n], hi[n] (numbers as text), lg[n] ("1": a log
# axis), bounded[n] ("1": the axis spans the prior's support, xmin[n] to
# xmax[n]; else the histogram's bins), ylabel, l_particles, l_interval.
load dir_plots."/common.gp"
set style fill solid 0.7 border lc rgb "#08519c"
set yrange [0:*]
set offsets 0, 0, graph 0.4, 0 # room for the key above the bars
set title font ",22"
set key inside top right vertical Right opaque box font ",16" samplen 1.5 width 1
set bmargin 3
set xtics font ",16"
set ytics font ",16"
set ylabel ylabel font ",18"
set multiplot layout rows, cols title title font ",28"
# a log axis has its tics at 1, 2 and 5 of each decade
do for [k=1:n] {
  set title names[k]
  if (real(lg[k]) > 0) { set logscale x; set xtics (); do for [e=-9:9] { set xtics add (sprintf('%g', 10.0**e) 10.0**e, sprintf('%g', 2*10.0**e) 2*10.0**e, sprintf('%g', 5*10.0**e) 5*10.0**e) } } else { unset logscale x; set xtics autofreq }
  if (real(bounded[k]) > 0) { set xrange [real(xmin[k]):real(xmax[k])] } else { set xrange [*:*] }
  unset arrow
  set arrow 1 from real(med[k]), graph 0 to real(med[k]), graph 1 nohead lw 3 lc rgb "#d95f02" front
  set arrow 2 from real(lo[k]), graph 0 to real(lo[k]), graph 1 nohead lw 2 dt 2 lc rgb "#d95f02" front
  set arrow 3 from real(hi[k]), graph 0 to real(hi[k]), graph 1 nohead lw 2 dt 2 lc rgb "#d95f02" front
  if (k == 1) { set key } else { unset key }
  plot data index (k - 1) using (($1 + $2) / 2):($3 / 2):1:2:(0):3 with boxxyerror lc rgb "#6baed6" title l_particles, \
       NaN with lines lw 3 lc rgb "#d95f02" title l_interval
  if (k == 1) { set ylabel "" }
}
unset multiplot

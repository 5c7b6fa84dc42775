# Pairs of parameters of a fit, a panel each: every particle of the last
# generation, drawn as large as its weight.  Variables: data (prepared by
# shequn: per pair a block "x,y,size", blocks separated by two blank lines),
# n, xnames[n], ynames[n], xlog[n], ylog[n] ("1": a log axis), xb[n],
# yb[n] ("1": the axis spans the prior's support, xmin[n] to xmax[n] or
# ymin[n] to ymax[n]; else it fits the values).
load dir_plots."/common.gp"
unset key
set autoscale xfix
set autoscale yfix
set offsets 0, 0, 0, 0
unset title
set xtics font ",16"
set ytics font ",16"
set bmargin 4
set multiplot layout 1, n title title font ",28"
unset title
# a log axis has its tics at 1, 2 and 5 of each decade
do for [k=1:n] {
  set xlabel xnames[k] font ",18"
  set ylabel ynames[k] font ",18"
  if (real(xlog[k]) > 0) { set logscale x; set xtics (); do for [e=-9:9] { set xtics add (sprintf('%g', 10.0**e) 10.0**e, sprintf('%g', 2*10.0**e) 2*10.0**e, sprintf('%g', 5*10.0**e) 5*10.0**e) } } else { unset logscale x; set xtics autofreq }
  if (real(ylog[k]) > 0) { set logscale y; set ytics (); do for [e=-9:9] { set ytics add (sprintf('%g', 10.0**e) 10.0**e, sprintf('%g', 2*10.0**e) 2*10.0**e, sprintf('%g', 5*10.0**e) 5*10.0**e) } } else { unset logscale y; set ytics autofreq }
  if (real(xb[k]) > 0) { set xrange [real(xmin[k]):real(xmax[k])] } else { set xrange [*:*] }
  if (real(yb[k]) > 0) { set yrange [real(ymin[k]):real(ymax[k])] } else { set yrange [*:*] }
  plot data index (k - 1) using 1:2:3 with points pt 7 ps variable lc rgb "#802171b5"
}
unset multiplot

# Settings shared by every shequn plot: set by `shequn plot` through -e:
#   term     the terminal line ("pngcairo size 1600,900 font '...,22'", ...)
#   out      the output file
#   title    the chart's title
#   (the charts with a time axis also take xmax, the day it ends)
set terminal @term
set output out
set encoding utf8
set title title font ",28"
set border lw 2
set grid lw 1 lc rgb "#dddddd"
set key below center horizontal samplen 2 spacing 1.1 width 2 height 1.2
set bmargin 7
set autoscale xfix
set offsets 0, 0, graph 0.02, 0
set datafile separator ","
set datafile missing ""

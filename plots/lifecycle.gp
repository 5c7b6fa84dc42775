# Lifecycle curves of a run: members, active and silent members over time
# (median and 10-90% band over replicates), on a background shaded by the
# most common stage of the first group.
#   gnuplot -e "dir='out/well_run'" plots/lifecycle.gp   -> dir/lifecycle.png
if (!exists("dir")) dir = "out/well_run"
set datafile separator ","
set terminal pngcairo size 1280,720 font "WenQuanYi Micro Hei,16" noenhanced
set output dir."/lifecycle.png"
set title "Lifecycle of ".dir
set xlabel "day"
set ylabel "members (median, 10-90% band over replicates)"
set key outside right top
set grid
set xrange [0:*]
stats dir."/curves.csv" using "members_p90" nooutput
top = STATS_max > 0 ? STATS_max * 1.1 : 1
set yrange [0:top]
shade(s) = s eq "sprout" ? 0xd9f0d3 : s eq "growth" ? 0xa6dba0 : s eq "active" ? 0xfee08b : s eq "decline" ? 0xfdae61 : 0xd9d9d9
plot dir."/curves.csv" using 1:(top):(1.0):(shade(strcol("stage"))) with boxes lc rgb variable fs solid 0.6 noborder notitle, \
     "" using 1:"members_p10":"members_p90" with filledcurves lc rgb "#9ecae1" fs transparent solid 0.4 notitle, \
     "" using 1:"members_median" with lines lw 3 lc rgb "#08519c" title "members", \
     "" using 1:"active_p10":"active_p90" with filledcurves lc rgb "#a1d99b" fs transparent solid 0.4 notitle, \
     "" using 1:"active_median" with lines lw 3 lc rgb "#006d2c" title "active", \
     "" using 1:"zombies_median" with lines lw 2 dt 2 lc rgb "#636363" title "silent (zombies)", \
     1/0 with boxes lc rgb "#d9f0d3" fs solid title "sprout", 1/0 with boxes lc rgb "#a6dba0" fs solid title "growth", \
     1/0 with boxes lc rgb "#fee08b" fs solid title "active", 1/0 with boxes lc rgb "#fdae61" fs solid title "decline", \
     1/0 with boxes lc rgb "#d9d9d9" fs solid title "death"

/* Statistics of a sample that summary.json reports (docs/OUTPUTS.md,
 * "realism"): inequality (Gini, the share held by the top), quantiles,
 * weighted quantiles, the coefficient of variation and a least-squares
 * slope.  None changes its input. */
#ifndef SQ_STATS_H
#define SQ_STATS_H

#include <stddef.h>

/* The Gini coefficient of v[0..n-1] (values >= 0):
 * sum_i (2i - n - 1) x_(i) / (n sum x), x sorted ascending, i from 1.
 * 0 when all are equal (or all 0); (n - 1) / n when one holds everything.
 * NaN when n is 0.  Returns NaN also when out of memory. */
double sq_gini(const double *v, size_t n);

/* The share of the total of v held by its largest ceil(q n) values
 * (q in (0, 1]): the share of posts written by the top q of members, as in
 * the participation chart.  NaN when n is 0 or the total is 0. */
double sq_top_share(const double *v, size_t n, double q);

/* The p-quantile of v, interpolating between order statistics as GSL's
 * gsl_stats_quantile_from_sorted_data does.  NaN when n is 0. */
double sq_quantile(const double *v, size_t n, double p);

/* The weighted p-quantile of v with weights w (>= 0): the smallest value x
 * such that the values <= x carry at least p of the total weight (the
 * inverse of the weighted distribution function; no interpolation).  With
 * equal weights it is the order statistic ceil(p n).  NaN when n is 0 or
 * the total weight is 0. */
double sq_weighted_quantile(const double *v, const double *w, size_t n, double p);

/* Standard deviation (n - 1 in the denominator) over the mean.  NaN when n
 * is below 2 or the mean is 0. */
double sq_cv(const double *v, size_t n);

/* The slope of the least-squares line through (i, y[i]), i = 0..n-1, in
 * units of y per step.  NaN when n is below 2. */
double sq_lsq_slope(const double *y, size_t n);

#endif

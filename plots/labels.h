/* The words on the charts, in English and in Chinese. */
#ifndef SQ_PLOT_LABELS_H
#define SQ_PLOT_LABELS_H

#include <stdbool.h>

#include "models/results.h"

typedef struct sq_plot_labels {
  /* chart titles: printf formats taking the scenario (and metric) */
  const char *lifecycle, *survival, *network, *participation, *comparison, *heatmap, *indices;
  const char *first_order, *total_effect, *index_axis, *mean_of;
  const char *day, *age, *members, *active, *silent, *groups, *alive_share;
  /* legend entries of bands: printf formats taking what the band is of */
  const char *band_of, *interval_of;
  const char *members_noun, *active_noun, *groups_noun, *stage_share_axis;
  const char *members_axis, *groups_axis, *active_axis, *posts_axis, *members_share_axis;
  const char *top1, *top10, *equal;
  const char *stage[SQ_STAGE_COUNT];
  /* the charts of a fit (`shequn fit`, docs/FIT.md) */
  struct {
    /* titles: printf formats taking the scenario (and the series) */
    const char *predictive, *posterior, *pairs, *generations, *forecast;
    const char *series[5]; /* members, active, posts, joins, leaves */
    const char *band95, *band50, *median, *observed, *last_observed;
    const char *particles, *interval90, *weight_axis;
    const char *generation, *tolerance, *acceptance;
    const char *days_after, *alive_axis, *as_fitted, *what_if; /* what_if: a format */
  } fit;
} sq_plot_labels;

extern const sq_plot_labels sq_plot_english, sq_plot_chinese;

/* A metric of docs/SWEEPS.md in a reader's words, or `name` itself. */
const char *sq_plot_metric_title(bool chinese, const char *name);

/* The shade of each stage in the lifecycle chart. */
extern const char *const sq_plot_stage_colour[SQ_STAGE_COUNT];

#endif

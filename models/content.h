/* Content and theme drift: see models/content.c. */
#ifndef SQ_CONTENT_H
#define SQ_CONTENT_H

#include "models/world.h"

extern const sq_mechanism sq_mechanism_content;

/* Appeal of the topic on a day of the run: 1 / (1 + (day / half_life)^k).
 * The topic ages for every group alike, as the field moves on. */
double sq_topic_appeal(const sq_topic_params *t, int day);

/* A unit theme vector of `topics` topics, the share `focus` on `topic` and
 * the rest spread evenly. */
void sq_make_theme(float *theme, int topics, int topic, double focus);

#endif

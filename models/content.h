/* Content and theme drift: see models/content.c. */
#ifndef SQ_CONTENT_H
#define SQ_CONTENT_H

#include "models/world.h"

extern const sq_mechanism sq_mechanism_content;

/* Appeal of g's topic on a day of the run: its own appeal (models/character.c)
 * times 1 / (1 + (day / half_life)^k), half_life its own.  The topic ages with
 * the calendar, as the field moves on. */
double sq_group_appeal(const sq_world *w, const sq_group *g, int day);

/* A unit theme vector of `topics` topics, the share `focus` on `topic` and
 * the rest spread evenly. */
void sq_make_theme(float *theme, int topics, int topic, double focus);

#endif

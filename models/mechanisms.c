/* The model: its mechanisms in day order (models/world.h explains the
 * hooks; docs/ARCHITECTURE.md has the table of who does what when).
 *
 * Within each hook, mechanisms run in the order of this table, so the
 * order fixes both which terms build on which (rituals add to belonging's
 * gain; engagement runs last among the terms) and the order of random
 * draws (moderation's binomial before spam's Poisson in the group's day;
 * invitations before outreach among candidates).  A new mechanism is a new
 * file and a row here. */
#include "models/world.h"

extern const sq_mechanism sq_mechanism_character, sq_mechanism_founding, sq_mechanism_team,
    sq_mechanism_mentoring,
    sq_mechanism_entry, sq_mechanism_evaporation, sq_mechanism_replication,
    sq_mechanism_moderation, sq_mechanism_spam, sq_mechanism_belonging, sq_mechanism_rituals,
    sq_mechanism_content, sq_mechanism_leaving, sq_mechanism_engagement, sq_mechanism_death;

const sq_mechanism *const sq_mechanisms[] = {
    &sq_mechanism_character,   /* born (first)                               models/character.c */
    &sq_mechanism_founding,    /* found                                      models/founding.c */
    &sq_mechanism_team,        /* left, group_day (first)                    models/team.c */
    &sq_mechanism_mentoring,   /* begin, terms, candidates (first), join    models/mentoring.c */
    &sq_mechanism_entry,       /* born, candidates, commit, join            models/entry.c */
    &sq_mechanism_evaporation, /* join                                       models/evaporation.c */
    &sq_mechanism_replication, /* born, group_day                            models/replication.c */
    &sq_mechanism_moderation,  /* terms, join, group_day                     models/moderation.c */
    &sq_mechanism_spam,        /* terms, group_day                           models/spam.c */
    &sq_mechanism_belonging,   /* terms                                      models/belonging.c */
    &sq_mechanism_rituals,     /* terms, group_day                           models/rituals.c */
    &sq_mechanism_content,     /* born, terms, join, group_day, close_day   models/content.c */
    &sq_mechanism_leaving,     /* terms, join                                models/leaving.c */
    &sq_mechanism_engagement,  /* terms (last)                               models/engagement.c */
    &sq_mechanism_death,       /* close_day (last)                           models/death.c */
    NULL,
};

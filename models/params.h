/* The model's parameters: every key a scenario file can set.
 *
 * The structs below mirror the JSON layout of a scenario file
 * (docs/SCENARIOS.md); the table in models/params.c gives each key its type,
 * unit, range, default and meaning, and is the single place a key is defined.
 * Enumerated keys store an index into their descriptor table.
 */
#ifndef SQ_PARAMS_H
#define SQ_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SQ_MAX_TOPICS 16
#define SQ_MAX_LIST 64
#define SQ_NAME_MAX 64
#define SQ_TEXT_MAX 4096

typedef struct sq_int_list {
  int count;
  int32_t value[SQ_MAX_LIST];
} sq_int_list;

typedef struct sq_population_params {
  int64_t size;                  /* agents */
  int topics;                    /* K */
  double interest_concentration; /* Dirichlet alpha per topic */
  int neighbourhood_size;        /* agents sharing a local topic (homophily) */
  double homophily;              /* extra Dirichlet weight on the local topic */
  double sociability_shape;      /* Pareto shape, mean 1 */
  double talkativeness_sigma;    /* lognormal sigma, mean 1 */
  double lurker_share;           /* share of agents who never write */
  double leave_frailty_variance; /* gamma of mean 1: spread of agents' leaving hazards */
  double quality_mean, quality_concentration;     /* Beta */
  double expectation_mean, expectation_sigma;     /* lognormal, value units */
  double tolerance_mean, tolerance_concentration; /* Beta */
  double quality_expectation_correlation; /* of the normal scores behind both */
  double spammer_share;
  double arrival_share;          /* share of agents who enter the market after day 0 */
  int arrival_days;              /* they enter uniformly over days 1..arrival_days */
} sq_population_params;

enum { SQ_GRAPH_WELL_MIXED, SQ_GRAPH_WATTS_STROGATZ, SQ_GRAPH_BARABASI_ALBERT, SQ_GRAPH_EDGE_LIST };

struct sq_edge_list; /* models/graph.h */
typedef struct sq_graph_params {
  int model;
  int mean_degree;
  double rewire_probability;
  char edge_list_file[SQ_TEXT_MAX]; /* as resolved when read: absolute if the file exists */
  const struct sq_edge_list *edges; /* not a key: the file's edges, read with the scenario
                                       (sim/io/edge_list.c), shared by every copy */
} sq_graph_params;

typedef struct sq_group_params {
  int initial_groups;
  int founders;
  int capacity;
  int qr_join_limit;
  int theme_topic;
  double theme_focus;
  double appeal_spread;     /* log-sd of a group's own appeal (models/character.c) */
  double enthusiasm_spread; /* log-sd of its founders' enthusiasm (models/character.c) */
  bool known_first;         /* day-0 groups have the median character */
} sq_group_params;

typedef struct sq_engagement_params {
  bool enabled;
  double initial;
  double adaptation_per_day;
  double noise;
  double active_threshold;
  double leave_rate_per_day;
  double base_leave_rate_per_day;
  double newcomer_leave_rate_per_day;
  int newcomer_days;
  double belonging_protection;
  double tenure_halving_days; /* tenure at which the leaving hazard is halved; 0: never */
} sq_engagement_params;

typedef struct sq_content_params {
  double post_rate_per_day;
  double attention_per_day;
  double ad_rate_per_day;
  double ad_cost;
  double overload_cost;
  double belonging_weight;
  double freshness_floor;
  double freshness_days;
  double renewal_per_day;
  double operations_per_day;
} sq_content_params;

typedef struct sq_belonging_params {
  double gain_per_day;
  double decay_per_day;
} sq_belonging_params;

typedef struct sq_outreach_params {
  int schedule; /* index into sq_schedules (models/schedules.c) */
  double per_day;
  sq_int_list burst_days;
  int burst_size;
  int wave_period_days;
  int wave_days;
  double target_growth_per_day;
  double max_per_day;
  int stop_day;
  double innovation_p;
  double imitation_q;
} sq_outreach_params;

typedef struct sq_word_of_mouth_params {
  bool enabled;
  double invite_rate_per_day;
  double early_boost;
  double early_days;
} sq_word_of_mouth_params;

typedef struct sq_acceptance_params {
  double base;
  double fit_exponent;
  double trust;
  double contacts_weight;
  double spammer;
} sq_acceptance_params;

typedef struct sq_entry_params {
  int rule; /* index into sq_entry_rules (models/entry.c) */
  double fit_threshold;
  double paid_acceptance;
  double paid_engagement;
  double paid_commitment;
  double quality_decline_per_year;
} sq_entry_params;

/* Former members returning (models/entry.c). */
typedef struct sq_returning_params {
  double acceptance; /* factor on a former member's acceptance of an invitation; 0: never */
  int after_days;    /* days away before a former member may return */
} sq_returning_params;

typedef struct sq_recruitment_params {
  int closed_after_days;
  sq_outreach_params outreach;
  sq_word_of_mouth_params word_of_mouth;
  sq_acceptance_params acceptance;
  sq_entry_params entry;
  sq_returning_params returning;
} sq_recruitment_params;

typedef struct sq_mentoring_params {
  bool enabled;
  int veteran_days;
  double engagement_boost;
  int shield_days;
} sq_mentoring_params;

typedef struct sq_rules_params {
  double strictness;
  double ad_removal;
  double ban_rate_per_day;
  double tyranny_cost;
} sq_rules_params;

typedef struct sq_ritual_params {
  int every_days; /* 0: never */
  double content;
  double belonging;
} sq_ritual_params;

typedef struct sq_rituals_params {
  sq_ritual_params checkin, sharing, meetup;
} sq_rituals_params;

typedef struct sq_team_params {
  bool owner;
  int managers;
  double burnout_per_year;
  double burnout_spread;
  double skill_spread; /* log-sd of the owner's skill (models/character.c) */
  double discouragement;
  double backup_burnout_share;
  double welcomes_per_day;
  double quit_below;
  bool succession;
} sq_team_params;

typedef struct sq_focus_params {
  double drift_per_day;
  double led_drift_share;
} sq_focus_params;

typedef struct sq_marketing_params {
  double ads_per_day;
} sq_marketing_params;

typedef struct sq_replication_params {
  bool enabled;
  int split_at;
  int core_size;
  double subtheme_weight;
  double fit_margin;
  double max_share;
  int cooldown_days;
} sq_replication_params;

/* Settings drawn anew for each replicate (the scenario's "vary" list). */
#define SQ_MAX_VARY 32
#define SQ_MAX_VARY_VALUES 16
typedef struct sq_vary_item {
  const struct sq_param *param;
  bool has_values;  /* a list of values, or a range */
  bool log_scale;   /* a range drawn uniformly in log */
  double min, max;
  int n_values;
  double values[SQ_MAX_VARY_VALUES]; /* numbers; enum indices; 0/1 for booleans */
} sq_vary_item;

typedef struct sq_vary {
  int count;
  sq_vary_item item[SQ_MAX_VARY];
} sq_vary;

typedef struct sq_topic_params {
  double half_life_days; /* 0: the topic never fades */
  double fade_steepness;
  double half_life_spread; /* log-sd of a group's own half-life (models/character.c) */
} sq_topic_params;

typedef struct sq_death_params {
  int min_active; /* 0: groups never die */
  int silent_days;
  int founder_effort_days; /* 0: silence counts from a group's first day */
} sq_death_params;

typedef struct sq_stage_params {
  int smoothing_days;
  double growth_from;
  double active_from;
  double decline_below;
} sq_stage_params;

typedef struct sq_scenario {
  char name[SQ_NAME_MAX];
  char description[SQ_TEXT_MAX];
  char name_zh[2 * SQ_NAME_MAX]; /* UTF-8: a Chinese character takes 3 bytes */
  char description_zh[SQ_TEXT_MAX];
  int64_t seed;
  int replicates;
  int horizon_days;
  sq_population_params population;
  sq_graph_params graph;
  sq_group_params group;
  sq_engagement_params engagement;
  sq_content_params content;
  sq_belonging_params belonging;
  sq_recruitment_params recruitment;
  sq_mentoring_params mentoring;
  sq_rules_params rules;
  sq_rituals_params rituals;
  sq_team_params team;
  sq_focus_params focus;
  sq_marketing_params marketing;
  sq_topic_params topic;
  sq_replication_params replication;
  sq_death_params death;
  sq_stage_params stages;
  sq_vary vary;
  bool population_size_given; /* not a key: the scenario file itself (not a base) or --set
                                 gave population.size; else an edge list gives it */
} sq_scenario;

/* ---- the key table ---------------------------------------------------- */

typedef enum sq_param_type {
  SQ_PARAM_REAL,
  SQ_PARAM_INT,      /* stored as int */
  SQ_PARAM_INT64,    /* stored as int64_t */
  SQ_PARAM_BOOL,
  SQ_PARAM_ENUM,     /* stored as int, an index into `choices` */
  SQ_PARAM_STRING,   /* stored as char[size] */
  SQ_PARAM_INT_LIST  /* stored as sq_int_list */
} sq_param_type;

/* The names of an enumerated key's choices: a descriptor table whose entries
 * each begin with `const char *name`. */
typedef struct sq_choices {
  const void *table;
  size_t stride;
  const size_t *count;
} sq_choices;

typedef struct sq_param {
  const char *path;    /* "recruitment.outreach.per_day" */
  sq_param_type type;
  size_t offset;       /* into sq_scenario */
  size_t size;         /* bytes, for strings */
  double min, max;     /* bounds for numbers and list items */
  bool min_open;       /* true: the lower bound is excluded (value > min) */
  double def;          /* default for numbers, booleans and enums */
  const char *def_str; /* default for strings */
  const sq_choices *choices;
  const char *unit;
  const char *doc;
} sq_param;

extern const sq_param sq_params[];
extern const size_t sq_param_count;

/* The name of choice i of an enumerated key. */
const char *sq_choice_name(const sq_choices *c, size_t i);

#endif

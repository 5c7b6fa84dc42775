/* The table of scenario keys: the one place a key is defined, with its type,
 * unit, range, default and meaning.  The loader (sim/io/scenario.c), the
 * resolved scenario.json, `shequn params` and docs/SCENARIOS.md all come from
 * here.  The equations these parameters enter are in docs/MODEL.md. */
#include "models/params.h"

#include <stddef.h>

#include "models/entry.h"
#include "models/schedules.h"
#include "models/error.h"
#include "models/graph.h"

static const sq_choices schedule_choices = {sq_schedules, sizeof(sq_schedules[0]),
                                            &sq_schedule_count};
static const sq_choices entry_choices = {sq_entry_rules, sizeof(sq_entry_rules[0]),
                                         &sq_entry_rule_count};
static const sq_choices graph_choices = {sq_graph_models, sizeof(sq_graph_models[0]),
                                         &sq_graph_model_count};

const char *sq_choice_name(const sq_choices *c, size_t i) {
  return *(const char *const *)((const char *)c->table + i * c->stride);
}

#define OFF(field) offsetof(sq_scenario, field)
#define FIELD_SIZE(field) sizeof(((sq_scenario *)0)->field)
#define REAL(path, field, lo, hi, def, unit, doc) \
  {path, SQ_PARAM_REAL, OFF(field), 0, lo, hi, false, def, NULL, NULL, unit, doc}
#define POSITIVE(path, field, hi, def, unit, doc) \
  {path, SQ_PARAM_REAL, OFF(field), 0, 0, hi, true, def, NULL, NULL, unit, doc}
#define INT(path, field, lo, hi, def, unit, doc) \
  {path, SQ_PARAM_INT, OFF(field), 0, lo, hi, false, def, NULL, NULL, unit, doc}
#define INT64(path, field, lo, hi, def, unit, doc) \
  {path, SQ_PARAM_INT64, OFF(field), 0, lo, hi, false, def, NULL, NULL, unit, doc}
#define BOOL(path, field, def, doc) \
  {path, SQ_PARAM_BOOL, OFF(field), 0, 0, 1, false, def, NULL, NULL, "", doc}
#define ENUM(path, field, choices, def, doc) \
  {path, SQ_PARAM_ENUM, OFF(field), 0, 0, 0, false, def, NULL, &choices, "", doc}
#define STRING(path, field, def, doc) \
  {path, SQ_PARAM_STRING, OFF(field), FIELD_SIZE(field), 0, 0, false, 0, def, NULL, "", doc}
#define INT_LIST(path, field, lo, hi, unit, doc) \
  {path, SQ_PARAM_INT_LIST, OFF(field), 0, lo, hi, false, 0, NULL, NULL, unit, doc}

#define BIG 1e9

const sq_param sq_params[] = {
    STRING("name", name, "unnamed", "short name (1-63 bytes: letters and digits of any script, spaces, _ - . +; not starting with . - or a space; docs/SCENARIOS.md, Names); the default output directory is out/<name>"),
    STRING("description", description, "",
           "a paragraph saying what the scenario shows, for the people who read it"),
    STRING("name_zh", name_zh, "",
           "the name in Chinese, for titles of charts drawn with --lang zh (empty: the name)"),
    STRING("description_zh", description_zh, "", "the description in Chinese"),
    INT64("seed", seed, 0, 9007199254740991.0, 1, "",
          "seed of every random draw; `--seed` overrides it"),
    INT("replicates", replicates, 1, 1000000, 10, "runs",
        "independent replicates; `--replicates` overrides it"),
    INT("horizon_days", horizon_days, 1, 36500, 730, "days", "days simulated (day 0 to horizon_days - 1)"),

    /* population (目标客群) */
    INT64("population.size", population.size, 1, 2147483647, 100000, "agents",
          "N, the potential members; attributes of each are a pure function of (seed, replicate, agent)"),
    INT("population.topics", population.topics, 1, SQ_MAX_TOPICS, 8, "topics",
        "K, the dimension of interest vectors"),
    POSITIVE("population.interest_concentration", population.interest_concentration, 100, 0.3, "",
             "Dirichlet concentration per topic of interest vectors (small: each agent cares for "
             "few topics); vectors are scaled to unit length"),
    INT("population.neighbourhood_size", population.neighbourhood_size, 1, 100000000, 200,
        "agents",
        "homophily: agents with consecutive ids (neighbours on the Watts-Strogatz ring) form "
        "neighbourhoods of this size, each with a local topic drawn at random"),
    REAL("population.homophily", population.homophily, 0, 100, 3, "",
         "homophily: weight added to the Dirichlet concentration of an agent's local topic, "
         "so that friends share interests (0: interests ignore the graph)"),
    REAL("population.sociability_shape", population.sociability_shape, 1.01, 100, 2.5, "",
         "Pareto shape of sociability (mean 1), which scales how many invitations a member sends"),
    REAL("population.talkativeness_sigma", population.talkativeness_sigma, 0, 5, 1.5, "",
         "lognormal sigma of talkativeness (mean 1), which scales posting: participation "
         "inequality"),
    REAL("population.lurker_share", population.lurker_share, 0, 0.99, 0.5, "",
         "share of agents who read but never write (lurkers, 潜水); the others' posting is "
         "scaled by 1 / (1 - share), so that the mean post rate is unchanged"),
    REAL("population.leave_frailty_variance", population.leave_frailty_variance, 0, 10, 2, "",
         "members differ in how readily they leave: each agent's leaving hazard is multiplied "
         "by a gamma factor of mean 1 and this variance (frailty; 0: all alike), so those who "
         "stay long are those least inclined to leave and the hazard falls with tenure"),
    REAL("population.quality_mean", population.quality_mean, 0.01, 0.99, 0.5, "",
         "mean of the Beta-distributed quality of an agent's posts (0..1)"),
    POSITIVE("population.quality_concentration", population.quality_concentration, 1000, 4, "",
             "concentration a+b of the quality Beta distribution"),
    POSITIVE("population.expectation_mean", population.expectation_mean, 10, 0.25, "value/day",
             "mean of the lognormal expectation: the daily value an agent needs to be fully "
             "engaged"),
    REAL("population.expectation_sigma", population.expectation_sigma, 0, 3, 0.5, "",
         "lognormal sigma of expectation"),
    REAL("population.tolerance_mean", population.tolerance_mean, 0.01, 0.99, 0.6, "",
         "mean of the Beta-distributed tolerance for strict rules (0..1)"),
    POSITIVE("population.tolerance_concentration", population.tolerance_concentration, 1000, 4,
             "", "concentration a+b of the tolerance Beta distribution"),
    REAL("population.quality_expectation_correlation",
         population.quality_expectation_correlation, -0.99, 0.99, 0.5, "",
         "correlation of the normal scores behind quality and expectation: those who post "
         "well expect more (a Gaussian copula)"),
    REAL("population.spammer_share", population.spammer_share, 0, 1, 0.02, "",
         "share of agents who are marketers (spammers): they post ads, not content"),
    REAL("population.arrival_share", population.arrival_share, 0, 1, 0, "",
         "share of agents who enter the market after day 0 (newcomers to the field): nobody "
         "can reach them before"),
    INT("population.arrival_days", population.arrival_days, 1, 36500, 3650, "days",
        "the late entrants enter on a day uniform over 1..arrival_days"),

    /* social graph */
    ENUM("graph.model", graph.model, graph_choices, SQ_GRAPH_WATTS_STROGATZ,
         "contact network along which members invite: well_mixed, watts_strogatz, "
         "barabasi_albert, edge_list (a real network read from graph.edge_list_file)"),
    STRING("graph.edge_list_file", graph.edge_list_file, "",
           "graph.model edge_list: a CSV or whitespace-separated file of edges, two agent ids a "
           "line, relative to the scenario file (docs/MODEL.md, section 2); its agents are the "
           "population"),
    INT("graph.mean_degree", graph.mean_degree, 2, 1000, 10, "contacts",
        "mean number of contacts (even; ignored when well_mixed or edge_list)"),
    REAL("graph.rewire_probability", graph.rewire_probability, 0, 1, 0.1, "",
         "Watts-Strogatz: probability that a lattice edge is rewired to a random agent"),

    /* groups */
    INT("group.initial_groups", group.initial_groups, 1, 100000, 1, "groups",
        "independent groups founded on day 0"),
    INT("group.founders", group.founders, 0, 10000000, 5, "members",
        "members who join each new group on its first day besides its owner (drawn at random "
        "among agents the entry rule admits; spammers never found a group)"),
    INT("group.capacity", group.capacity, 1, 10000000, 500, "members",
        "most members a group can hold (a WeChat group holds 500)"),
    INT("group.qr_join_limit", group.qr_join_limit, 0, 10000000, 200, "members",
        "outreach (QR code) joins stop at this size; beyond it members arrive only by invitation"),
    INT("group.theme_topic", group.theme_topic, 0, SQ_MAX_TOPICS - 1, 0, "",
        "the topic the first group's theme points at (group g of the initial ones: topic + g mod K)"),
    REAL("group.theme_focus", group.theme_focus, 0, 1, 1, "",
         "1: the theme is exactly its topic; 0: the theme spreads evenly over all topics"),
    REAL("group.appeal_spread", group.appeal_spread, 0, 3, 0.6, "",
         "groups differ in how appealing their topic is: each group's appeal is a lognormal "
         "factor of median 1 and this log-sd, on what members read and on who accepts to join"),
    BOOL("group.known_first", group.known_first, false,
         "the groups founded on day 0 are a known case (a given founder, topic and team): they "
         "have the median character (every factor 1) and only later groups draw theirs"),
    REAL("group.enthusiasm_spread", group.enthusiasm_spread, 0, 3, 1.2, "",
         "groups differ in what their founders came for (a passing purpose or a lasting "
         "interest): the founders' starting engagement is engagement.initial times a lognormal "
         "factor of median 1 and this log-sd, drawn per group (at most 1)"),

    /* engagement */
    BOOL("engagement.enabled", engagement.enabled, true,
         "false: members never change engagement nor leave (the diffusion-only limit)"),
    REAL("engagement.initial", engagement.initial, 0, 1, 0.5, "",
         "engagement of a newcomer (0..1)"),
    REAL("engagement.adaptation_per_day", engagement.adaptation_per_day, 0, 1, 0.05, "1/day",
         "alpha: share of the gap to the day's value/expectation closed each day"),
    REAL("engagement.noise", engagement.noise, 0, 1, 0.02, "",
         "standard deviation of the daily engagement noise (uniform)"),
    REAL("engagement.active_threshold", engagement.active_threshold, 0.001, 1, 0.2, "",
         "members at or above this engagement are active; below it, silent (zombies)"),
    REAL("engagement.leave_rate_per_day", engagement.leave_rate_per_day, 0, 1, 0.02, "1/day",
         "daily leaving hazard of a member with engagement 0; it falls linearly to 0 at the "
         "active threshold"),
    REAL("engagement.base_leave_rate_per_day", engagement.base_leave_rate_per_day, 0, 1, 0.002,
         "1/day", "daily leaving hazard of any member, engaged or not (life moves on)"),
    REAL("engagement.newcomer_leave_rate_per_day", engagement.newcomer_leave_rate_per_day, 0, 1,
         0.03, "1/day",
         "extra leaving hazard of a newcomer nobody welcomed or mentored, during its first "
         "engagement.newcomer_days (Joyce & Kraut 2006: newcomers who get no reply drift away)"),
    INT("engagement.newcomer_days", engagement.newcomer_days, 0, 36500, 14, "days",
        "how long a newcomer counts as new"),
    REAL("engagement.belonging_protection", engagement.belonging_protection, 0, 1, 0.5, "",
         "share of the leaving hazard removed by full belonging"),
    REAL("engagement.tenure_halving_days", engagement.tenure_halving_days, 0, 36500, 30, "days",
         "commitment deepens with tenure: a member's leaving hazard is multiplied by "
         "1 / (1 + tenure / this), halved at this tenure (0: tenure does not matter)"),

    /* content and the value of a day */
    REAL("content.post_rate_per_day", content.post_rate_per_day, 0, 1000, 0.5, "posts/day",
         "posts a day of a fully engaged member of talkativeness 1"),
    POSITIVE("content.attention_per_day", content.attention_per_day, BIG, 100, "messages/day",
             "kappa, the messages a member reads a day"),
    REAL("content.ad_rate_per_day", content.ad_rate_per_day, 0, 1000, 3, "ads/day",
         "ads a day of each spammer"),
    REAL("content.ad_cost", content.ad_cost, 0, 100, 1, "value",
         "c_ad, value lost per attention budget filled with ads"),
    REAL("content.overload_cost", content.overload_cost, 0, 100, 0.2, "value",
         "c_over, value lost per attention budget of messages beyond the first"),
    REAL("content.belonging_weight", content.belonging_weight, 0, 10, 0.02, "value",
         "w_soc, value of full belonging"),
    REAL("content.freshness_floor", content.freshness_floor, 0, 1, 0.2, "",
         "freshness nu of a group that has had no newcomers for a long time (staleness)"),
    POSITIVE("content.freshness_days", content.freshness_days, 3650, 30, "days",
             "time constant over which freshness follows the inflow of newcomers"),
    POSITIVE("content.renewal_per_day", content.renewal_per_day, 1, 0.005, "1/day",
             "newcomers a day, as a share of members, that keep a group fully fresh"),
    REAL("content.operations_per_day", content.operations_per_day, 0, BIG, 10, "posts/day",
         "operations content the active leader adds every day, in quality-weighted posts"),

    /* belonging */
    REAL("belonging.gain_per_day", belonging.gain_per_day, 0, 1, 0.01, "1/day",
         "belonging grows by gain x engagement x (1 - belonging) a day"),
    REAL("belonging.decay_per_day", belonging.decay_per_day, 0, 1, 0.005, "1/day",
         "belonging decays by this share a day"),

    /* recruitment */
    INT("recruitment.closed_after_days", recruitment.closed_after_days, 0, 36500, 36500, "days",
        "the group admits nobody (no outreach, no invitations) from this age on: a closed group"),

    /* recruitment: outreach (pacing) */
    ENUM("recruitment.outreach.schedule", recruitment.outreach.schedule, schedule_choices,
         SQ_SCHEDULE_CONSTANT,
         "pacing of outreach: none, constant, bursts, waves, adaptive, bass (docs/MODEL.md)"),
    REAL("recruitment.outreach.per_day", recruitment.outreach.per_day, 0, BIG, 5, "agents/day",
         "mean outsiders reached a day (constant, waves; starting level of adaptive)"),
    INT_LIST("recruitment.outreach.burst_days", recruitment.outreach.burst_days, 0, 36500, "days",
             "bursts: days since the group's birth on which a burst is reached"),
    INT("recruitment.outreach.burst_size", recruitment.outreach.burst_size, 0, 10000000, 100,
        "agents", "bursts: outsiders reached in each burst"),
    INT("recruitment.outreach.wave_period_days", recruitment.outreach.wave_period_days, 1, 36500,
        30, "days", "waves: days from the start of one wave to the next"),
    INT("recruitment.outreach.wave_days", recruitment.outreach.wave_days, 1, 36500, 7, "days",
        "waves: length of each wave"),
    REAL("recruitment.outreach.target_growth_per_day", recruitment.outreach.target_growth_per_day,
         -1, 1, 0.01, "1/day", "adaptive: growth rate of active members the schedule aims at"),
    REAL("recruitment.outreach.max_per_day", recruitment.outreach.max_per_day, 0, BIG, 100,
         "agents/day", "adaptive: most outsiders reached a day"),
    INT("recruitment.outreach.stop_day", recruitment.outreach.stop_day, 0, 36500, 36500, "days",
        "outreach stops at this age of the group (any schedule)"),
    REAL("recruitment.outreach.innovation_p", recruitment.outreach.innovation_p, 0, 1, 0.003,
         "1/day", "bass: p, the daily probability that an outsider joins on its own"),
    REAL("recruitment.outreach.imitation_q", recruitment.outreach.imitation_q, 0, 1, 0.038,
         "1/day", "bass: q, added to p in proportion to the share of the population inside"),

    /* recruitment: word of mouth (old brings new) */
    BOOL("recruitment.word_of_mouth.enabled", recruitment.word_of_mouth.enabled, true,
         "active members invite their contacts"),
    REAL("recruitment.word_of_mouth.invite_rate_per_day", recruitment.word_of_mouth.invite_rate_per_day,
         0, 100, 0.02, "invitations/day",
         "invitations a day of an active member of engagement 1 and sociability 1, past the "
         "early days"),
    REAL("recruitment.word_of_mouth.early_boost", recruitment.word_of_mouth.early_boost, 0, 1000,
         4, "", "extra invitation rate right after joining: x (1 + boost exp(-tenure/early_days))"),
    POSITIVE("recruitment.word_of_mouth.early_days", recruitment.word_of_mouth.early_days, 3650, 5,
             "days", "how fast the early invitation boost fades"),

    /* recruitment: acceptance */
    REAL("recruitment.acceptance.base", recruitment.acceptance.base, 0, 1, 0.3, "",
         "a0, the probability that a reached outsider of fit 1 accepts"),
    REAL("recruitment.acceptance.fit_exponent", recruitment.acceptance.fit_exponent, 0, 10, 1, "",
         "acceptance rises as fit^exponent"),
    REAL("recruitment.acceptance.trust", recruitment.acceptance.trust, 0, 100, 1, "",
         "acceptance x (1 + trust) when invited by a contact"),
    REAL("recruitment.acceptance.contacts_weight", recruitment.acceptance.contacts_weight, 0, 100,
         0.5, "", "acceptance x (1 + weight ln(1 + contacts already inside)): concave"),
    REAL("recruitment.acceptance.spammer", recruitment.acceptance.spammer, 0, 1, 1, "",
         "probability that a reached spammer accepts (spammers ignore fit)"),

    /* recruitment: entry threshold */
    ENUM("recruitment.entry.rule", recruitment.entry.rule, entry_choices, SQ_ENTRY_SCREENING,
         "entry threshold: open, screening, invitation, paid (docs/MODEL.md)"),
    REAL("recruitment.entry.fit_threshold", recruitment.entry.fit_threshold, 0, 1, 0.5, "",
         "screening: least fit to the theme a candidate needs"),
    REAL("recruitment.entry.paid_acceptance", recruitment.entry.paid_acceptance, 0, 1, 0.3, "",
         "paid: acceptance is multiplied by this: how much the entry fee deters (the fee is not "
         "an amount in the model; set this for the fee, in yuan (元), you have in mind)"),
    REAL("recruitment.entry.paid_engagement", recruitment.entry.paid_engagement, 0, 1, 0.2, "",
         "paid: added to a newcomer's engagement"),
    REAL("recruitment.entry.paid_commitment", recruitment.entry.paid_commitment, 0, 1, 0.5, "",
         "paid: share of the leaving hazard removed"),
    REAL("recruitment.entry.quality_decline_per_year", recruitment.entry.quality_decline_per_year,
         0, 10, 0, "1/year",
         "evaporation: a newcomer's quality is scaled by max(0.1, 1 - rate x group age in "
         "years): entrants get worse as the group ages"),

    /* recruitment: former members returning */
    REAL("recruitment.returning.acceptance", recruitment.returning.acceptance, 0, 1, 0, "",
         "a former member invited by a contact accepts at this factor of a newcomer's "
         "acceptance (0: nobody who has left joins again)"),
    INT("recruitment.returning.after_days", recruitment.returning.after_days, 0, 36500, 180,
        "days", "days since it left before a former member may return"),

    /* old brings new: mentoring */
    BOOL("mentoring.enabled", mentoring.enabled, true,
         "newcomers invited by an active veteran are mentored"),
    INT("mentoring.veteran_days", mentoring.veteran_days, 0, 36500, 30, "days",
        "tenure from which a member counts as a veteran"),
    REAL("mentoring.engagement_boost", mentoring.engagement_boost, 0, 1, 0.2, "",
         "added to a mentored newcomer's engagement"),
    INT("mentoring.shield_days", mentoring.shield_days, 0, 36500, 14, "days",
        "a mentored newcomer does not leave during its first shield_days"),

    /* group rules */
    REAL("rules.strictness", rules.strictness, 0, 1, 0.5, "",
         "s, strictness of the rules, enforced while a leader is active"),
    REAL("rules.ad_removal", rules.ad_removal, 0, 1, 0.8, "",
         "share of ads removed at strictness 1"),
    REAL("rules.ban_rate_per_day", rules.ban_rate_per_day, 0, 1, 0.1, "1/day",
         "daily probability that a spammer is removed at strictness 1"),
    REAL("rules.tyranny_cost", rules.tyranny_cost, 0, 10, 0.2, "value",
         "c_tyr, value lost per unit of strictness beyond a member's tolerance"),

    /* rituals */
    INT("rituals.checkin.every_days", rituals.checkin.every_days, 0, 36500, 0, "days",
        "check-ins: days between them (0: none)"),
    REAL("rituals.checkin.content", rituals.checkin.content, 0, BIG, 2, "posts",
         "check-ins: content added, in quality-weighted posts"),
    REAL("rituals.checkin.belonging", rituals.checkin.belonging, 0, 1, 0.01, "",
         "check-ins: belonging added x engagement x (1 - belonging)"),
    INT("rituals.sharing.every_days", rituals.sharing.every_days, 0, 36500, 7, "days",
        "weekly sharing: days between sessions (0: none)"),
    REAL("rituals.sharing.content", rituals.sharing.content, 0, BIG, 30, "posts",
         "sharing: content added, in quality-weighted posts"),
    REAL("rituals.sharing.belonging", rituals.sharing.belonging, 0, 1, 0.05, "",
         "sharing: belonging added x engagement x (1 - belonging)"),
    INT("rituals.meetup.every_days", rituals.meetup.every_days, 0, 36500, 90, "days",
        "offline meet-ups: days between them (0: none)"),
    REAL("rituals.meetup.content", rituals.meetup.content, 0, BIG, 20, "posts",
         "meet-ups: content added, in quality-weighted posts"),
    REAL("rituals.meetup.belonging", rituals.meetup.belonging, 0, 1, 0.2, "",
         "meet-ups: belonging added x engagement x (1 - belonging)"),

    /* core team */
    BOOL("team.owner", team.owner, true,
         "the group is founded by an owner who leads it (false: founders only, no leader)"),
    INT("team.managers", team.managers, 0, 64, 2, "members",
        "core team besides the owner, chosen among the founders"),
    REAL("team.burnout_per_year", team.burnout_per_year, 0, 100, 0.5, "1/year",
         "energy the leader loses a year (burnout)"),
    REAL("team.skill_spread", team.skill_spread, 0, 3, 0.5, "",
         "owners differ in skill: each group's operations content and rituals are scaled by a "
         "lognormal factor of median 1 and this log-sd, drawn per group"),
    REAL("team.burnout_spread", team.burnout_spread, 0, 3, 0.5, "",
         "organisers differ: each team member's burnout rate is the mean times a lognormal "
         "factor of mean 1 and this log-sd"),
    REAL("team.discouragement", team.discouragement, 0, 100, 3, "",
         "organisers tire faster as their group empties: burnout x (1 + discouragement x (1 - "
         "active members / their peak))"),
    REAL("team.backup_burnout_share", team.backup_burnout_share, 0, 1, 0.5, "",
         "managers waiting to lead lose energy at this share of the leader's rate"),
    REAL("team.welcomes_per_day", team.welcomes_per_day, 0, 1000000, 5, "members/day",
         "newcomers each active organiser (leader and managers) can welcome a day; welcomed "
         "newcomers are spared the newcomer hazard"),
    REAL("team.quit_below", team.quit_below, 0, 1, 0.2, "",
         "a leader whose energy falls below this steps down"),
    BOOL("team.succession", team.succession, true,
         "a manager takes over when the leader steps down"),

    /* focus and marketing */
    REAL("focus.drift_per_day", focus.drift_per_day, 0, 1, 0.005, "1/day",
         "loss of focus: while no leader holds the theme, it moves this share of the way a day "
         "towards a vague theme weighing all topics alike"),
    REAL("focus.led_drift_share", focus.led_drift_share, 0, 1, 0, "",
         "share of that drift that goes on under an active leader (0: a leader holds the theme)"),
    REAL("marketing.ads_per_day", marketing.ads_per_day, 0, 1000, 0, "ads/day",
         "hard selling: ads the operator pushes to members a day, while a leader is active "
         "(never removed by moderation)"),

    /* long-run force: obsolescence */
    REAL("topic.half_life_days", topic.half_life_days, 0, 36500, 0, "days",
         "day of the run at which the topic's appeal has halved, for every group (0: it never "
         "fades)"),
    REAL("topic.fade_steepness", topic.fade_steepness, 0.1, 20, 3, "",
         "appeal = 1 / (1 + (day/half_life)^steepness)"),
    REAL("topic.half_life_spread", topic.half_life_spread, 0, 3, 0.5, "",
         "topics differ in how long they last: each group's half-life is topic.half_life_days "
         "times a lognormal factor of median 1 and this log-sd"),

    /* replication into sub-groups */
    BOOL("replication.enabled", replication.enabled, false,
         "a group that reaches replication.split_at members seeds a sub-group"),
    INT("replication.split_at", replication.split_at, 2, 10000000, 500, "members",
        "size at which a group splits (the platform cap by default)"),
    INT("replication.core_size", replication.core_size, 1, 10000000, 20, "members",
        "the most engaged members who move to found the sub-group (the first leads it)"),
    REAL("replication.subtheme_weight", replication.subtheme_weight, 0, 1, 0.5, "",
         "the sub-theme is the parent's theme moved this far towards the splitter's interest"),
    REAL("replication.fit_margin", replication.fit_margin, 0, 1, 0, "",
         "members who fit the sub-theme at least this much better than the parent's theme move "
         "too"),
    REAL("replication.max_share", replication.max_share, 0, 1, 0.5, "",
         "most of the parent's members who move"),
    INT("replication.cooldown_days", replication.cooldown_days, 0, 36500, 30, "days",
        "least days between a group's founding or last split and its next split"),

    /* death and stages */
    INT("death.min_active", death.min_active, 0, 10000000, 3, "members",
        "d: a group with fewer active members than this is silent (0: groups never die)"),
    INT("death.silent_days", death.silent_days, 1, 36500, 7, "days",
        "D: a group silent this many days in a row is dead, from the first of them"),
    INT("death.founder_effort_days", death.founder_effort_days, 0, 36500, 7, "days",
        "E: until its first conversation (a day with d active members) a new group's founders "
        "keep it going for 1 + floor(uE) days, u their energy drawn per group in [0, 1); "
        "silence counts only after that (0: from the first day)"),
    INT("stages.smoothing_days", stages.smoothing_days, 1, 365, 7, "days",
        "width of the centred moving average of active members used to classify stages"),
    REAL("stages.growth_from", stages.growth_from, 0, 1, 0.2, "",
         "growth starts when smoothed active members first reach this share of their peak"),
    REAL("stages.active_from", stages.active_from, 0, 1, 0.8, "",
         "the active stage starts when smoothed active members first reach this share of peak"),
    REAL("stages.decline_below", stages.decline_below, 0, 1, 0.6, "",
         "decline starts after the last day smoothed active members are at or above this "
         "share of peak"),
};

const size_t sq_param_count = SQ_LEN(sq_params);

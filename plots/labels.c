/* The words on the charts (plots/labels.h). */
#include "plots/labels.h"

#include <string.h>

#include "models/error.h"

const sq_plot_labels sq_plot_english = {
    "Lifecycle: %s", "Groups still alive", "A network of groups: %s", "Who writes the posts: %s",
    "Active members, scenarios compared", "%s: %s (mean over replicates)",
    "%s: what drives %s", "first-order index (alone)", "total-effect index (with interactions)",
    "Sobol index", "mean %s",
    "day", "age of the group (days)", "members (median)", "active members (median)",
    "silent members (median)", "groups alive (median)", "share of groups alive",
    "%s: 10-90%% of replicates", "%s: 95%% interval",
    "members", "active members", "groups alive", "share of replicates in each stage (background)",
    "members", "groups", "active members (median, 10-90% band)", "share of all posts",
    "share of members, the most active first",
    "top 1%% write %.0f%%", "top 10%% write %.0f%%", "everyone writes alike",
    {"sprout", "growth", "active", "decline", "death"},
    {"%s: %s observed and predicted by the fit", "%s: what the fit learnt of each setting",
     "%s: settings the fit accepted together", "%s: the fit generation by generation",
     "%s: how long the group lives on",
     {"members", "active members", "posts a day", "joins a day", "leaves a day"},
     "95% of posterior runs", "50% of posterior runs", "median of posterior runs", "observed",
     "last observed day",
     "accepted settings (last generation)", "median and 90% interval",
     "share of posterior weight",
     "generation", "tolerance (distance accepted)", "acceptance rate",
     "days after the last observed day", "share of runs with the group alive", "as fitted",
     "with %s"}};

const sq_plot_labels sq_plot_chinese = {
    "生命周期：%s", "仍存活的社群比例", "社群网络：%s", "谁在发言：%s", "活跃成员：方案比较",
    "%s：%s（重复实验均值）", "%s：什么决定了%s", "一阶指数（单独作用）", "总效应指数（含交互作用）",
    "Sobol 指数", "%s均值",
    "天", "社群年龄（天）", "成员数（中位数）", "活跃成员（中位数）", "沉默成员（中位数）",
    "存活群数（中位数）", "存活比例",
    "%s：重复实验的10%%–90%%区间", "%s：95%%置信区间",
    "成员数", "活跃成员", "存活群数", "处于各阶段的重复实验比例（底色）",
    "成员数", "群数", "活跃成员（中位数及10%–90%区间）", "发帖占比", "成员比例（从最活跃者起）",
    "前1%%的成员发了%.0f%%的帖子", "前10%%的成员发了%.0f%%的帖子", "人人发帖一样多",
    {"萌芽期", "成长期", "活跃期", "衰退期", "死亡期"},
    {"%s：%s的观测值与拟合预测", "%s：拟合对各参数的推断", "%s：拟合共同接受的参数组合",
     "%s：逐代拟合过程", "%s：社群还能存活多久",
     {"成员数", "活跃成员", "每日发帖", "每日加入", "每日退出"},
     "后验模拟的95%区间", "后验模拟的50%区间", "后验模拟的中位数", "观测值", "最后观测日",
     "接受的参数（最后一代）", "中位数及90%区间", "后验权重占比",
     "代", "容差（接受的距离）", "接受率",
     "最后观测日之后的天数", "社群仍存活的模拟比例", "按拟合结果", "若 %s"}};

/* Metrics named in a reader's words (docs/SWEEPS.md lists them). */
typedef struct metric_title { const char *name, *en, *zh; } metric_title;
static const metric_title metric_titles[] = {
    {"lifespan_days", "lifespan of the first group (days)", "首个群的寿命（天）"},
    {"censored", "share alive at the horizon", "期末仍存活的比例"},
    {"peak_members", "most members at once", "成员数峰值"},
    {"reach", "people who ever joined", "曾加入的人数"},
    {"groups", "groups created", "创建的群数"},
    {"final_active", "active members at the end", "期末活跃成员数"},
    {"final_members", "members at the end", "期末成员数"},
    {"peak_groups", "most groups at once", "同时存活群数的峰值"},
    {"peak_day", "day of the first group's peak", "首个群达到峰值的日子"},
    {"posts", "posts written", "发帖总数"},
    {"sprout_days", "days as a sprout", "萌芽期天数"},
    {"growth_days", "days growing", "成长期天数"},
    {"active_days", "days active", "活跃期天数"},
    {"decline_days", "days declining", "衰退期天数"},
    {"death_days", "silent days before death", "死亡前沉寂天数"},
    {"member_steps", "member-days simulated", "模拟的成员日数"},
};

const char *sq_plot_metric_title(bool chinese, const char *name) {
  for (size_t i = 0; i < SQ_LEN(metric_titles); i++)
    if (strcmp(metric_titles[i].name, name) == 0)
      return chinese ? metric_titles[i].zh : metric_titles[i].en;
  return name;
}

const char *const sq_plot_stage_colour[SQ_STAGE_COUNT] = {"#e5f5e0", "#c7e9c0", "#fff3bf",
                                                          "#fdd0a2", "#e0e0e0"};

/* The key table in Chinese (models/params_zh.h): one row per key of
 * models/params.c, in the same order, with its unit and meaning.  A key added
 * there needs its row here (tests/test_params_zh.c). */
#include "models/params_zh.h"

#include <string.h>

#include "models/error.h"

const sq_param_zh sq_params_zh[] = {
    {"name", "",
     "短名称（1-63 字节：任何文字的字母和数字、空格、_ - . +；不以 . - 或空格开头；见 "
     "docs/SCENARIOS.md 的 Names 一节）；默认输出目录为 out/<name>"},
    {"description", "", "一段话，向读者说明这个方案展示了什么"},
    {"name_zh", "", "中文名称，用作 --lang zh 图表的标题（空：用 name）"},
    {"description_zh", "", "中文说明"},
    {"seed", "", "所有随机抽样的种子；`--seed` 可覆盖"},
    {"replicates", "次", "独立重复实验的次数；`--replicates` 可覆盖"},
    {"horizon_days", "天", "模拟的天数（第 0 天到第 horizon_days - 1 天）"},

    /* population (目标客群) */
    {"population.size", "人",
     "N，潜在成员（目标客群）的人数；每个人的属性只取决于（种子、重复实验、个体编号）"},
    {"population.topics", "个话题", "K，兴趣向量的维数（话题数）"},
    {"population.interest_concentration", "",
     "兴趣向量每个话题的 Dirichlet 集中度（越小，每人只关心越少的话题）；向量归一化为单位长度"},
    {"population.neighbourhood_size", "人",
     "同质性：编号相邻的个体（Watts-Strogatz 环上的邻居）组成这么大的邻里，每个邻里随机抽一个本地话题"},
    {"population.homophily", "",
     "同质性：个体所在邻里的本地话题在 Dirichlet 集中度上额外加的权重，使朋友兴趣相近（0：兴趣与社交网络无关）"},
    {"population.sociability_shape", "",
     "社交性的 Pareto 形状参数（均值 1）；社交性决定成员发出多少邀请"},
    {"population.talkativeness_sigma", "",
     "健谈程度的对数正态 sigma（均值 1），决定发帖多少：参与不均的程度"},
    {"population.lurker_share", "",
     "只看不说的人（潜水者）所占比例；其余人的发帖率乘以 1 / (1 - 比例)，使平均发帖率不变"},
    {"population.leave_frailty_variance", "",
     "成员退群倾向各不相同：每人的退群风险乘以一个均值为 1、方差为此值的伽马因子（脆弱性；0：人人相同），"
     "所以留得久的是最不想走的人，退群风险随入群时长下降"},
    {"population.quality_mean", "", "个人发帖质量（Beta 分布，0..1）的均值"},
    {"population.quality_concentration", "", "质量 Beta 分布的集中度 a+b"},
    {"population.expectation_mean", "价值/天",
     "期望值（对数正态）的均值：一个人每天需要得到多少价值才会完全投入"},
    {"population.expectation_sigma", "", "期望值的对数正态 sigma"},
    {"population.tolerance_mean", "", "对严格群规的容忍度（Beta 分布，0..1）的均值"},
    {"population.tolerance_concentration", "", "容忍度 Beta 分布的集中度 a+b"},
    {"population.quality_expectation_correlation", "",
     "质量与期望值背后正态分数的相关系数：发帖质量高的人期望也高（高斯 copula）"},
    {"population.spammer_share", "", "营销号（发广告者）所占比例：他们只发广告，不发内容"},
    {"population.arrival_share", "",
     "第 0 天之后才进入市场的人（领域的新人）所占比例：在此之前谁也接触不到他们"},
    {"population.arrival_days", "天", "后来者进入市场的日子在 1..arrival_days 之间均匀分布"},

    /* social graph */
    {"graph.model", "",
     "成员沿着发出邀请的联系网络：well_mixed（完全混合）、watts_strogatz（小世界）、"
     "barabasi_albert（无标度）、edge_list（从 graph.edge_list_file 读入的真实网络）"},
    {"graph.edge_list_file", "",
     "graph.model 为 edge_list 时：边列表文件（CSV 或空白分隔，每行两个个体编号），路径相对于"
     "场景文件（docs/MODEL.md 第 2 节）；文件中的个体即目标人群"},
    {"graph.mean_degree", "个联系人", "平均联系人数（偶数；well_mixed 时不用）"},
    {"graph.rewire_probability", "", "Watts-Strogatz：格点上一条边被重连到随机个体的概率"},

    /* groups */
    {"group.initial_groups", "个群", "第 0 天建立的相互独立的群数"},
    {"group.founders", "人",
     "每个新群第一天除群主外加入的成员（在入群规则允许的人中随机抽取；营销号从不建群）"},
    {"group.capacity", "人", "一个群最多容纳的成员数（微信群上限 500）"},
    {"group.qr_join_limit", "人", "群到这个人数后不能再扫码（外部招募）加入，只能由成员邀请"},
    {"group.theme_topic", "",
     "第一个群的主题所指的话题（初始群中的第 g 个群：topic + g，对 K 取模）"},
    {"group.theme_focus", "", "1：主题就是该话题；0：主题平均分散在所有话题上"},
    {"group.appeal_spread", "",
     "各群话题的吸引力不同：每个群的吸引力是中位数为 1、对数标准差为此值的对数正态因子，"
     "作用于成员读到的内容和接受入群邀请的人"},
    {"group.known_first", "",
     "第 0 天建立的群是一个已知的案例（给定的群主、话题和团队）：它们取中位特征（所有因子为 1），"
     "只有后来的群才随机抽取特征"},
    {"group.enthusiasm_spread", "",
     "各群创始成员的来意不同（一时之需或长久兴趣）：创始成员的初始投入度是 engagement.initial "
     "乘以中位数为 1、对数标准差为此值的对数正态因子，每群抽一次（至多为 1）"},

    /* engagement */
    {"engagement.enabled", "", "false：成员的投入度从不变化，也从不退群（纯扩散的极限情形）"},
    {"engagement.initial", "", "新成员的投入度（0..1）"},
    {"engagement.adaptation_per_day", "1/天",
     "alpha：每天缩小投入度与“当天价值/期望值”之间差距的比例"},
    {"engagement.noise", "", "每日投入度噪声（均匀分布）的标准差"},
    {"engagement.active_threshold", "",
     "投入度达到此值的成员算活跃；低于此值为沉默成员（僵尸成员）"},
    {"engagement.leave_rate_per_day", "1/天",
     "投入度为 0 的成员每天的退群风险；投入度升到活跃门槛时线性降为 0"},
    {"engagement.base_leave_rate_per_day", "1/天",
     "任何成员（无论是否投入）每天的退群风险（生活变了）"},
    {"engagement.newcomer_leave_rate_per_day", "1/天",
     "没有人欢迎、也没有老成员带的新人，在最初 engagement.newcomer_days 天里额外的退群风险"
     "（Joyce & Kraut 2006：得不到回应的新人会流失）"},
    {"engagement.newcomer_days", "天", "新人算作新人的天数"},
    {"engagement.belonging_protection", "", "完全的归属感能消除的退群风险比例"},
    {"engagement.tenure_halving_days", "天",
     "投入随入群时长加深：成员的退群风险乘以 1 / (1 + 入群天数 / 此值)，到此天数时减半"
     "（0：入群时长不起作用）"},

    /* content and the value of a day */
    {"content.post_rate_per_day", "帖/天", "健谈程度为 1、完全投入的成员每天发帖数"},
    {"content.attention_per_day", "条消息/天", "kappa，一个成员每天阅读的消息数"},
    {"content.ad_rate_per_day", "条广告/天", "每个营销号每天发的广告数"},
    {"content.ad_cost", "价值", "c_ad，注意力预算被广告占满时损失的价值"},
    {"content.overload_cost", "价值",
     "c_over，超出第一份注意力预算后，每多一份预算的消息所损失的价值（信息过载）"},
    {"content.belonging_weight", "价值", "w_soc，完全归属感的价值"},
    {"content.freshness_floor", "", "很久没有新人加入的群的新鲜度 nu（陈腐）"},
    {"content.freshness_days", "天", "新鲜度跟随新人流入变化的时间常数"},
    {"content.renewal_per_day", "1/天", "使群保持完全新鲜所需的每日新人数（占成员数的比例）"},
    {"content.operations_per_day", "帖/天",
     "活跃的群主每天增加的运营内容，以质量加权的帖子数计"},

    /* belonging */
    {"belonging.gain_per_day", "1/天", "归属感每天增加 gain × 投入度 × (1 - 归属感)"},
    {"belonging.decay_per_day", "1/天", "归属感每天按此比例衰减"},

    /* recruitment */
    {"recruitment.closed_after_days", "天",
     "群从这个年龄起不再接纳任何人（不外部招募，也不接受邀请）：封闭的群"},

    /* recruitment: outreach (pacing) */
    {"recruitment.outreach.schedule", "",
     "外部招募的节奏：none（不招募）、constant（匀速）、bursts（集中爆发）、waves（波次）、"
     "adaptive（按增长自适应）、bass（Bass 扩散）（见 docs/MODEL.md）"},
    {"recruitment.outreach.per_day", "人/天",
     "每天平均触达的外部人数（constant、waves；adaptive 的初始水平）"},
    {"recruitment.outreach.burst_days", "天", "bursts：群建立后第几天各触达一批人"},
    {"recruitment.outreach.burst_size", "人", "bursts：每批触达的外部人数"},
    {"recruitment.outreach.wave_period_days", "天", "waves：一个波次开始到下一个波次开始的天数"},
    {"recruitment.outreach.wave_days", "天", "waves：每个波次持续的天数"},
    {"recruitment.outreach.target_growth_per_day", "1/天", "adaptive：目标的活跃成员日增长率"},
    {"recruitment.outreach.max_per_day", "人/天", "adaptive：每天最多触达的外部人数"},
    {"recruitment.outreach.stop_day", "天", "群到这个年龄时停止外部招募（任何节奏）"},
    {"recruitment.outreach.innovation_p", "1/天", "bass：p，外部个体每天自行加入的概率"},
    {"recruitment.outreach.imitation_q", "1/天",
     "bass：q，按群内人数占总人口的比例加到 p 上（模仿效应）"},

    /* recruitment: word of mouth (old brings new) */
    {"recruitment.word_of_mouth.enabled", "", "活跃成员邀请自己的联系人（老带新）"},
    {"recruitment.word_of_mouth.invite_rate_per_day", "次邀请/天",
     "投入度为 1、社交性为 1 的活跃成员在入群初期过后每天发出的邀请数"},
    {"recruitment.word_of_mouth.early_boost", "",
     "刚入群时额外的邀请率：乘以 (1 + boost exp(-入群天数/early_days))"},
    {"recruitment.word_of_mouth.early_days", "天", "入群初期邀请加成消退的快慢"},

    /* recruitment: acceptance */
    {"recruitment.acceptance.base", "", "a0，被触达的外部人在契合度为 1 时接受入群的概率"},
    {"recruitment.acceptance.fit_exponent", "", "接受概率随契合度^指数 上升"},
    {"recruitment.acceptance.trust", "", "由联系人邀请时，接受概率乘以 (1 + trust)"},
    {"recruitment.acceptance.contacts_weight", "",
     "接受概率乘以 (1 + weight ln(1 + 已在群内的联系人数))：边际递减"},
    {"recruitment.acceptance.spammer", "", "被触达的营销号接受入群的概率（营销号不看契合度）"},

    /* recruitment: entry threshold */
    {"recruitment.entry.rule", "",
     "入群门槛：open（开放）、screening（筛选）、invitation（仅限邀请）、paid（付费）"
     "（见 docs/MODEL.md）"},
    {"recruitment.entry.fit_threshold", "", "screening：候选人与主题至少要有的契合度"},
    {"recruitment.entry.paid_acceptance", "", "paid：接受概率乘以此值"},
    {"recruitment.entry.paid_engagement", "", "paid：加到新成员投入度上的值"},
    {"recruitment.entry.paid_commitment", "", "paid：消除的退群风险比例"},
    {"recruitment.entry.quality_decline_per_year", "1/年",
     "蒸发冷却：新成员的质量乘以 max(0.1, 1 - 此值 × 群龄（年）)：群越老，进来的人越差"},

    /* recruitment: former members returning */
    {"recruitment.returning.acceptance", "",
     "由联系人邀请的前成员，接受概率为新人的此倍数（0：退群者不再回来）"},
    {"recruitment.returning.after_days", "天", "前成员退群后至少隔多少天才可能回来"},

    /* old brings new: mentoring */
    {"mentoring.enabled", "", "由活跃老成员邀请来的新人由其带领（老带新）"},
    {"mentoring.veteran_days", "天", "入群多少天起算作老成员"},
    {"mentoring.engagement_boost", "", "加到被带新人投入度上的值"},
    {"mentoring.shield_days", "天", "被带的新人在最初 shield_days 天内不会退群"},

    /* group rules */
    {"rules.strictness", "", "s，群规的严格程度，在有活跃群主时执行"},
    {"rules.ad_removal", "", "严格程度为 1 时被删除的广告比例"},
    {"rules.ban_rate_per_day", "1/天", "严格程度为 1 时营销号每天被移出群的概率"},
    {"rules.tyranny_cost", "价值",
     "c_tyr，群规严格程度每超出成员容忍度一个单位所损失的价值（暴政）"},

    /* rituals */
    {"rituals.checkin.every_days", "天", "打卡：间隔天数（0：没有）"},
    {"rituals.checkin.content", "帖", "打卡：增加的内容，以质量加权的帖子数计"},
    {"rituals.checkin.belonging", "", "打卡：增加的归属感 × 投入度 × (1 - 归属感)"},
    {"rituals.sharing.every_days", "天", "每周分享：两次分享的间隔天数（0：没有）"},
    {"rituals.sharing.content", "帖", "分享：增加的内容，以质量加权的帖子数计"},
    {"rituals.sharing.belonging", "", "分享：增加的归属感 × 投入度 × (1 - 归属感)"},
    {"rituals.meetup.every_days", "天", "线下聚会：间隔天数（0：没有）"},
    {"rituals.meetup.content", "帖", "聚会：增加的内容，以质量加权的帖子数计"},
    {"rituals.meetup.belonging", "", "聚会：增加的归属感 × 投入度 × (1 - 归属感)"},

    /* core team */
    {"team.owner", "", "群由一位带领它的群主创建（false：只有创始成员，没有带头人）"},
    {"team.managers", "人", "群主之外的核心团队（管理员）人数，从创始成员中选出"},
    {"team.burnout_per_year", "1/年", "带头人每年损耗的精力（倦怠）"},
    {"team.skill_spread", "",
     "群主能力各不相同：每个群的运营内容和仪式乘以中位数为 1、对数标准差为此值的对数正态因子，每群抽一次"},
    {"team.burnout_spread", "",
     "组织者各不相同：每个团队成员的倦怠速率是均值乘以均值为 1、对数标准差为此值的对数正态因子"},
    {"team.discouragement", "",
     "群越冷清，组织者累得越快：倦怠 × (1 + discouragement × (1 - 活跃成员 / 其峰值))"},
    {"team.backup_burnout_share", "", "等待接班的管理员损耗精力的速率占带头人速率的比例"},
    {"team.welcomes_per_day", "人/天",
     "每位活跃组织者（群主和管理员）每天能欢迎的新人数；被欢迎的新人免受新人额外退群风险"},
    {"team.quit_below", "", "带头人精力低于此值时卸任"},
    {"team.succession", "", "带头人卸任时由一位管理员接任"},

    /* focus and marketing */
    {"focus.drift_per_day", "1/天",
     "失焦：没有带头人把握主题时，主题每天按此比例向平均涵盖所有话题的模糊主题漂移"},
    {"focus.led_drift_share", "", "有活跃带头人时仍发生的漂移比例（0：带头人守住主题）"},
    {"marketing.ads_per_day", "条广告/天",
     "硬广告：带头人在任时，运营者每天推给成员的广告数（群规不会删除它们）"},

    /* long-run force: obsolescence */
    {"topic.half_life_days", "天", "话题吸引力减半的那一天，对所有群相同（0：永不过时）"},
    {"topic.fade_steepness", "", "吸引力 = 1 / (1 + (天数/半衰期)^steepness)"},
    {"topic.half_life_spread", "",
     "话题的寿命各不相同：每个群的半衰期是 topic.half_life_days 乘以中位数为 1、对数标准差为此值的对数正态因子"},

    /* replication into sub-groups */
    {"replication.enabled", "", "成员数达到 replication.split_at 的群会孵化一个子群（裂变/复制）"},
    {"replication.split_at", "人", "群分裂时的人数（默认为平台上限）"},
    {"replication.core_size", "人", "迁去建立子群的最投入的成员数（其中第一位担任子群带头人）"},
    {"replication.subtheme_weight", "", "子主题是母群主题向分裂者兴趣方向移动这么多后的主题"},
    {"replication.fit_margin", "", "与子主题的契合度比母群主题至少高出此值的成员也会迁走"},
    {"replication.max_share", "", "母群成员最多迁走的比例"},
    {"replication.cooldown_days", "天", "群建立或上次分裂后到下次分裂的最少天数"},

    /* death and stages */
    {"death.min_active", "人", "d：活跃成员少于此数的群算沉寂（0：群永不死亡）"},
    {"death.silent_days", "天", "D：连续沉寂这么多天的群算死亡，死亡日计为其中第一天"},
    {"death.founder_effort_days", "天",
     "E：在第一次真正的交流（某天有 d 个活跃成员）之前，新群的创始成员会撑 1 + floor(uE) 天，"
     "u 是每群抽取的 [0, 1) 内的精力值；在此之后才开始计算沉寂（0：从第一天起）"},
    {"stages.smoothing_days", "天", "划分阶段时对活跃成员数所取居中移动平均的宽度"},
    {"stages.growth_from", "", "平滑后的活跃成员数首次达到峰值的此比例时，进入成长期"},
    {"stages.active_from", "", "平滑后的活跃成员数首次达到峰值的此比例时，进入活跃期"},
    {"stages.decline_below", "", "平滑后的活跃成员数最后一次不低于峰值的此比例之后，进入衰退期"},
};

const size_t sq_param_zh_count = SQ_LEN(sq_params_zh);

const sq_param_zh *sq_param_zh_find(const char *path) {
  for (size_t i = 0; i < sq_param_zh_count; i++)
    if (strcmp(sq_params_zh[i].path, path) == 0) return &sq_params_zh[i];
  return NULL;
}

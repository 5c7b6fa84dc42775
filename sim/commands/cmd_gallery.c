/* shequn gallery: the teaching set run, plotted and explained on two index
 * pages, one in English and one in Chinese. */
#include <cjson/cJSON.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/commands/cli.h"
#include "sim/commands/compare.h"
#include "sim/io/fileio.h"
#include "sim/io/outdir.h"
#include "plots/render.h"
#include "sim/io/scenario.h"
#include "sim/engine/study.h"

static const char gallery_about[] =
    "Run the teaching set of plots/gallery.json (the well-run community, the\n"
    "unmanaged group, each of the seven sins, each strategy switched off, the\n"
    "replicating network), each once, compare each variant with its base, draw\n"
    "every chart in English and in Chinese, and write DIR/index.html and\n"
    "DIR/index.zh.html, which explain each chart (printed: a page per chart).\n";

static const char gallery_after[] =
    "Needs gnuplot.  Scenarios are read from scenarios/ of the source tree or of\n"
    "an installed shequn (found as for `shequn plot`).  Exit status: 0 done,\n"
    "1 failed, 2 bad input.\n";

typedef struct page_text {
  const char *lang, *other, *other_name, *title, *intro, *versus;
  /* each chart's name and how to read it, as its caption */
  const char *lifecycle, *lifecycle_how, *survival, *survival_how, *comparison, *comparison_how,
      *network, *network_how, *participation, *participation_how;
} page_text;

static const page_text english = {
    "en", "index.zh.html", "中文",
    "Community lifecycles: a classroom gallery",
    "Each chart comes from shequn, an agent-based simulation of online communities (社群). "
    "A community passes through five stages: sprout, growth, active, decline and death. The "
    "sources name seven causes of early death and the operations strategies that prevent it; "
    "below, each is switched on or off alone in the same well-run community, so that its effect "
    "can be seen against it. Every scenario is run many times (replicates): curves are medians "
    "over them, light bands hold the middle 80% (10-90%), and the shaded background of a "
    "lifecycle chart shows which share of the replicates is in each stage on each day.",
    "compared with",
    "Lifecycle", "lines are medians over replicates, light bands hold 10-90% of them; the "
    "background's colours, stacked, show the share of replicates whose group is in each stage "
    "that day (read it on the right axis; a network of groups has none)",
    "Groups still alive", "the share of groups alive at each age, with its 95% interval",
    "Compared with", "active members of each scenario: median line and 10-90% band, run on "
    "the same random numbers so that the difference comes from the scenario",
    "The network", "groups alive (right axis) and members of all groups (left axis): medians "
    "and 10-90% bands",
    "Who writes the posts", "the share of all posts written by the most active share of "
    "members; the dashed line is everyone writing alike"};

static const page_text chinese = {
    "zh", "index.html", "English",
    "社群生命周期：课堂图集",
    "这些图来自 shequn，一个模拟网络社群的多主体仿真程序。社群会经历五个阶段："
    "萌芽期、成长期、活跃期、衰退期和死亡期。资料总结了社群短命的七宗罪，以及防止它们的运营策略；"
    "下面在同一个运营良好的社群里，每次只打开一宗罪或关闭一项策略，与原社群对比，看出它的作用。"
    "每个方案都重复模拟多次：曲线是各次结果的中位数，浅色带包含中间 80%（10%–90%）的结果，"
    "生命周期图的底色则表示每一天处于各阶段的重复实验所占的比例。",
    "对比",
    "生命周期", "曲线是重复实验的中位数，浅色带包含其中 10%–90% 的结果；底色按比例堆叠，"
    "表示当天社群处于各阶段的重复实验所占比例（看右侧坐标轴；社群网络没有底色）",
    "仍存活的社群比例", "各年龄仍存活的社群比例及其 95% 置信区间",
    "对比", "各方案的活跃成员数：中位数曲线及 10%–90% 区间；各方案使用相同的随机数，"
    "差别只来自方案本身",
    "社群网络", "存活群数（右轴）与所有群的成员总数（左轴）：中位数及 10%–90% 区间",
    "谁在发言", "最活跃的一部分成员写了全部帖子中的多少；虚线表示人人发帖一样多"};

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static const char *text(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : "";
}

/* The scenario of the list named `name`, or NULL. */
static const cJSON *entry(const cJSON *list, const char *name) {
  for (const cJSON *s = list->child; s; s = s->next)
    if (strcmp(text(s, "name"), name) == 0) return s;
  return NULL;
}

/* Write one figure if its image exists: the chart, its caption (what it is
 * and how to read it), and, for print only, the scenario's title and
 * explanation, so that each printed page stands alone. */
static void figure(FILE *f, const char *dir, const char *sub, const char *kind, bool chinese,
                   const char *format, const cJSON *scenario, const char *caption,
                   const char *how) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s/%s%s.%s", dir, sub, kind, chinese ? "-zh" : "", format);
  if (!exists(path)) return;
  const char *zh = chinese ? "-zh" : "";
  fprintf(f, "<figure>\n<div class=\"handout\"><h2>%s</h2><p>%s</p></div>\n"
             "<a href=\"%s/%s%s.%s\"><img src=\"%s/%s%s.%s\" alt=\"%s\"></a>\n"
             "<figcaption><b>%s</b>%s%s</figcaption>\n</figure>\n",
          text(scenario, chinese ? "title_zh" : "title_en"),
          text(scenario, chinese ? "text_zh" : "text_en"), sub, kind, zh, format, sub, kind, zh,
          format, caption, caption, chinese ? "：" : ": ", how);
}

/* On screen, the charts side by side; printed (A4), a page per chart with
 * its scenario's explanation and its caption. */
static const char page_style[] =
    "body { font-family: sans-serif; max-width: 1700px; margin: auto; padding: 1em; "
    "font-size: 20px; line-height: 1.5; }\n"
    "section { border-top: 2px solid #ccc; padding-top: 0.5em; }\n"
    ".figures { display: flex; flex-wrap: wrap; gap: 1em; }\n"
    "figure { margin: 0; flex: 1 1 720px; }\n img { width: 100%; }\n"
    "figcaption { color: #555; }\n nav a { margin-right: 1em; }\n"
    ".handout { display: none; }\n"
    "@page { size: A4 portrait; margin: 15mm; }\n"
    "@media print {\n"
    "  body { max-width: none; padding: 0; font-size: 11pt; }\n"
    "  nav, .language, section > h2, section > p { display: none; }\n"
    "  .intro { break-after: page; page-break-after: always; }\n"
    "  section { border: none; padding: 0; }\n"
    "  .figures { display: block; }\n"
    "  figure { break-inside: avoid; page-break-inside: avoid; break-after: page; "
    "page-break-after: always; }\n"
    "  .handout { display: block; }\n"
    "  img { max-height: 150mm; object-fit: contain; }\n"
    "  a { color: inherit; text-decoration: none; }\n"
    "}\n";

static int write_page(const char *dir, const cJSON *list, const page_text *t, const char *format,
                      sq_error *err) {
  bool zh = strcmp(t->lang, "zh") == 0;
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, zh ? "index.zh.html" : "index.html");
  sq_atomic_file af;
  int rc = sq_atomic_open(&af, path, err);
  if (rc) return rc;
  FILE *f = af.f;
  fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
          zh ? "zh-CN" : "en", t->title, page_style);
  fprintf(f, "<p class=\"language\" style=\"text-align:right\"><a href=\"%s\">%s</a></p>\n"
             "<div class=\"intro\"><h1>%s</h1>\n<p>%s</p></div>\n<nav>",
          t->other, t->other_name, t->title, t->intro);
  for (const cJSON *s = list->child; s; s = s->next)
    fprintf(f, "<a href=\"#%s\">%s</a> ", text(s, "name"), text(s, zh ? "title_zh" : "title_en"));
  fputs("</nav>\n", f);
  for (const cJSON *s = list->child; s; s = s->next) {
    const char *name = text(s, "name"), *base = text(s, "compare_with");
    fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<p>%s</p>\n<div class=\"figures\">\n", name,
            text(s, zh ? "title_zh" : "title_en"), text(s, zh ? "text_zh" : "text_en"));
    figure(f, dir, name, "lifecycle", zh, format, s, t->lifecycle, t->lifecycle_how);
    figure(f, dir, name, "network", zh, format, s, t->network, t->network_how);
    if (*base) {
      char sub[256], caption[256];
      const char *base_title = text(entry(list, base), zh ? "title_zh" : "title_en");
      snprintf(sub, sizeof sub, "%s-vs-%s", name, base);
      snprintf(caption, sizeof caption, "%s %s", t->comparison, base_title);
      figure(f, dir, sub, "comparison", zh, format, s, caption, t->comparison_how);
      snprintf(caption, sizeof caption, "%s (%s %s)", t->survival, t->versus, base_title);
      figure(f, dir, sub, "survival", zh, format, s, caption, t->survival_how);
    } else {
      figure(f, dir, name, "survival", zh, format, s, t->survival, t->survival_how);
    }
    figure(f, dir, name, "participation", zh, format, s, t->participation,
           t->participation_how);
    fputs("</div>\n</section>\n", f);
  }
  fputs("</body>\n</html>\n", f);
  return sq_atomic_commit(&af, err);
}

/* Both languages' charts of a directory, side by side: each is a series
 * of gnuplot processes, one at a time, so two keep two cores busy. */
static int plot_both(const char *dir, const char *format, sq_error *err) {
  int rc[2] = {SQ_OK, SQ_OK}, written[2];
  sq_error errs[2] = {{0}, {0}};
#pragma omp parallel for num_threads(2) schedule(static, 1)
  for (int zh = 0; zh < 2; zh++) rc[zh] = sq_plot(dir, format, zh, &written[zh], &errs[zh]);
  for (int zh = 0; zh < 2; zh++)
    if (rc[zh]) return *err = errs[zh], rc[zh];
  return SQ_OK;
}

/* The marker's command for a folder of the gallery: "gallery (SUB)", so
 * that no two markers are the same file. */
static const char *marker_command(char *buf, size_t size, const char *sub) {
  snprintf(buf, size, "gallery (%s)", sub);
  return buf;
}

/* Scenario `k` of the list: run once into DIR/NAME (only the files its
 * charts read), tallied for the comparisons, plotted; then, if it names a
 * base (an earlier scenario, run on the same seed and replicates: common
 * random numbers), compared with the base's tally into DIR/NAME-vs-BASE,
 * whose comparison chart reads both runs' curves beside it. */
/* A scenario the gallery has run: what its variants are compared with. */
typedef struct ran {
  sq_compare_tally *tally;
  long long seed, replicates;
} ran;

static int gallery_scenario(const char *dir, const char *scenarios, const cJSON *list, int k,
                            const cJSON *s, ran *runs,
                            const sq_scenario_overrides *own, int threads, const char *format,
                            sq_error *err) {
  const char *name = text(s, "name"), *base = text(s, "compare_with");
  int b = 0;
  const cJSON *e = list->child;
  while (b < k && strcmp(text(e, "name"), base) != 0) b++, e = e->next;
  if (*base && b == k)
    return sq_error_set(err, SQ_EINPUT,
                        "plots/gallery.json: %s: compare_with: expected a scenario listed before "
                        "it, got \"%s\"",
                        name, base);
  char path[4400], out[4400], marker[320];
  snprintf(path, sizeof path, "%s/%s.json", scenarios, name);
  sq_scenario sc;
  sq_scenario_overrides over = *own;
  if (*base) /* common random numbers with its base */
    over.seed = &runs[b].seed, over.replicates = &runs[b].replicates;
  int rc = sq_scenario_read(&sc, path, &over, err);
  if (rc) return rc;
  runs[k].seed = sc.seed, runs[k].replicates = sc.replicates;
  printf("gallery: %s (%d replicates)\n", name, sc.replicates);
  fflush(stdout);
  if (!(runs[k].tally = sq_compare_tally_new(&sc, err))) return err->status;
  snprintf(out, sizeof out, "%s/%s", dir, name);
  /* members.csv for the participation chart, except in the big networks */
  sq_study study = {.threads = threads, .record_members = !sc.replication.enabled,
                    .observe = sq_compare_observe, .observe_context = runs[k].tally,
                    .command = marker_command(marker, sizeof marker, name), .no_records = true};
  sq_lifespan_summary life;
  double seconds;
  rc = sq_study_run(&sc, out, &study, &life, &seconds, err);
  if (!rc) rc = plot_both(out, format, err);
  if (rc || !*base) return rc;
  char sub[300];
  snprintf(sub, sizeof sub, "%s-vs-%s", name, base);
  snprintf(out, sizeof out, "%s/%s", dir, sub);
  sq_outdir folder;
  rc = sq_outdir_claim(&folder, out, marker_command(marker, sizeof marker, sub), false, err);
  const sq_compare_tally *pair[2] = {runs[b].tally, runs[k].tally};
  if (!rc) rc = sq_compare_write(out, pair, 2, err);
  if (!rc) rc = plot_both(out, format, err);
  return rc;
}

int sq_cmd_gallery(int argc, char **argv) {
  const char *dir = "gallery", *format = "png";
  long long replicates = 0, threads = omp_get_max_threads();
  bool force = false, has_replicates = false;
  const sq_option options[] = {
      sq_opt_output(&dir, "where to write (default: gallery); a new or empty folder,\n"
                          "or one shequn wrote with --force"),
      sq_opt_force(&force, "replace an earlier gallery in DIR (only shequn's own\n"
                           "files are removed)"),
      sq_opt_replicates(&replicates, &has_replicates,
                        "replicates of every scenario (default: each scenario's own;\n"
                        "fewer are quicker, the charts noisier)"),
      sq_opt_threads(&threads, "threads to use (default: all)"),
      {"--format", 0, SQ_OPT_CHOICE, "F", "png (default) or svg images", .choices = "png|svg",
       .text = &format},
  };
  const sq_verb verb = {.name = "gallery", .synopsis = "[OPTIONS]", .about = gallery_about,
                        .after = gallery_after, .options = options,
                        .n_options = (int)SQ_LEN(options)};
  int parsed = sq_cli_parse(&verb, argc, argv);
  if (parsed) return parsed < 0 ? 0 : parsed;
  sq_error err = {0};
  char plots[4096], scenarios[4096], path[4400];
  if (!sq_find_project_dir("plots", "gallery.json", plots, sizeof plots) ||
      !sq_find_project_dir("scenarios", "well_run.json", scenarios, sizeof scenarios)) {
    fprintf(stderr, "shequn gallery: cannot find plots/gallery.json and scenarios/ of the source "
                    "tree or of an installed shequn (share/shequn); set SHEQUN_HOME to either\n");
    return 1;
  }
  snprintf(path, sizeof path, "%s/gallery.json", plots);
  char *json = sq_read_file(path, NULL, &err);
  cJSON *gallery = json ? cJSON_Parse(json) : NULL;
  free(json);
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(gallery, "scenarios");
  if (!cJSON_IsArray(list)) {
    fprintf(stderr, "shequn gallery: %s: expected a \"scenarios\" list\n", path);
    cJSON_Delete(gallery);
    return 1;
  }
  sq_outdir folder;
  int rc = sq_outdir_claim(&folder, dir, "gallery", force, &err);
  bool claimed = rc == SQ_OK;
  const sq_scenario_overrides own = {.replicates = has_replicates ? &replicates : NULL};
  int n = cJSON_GetArraySize(list), k = 0;
  ran *runs = calloc((size_t)n + 1, sizeof *runs);
  if (!runs && !rc) rc = sq_error_set(&err, SQ_ERUNTIME, "out of memory");
  for (const cJSON *s = list->child; s && !rc; s = s->next, k++)
    rc = gallery_scenario(dir, scenarios, list, k, s, runs, &own, (int)threads, format, &err);
  for (int i = 0; runs && i < n; i++) sq_compare_tally_free(runs[i].tally);
  free(runs);
  if (!rc) rc = write_page(dir, list, &english, format, &err);
  if (!rc) rc = write_page(dir, list, &chinese, format, &err);
  cJSON_Delete(gallery);
  if (rc && claimed) sq_outdir_abandon(&folder); /* a partial gallery is no gallery */
  if (rc) {
    fprintf(stderr, "shequn gallery: %s\n", err.message);
    return rc == SQ_EINPUT ? 2 : 1;
  }
  printf("gallery: open %s/index.html (English) or %s/index.zh.html (中文)\n", dir, dir);
  return 0;
}

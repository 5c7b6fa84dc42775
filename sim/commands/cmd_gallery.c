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
    "replicating network), draw every chart in English and in Chinese, and write\n"
    "DIR/index.html and DIR/index.zh.html, which explain each in two sentences.\n";

static const char gallery_after[] =
    "Needs gnuplot.  Scenarios are read from scenarios/ of the source tree or of\n"
    "an installed shequn (found as for `shequn plot`).  Exit status: 0 done,\n"
    "1 failed, 2 bad input.\n";

typedef struct page_text {
  const char *lang, *other, *other_name, *title, *intro, *lifecycle, *survival, *comparison,
      *network, *participation, *versus;
} page_text;

static const page_text english = {
    "en", "index.zh.html", "中文",
    "Community lifecycles: a classroom gallery",
    "Each chart comes from shequn, an agent-based simulation of online communities (社群). "
    "A community passes through five stages (shaded in the lifecycle charts): sprout, growth, "
    "active, decline and death. The sources name seven causes of early death and the operations "
    "strategies that prevent it; below, each is switched on or off alone in the same well-run "
    "community, so that its effect can be seen against it. Curves are medians over many "
    "replicates, bands hold 80% of them.",
    "Lifecycle", "Groups still alive", "Compared with", "The network", "Who writes the posts",
    "compared with"};

static const page_text chinese = {
    "zh", "index.html", "English",
    "社群生命周期：课堂图集",
    "这些图来自 shequn，一个模拟网络社群的多主体仿真程序。社群会经历五个阶段（生命周期图中以底色标出）："
    "萌芽期、成长期、活跃期、衰退期和死亡期。资料总结了社群短命的七宗罪，以及防止它们的运营策略；"
    "下面在同一个运营良好的社群里，每次只打开一宗罪或关闭一项策略，与原社群对比，看出它的作用。"
    "曲线是多次重复实验的中位数，阴影带包含其中 80% 的结果。",
    "生命周期", "仍存活的社群比例", "对比", "社群网络", "谁在发言", "对比"};

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static const char *text(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : "";
}

/* Write one figure if its image exists. */
static void figure(FILE *f, const char *dir, const char *sub, const char *kind, bool chinese,
                   const char *format, const char *caption) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s/%s%s.%s", dir, sub, kind, chinese ? "-zh" : "", format);
  if (!exists(path)) return;
  fprintf(f, "<figure><a href=\"%s/%s%s.%s\"><img src=\"%s/%s%s.%s\" alt=\"%s\"></a>"
             "<figcaption>%s</figcaption></figure>\n",
          sub, kind, chinese ? "-zh" : "", format, sub, kind, chinese ? "-zh" : "", format, caption,
          caption);
}

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
             "<title>%s</title>\n<style>\n"
             "body { font-family: sans-serif; max-width: 1700px; margin: auto; padding: 1em; "
             "font-size: 20px; line-height: 1.5; }\n"
             "section { border-top: 2px solid #ccc; padding-top: 0.5em; }\n"
             ".figures { display: flex; flex-wrap: wrap; gap: 1em; }\n"
             "figure { margin: 0; flex: 1 1 720px; }\n img { width: 100%%; }\n"
             "figcaption { text-align: center; color: #555; }\n nav a { margin-right: 1em; }\n"
             "</style>\n</head>\n<body>\n",
          zh ? "zh-CN" : "en", t->title);
  fprintf(f, "<p style=\"text-align:right\"><a href=\"%s\">%s</a></p>\n<h1>%s</h1>\n<p>%s</p>\n<nav>",
          t->other, t->other_name, t->title, t->intro);
  for (const cJSON *s = list->child; s; s = s->next)
    fprintf(f, "<a href=\"#%s\">%s</a> ", text(s, "name"), text(s, zh ? "title_zh" : "title_en"));
  fputs("</nav>\n", f);
  for (const cJSON *s = list->child; s; s = s->next) {
    const char *name = text(s, "name"), *base = text(s, "compare_with");
    fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<p>%s</p>\n<div class=\"figures\">\n", name,
            text(s, zh ? "title_zh" : "title_en"), text(s, zh ? "text_zh" : "text_en"));
    figure(f, dir, name, "lifecycle", zh, format, t->lifecycle);
    figure(f, dir, name, "network", zh, format, t->network);
    if (*base) {
      char sub[256], caption[256], base_title[128] = "";
      for (const cJSON *b = list->child; b; b = b->next)
        if (strcmp(text(b, "name"), base) == 0)
          snprintf(base_title, sizeof base_title, "%s", text(b, zh ? "title_zh" : "title_en"));
      snprintf(sub, sizeof sub, "%s-vs-%s", name, base);
      snprintf(caption, sizeof caption, "%s %s", t->comparison, base_title);
      figure(f, dir, sub, "comparison", zh, format, caption);
      snprintf(caption, sizeof caption, "%s (%s %s)", t->survival, t->versus, base_title);
      figure(f, dir, sub, "survival", zh, format, caption);
    } else {
      figure(f, dir, name, "survival", zh, format, t->survival);
    }
    figure(f, dir, name, "participation", zh, format, t->participation);
    fputs("</div>\n</section>\n", f);
  }
  fputs("</body>\n</html>\n", f);
  return sq_atomic_commit(&af, err);
}

/* Both languages' charts of a directory. */
static int plot_both(const char *dir, const char *format, sq_error *err) {
  int written;
  int rc = sq_plot(dir, format, false, &written, err);
  if (!rc) rc = sq_plot(dir, format, true, &written, err);
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
  for (const cJSON *s = list->child; s && !rc; s = s->next) {
    const char *name = text(s, "name"), *base = text(s, "compare_with");
    sq_scenario sc[2];
    snprintf(path, sizeof path, "%s/%s.json", scenarios, name);
    rc = sq_scenario_read(&sc[1], path, &own, &err);
    if (rc) break;
    printf("gallery: %s (%d replicates)\n", name, sc[1].replicates);
    fflush(stdout);
    char out[4400];
    snprintf(out, sizeof out, "%s/%s", dir, name);
    /* members.csv for the participation chart, except in the big networks */
    sq_study study = {(int)threads, !sc[1].replication.enabled, false, NULL, NULL, NULL,
                      "gallery", false};
    sq_lifespan_summary life;
    double seconds;
    rc = sq_study_run(&sc[1], out, &study, &life, &seconds, &err);
    if (!rc) rc = plot_both(out, format, &err);
    if (rc || !*base) continue;
    /* against its base, on common random numbers */
    snprintf(path, sizeof path, "%s/%s.json", scenarios, base);
    long long seed = sc[1].seed, runs = sc[1].replicates;
    const sq_scenario_overrides common = {.seed = &seed, .replicates = &runs};
    rc = sq_scenario_read(&sc[0], path, &common, &err);
    snprintf(out, sizeof out, "%s/%s-vs-%s", dir, name, base);
    if (!rc) rc = sq_compare(sc, 2, out, (int)threads, true, "gallery", false, &err);
    if (!rc) rc = plot_both(out, format, &err);
  }
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

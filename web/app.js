// shequn serve's classroom page: two strategies of one scenario side by
// side, their runs' days streamed from the server (docs/SERVE_API.md) and
// played back at the chosen speed.  No build step: plain JavaScript.
"use strict";

const STAGE_COLOURS = ["#e5f5e0", "#c7e9c0", "#fff3bf", "#fdd0a2", "#e0e0e0"]; // plots/labels.c
const STAGE_NAMES = ["sprout", "growth", "active", "decline", "death"];
const SPEEDS = [1, 5, 20, 60, 180, 365, 2000]; // days a second

const state = {
  lang: "en",
  keys: [],
  limits: {},
  scenarios: [],
  panes: {},
  cursor: 0,      // the day shown, as a real number while playing
  playing: false,
  started: false, // the runs were asked for
  lastFrame: 0,
  verdict: null,
};

const $ = (id) => document.getElementById(id);
const t = (word) => I18N[state.lang][word];

function element(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || response.statusText);
  return json;
}

// ---- the panes ------------------------------------------------------------

function scenarioInfo() {
  return state.scenarios.find((s) => s.scenario === $("scenario").value);
}

function makePane(id) {
  const root = $("pane-" + id);
  const pane = { id, root, values: {}, controls: {}, charts: {}, run: null };
  state.panes[id] = pane;
  return pane;
}

function controlFor(pane, key) {
  const value = pane.values[key.key];
  const name = element("span", { class: "key" }, key.key);
  const unitText = state.lang === "zh" ? key.unit_zh : key.unit;
  const doc = element("div", { class: "doc" }, state.lang === "zh" ? key.doc_zh : key.doc);
  let input, shown = element("span", { class: "value" });
  const show = () => {
    let v;
    if (key.type === "boolean") v = input.checked;
    else if (key.type === "choice") v = input.value;
    else v = Number(input.value);
    pane.values[key.key] = v;
    shown.textContent = key.type === "boolean" ? (v ? t("on") : t("off"))
      : key.type === "choice" ? "" : v + (unitText ? " " + unitText : "");
  };
  const changed = () => { show(); resetRuns(); };
  if (key.type === "boolean") {
    input = element("input", { type: "checkbox", class: "switch" });
    input.checked = !!value;
  } else if (key.type === "choice") {
    input = element("select");
    for (const c of key.choices) input.append(element("option", { value: c }, c));
    input.value = value;
  } else {
    const max = Math.max(key.slider_max, Number(value));
    input = element("input", { type: "range", min: key.slider_min, max, step: key.step });
    input.value = value;
  }
  input.dataset.key = key.key;
  input.addEventListener("input", changed);
  input.addEventListener("change", changed);
  pane.controls[key.key] = input;
  show();
  return element("div", { class: "control" }, element("label", {}, name, " ", input, " ", shown), doc);
}

function buildPane(pane) {
  const root = pane.root;
  root.replaceChildren();
  root.append(element("h2", {}, t(pane.id === "a" ? "strategy_a" : "strategy_b")));
  const controls = element("div", { class: "controls" });
  let group = null;
  for (const key of state.keys) {
    if (!group || group.dataset.strategy !== key.strategy) {
      group = element("fieldset", { class: "strategy" },
        element("legend", {}, t("strategies")[key.strategy]));
      group.dataset.strategy = key.strategy;
      controls.append(group);
    }
    group.append(controlFor(pane, key));
  }
  root.append(controls);
  pane.status = element("p", { class: "status" }, t("waiting"));
  root.append(pane.status);
  for (const chart of ["members", "groups", "survival"]) {
    const box = element("div", { class: "chart", id: `chart-${pane.id}-${chart}` });
    const exports = element("div", { class: "exports" },
      element("button", { onclick: () => exportPng(pane, chart) }, t("png")),
      element("button", { onclick: () => exportCsv(pane, chart) }, t("csv")));
    root.append(element("h3", {}, t(chart + "_chart")), box, exports);
  }
  root.append(element("div", { class: "exports" },
    element("button", { onclick: () => exportScenario(pane) }, t("scenario_json"))));
  makeCharts(pane);
}

// ---- charts (uPlot) ---------------------------------------------------------

function stageBands(pane) {
  return (u) => {
    const run = pane.run;
    if (!run || !run.stages) return;
    const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
    ctx.save();
    for (const band of run.stages.bands) {
      if (band.from > state.cursor) continue;
      const to = Math.min(band.to + 1, Math.floor(state.cursor) + 1);
      const x0 = u.valToPos(band.from, "x", true), x1 = u.valToPos(to, "x", true);
      const k = STAGE_NAMES.indexOf(band.stage);
      ctx.fillStyle = STAGE_COLOURS[k];
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
      ctx.fillStyle = "#555";
      ctx.font = `${Math.round(12 * devicePixelRatio)}px sans-serif`;
      if (x1 - x0 > 40 * devicePixelRatio) ctx.fillText(t("stages")[k], x0 + 4, top + 14 * devicePixelRatio);
    }
    ctx.restore();
  };
}

function chartWidth(pane) {
  return Math.max(300, Math.floor(pane.root.clientWidth) - 24);
}

function makeCharts(pane) {
  for (const c of Object.values(pane.charts)) c.destroy();
  const width = chartWidth(pane), horizon = Number($("horizon").value) || 365;
  const x = { time: false, range: [0, horizon] };
  pane.charts.members = new uPlot({
    width, height: 220, scales: { x, y: { range: (u, lo, hi) => [0, Math.max(10, hi * 1.05)] } },
    series: [{ label: t("days") },
      { label: t("members"), stroke: "#1f77b4", width: 2 },
      { label: t("active"), stroke: "#d62728", width: 2 }],
    axes: [{ label: t("days") }, {}],
    hooks: { drawClear: [stageBands(pane)] },
  }, [[], [], []], $(`chart-${pane.id}-members`));
  pane.charts.groups = new uPlot({
    width, height: 160, scales: { x, y: { range: (u, lo, hi) => [0, Math.max(2, hi + 1)] } },
    series: [{ label: t("days") }, { label: t("groups"), stroke: "#2ca02c", width: 2 }],
    axes: [{ label: t("days") }, {}],
  }, [[], []], $(`chart-${pane.id}-groups`));
  const stepped = uPlot.paths.stepped({ align: 1 });
  pane.charts.survival = new uPlot({
    width, height: 180, scales: { x, y: { range: [0, 1] } },
    series: [{ label: t("days") },
      { label: t("survival"), stroke: "#000", width: 2, paths: stepped, points: { show: false } },
      { label: t("lower"), stroke: "#999", dash: [4, 4], paths: stepped, points: { show: false } },
      { label: t("upper"), stroke: "#999", dash: [4, 4], paths: stepped, points: { show: false } }],
    axes: [{ label: t("days") }, {}],
  }, [[], [], [], []], $(`chart-${pane.id}-survival`));
  drawPane(pane);
}

function shownRows(pane) {
  const run = pane.run;
  if (!run) return [];
  return run.rows.slice(0, Math.floor(state.cursor) + 1);
}

function chartData(pane, chart) {
  const rows = shownRows(pane);
  if (chart === "members") return [rows.map((r) => r.day), rows.map((r) => r.members), rows.map((r) => r.active)];
  if (chart === "groups") return [rows.map((r) => r.day), rows.map((r) => r.groups)];
  const s = pane.run && pane.run.survival;
  if (!s) return [[], [], [], []];
  return [0, 1, 2, 3].map((k) => s.steps.map((step) => step[k]));
}

function drawPane(pane) {
  for (const chart of ["members", "groups", "survival"])
    if (pane.charts[chart]) pane.charts[chart].setData(chartData(pane, chart));
}

// ---- runs -----------------------------------------------------------------------

function request(pane) {
  const set = Object.assign({}, pane.values);
  set["population.size"] = Number($("population").value);
  set["horizon_days"] = Number($("horizon").value);
  return { scenario: $("scenario").value, set, seed: Number($("seed").value),
           replicates: Number($("replicates").value) };
}

function resetRuns() {
  for (const pane of Object.values(state.panes)) {
    if (pane.run && pane.run.source) pane.run.source.close();
    pane.run = null;
    if (pane.status) pane.status.textContent = t("waiting");
    drawPane(pane);
  }
  state.started = false;
  state.playing = false;
  state.cursor = 0;
  state.verdict = null;
  state.shown = null;
  $("verdict").hidden = true;
  showDay();
}

// Setup: check both strategies with the server and clear the charts.
async function setup() {
  resetRuns();
  for (const pane of Object.values(state.panes)) makeCharts(pane);
  let ok = true;
  for (const pane of Object.values(state.panes)) {
    try {
      const answer = await api("POST", "api/scenario", request(pane));
      pane.resolved = answer.scenario;
      pane.status.textContent = t("ready");
      pane.status.classList.remove("error");
    } catch (e) {
      pane.status.textContent = e.message;
      pane.status.classList.add("error");
      ok = false;
    }
  }
  return ok;
}

async function start() {
  if (state.started) return true;
  if (!(await setup())) return false;
  state.started = true;
  for (const pane of Object.values(state.panes)) {
    try {
      const answer = await api("POST", "api/runs", request(pane));
      pane.resolved = answer.scenario;
      listen(pane, answer.id);
    } catch (e) {
      pane.status.textContent = e.message;
      pane.status.classList.add("error");
      state.started = false;
      return false;
    }
  }
  return true;
}

function listen(pane, id) {
  const run = { id, rows: [], stages: null, survival: null, done: 0, of: 0, ended: false,
                failed: null };
  pane.run = run;
  const source = new EventSource(`api/runs/${id}/events`);
  run.source = source;
  source.addEventListener("start", (e) => { run.of = JSON.parse(e.data).replicates; });
  source.addEventListener("day", (e) => { run.rows.push(JSON.parse(e.data)); });
  source.addEventListener("stages", (e) => { run.stages = JSON.parse(e.data); });
  source.addEventListener("replicate", (e) => { run.done = JSON.parse(e.data).replicate + 1; });
  source.addEventListener("survival", (e) => { run.survival = JSON.parse(e.data); });
  source.addEventListener("end", () => { run.ended = true; source.close(); compare(); });
  source.addEventListener("failed", (e) => {
    run.failed = JSON.parse(e.data).error;
    run.ended = true;
    source.close();
  });
  source.onerror = () => {
    if (!run.ended) { run.failed = t("stopped"); run.ended = true; }
    source.close();
  };
}

async function compare() {
  const a = state.panes.a.run, b = state.panes.b.run;
  if (!a || !b || !a.ended || !b.ended || a.failed || b.failed) return;
  try {
    state.verdict = await api("GET", `api/compare?a=${a.id}&b=${b.id}`);
  } catch (e) {
    state.verdict = { verdict: { en: e.message, zh: e.message } };
  }
  showVerdict();
}

function showVerdict() {
  const v = state.verdict;
  const shown = v && allShown();
  $("verdict").hidden = !shown;
  if (shown) $("verdict-text").textContent = v.verdict[state.lang];
}

// Every row of both runs is on the charts.
function allShown() {
  return Object.values(state.panes).every((p) => p.run && p.run.ended &&
    Math.floor(state.cursor) >= p.run.rows.length - 1);
}

function status(pane) {
  const run = pane.run;
  if (!run) return;
  let text;
  if (run.failed) text = run.failed;
  else if (!run.ended) text = `${t("running")}: ${run.done} / ${run.of} ${t("replicates_done")}`;
  else {
    const s = run.survival;
    const median = s && s.median !== null ? `${s.median} ${t("days")}` : t("beyond");
    text = `${t("ended")}: ${t("median")} ${median}; ${s ? s.deaths : 0} / ${s ? s.groups : 0} ${t("groups_died")}`;
  }
  pane.status.textContent = text;
  pane.status.classList.toggle("error", !!run.failed && run.failed !== t("stopped"));
}

// ---- playback --------------------------------------------------------------------

function lastDay() {
  let last = 0;
  for (const pane of Object.values(state.panes))
    if (pane.run) last = Math.max(last, pane.run.rows.length - 1);
  return last;
}

function showDay() {
  const horizon = Number($("horizon").value);
  $("day").textContent = state.lang === "zh"
    ? `${t("day")} ${Math.floor(state.cursor)} ${t("of")} ${horizon} 天`
    : `${t("day")} ${Math.floor(state.cursor)} ${t("of")} ${horizon}`;
}

// The playback's clock: a timer rather than animation frames, which
// headless browsers (the tests) give only now and then.
function frame() {
  const now = performance.now();
  const dt = state.lastFrame ? Math.min(0.25, (now - state.lastFrame) / 1000) : 0;
  state.lastFrame = now;
  if (state.playing) {
    const speed = SPEEDS[Number($("speed").value)];
    state.cursor = Math.min(state.cursor + speed * dt, Math.max(0, lastDay()));
  }
  // redraw only when what is shown changed: a new day, or a run's news
  const shown = [Math.floor(state.cursor), state.lang, !!state.verdict, ...Object.values(state.panes).map((p) =>
    p.run ? `${p.run.rows.length} ${p.run.done} ${!!p.run.stages} ${!!p.run.survival} ${p.run.ended}` : "-")].join(" ");
  if (shown !== state.shown) {
    state.shown = shown;
    for (const pane of Object.values(state.panes)) {
      drawPane(pane);
      status(pane);
    }
    showDay();
    showVerdict();
  }
}

async function play() {
  if (await start()) state.playing = true;
}

async function step() {
  if (!(await start())) return;
  state.playing = false;
  state.cursor = Math.min(Math.floor(state.cursor) + 1, Math.max(0, lastDay()));
}

// ---- exports ------------------------------------------------------------------

function download(name, blob) {
  const a = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function fileStem(pane) {
  return `${$("scenario").value}_${pane.id.toUpperCase()}`;
}

// The chart on a white canvas with its title, as PNG.
function exportPng(pane, chart) {
  const source = pane.charts[chart].ctx.canvas;
  const canvas = document.createElement("canvas");
  const title = 28 * devicePixelRatio;
  canvas.width = source.width;
  canvas.height = source.height + title;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  ctx.font = `${16 * devicePixelRatio}px sans-serif`;
  ctx.fillText(`${t(pane.id === "a" ? "strategy_a" : "strategy_b")}: ${t(chart + "_chart")}`, 8, 20 * devicePixelRatio);
  ctx.drawImage(source, 0, title);
  canvas.toBlob((blob) => download(`${fileStem(pane)}_${chart}.png`, blob), "image/png");
}

function exportCsv(pane, chart) {
  let lines;
  if (chart === "survival") {
    const s = pane.run && pane.run.survival;
    lines = ["day,survival,lower,upper", ...(s ? s.steps.map((x) => x.join(",")) : [])];
  } else {
    const columns = chart === "members" ? ["day", "members", "active", "stage"] : ["day", "groups"];
    const stageOf = (day) => {
      const bands = pane.run && pane.run.stages ? pane.run.stages.bands : [];
      const band = bands.find((b) => b.from <= day && day <= b.to);
      return band ? band.stage : "";
    };
    lines = [columns.join(","), ...shownRows(pane).map((r) =>
      columns.map((c) => (c === "stage" ? stageOf(r.day) : r[c])).join(","))];
  }
  download(`${fileStem(pane)}_${chart}.csv`, new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
}

// The resolved scenario, which `shequn run FILE` runs as it ran here.
async function exportScenario(pane) {
  try {
    const answer = await api("POST", "api/scenario", request(pane));
    const scenario = answer.scenario;
    scenario.name = `${scenario.name}_${pane.id.toUpperCase()}`.slice(0, 63);
    download(`${fileStem(pane)}.json`, new Blob([JSON.stringify(scenario, null, 2) + "\n"],
                                               { type: "application/json" }));
  } catch (e) {
    pane.status.textContent = e.message;
    pane.status.classList.add("error");
  }
}

// ---- language and scenario ----------------------------------------------------------

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  const select = $("scenario"), chosen = select.value;
  select.replaceChildren(...state.scenarios.map((s) =>
    element("option", { value: s.scenario }, state.lang === "zh" ? s.name_zh : s.name)));
  if (chosen) select.value = chosen;
  const info = scenarioInfo();
  $("description").textContent = info ? (state.lang === "zh" && info.description_zh
    ? info.description_zh : info.description) : "";
  $("speed-value").textContent = `${SPEEDS[Number($("speed").value)]} ${t("days_per_second")}`;
  for (const pane of Object.values(state.panes)) {
    const run = pane.run;
    buildPane(pane);
    pane.run = run;
    if (run) status(pane);
  }
  showDay();
  showVerdict();
}

function chooseScenario() {
  const info = scenarioInfo();
  $("population").value = info.population;
  $("horizon").value = info.horizon_days;
  $("replicates").value = Math.min(info.replicates, 20, state.limits.replicates);
  $("seed").value = info.seed;
  for (const pane of Object.values(state.panes)) pane.values = Object.assign({}, info.values);
  resetRuns();
  translate();
}

// ---- the scripted session of ?autotest=1 (tests/serve_browser.sh) --------------------------

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

function inked(canvas) { // pixels drawn that are not background
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}

async function autotest(params) {
  const out = $("autotest");
  const lines = [];
  try {
    $("scenario").value = params.get("scenario") || "well_run";
    chooseScenario();
    $("replicates").value = params.get("replicates") || "8";
    // move strategy B's controls as a person would: ?b=KEY:VALUE,KEY:VALUE
    const moves = (params.get("b") || "rules.strictness:0").split(",").map((m) => m.split(":"));
    for (const [key, value] of moves) {
      const control = state.panes.b.controls[key];
      if (control.type === "checkbox") control.checked = value === "true";
      else control.value = value;
      control.dispatchEvent(new Event("input"));
    }
    const key = moves[0][0];
    $("speed").value = String(SPEEDS.length - 1);
    $("speed").dispatchEvent(new Event("input"));
    $("btn-setup").click();
    await sleep(50);
    $("btn-play").click();
    for (let waited = 0; waited < 60000 && !($("verdict").hidden === false); waited += 100) {
      await sleep(100);
      out.textContent = `autotest: waiting ${waited} ms: ` + Object.values(state.panes).map((p) =>
        p.run ? `${p.id} rows ${p.run.rows.length} ended ${p.run.ended}` : `${p.id} no run`).join(", ") +
        ` cursor ${state.cursor}`;
    }
    const a = state.panes.a, b = state.panes.b;
    for (const pane of [a, b]) {
      const run = pane.run;
      lines.push(`pane ${pane.id}: rows ${run ? run.rows.length : 0}, ` +
        `replicates ${run ? run.done : 0}, ended ${run ? run.ended : false}, ` +
        `failed ${run && run.failed ? run.failed : "no"}, ` +
        `stage bands ${run && run.stages ? run.stages.bands.length : 0}, ` +
        `survival steps ${run && run.survival ? run.survival.steps.length : 0}, ` +
        `members chart inked ${inked(pane.charts.members.ctx.canvas)}, ` +
        `survival chart inked ${inked(pane.charts.survival.ctx.canvas)}, ` +
        `value ${key}=${pane.values[key]}`);
    }
    lines.push(`verdict: ${$("verdict").hidden ? "none" : $("verdict-text").textContent}`);
    lines.push(`autotest: done`);
  } catch (e) {
    lines.push(`autotest: error ${e.message}`);
  }
  out.textContent = lines.join("\n");
  out.hidden = false;
}

// ---- start -------------------------------------------------------------------------

async function main() {
  const params = new URLSearchParams(location.search);
  state.lang = params.get("lang") === "zh" ? "zh" : "en";
  $("lang").value = state.lang;
  const [keys, scenarios] = await Promise.all([api("GET", "api/keys"), api("GET", "api/scenarios")]);
  state.keys = keys.keys;
  state.limits = keys.limits;
  state.scenarios = scenarios.scenarios;
  makePane("a");
  makePane("b");
  translate();
  $("scenario").value = params.get("scenario") || "well_run";
  chooseScenario();
  $("lang").addEventListener("change", () => { state.lang = $("lang").value; translate(); });
  $("scenario").addEventListener("change", chooseScenario);
  for (const id of ["population", "horizon", "replicates", "seed"])
    $(id).addEventListener("change", () => { resetRuns(); for (const p of Object.values(state.panes)) makeCharts(p); });
  $("speed").addEventListener("input", () => {
    $("speed-value").textContent = `${SPEEDS[Number($("speed").value)]} ${t("days_per_second")}`;
  });
  $("btn-setup").addEventListener("click", setup);
  $("btn-play").addEventListener("click", play);
  $("btn-pause").addEventListener("click", () => { state.playing = false; });
  $("btn-step").addEventListener("click", step);
  window.addEventListener("beforeunload", resetRuns);
  let resizing = 0; // charts follow the window's width
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      for (const pane of Object.values(state.panes))
        for (const chart of Object.values(pane.charts))
          chart.setSize({ width: chartWidth(pane), height: chart.height });
    }, 200);
  });
  setInterval(frame, 40);
  if (params.get("autotest") === "1") autotest(params);
}

main().catch((e) => {
  const out = $("autotest");
  out.textContent = `autotest: error ${e.message}`;
  out.hidden = false;
});

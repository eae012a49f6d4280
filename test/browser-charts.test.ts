// A chart reaches every kind of front end (headless Chromium):
// - JupyterLab with a Plotly renderer (the jupyterlab-plotly extension of the plotly wheel) draws
//   it from the Plotly MIME bundle, and the HTML is not used;
// - JupyterLab without one (what ./course runs) draws the HTML, loading plotly.js through its
//   /files/ route, with no request to the network;
// - a static page (nbconvert's standard HTML of the executed notebook) served by a plain
//   `python -m http.server` draws the HTML, loading plotly.js from the CDN URL the output names,
//   pinned by its hash: a CDN answer with other bytes is refused and the chart says why.
// The browser has no network here: the CDN request is answered from node_modules (the same bytes
// jsDelivr serves for that npm version); every other outside request is refused.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLOTLY_MIME, plotlyCdn } from "../lib/notebook/chart-html";
import { ARTIFACTS, ROOT, VENV_PYTHON, chromiumOrSkip, launchChromium, requireSetup, runCommand } from "./support/course";
import { freePort, runAllCells, startLab, type RunningLab } from "./support/lab";

const DIR = path.join(ARTIFACTS, "browser-charts");
const NOTEBOOK = path.join(DIR, "charts.ipynb");
const PLOTLY_FILE = path.join(ROOT, "node_modules", "plotly.js-dist", "plotly.js");
const PLOTLY_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "plotly.js-dist", "package.json"), "utf8")) as { version: string }).version;
/** The plotly wheel whose JupyterLab extension renders the Plotly MIME type (it bundles plotly.js 4.1.1 too). */
const PLOTLY_WHEEL = "plotly==7.1.0";
const LIVE_POINTS = 20;
const CHARTS = 3;

const cells = [
  `import { show, liveChart } from "./lib/notebook";`,
  `const xs = Array.from({ length: 61 }, (_, i) => -6 + i / 5);\nshow({ data: [{ x: xs, y: Float64Array.from(xs, (z) => 1 / (1 + Math.exp(-z))), name: "sigmoid" }], layout: { title: "sigmoid" } });`,
  // Two frames and a slider: the controls run in the browser.
  `show({\n  data: [{ x: [0, 1, 2], y: [0, 1, 2] }],\n  frames: [{ name: "up", data: [{ y: [0, 1, 2] }] }, { name: "down", data: [{ y: [2, 1, 0] }] }],\n  layout: { title: "frames", sliders: [{ steps: [{ label: "up", method: "animate", args: [["up"]] }, { label: "down", method: "animate", args: [["down"]] }] }] },\n});`,
  `async function grow() {\n  const ys: number[] = [];\n  const live = liveChart({ data: [{ y: ys }] }, { intervalMs: 0 });\n  for (let i = 0; i < ${LIVE_POINTS}; i++) { ys.push(i * i); live.update({ data: [{ y: ys.slice() }] }); await new Promise((r) => setTimeout(r, 1)); }\n  live.done();\n}\nawait grow();`,
];

function writeNotebook(): void {
  fs.mkdirSync(DIR, { recursive: true });
  const notebook = {
    cells: cells.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: "TypeScript (MLP course)", language: "typescript", name: "tslab-mlp" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(NOTEBOOK, JSON.stringify(notebook, null, 1));
}

/** tools/course/python-env.mjs (plain JavaScript, typed here): the course's Jupyter environment and package index. */
interface PythonEnv {
  jupyterEnv(): NodeJS.ProcessEnv;
  choosePipIndex(o: { env: NodeJS.ProcessEnv; pipConfig: Record<string, string>; probe: () => Promise<boolean> }): Promise<{ args: string[] }>;
  parsePipConfig(text: string): Record<string, string>;
  probeUrl(): Promise<boolean>;
}
const pythonEnv = () => import(pathToFileURL(path.join(ROOT, "tools", "course", "python-env.mjs")).href) as Promise<PythonEnv>;

/** Every chart on the page: where it came from (the MIME type of its output), drawn or not, its traces' points, its frames. */
interface ChartState { mime: string | null; drawn: boolean; points: number; frames: number; error: string }
function charts(page: Page): Promise<ChartState[]> {
  return page.evaluate(`Array.from(document.querySelectorAll(".js-plotly-plot, .mlp-chart-error")).map((plot) => {
    // JupyterLab marks each output with its MIME type; jupyterlab-plotly's renderer is not marked, but has its own class.
    const output = plot.closest("[data-mime-type]");
    const error = plot.classList.contains("mlp-chart-error") ? plot.textContent : "";
    return {
      mime: plot.closest(".jp-RenderedPlotly") ? "${PLOTLY_MIME}" : output ? output.getAttribute("data-mime-type") : null,
      drawn: Boolean(plot.querySelector && plot.querySelector(".main-svg .scatterlayer .trace")),
      points: plot.data && plot.data[0] && plot.data[0].y ? plot.data[0].y.length : 0,
      frames: plot._transitionData && plot._transitionData._frames ? plot._transitionData._frames.length : 0,
      error: error || "",
    };
  })`);
}

function expectAllDrawn(found: ChartState[], mime: string | null): void {
  expect(found.map((c) => c.error).filter(Boolean)).toEqual([]);
  expect(found).toHaveLength(CHARTS);
  for (const c of found) expect(c, JSON.stringify(c)).toMatchObject({ mime, drawn: true });
  expect(found.map((c) => c.points)).toEqual([61, 3, LIVE_POINTS]);
  expect(found.map((c) => c.frames)).toEqual([0, 2, 0]);
}

/** The jupyterlab-plotly extension out of the plotly wheel (pip download through the course's package index), or null when pip cannot get it. */
async function plotlyLabExtension(): Promise<string | null> {
  const target = path.join(DIR, "labextensions");
  const extension = path.join(target, "jupyterlab-plotly");
  if (fs.existsSync(path.join(extension, "package.json"))) return target;
  const wheels = path.join(DIR, "wheels");
  // The package index ./course setup uses (a mirror when pypi.org cannot be reached).
  const python = await pythonEnv();
  const config = spawnSync(VENV_PYTHON, ["-m", "pip", "config", "list"], { encoding: "utf8" }).stdout ?? "";
  const { args } = await python.choosePipIndex({ env: process.env, pipConfig: python.parsePipConfig(config), probe: () => python.probeUrl() });
  const pip = await runCommand(VENV_PYTHON, ["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", wheels, ...args, PLOTLY_WHEEL]);
  const wheel = fs.existsSync(wheels) ? fs.readdirSync(wheels).find((f) => /^plotly-.*\.whl$/.test(f)) : undefined;
  if (pip.code !== 0 || !wheel) {
    const why = `pip could not download ${PLOTLY_WHEEL}: ${(pip.stderr || pip.stdout).trim().split("\n").slice(-2).join(" ")}`;
    if (process.env.CI) throw new Error(why);
    console.warn(`[browser-charts] ${why}; the Plotly-renderer case is skipped`);
    return null;
  }
  const prefix = /^plotly-[^/]+\.data\/data\/share\/jupyter\/labextensions\/jupyterlab-plotly\//;
  const files = unzipSync(fs.readFileSync(path.join(wheels, wheel)), { filter: (f) => prefix.test(f.name) });
  for (const [name, bytes] of Object.entries(files)) {
    const to = path.join(extension, name.replace(prefix, ""));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, bytes);
  }
  expect(fs.existsSync(path.join(extension, "package.json"))).toBe(true);
  return target;
}

/** JupyterLab with its own settings (autosave off), the charts notebook fresh; runs it all and returns the page's charts. */
async function chartsInLab(executablePath: string, name: string, extraArgs: string[]): Promise<{ found: ChartState[]; requests: string[] }> {
  writeNotebook();
  const state = path.join(DIR, `lab-${name}`);
  fs.rmSync(state, { recursive: true, force: true });
  const settings = path.join(state, "user-settings", "@jupyterlab", "docmanager-extension");
  fs.mkdirSync(settings, { recursive: true });
  fs.writeFileSync(path.join(settings, "plugin.jupyterlab-settings"), JSON.stringify({ autosave: false }));
  let lab: RunningLab | null = null;
  const browser = await launchChromium(executablePath);
  try {
    lab = await startLab([`--LabApp.user_settings_dir=${path.join(state, "user-settings")}`, `--LabApp.workspaces_dir=${path.join(state, "workspaces")}`, ...extraArgs]);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Tall enough that every cell is on screen: JupyterLab and jupyterlab-plotly draw only what is visible.
    await page.setViewportSize({ width: 1280, height: 2200 });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${lab.url}/lab/tree/${path.relative(ROOT, NOTEBOOK)}?reset&token=${lab.token}`);
    await page.waitForSelector(".jp-Notebook .jp-CodeCell", { timeout: 90_000 });
    await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    await runAllCells(page);
    await expect.poll(async () => (await page.locator(".jp-InputArea-prompt").allInnerTexts()).filter((p) => /\[\d+\]/.test(p)).length, { timeout: 180_000 }).toBe(cells.length);
    await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').first().waitFor({ timeout: 60_000 });
    const settled = async () => (await charts(page)).filter((c) => c.drawn || c.error).length;
    const deadline = Date.now() + 60_000;
    while ((await settled()) < CHARTS && Date.now() < deadline) await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(DIR, `lab-${name}.png`) });
    const found = await charts(page);
    if (found.length !== CHARTS) {
      const outputs = await page.evaluate(`Array.from(document.querySelectorAll(".jp-OutputArea-output")).map((o) => o.getAttribute("data-mime-type") + " " + o.className + " " + o.innerHTML.length)`);
      throw new Error(`charts: ${JSON.stringify(found)}; outputs: ${JSON.stringify(outputs)}`);
    }
    return { found, requests };
  } finally {
    await browser.close();
    if (lab) await lab.stop();
  }
}

describe("charts in every front end (headless Chromium)", () => {
  let executed: { outputs: { data?: Record<string, unknown> }[] }[] = [];
  let server: ChildProcess | null = null;
  let serverUrl = "";

  beforeAll(async () => {
    requireSetup();
    writeNotebook();
    // nbconvert runs the notebook in the course kernel and writes nbconvert's standard HTML page.
    const staticDir = path.join(DIR, "static");
    fs.rmSync(staticDir, { recursive: true, force: true });
    for (const to of ["notebook", "html"]) {
      const r = await runCommand(VENV_PYTHON, ["-m", "jupyter", "nbconvert", "--to", to, "--execute", NOTEBOOK, "--output-dir", staticDir], { env: (await pythonEnv()).jupyterEnv() });
      if (r.code !== 0) throw new Error(`nbconvert --to ${to} failed:\n${r.stderr.slice(-3000)}`);
    }
    executed = (JSON.parse(fs.readFileSync(path.join(staticDir, "charts.ipynb"), "utf8")) as { cells: typeof executed }).cells;
    const port = await freePort();
    server = spawn(VENV_PYTHON, ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", staticDir], { stdio: "ignore" });
    serverUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!(await fetch(serverUrl).then((r) => r.ok).catch(() => false))) {
      if (Date.now() > deadline) throw new Error("python -m http.server did not answer within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 300_000);

  afterAll(() => {
    server?.kill();
  });

  it("each chart output carries the Plotly MIME bundle beside the HTML, the live chart's last redraw included", () => {
    const chartOutputs = executed.flatMap((c) => c.outputs).filter((o) => o.data && PLOTLY_MIME in o.data);
    expect(chartOutputs).toHaveLength(CHARTS);
    for (const o of chartOutputs) expect(Object.keys(o.data ?? {}).sort()).toEqual([PLOTLY_MIME, "text/html"].sort());
    const [sigmoid, frames, live] = chartOutputs.map((o) => o.data?.[PLOTLY_MIME] as { data: { y: number[] }[]; layout: { title: unknown }; frames: unknown[] });
    expect(sigmoid.data[0].y[30]).toBe(0.5); // sigmoid(0)
    expect(sigmoid.layout.title).toEqual({ text: "sigmoid" });
    expect(frames.frames).toHaveLength(2);
    expect(live.data[0].y).toEqual(Array.from({ length: LIVE_POINTS }, (_, i) => i * i));
  });

  it("a static page on a plain web server draws every chart from the HTML, with plotly.js from the CDN pinned by its hash", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    const plotly = fs.readFileSync(PLOTLY_FILE);
    const cdn = plotlyCdn(PLOTLY_VERSION, createHash("sha384").update(plotly).digest("base64"));
    const browser = await launchChromium(executablePath);
    try {
      for (const served of ["the published file", "a changed file"] as const) {
        const page = await browser.context.newPage();
        const outside: string[] = [];
        await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
          const url = route.request().url();
          if (url !== cdn.url) {
            outside.push(url);
            return route.abort();
          }
          const body = served === "the published file" ? plotly : Buffer.concat([plotly, Buffer.from("\n// not the published file\n")]);
          return route.fulfill({ status: 200, body, headers: { "content-type": "application/javascript", "access-control-allow-origin": "*" } });
        });
        await page.goto(`${serverUrl}/charts.html`);
        await expect.poll(async () => (await charts(page)).filter((c) => c.drawn || c.error).length, { timeout: 60_000 }).toBe(CHARTS);
        const found = await charts(page);
        if (served === "the published file") {
          expectAllDrawn(found, "text/html");
          expect(await page.locator(`script[src="${cdn.url}"]`).getAttribute("integrity")).toBe(cdn.integrity);
          // What nbconvert's page itself asks for outside (require.js, MathJax) was refused: the charts needed only the CDN.
          expect(outside.every((u) => !u.includes("plotly"))).toBe(true);
          await page.screenshot({ path: path.join(DIR, "static-page.png"), fullPage: true });
        } else {
          expect(found.map((c) => c.drawn)).toEqual([false, false, false]);
          for (const c of found) expect(c.error).toContain(`Chart not drawn: plotly.js is not on this page and could not load ${cdn.url}`);
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 240_000);

  it("JupyterLab without a Plotly renderer draws the HTML, loading plotly.js from its own server", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    const { found, requests } = await chartsInLab(executablePath, "html", []);
    expectAllDrawn(found, "text/html");
    expect(requests.filter((u) => u.includes("/files/node_modules/plotly.js-dist/plotly.js"))).toHaveLength(1);
    expect(requests.filter((u) => !u.startsWith("http://127.0.0.1") && !u.startsWith("data:"))).toEqual([]);
  }, 420_000);

  it("JupyterLab with the Plotly renderer (jupyterlab-plotly) draws the Plotly MIME bundle, not the HTML", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    const extensions = await plotlyLabExtension();
    if (!extensions) {
      ctx.skip(`${PLOTLY_WHEEL} could not be downloaded`);
      return;
    }
    const { found, requests } = await chartsInLab(executablePath, "plotly-renderer", [`--LabApp.extra_labextensions_path=${extensions}`]);
    expectAllDrawn(found, PLOTLY_MIME);
    expect(requests.filter((u) => u.includes("plotly.js-dist"))).toEqual([]); // the HTML loader never ran
  }, 420_000);
});

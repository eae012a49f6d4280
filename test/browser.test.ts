// A student's sessions, in a real browser: JupyterLab started by `./course lab --no-browser`; the
// welcome notebook opens clean (not marked modified), runs with Run -> Run All Cells, and its charts
// are drawn and interactive; every lecture notebook runs with Run All, draws every chart and shows
// no unexpected error (a screenshot each under test-artifacts/browser/); and a new notebook, from
// the File menu or the Launcher, gets the course's TypeScript kernel without asking.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, chromiumOrSkip, launchChromium } from "./support/course";
import { startLab, type RunningLab } from "./support/lab";

const NOTEBOOK = "notebooks/00-welcome.ipynb";
const SCREENSHOT = path.join(ARTIFACTS, "browser", "00-welcome.png");
const LECTURES = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => /^\d\d.*\.ipynb$/.test(f) && f !== "00-welcome.ipynb").sort();

interface CellState {
  index: number;
  prompt: string;
  stderr: string;
  charts: number;
}

// Browser-side code is passed as strings: the project's TypeScript config has no DOM types.

/** Prompt, stderr text and chart count of every code cell, in notebook order. */
function codeCells(page: Page): Promise<CellState[]> {
  return page.evaluate(`Array.from(document.querySelectorAll(".jp-Notebook .jp-Cell")).flatMap((cell, index) => {
    if (!cell.classList.contains("jp-CodeCell")) return [];
    const stderr = Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map((o) => o.textContent || "").join("");
    const prompt = (cell.querySelector(".jp-InputArea-prompt")?.textContent || "").trim();
    return [{ index, prompt, stderr, charts: cell.querySelectorAll(".mlp-chart").length }];
  })`);
}

/** Page coordinates of data point k of the first trace of the n-th chart (Plotly's own axes). */
function pointPosition(page: Page, n: number, k: number): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const plot = document.querySelectorAll(".mlp-chart .js-plotly-plot")[${n}];
    const { xaxis, yaxis } = plot._fullLayout;
    const box = plot.getBoundingClientRect();
    return {
      x: box.left + xaxis._offset + xaxis.d2p(plot.data[0].x[${k}]),
      y: box.top + yaxis._offset + yaxis.d2p(plot.data[0].y[${k}]),
    };
  })()`);
}

/** Run -> Run All Cells, once the menu item is enabled (it is not until the notebook is current). */
async function runAllCells(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await page.locator(".lm-MenuBar-item", { hasText: /^Run$/ }).click();
    const item = page.locator('li[data-command="runmenu:run-all"]');
    await item.waitFor({ state: "visible" });
    if (!((await item.getAttribute("class")) ?? "").includes("lm-mod-disabled")) {
      await item.click();
      return;
    }
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
  }
  throw new Error("Run -> Run All Cells stayed disabled for 60 s");
}

/** How many points the first trace of the n-th chart has. */
function pointCount(page: Page, n: number): Promise<number> {
  return page.evaluate(`document.querySelectorAll(".mlp-chart .js-plotly-plot")[${n}].data[0].y.length`);
}


interface StoredNotebook {
  cells: { cell_type: string; metadata: { tags?: string[] } }[];
}

function readNotebook(rel: string): StoredNotebook {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), "utf8")) as StoredNotebook;
}

/** Waits until every code cell shows an execution count and the kernel is idle; returns the cells. */
async function waitUntilRun(page: Page, codeCellCount: number, timeoutMs: number): Promise<CellState[]> {
  const finished = (cells: CellState[]) => cells.length === codeCellCount && cells.every((c) => /^\[\d+\]:$/.test(c.prompt));
  let cells: CellState[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    cells = await codeCells(page);
    const idle = await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count();
    if (finished(cells) && idle > 0) return cells;
    await page.waitForTimeout(500);
  }
  const unfinished = cells.filter((c) => !/^\[\d+\]:$/.test(c.prompt));
  throw new Error(`cells not finished after ${timeoutMs / 1000} s: ${JSON.stringify(unfinished).slice(0, 2000)}`);
}

/** Names of the notebook tabs JupyterLab marks as modified (unsaved changes). */
function dirtyTabs(page: Page): Promise<string[]> {
  return page.evaluate(`Array.from(document.querySelectorAll(".lm-TabBar-tab.jp-mod-dirty")).map((t) => (t.textContent || "").trim())`);
}

/** Charts whose Plotly plot has no data or no SVG, as "chart k" strings. */
function undrawnCharts(page: Page): Promise<string[]> {
  return page.evaluate(`Array.from(document.querySelectorAll(".mlp-chart")).flatMap((chart, k) => {
    const plot = chart.querySelector(".js-plotly-plot");
    const drawn = plot && plot.data && plot.data.length > 0 && plot.querySelector(".main-svg");
    return drawn ? [] : ["chart " + k + (chart.querySelector(".mlp-chart-error") ? ": " + chart.textContent : "")];
  })`);
}

describe("the course in JupyterLab (headless Chromium)", () => {
  let lab: RunningLab | null = null;
  const storedBefore = new Map(["00-welcome.ipynb", ...LECTURES].map((f) => [f, fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8")]));
  // Settings and workspaces of this test only; autosave off, so outputs never reach the repo's notebook.
  const labState = path.join(ARTIFACTS, "browser", "lab-state");
  // As for most students, the course folder is inside the home folder, which JupyterLab then
  // reports as "~/..." to the page (the chart loader must handle that).
  const home = path.dirname(ROOT);

  beforeAll(async () => {
    fs.rmSync(labState, { recursive: true, force: true });
    const settings = path.join(labState, "user-settings", "@jupyterlab", "docmanager-extension");
    fs.mkdirSync(settings, { recursive: true });
    fs.writeFileSync(path.join(settings, "plugin.jupyterlab-settings"), JSON.stringify({ autosave: false }));
    lab = await startLab(
      [`--LabApp.user_settings_dir=${path.join(labState, "user-settings")}`, `--LabApp.workspaces_dir=${path.join(labState, "workspaces")}`],
      home === "/" ? {} : { HOME: home },
    );
  }, 180_000);

  afterAll(async () => {
    if (lab) expect(await lab.stop()).toBe(0);
    for (const [f, text] of storedBefore) expect(fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8"), f).toBe(text);
  }, 60_000);

  it("runs all cells from the Run menu; charts are drawn and interactive; no unexpected errors", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    if (!lab) throw new Error("JupyterLab did not start");
    const notebook = JSON.parse(fs.readFileSync(path.join(ROOT, NOTEBOOK), "utf8")) as {
      cells: { cell_type: string; metadata: { tags?: string[] } }[];
    };
    const expectsError = new Set(
      notebook.cells.flatMap((c, i) => (c.cell_type === "code" && c.metadata.tags?.includes("raises-exception") ? [i] : [])),
    );
    const codeCellCount = notebook.cells.filter((c) => c.cell_type === "code").length;

    const saved = await fetch(`${lab.url}/lab/api/settings/@jupyterlab/docmanager-extension:plugin`, {
      headers: { Authorization: `token ${lab.token}` },
    }).then((r) => r.json() as Promise<{ settings: { autosave?: boolean } }>);
    expect(saved.settings.autosave).toBe(false);

    const browser = await launchChromium(executablePath);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${lab.url}/lab/tree/${NOTEBOOK}?reset&token=${lab.token}`);
      await page.waitForSelector(".jp-Notebook .jp-CodeCell", { timeout: 90_000 });
      await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 90_000 });
      const serverRoot = await page.evaluate(`JSON.parse(document.getElementById("jupyter-config-data").textContent).serverRoot`);
      expect(serverRoot).toBe(home === "/" ? ROOT : `~/${path.basename(ROOT)}`);

      // Run All before the kernel is connected is silently ignored by JupyterLab: wait for it.
      await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });
      // Opening and connecting the kernel leave the notebook unmodified: its stored metadata is
      // what the kernel reports (a mismatch would make JupyterLab mark it changed at once).
      await page.waitForTimeout(1500);
      expect(await dirtyTabs(page)).toEqual([]);
      await runAllCells(page);

      // Finished: every code cell shows an execution count ([n]) and the kernel is idle.
      const cells = await waitUntilRun(page, codeCellCount, 180_000);

      for (const cell of cells) {
        if (expectsError.has(cell.index)) expect(cell.stderr, `cell ${cell.index} should show its expected error`).not.toBe("");
        else expect(cell.stderr, `cell ${cell.index} shows an error`).toBe("");
      }
      expect(await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count()).toBe(0);
      // The expected error reads as the library's message and the student's line, nothing of the kernel's insides.
      const failing = cells.find((c) => expectsError.has(c.index));
      expect(failing?.stderr.trim()).toBe(
        "InputError: matrix: data has 3 values but a 2x2 matrix needs 4\n" +
          "    in matrix (lib/matrix.ts)\n" +
          "    at this cell, line 1: matrix(2, 2, Float64Array.from([1, 2, 3]))",
      );
      const errorCell = page.locator(".jp-Notebook .jp-Cell").nth(failing?.index ?? 0);
      await errorCell.scrollIntoViewIfNeeded();
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await errorCell.screenshot({ path: path.join(ARTIFACTS, "browser", "error-cell.png") });

      // Every chart is a rendered Plotly plot with drawn traces, none shows a loading error.
      const charts = page.locator(".mlp-chart");
      const chartCount = cells.reduce((n, c) => n + c.charts, 0);
      expect(chartCount).toBeGreaterThanOrEqual(2); // the sigmoid chart and the live chart
      await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot .main-svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(chartCount);
      expect(await page.locator(".mlp-chart-error").count()).toBe(0);
      for (let i = 0; i < chartCount; i++) {
        const chart = charts.nth(i);
        await chart.scrollIntoViewIfNeeded();
        expect(await chart.locator(".scatterlayer .trace path.js-line").count(), `chart ${i} has no drawn line`).toBeGreaterThan(0);
      }
      // The live chart ended with all 300 gradient-descent steps.
      expect(await pointCount(page, 1)).toBe(300);

      // Hovering a data point of the sigmoid chart (z = 0, g(z) = 0.5) shows Plotly's hover label.
      const sigmoidChart = charts.nth(0).locator(".js-plotly-plot");
      await sigmoidChart.scrollIntoViewIfNeeded();
      const point = await pointPosition(page, 0, 60);
      await page.mouse.move(point.x - 20, point.y - 20);
      await page.mouse.move(point.x, point.y, { steps: 5 });
      const hover = sigmoidChart.locator(".hoverlayer .hovertext");
      await expect.poll(() => hover.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await hover.first().textContent()).toContain("0.5");

      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 420_000);

  for (const name of LECTURES) {
    it(`${name}: Run All draws every chart with no unexpected error`, async (ctx) => {
      const executablePath = chromiumOrSkip((note) => ctx.skip(note));
      if (!lab) throw new Error("JupyterLab did not start");
      const rel = `notebooks/${name}`;
      const stored = readNotebook(rel);
      const expectsError = new Set(stored.cells.flatMap((c, i) => (c.cell_type === "code" && c.metadata.tags?.includes("raises-exception") ? [i] : [])));
      const codeCellCount = stored.cells.filter((c) => c.cell_type === "code").length;
      const browser = await launchChromium(executablePath);
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${lab.url}/lab/tree/${rel}?reset&token=${lab.token}`);
        await page.waitForSelector(".jp-Notebook .jp-CodeCell", { timeout: 90_000 });
        await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });
        await page.waitForTimeout(1000);
        expect(await dirtyTabs(page), "marked modified on open").toEqual([]);
        await runAllCells(page);
        const cells = await waitUntilRun(page, codeCellCount, 240_000);
        for (const cell of cells) {
          if (expectsError.has(cell.index)) expect(cell.stderr, `${name} cell ${cell.index} should show its expected error`).not.toBe("");
          else expect(cell.stderr, `${name} cell ${cell.index} shows an error`).toBe("");
        }
        const chartCount = cells.reduce((n, c) => n + c.charts, 0);
        expect(chartCount, `${name}: charts`).toBeGreaterThanOrEqual(2);
        await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot .main-svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(chartCount);
        expect(await undrawnCharts(page)).toEqual([]);
        expect(await page.locator(".mlp-check").count(), `${name}: the exercise check report`).toBeGreaterThan(0);
        const shot = path.join(ARTIFACTS, "browser", name.replace(/\.ipynb$/, ".png"));
        fs.mkdirSync(path.dirname(shot), { recursive: true });
        await page.screenshot({ path: shot, fullPage: true });
      } finally {
        await browser.close();
      }
    }, 420_000);
  }

  it("a new notebook from File > New and from the Launcher gets the course's kernel, without a kernel dialog", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    if (!lab) throw new Error("JupyterLab did not start");
    const specs = (await fetch(`${lab.url}/api/kernelspecs`, { headers: { Authorization: `token ${lab.token}` } }).then((r) => r.json())) as {
      default: string;
      kernelspecs: Record<string, unknown>;
    };
    expect(specs.default).toBe("tslab-mlp");
    expect(Object.keys(specs.kernelspecs)).toEqual(["tslab-mlp"]); // no Python kernel unless ./course --with-python
    const browser = await launchChromium(executablePath);
    const created: string[] = [];
    const before = new Set(fs.readdirSync(path.join(ROOT, "notebooks")));
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${lab.url}/lab/tree/notebooks?reset&token=${lab.token}`);
      await page.waitForSelector(".jp-DirListing-item", { timeout: 90_000 });
      const runOnePlusOne = async (how: string) => {
        await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });
        expect(await page.locator(".jp-Dialog").count(), `${how}: a kernel dialog appeared`).toBe(0);
        const editor = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .cm-content").first();
        await editor.click();
        await page.keyboard.type("1 + 1");
        await page.keyboard.press("Shift+Enter");
        const output = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").first();
        await output.waitFor({ timeout: 150_000 }); // a new kernel compiles its first cell; slow on a busy machine
        expect((await output.textContent())?.trim(), how).toBe("2");
        created.push((await page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").first().textContent()) ?? "");
      };
      await page.locator(".lm-MenuBar-item", { hasText: /^File$/ }).click();
      await page.locator(".lm-Menu-item", { hasText: /^New$/ }).first().hover();
      await page.locator('.lm-Menu-item[data-command="notebook:create-new"]').click();
      await runOnePlusOne("File > New > Notebook");

      // A fresh page (reset workspace) shows the Launcher, with nothing left of the first notebook.
      await page.goto(`${lab.url}/lab/tree/notebooks?reset&token=${lab.token}`);
      await page.waitForSelector(".jp-DirListing-item", { timeout: 90_000 });
      if ((await page.locator('.jp-LauncherCard[data-category="Notebook"]:visible').count()) === 0) {
        await page.locator(".lm-MenuBar-item", { hasText: /^File$/ }).click();
        await page.locator('.lm-Menu-item[data-command="launcher:create"]').click();
      }
      const cards = page.locator('.jp-LauncherCard[data-category="Notebook"]:visible');
      await cards.first().waitFor({ timeout: 30_000 });
      expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("title")))).toEqual(["TypeScript (MLP course)"]);
      await cards.first().click();
      await runOnePlusOne("Launcher");
      await page.screenshot({ path: path.join(ARTIFACTS, "browser", "new-notebook.png") });
    } finally {
      await browser.close();
      // The notebooks this test made (Untitled.ipynb, Untitled1.ipynb) go again.
      for (const name of fs.readdirSync(path.join(ROOT, "notebooks"))) if (!before.has(name)) fs.rmSync(path.join(ROOT, "notebooks", name), { recursive: true, force: true });
    }
    expect(created.length).toBe(2);
  }, 420_000);
});

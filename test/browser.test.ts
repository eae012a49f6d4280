// A student's first session, in a real browser: JupyterLab started by `./course lab --no-browser`,
// the welcome notebook run with Run -> Run All Cells, and its charts drawn and interactive.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, chromiumOrSkip, launchChromium } from "./support/course";
import { startLab, type RunningLab } from "./support/lab";

const NOTEBOOK = "notebooks/00-welcome.ipynb";
const SCREENSHOT = path.join(ARTIFACTS, "browser", "00-welcome.png");

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

describe("the welcome notebook in JupyterLab (headless Chromium)", () => {
  let lab: RunningLab | null = null;
  const notebookBefore = fs.readFileSync(path.join(ROOT, NOTEBOOK), "utf8");
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
    expect(fs.readFileSync(path.join(ROOT, NOTEBOOK), "utf8")).toBe(notebookBefore);
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
      await runAllCells(page);

      // Finished: every code cell shows an execution count ([n]) and the kernel is idle.
      const finished = (cells: CellState[]) => cells.length === codeCellCount && cells.every((c) => /^\[\d+\]:$/.test(c.prompt));
      let cells: CellState[] = [];
      const deadline = Date.now() + 180_000;
      while (Date.now() < deadline) {
        cells = await codeCells(page);
        const idle = await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count();
        if (finished(cells) && idle > 0) break;
        await page.waitForTimeout(500);
      }
      const unfinished = cells.filter((c) => !/^\[\d+\]:$/.test(c.prompt));
      expect(finished(cells), `cells not finished: ${JSON.stringify(unfinished)}\nJupyterLab log:\n${lab.log().slice(-3000)}`).toBe(true);

      for (const cell of cells) {
        if (expectsError.has(cell.index)) expect(cell.stderr, `cell ${cell.index} should show its expected error`).not.toBe("");
        else expect(cell.stderr, `cell ${cell.index} shows an error`).toBe("");
      }
      expect(await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count()).toBe(0);

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
});

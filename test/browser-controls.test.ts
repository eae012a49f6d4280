// The notebooks' controls in a real browser: JupyterLab (as students start it) runs a notebook
// with Run All in headless Chromium, then the test moves a slider the way a student would (a click
// on the slider's rail) and checks that the chart changed to what that slider position means,
// with no kernel involved (Plotly frames). One describe block per notebook; each adds its controls.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, chromiumOrSkip, launchChromium, ROOT } from "./support/course";
import { startLab, type RunningLab } from "./support/lab";
import { clickSliderStep, sliderCharts, until } from "./support/sliders";

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

/** Opens a notebook, runs all its cells and waits until every code cell has run and every chart is drawn. */
async function openAndRun(page: Page, lab: RunningLab, rel: string): Promise<void> {
  const stored = JSON.parse(fs.readFileSync(path.join(ROOT, rel), "utf8")) as { cells: { cell_type: string }[] };
  const codeCells = stored.cells.filter((c) => c.cell_type === "code").length;
  await page.goto(`${lab.url}/lab/tree/${rel}?reset&token=${lab.token}`);
  await page.waitForSelector(".jp-Notebook .jp-CodeCell", { timeout: 90_000 });
  await page.getByText("TypeScript (MLP course) | Idle").waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000);
  await runAllCells(page);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const prompts: string[] = await page.evaluate(`Array.from(document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt")).map((p) => (p.textContent || "").trim())`);
    const idle = await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count();
    if (prompts.length === codeCells && prompts.every((p) => /^\[\d+\]:$/.test(p)) && idle > 0) break;
    if (Date.now() > deadline) throw new Error(`${rel}: cells not finished after 300 s: ${JSON.stringify(prompts)}`);
    await page.waitForTimeout(500);
  }
  const charts = await page.locator(".mlp-chart").count();
  await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot .main-svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(charts);
  expect(await page.locator(".mlp-chart-error").count(), `${rel}: a chart shows a loading error`).toBe(0);
}


describe("the notebooks' controls in JupyterLab (headless Chromium)", () => {
  let lab: RunningLab | null = null;
  const labState = path.join(ARTIFACTS, "browser-controls", "lab-state");
  const notebooks = ["01-perceptron.ipynb", "02-xor.ipynb"];
  const storedBefore = new Map(notebooks.map((f) => [f, fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8")]));

  beforeAll(async () => {
    fs.rmSync(labState, { recursive: true, force: true });
    const settings = path.join(labState, "user-settings", "@jupyterlab", "docmanager-extension");
    fs.mkdirSync(settings, { recursive: true });
    // Autosave off: outputs never reach the repository's notebooks.
    fs.writeFileSync(path.join(settings, "plugin.jupyterlab-settings"), JSON.stringify({ autosave: false }));
    lab = await startLab([`--LabApp.user_settings_dir=${path.join(labState, "user-settings")}`, `--LabApp.workspaces_dir=${path.join(labState, "workspaces")}`]);
  }, 180_000);

  afterAll(async () => {
    if (lab) expect(await lab.stop()).toBe(0);
    for (const [f, text] of storedBefore) expect(fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8"), f).toBe(text);
  }, 60_000);

  /** Runs `body` on a fresh page with the notebook run; a screenshot goes to test-artifacts/browser-controls/. */
  async function withNotebook(name: string, executablePath: string, body: (page: Page) => Promise<void>): Promise<void> {
    if (!lab) throw new Error("JupyterLab did not start");
    const browser = await launchChromium(executablePath);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await openAndRun(page, lab, `notebooks/${name}`);
      await body(page);
      const shot = path.join(ARTIFACTS, "browser-controls", name.replace(/\.ipynb$/, ".png"));
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot });
    } finally {
      await browser.close();
    }
  }

  describe("01-perceptron", () => {
    it("the w0 slider moves the gate line from OR to AND, and w1 keeps w0 where it was", async (ctx) => {
      const executablePath = chromiumOrSkip((note) => ctx.skip(note));
      await withNotebook("01-perceptron.ipynb", executablePath, async (page) => {
        const [gate] = await sliderCharts(page);
        expect(gate.sliders.map((s) => s.label)).toEqual(["-0.5", "1", "1"]);
        expect(gate.title).toBe("w = (-0.5, 1, 1): outputs 0, 1, 1, 1 = OR");
        // w0 from -0.5 to -1.5: step 1 of -2.5, -1.5, ..., 2.5.
        await clickSliderStep(page, gate.chart, 0, 1);
        const and = await until(page, 0, (c) => c.sliders[0].label === "-1.5" && c.title.startsWith("w = (-1.5,"));
        expect(and.title).toBe("w = (-1.5, 1, 1): outputs 0, 0, 0, 1 = AND");
        expect(and.data).not.toBe(gate.data);
        // The line x1 + x2 = 1.5 and the inputs coloured 0, 0, 0, 1.
        const traces = JSON.parse(and.data) as { x: number[]; y: number[]; color: string[] }[];
        expect(traces[1].x.map((x, k) => x + traces[1].y[k])).toEqual([1.5, 1.5]);
        expect(traces[2].color).toEqual(["#b00020", "#b00020", "#b00020", "#1b7f3b"]);
        // w1 from 1 to 2 (step 4 of -2..2): w0 stays -1.5.
        await clickSliderStep(page, gate.chart, 1, 4);
        const turned = await until(page, 0, (c) => c.sliders[1].label === "2" && c.title.startsWith("w = (-1.5, 2, 1)"));
        expect(turned.sliders.map((s) => s.label)).toEqual(["-1.5", "2", "1"]);
        expect(turned.title).toBe("w = (-1.5, 2, 1): outputs 0, 0, 1, 1");
      });
    }, 600_000);
  });

  describe("02-xor", () => {
    it("the epoch slider scrubs the training back to epoch 0: other heatmaps, the title says so", async (ctx) => {
      const executablePath = chromiumOrSkip((note) => ctx.skip(note));
      await withNotebook("02-xor.ipynb", executablePath, async (page) => {
        const charts = await sliderCharts(page);
        const index = charts.findIndex((c) => c.title.startsWith("XOR learned by gradient descent"));
        expect(index).toBeGreaterThanOrEqual(0);
        const end = charts[index];
        expect(end.sliders[0].label).toBe("3000");
        await clickSliderStep(page, end.chart, 0, 0);
        const start = await until(page, index, (c) => c.sliders[0].label === "0" && c.title.includes("epoch 0,"));
        expect(start.data).not.toBe(end.data);
        // The sin(pi x) construction: n = 2 bumps has a larger error in its title than n = 8.
        const sine = charts.findIndex((c) => c.sliders[0]?.label === "8" && c.title.startsWith("8 bumps"));
        expect(sine).toBeGreaterThanOrEqual(0);
        await clickSliderStep(page, charts[sine].chart, 0, 1);
        const two = await until(page, sine, (c) => c.title.startsWith("2 bumps"));
        expect(Number(/largest error ([\d.]+)/.exec(two.title)?.[1])).toBeGreaterThan(Number(/largest error ([\d.]+)/.exec(charts[sine].title)?.[1]));
      });
    }, 600_000);
  });
});

// `./course export`: the course as a static site that works from file:// offline: an index page with
// the course table, one page per notebook (in the instructor's course its cells run with the
// reference solutions in the exercise files' place, so check cells pass), the exercise files as highlighted pages, and
// plotly.js, MathJax and the stylesheet once in assets/. A second export reuses the outputs of
// notebooks whose inputs did not change.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, chromiumOrSkip, launchChromium, requireSetup, runCommand } from "./support/course";
import { clickSliderStep, sliderCharts, until } from "./support/sliders";

const OUT = path.join(ARTIFACTS, "export");
// 02 has the course's heaviest page (a training scrubber and a two-slider chart, 94 frames).
const NOTEBOOKS = ["00-welcome", "01-perceptron", "02-xor"];

const exportCourse = (...args: string[]) =>
  runCommand(process.execPath, [path.join(ROOT, "tools", "course.mjs"), "export", "--out", OUT, ...args, ...NOTEBOOKS.map((n) => path.join(ROOT, "notebooks", `${n}.ipynb`))]);
const read = (rel: string) => fs.readFileSync(path.join(OUT, rel), "utf8");

describe("./course export", () => {
  it("writes a static site: index, pages under 500 kB, shared assets once, working links, charts and formulas from file://", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    requireSetup();
    fs.rmSync(OUT, { recursive: true, force: true });
    const first = await exportCourse("--fresh");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // The instructor's course runs the notebooks with its reference answers; the student kit has none.
    const instructor = first.stdout.includes("with the reference solutions as exercise files");
    if (!instructor) expect(first.stdout).toContain("with your exercise files");
    for (const name of NOTEBOOKS) {
      expect(first.stdout).toMatch(new RegExp(`${name}\\.ipynb: ran in [\\d.]+ s`));
      expect(first.stdout).toMatch(new RegExp(`wrote ${path.join(OUT, name)}\\.html \\(\\d+ kB\\)`));
    }
    expect(first.stdout).toMatch(/pages \d+ kB to \d+ kB; shared assets: plotly\.js [\d.]+ MB, MathJax [\d.]+ MB, stylesheet \d+ kB/);
    expect(first.stdout).toMatch(/export finished in [\d.]+ s/);

    // The shared assets, once; each page links them and holds only its own cells.
    const plotlySize = fs.statSync(path.join(OUT, "assets", "plotly.min.js")).size;
    expect(plotlySize).toBeGreaterThan(1_000_000);
    expect(plotlySize).toBeLessThan(fs.statSync(path.join(ROOT, "node_modules/plotly.js-dist/plotly.js")).size * 0.7);
    expect(fs.statSync(path.join(OUT, "assets", "mathjax", "tex-svg-full.js")).size).toBe(fs.statSync(path.join(ROOT, "node_modules/mathjax/es5/tex-svg-full.js")).size);
    for (const name of NOTEBOOKS) {
      const html = read(`${name}.html`);
      expect(html.length).toBeLessThan(500_000);
      expect(html).toMatch(/<script src="assets\/plotly\.min\.js">/);
      expect(html).toMatch(/<script[^>]* src="assets\/mathjax\/tex-svg-full\.js">/);
      expect(html).toMatch(/<link[^>]* href="assets\/course\.css"/);
      expect(html).not.toContain("maplibre"); // a marker of plotly.js's own code: not inlined
      // Each chart is its figure and a call of the page's mlpChart: no per-chart loader, and no
      // path of the machine that exported it.
      expect(html).toContain("<script>mlpChart(document.currentScript,{");
      expect(html).not.toContain("function loadPlotly");
      expect(html).not.toContain(ROOT);
      expect(html).not.toMatch(/<script[^>]+src=["']https?:/); // no CDN
      // Never a red "not implemented yet" report: in the instructor's course the check cells ran with
      // the reference solutions and pass; in a student's kit failing reports are left out.
      if (instructor) expect(html).toContain('class="mlp-check" data-passed="true"');
      expect(html).not.toContain('data-passed="false"');
      expect(html).not.toContain("not implemented yet: write");
    }
    // The exercise files as handed out (the stubs, never the answers), with their checks.
    for (const rel of ["exercises/00-welcome.ts", "exercises/checks/00-welcome.ts", "exercises/10-multiclass-digits.ts"]) expect(fs.existsSync(path.join(OUT, `${rel}.html`)), rel).toBe(true);
    expect(read("exercises/00-welcome.ts.html")).toContain("not implemented yet");

    // The second export runs nothing again and writes the same pages.
    const before = NOTEBOOKS.map((n) => read(`${n}.html`));
    const second = await exportCourse();
    expect(second.code, second.stdout + second.stderr).toBe(0);
    for (const name of NOTEBOOKS) expect(second.stdout).toContain(`${name}.ipynb: unchanged, outputs of the last export reused`);
    expect(NOTEBOOKS.map((n) => read(`${n}.html`))).toEqual(before);

    const browser = await launchChromium(executablePath);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(path.join(OUT, "index.html")).href);
      const table = page.locator(".course-table");
      expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(10); // every notebook of the README's table
      await page.screenshot({ path: path.join(OUT, "index.png"), fullPage: true });

      // index -> 00-welcome: charts drawn, formulas typeset.
      await table.locator('a[href="00-welcome.html"]').click();
      await page.waitForURL(/00-welcome\.html$/);
      const charts = page.locator(".mlp-chart");
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot:has(.main-svg)").count(), { timeout: 60_000 }).toBe(await charts.count());
      for (let i = 0; i < (await charts.count()); i++) {
        expect(await charts.nth(i).locator(".scatterlayer .trace path.js-line").count(), `chart ${i} has no drawn line`).toBeGreaterThan(0);
      }
      expect(await page.locator(".mlp-chart-error").count()).toBe(0);
      await expect.poll(() => page.locator("mjx-container svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
      const text = (await page.locator(".jp-RenderedMarkdown, .jp-OutputArea-output").allInnerTexts()).join("\n");
      expect(text).toContain("Welcome");
      expect(text).not.toContain("\\frac");
      expect(text).not.toContain("\\begin{bmatrix}");
      // Long code lines wrap: no code cell scrolls sideways.
      const wide = await page.evaluate(`Array.from(document.querySelectorAll(".jp-InputArea-editor pre")).filter((p) => p.scrollWidth > p.clientWidth + 1).length`);
      expect(wide).toBe(0);
      await page.screenshot({ path: path.join(OUT, "00-welcome.png"), fullPage: true });

      // The lesson's link to its exercise file opens the highlighted file.
      await page.locator('.jp-RenderedMarkdown a[href="exercises/00-welcome.ts.html"]').first().click();
      await page.waitForURL(/exercises\/00-welcome\.ts\.html$/);
      expect(await page.locator(".course-source").innerText()).toContain("export function neuronInput");
      // ... which links back to its notebook, whose "next" link goes on to the next notebook.
      await page.locator('a[href="../00-welcome.html"]').click();
      await page.waitForURL(/00-welcome\.html$/);
      await page.locator('.course-nav a[rel="next"]').first().click();
      await page.waitForURL(/01-perceptron\.html$/);
      expect(await page.locator("h1").first().innerText()).toContain("perceptron");
      // The exported page's controls run in the browser, with no kernel: w0 from -0.5 to -1.5 turns OR into AND
      // (the slider moves at once, the frame's title a moment later: wait for both).
      await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot:has(.main-svg)").count(), { timeout: 60_000 }).toBe(await page.locator(".mlp-chart").count());
      const [gate] = await sliderCharts(page);
      expect(gate.title).toBe("w = (-0.5, 1, 1): outputs 0, 1, 1, 1 = OR");
      await clickSliderStep(page, gate.chart, 0, 1); // w0: -2.5, -1.5, ...
      expect((await until(page, 0, (c) => c.sliders[0].label === "-1.5" && c.title.startsWith("w = (-1.5,"))).title).toBe("w = (-1.5, 1, 1): outputs 0, 0, 0, 1 = AND");
      await page.locator('.course-nav a[href="index.html"]').first().click();
      await page.waitForURL(/index\.html$/);
      expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 600_000);
});

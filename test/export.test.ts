// `./course export`: a notebook executed and written as one standalone HTML page whose charts and
// formulas work from file:// (plotly.js and MathJax inlined once in the head, nothing loaded from the network).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, chromiumOrSkip, launchChromium, requireSetup, runCommand } from "./support/course";

const OUT = path.join(ARTIFACTS, "export");
const PAGE = path.join(OUT, "00-welcome.html");

describe("./course export", () => {
  it("writes standalone HTML whose charts render from file://", async (ctx) => {
    const executablePath = chromiumOrSkip((note) => ctx.skip(note));
    requireSetup();
    fs.rmSync(OUT, { recursive: true, force: true });
    const result = await runCommand(process.execPath, [
      path.join(ROOT, "tools", "course.mjs"),
      "export",
      "--out",
      OUT,
      path.join(ROOT, "notebooks", "00-welcome.ipynb"),
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote ${PAGE}`);

    const html = fs.readFileSync(PAGE, "utf8");
    const head = html.slice(0, html.indexOf("</head>"));
    const minified = fs.readdirSync(path.join(ROOT, "build")).find((f) => /^plotly-.*\.min\.js$/.test(f));
    expect(minified).toBeDefined();
    const plotlySize = fs.statSync(path.join(ROOT, "build", minified ?? "")).size;
    expect(plotlySize).toBeLessThan(fs.statSync(path.join(ROOT, "node_modules/plotly.js-dist/plotly.js")).size * 0.7);
    expect(head.length).toBeGreaterThan(plotlySize); // plotly.js is in the head...
    const mathjaxSize = fs.statSync(path.join(ROOT, "node_modules/mathjax/es5/tex-svg-full.js")).size;
    expect(head.length).toBeGreaterThan(plotlySize + mathjaxSize); // ...and so is MathJax...
    expect(html.length).toBeLessThan((plotlySize + mathjaxSize) * 1.2); // ...once each
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/); // no CDN

    const browser = await launchChromium(executablePath);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(PAGE).href);
      const charts = page.locator(".mlp-chart");
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      await expect.poll(() => page.locator(".mlp-chart .js-plotly-plot .main-svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < (await charts.count()); i++) {
        expect(await charts.nth(i).locator(".scatterlayer .trace path.js-line").count(), `chart ${i} has no drawn line`).toBeGreaterThan(0);
      }
      expect(await page.locator(".mlp-chart-error").count()).toBe(0);
      // Formulas are typeset: in the markdown cells and in the tex() outputs, no TeX source is left.
      await expect.poll(() => page.locator("mjx-container svg").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
      const rendered = page.locator(".jp-RenderedMarkdown, .jp-OutputArea-output");
      expect(await rendered.count()).toBeGreaterThan(5);
      const text = (await rendered.allInnerTexts()).join("\n");
      expect(text).toContain("Welcome");
      expect(text).not.toContain("\\frac");
      expect(text).not.toContain("\\begin{bmatrix}");
      expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
      await page.screenshot({ path: path.join(OUT, "00-welcome.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 300_000);
});

// The pure builders behind lib/notebook's display functions: chart, table, TeX.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matrix } from "../lib/matrix";
import { chartBundle, chartHtml, PLOTLY_MIME, plotlyCdn, scriptJson } from "../lib/notebook/chart-html";
import { escapeHtml, formatNumber, tableHtml } from "../lib/notebook/html";
import { displayMath, expressionTex, matrixTex, numberTex } from "../lib/notebook/tex";
import { ROOT } from "./support/course";

const PLOTLY = path.join(ROOT, "node_modules", "plotly.js-dist", "plotly.js");

/** The figure object a chart output carries, read back from its loader script. */
function figureIn(html: string): { data: { x: number[]; y: number[] }[]; layout: Record<string, unknown>; frames: unknown[]; config: Record<string, unknown> } {
  const match = /var figure = (.*);\n/.exec(html);
  if (!match) throw new Error("no figure in chart HTML");
  return JSON.parse(match[1]);
}

describe("chartHtml", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i / 10);
  const figure = { data: [{ x: xs, y: Float64Array.from(xs, Math.sin), name: "sin" }], layout: { title: "sine" } };

  it("carries the figure and a loader, never plotly.js itself (a 100-point chart stays well under 20 kB)", () => {
    const html = chartHtml(figure, { plotlyPath: PLOTLY });
    const plotlySize = fs.statSync(PLOTLY).size;
    expect(html.length).toBeLessThan(20_000);
    expect(plotlySize).toBeGreaterThan(1_000_000);
    expect(html).not.toContain("maplibre"); // a marker of plotly.js's own code
    const shown = figureIn(html);
    expect(shown.data[0].x).toEqual(xs);
    // The Float64Array became an array, each number to 6 significant digits.
    expect(shown.data[0].y).toEqual(Array.from(xs, (x) => Number(Math.sin(x).toPrecision(6))));
    expect(shown.data[0].y[11]).toBe(0.891207); // sin(1.1) = 0.8912073600614354
    expect(shown.layout.title).toEqual({ text: "sine" }); // plotly.js 3+ ignores plain-string titles
    expect(shown.layout.hovermode).toBe("closest");
  });

  it("passes every kind of typed array as a plain array (class labels come as Int32Array)", () => {
    const labels = Int32Array.from([0, 1, 1, 0]);
    const html = chartHtml({ data: [{ x: Float32Array.from([0.5, 1.5, 2.5, 3.5]), y: labels, mode: "markers" }] }, { plotlyPath: PLOTLY });
    const shown = figureIn(html);
    expect(shown.data[0].x).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(shown.data[0].y).toEqual([0, 1, 1, 0]);
  });

  it("keeps integers and writes NaN and Infinity as null (a gap)", () => {
    const shown = figureIn(chartHtml({ data: [{ x: [1, 2, 3, 4], y: [123456789, Number.NaN, Infinity, 1 / 3] }] }, { plotlyPath: PLOTLY }));
    expect(shown.data[0].y).toEqual([123456789, null, null, 0.333333]);
  });

  it("embeds the path of plotly.js for JupyterLab's /files/ route and reads the page config", () => {
    const html = chartHtml(figure, { plotlyPath: PLOTLY });
    expect(html).toContain(`var plotlyPaths = ${JSON.stringify([PLOTLY])};`);
    expect(html).toContain('getElementById("jupyter-config-data")');
    expect(html).toContain('"files/"');
    expect(html).toContain("window.__mlpPlotly"); // one shared load per page
    expect(html).toContain("Chart not drawn: "); // a message instead of a blank output
  });

  it("falls back to the same plotly.js on the CDN, pinned by version and hash", () => {
    const cdn = plotlyCdn("4.1.1", "abc+/=");
    expect(cdn).toEqual({ url: "https://cdn.jsdelivr.net/npm/plotly.js-dist@4.1.1/plotly.js", integrity: "sha384-abc+/=" });
    const html = chartHtml(figure, { plotlyPath: PLOTLY, cdn });
    expect(html).toContain(`var cdn = ${JSON.stringify(cdn)};`);
    expect(html).toContain("tag.integrity = integrity");
    expect(chartHtml(figure, { plotlyPath: PLOTLY })).toContain("var cdn = null;");
  });

  it("turns string titles of the layout and its axes into { text } objects", () => {
    const layout = figureIn(
      chartHtml({ data: [], layout: { title: { text: "t" }, xaxis: { title: "x" }, yaxis2: { title: "y2", range: [0, 1] } } }, { plotlyPath: PLOTLY }),
    ).layout;
    expect(layout.title).toEqual({ text: "t" });
    expect(layout.xaxis).toEqual({ title: { text: "x" } });
    expect(layout.yaxis2).toEqual({ title: { text: "y2" }, range: [0, 1] });
  });

  it("also gives the path in JupyterLab's ~/ form when plotly.js is under the home folder", () => {
    const html = chartHtml(figure, { plotlyPath: "/home/ada/mlp/node_modules/plotly.js-dist/plotly.js", homeDir: "/home/ada" });
    expect(html).toContain('var plotlyPaths = ["/home/ada/mlp/node_modules/plotly.js-dist/plotly.js","~/mlp/node_modules/plotly.js-dist/plotly.js"];');
    const elsewhere = chartHtml(figure, { plotlyPath: "/opt/mlp/plotly.js", homeDir: "/home/ada" });
    expect(elsewhere).toContain('var plotlyPaths = ["/opt/mlp/plotly.js"];');
  });

  it("uses the layout height, else the option, else 360 px", () => {
    expect(chartHtml(figure, { plotlyPath: PLOTLY })).toContain("height:360px");
    expect(chartHtml(figure, { plotlyPath: PLOTLY, height: 200 })).toContain("height:200px");
    expect(chartHtml({ ...figure, layout: { height: 500 } }, { plotlyPath: PLOTLY, height: 200 })).toContain("height:500px");
  });

  it("carries the same figure as the Plotly MIME type, with frames, config and height", () => {
    const frames = [{ name: "1", data: [{ y: [1, 2] }] }];
    const bundle = chartBundle({ ...figure, frames, layout: { title: "sine", sliders: [{ steps: [{ args: [["1"]] }] }] } }, { plotlyPath: PLOTLY, height: 250 });
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "text/html"].sort());
    expect(PLOTLY_MIME).toBe("application/vnd.plotly.v1+json");
    const plotly = bundle[PLOTLY_MIME];
    expect(Object.keys(plotly).sort()).toEqual(["config", "data", "frames", "layout"]);
    expect(plotly).toEqual(JSON.parse(JSON.stringify(plotly))); // plain JSON: no typed arrays left
    expect(plotly.frames).toEqual(frames);
    expect(plotly.layout).toMatchObject({ title: { text: "sine" }, height: 250, hovermode: "closest", sliders: [{ steps: [{ args: [["1"]] }] }] });
    expect(plotly.config).toEqual({ responsive: true, displaylogo: false });
    expect(figureIn(bundle["text/html"])).toEqual(plotly);
    expect(bundle["text/html"]).toContain("height:250px");
    // A figure without frames still gets the empty list renderers expect.
    expect(chartBundle(figure, { plotlyPath: PLOTLY })[PLOTLY_MIME].frames).toEqual([]);
  });

  it("cannot be broken out of its <script> by text in the figure", () => {
    const html = chartHtml({ data: [{ name: "</script><b>x</b>" }] }, { plotlyPath: PLOTLY });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(scriptJson("a</script>\u2028")).toBe('"a\\u003c/script>\\u2028"');
  });
});

describe("tableHtml", () => {
  it("lays out rows with a header, formatting numbers and escaping text", () => {
    const html = tableHtml(
      [
        [0, 1, true],
        [0.123456, "<b>", null],
      ],
      { header: ["x", "y", "ok"], caption: "A & B" },
    );
    expect(html).toContain("<caption>A &#38; B</caption>");
    expect(html).toMatch(/<thead><tr>(<th[^>]*>x<\/th>)(<th[^>]*>y<\/th>)(<th[^>]*>ok<\/th>)<\/tr><\/thead>/);
    expect(html).toContain(">0.1235</td>");
    expect(html).toContain(">&#60;b&#62;</td>");
    expect(html).toContain(">true</td>");
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it("shows a Matrix row by row, with optional row titles", () => {
    const html = tableHtml(matrix(2, 2, Float64Array.from([1, 2, 3, 4])), { rowHeader: ["a", "b"] });
    expect(html).toContain("<tr><th>a</th><td");
    expect(html.replace(/<td[^>]*>/g, "<td>")).toContain("<th>b</th><td>3</td><td>4</td>");
  });

  it("formats numbers compactly", () => {
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(2 / 3)).toBe("0.6667");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});

describe("TeX builders", () => {
  it("turns a Float64Array-backed matrix into a bmatrix", () => {
    const m = matrix(2, 3, Float64Array.from([-0.1, 0.4, 0.6, 0.5, -0.2, 1 / 3]));
    expect(matrixTex(m)).toBe("\\begin{bmatrix} -0.1 & 0.4 & 0.6 \\\\ 0.5 & -0.2 & 0.3333 \\end{bmatrix}");
    expect(matrixTex([[1, 2]])).toBe("\\begin{bmatrix} 1 & 2 \\end{bmatrix}");
  });

  it("writes small and special numbers as TeX", () => {
    expect(numberTex(1.5e-7)).toBe("1.5 \\times 10^{-7}");
    expect(numberTex(Infinity)).toBe("\\infty");
    expect(numberTex(0.25)).toBe("0.25");
  });

  it("turns a formula written as code into TeX with mathjs", () => {
    expect(expressionTex("1 / (1 + e^(-z))")).toBe("\\frac{1}{1+{ e}^{- z}}");
    expect(displayMath("x^2")).toBe("$$x^2$$");
  });
});

/**
 * One chart output, as a MIME bundle with two representations of the same figure:
 *
 * - `application/vnd.plotly.v1+json` (data, layout, frames, config): the standard Plotly MIME
 *   type, which front ends with a Plotly renderer draw themselves (VS Code, nteract, JupyterLab
 *   with the jupyterlab-plotly extension), offline.
 * - `text/html`: a div, the figure as JSON and a small loader script, for every other front end
 *   (plain JupyterLab, nbviewer, exported pages). Front ends that have no Plotly renderer pick it.
 *
 * plotly.js itself (10 MB) is never in the output, so saved notebooks stay small. The loader draws
 * with window.Plotly when the page has it (an exported page loads it once in its head); else it
 * loads plotly.js once per page, first through JupyterLab's /files/ route when the page is
 * JupyterLab and plotly.js is under its root folder (offline, as `./course` serves it), then from
 * the public CDN at the installed version, checked by its hash (Subresource Integrity), which any
 * page can do (nbviewer, a JupyterHub or Binder where node_modules is outside the served folder,
 * a static web server). When nothing works the output says why instead of staying blank.
 */
import type { Axis, Figure, Layout } from "./figure";

/** The MIME type Plotly's renderers (jupyterlab-plotly, VS Code, nteract) register for. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Where a page without JupyterLab fetches plotly.js: the URL and its Subresource Integrity hash. */
export interface PlotlyCdn {
  url: string;
  /** "sha384-<base64>" of the file's bytes; the browser refuses a file whose hash differs. */
  integrity: string;
}

export interface ChartHtmlOptions {
  /**
   * Absolute path of plotly.js on the kernel's machine; the loader fetches it from JupyterLab's
   * server when it is under the server's root folder.
   */
  plotlyPath: string;
  /**
   * The kernel's home folder. JupyterLab reports a server root under it as "~/...", so the
   * loader then also needs the path in that form.
   */
  homeDir?: string;
  /** The public copy of the same plotly.js (see `plotlyCdn`), tried when JupyterLab's route is not there or fails. */
  cdn?: PlotlyCdn;
  /** Height of the chart in pixels when the layout does not set one (default 360). */
  height?: number;
}

/** What a Plotly renderer receives: plain JSON, no typed arrays. */
export interface PlotlyBundle {
  data: unknown[];
  layout: Record<string, unknown>;
  frames: unknown[];
  config: { responsive: boolean; displaylogo: boolean };
}

const DEFAULT_LAYOUT: Layout = {
  margin: { l: 55, r: 20, t: 40, b: 45 },
  hovermode: "closest",
};

const CONFIG = { responsive: true, displaylogo: false };

/** The jsDelivr URL of plotly.js-dist's plotly.js at `version`: byte for byte the file npm installs. */
export function plotlyCdn(version: string, sha384Base64: string): PlotlyCdn {
  return { url: `https://cdn.jsdelivr.net/npm/plotly.js-dist@${version}/plotly.js`, integrity: `sha384-${sha384Base64}` };
}

/**
 * Numbers as a chart needs them: 6 significant digits (more than a chart or its hover label
 * shows), which keeps outputs and exported pages small (a 32-image heatmap of weights would
 * otherwise carry 17 digits per pixel). Integers and non-finite values are left as they are
 * (JSON writes NaN and Infinity as null, which Plotly draws as a gap).
 */
function chartNumber(v: number): number {
  return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(6));
}

/** JSON of a figure: typed arrays become arrays (JSON.stringify would write {"0": ...}), numbers are rounded for display. */
function figureJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number") return chartNumber(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, chartNumber);
    return v;
  });
}

/** Text that is safe inside a <script> element: "<" and the line separators JavaScript rejects are escaped. */
function scriptSafe(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** JSON that is safe inside a <script> element: typed arrays become arrays, "<" is escaped. */
export function scriptJson(value: unknown): string {
  return scriptSafe(figureJson(value));
}

/** plotly.js 3+ ignores titles given as plain strings; accept them and pass { text } on. */
function withTitleObjects(layout: Layout): Layout {
  const out: Layout = { ...layout };
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (key === "title" && typeof value === "string") out.title = { text: value };
    else if (/^[xy]axis\d*$/.test(key) && typeof value === "object" && value !== null) {
      const axis = value as Axis;
      if (typeof axis.title === "string") out[key] = { ...axis, title: { text: axis.title } };
    }
  }
  return out;
}

/**
 * The figure as the Plotly MIME type carries it: the course's default margins and hover mode,
 * titles as { text }, the height (the layout's, else `height`, else 360 px) in the layout.
 */
export function plotlyBundle(figure: Figure, height?: number): PlotlyBundle {
  const layout = withTitleObjects({ ...DEFAULT_LAYOUT, ...figure.layout });
  if (typeof layout.height !== "number") layout.height = height ?? 360;
  return JSON.parse(figureJson({ data: figure.data, layout, frames: figure.frames ?? [], config: CONFIG })) as PlotlyBundle;
}

// Runs in the browser, so plain ES5. __FIGURE__, __PLOTLY_PATHS__ and __CDN__ are replaced with JSON.
const LOADER = `(function () {
  var script = document.currentScript;
  var box = script && script.parentNode;
  if (!box) return;
  var plot = box.querySelector(".mlp-chart-plot");
  var figure = __FIGURE__;
  var plotlyPaths = __PLOTLY_PATHS__;
  var cdn = __CDN__;
  function fail(message) {
    plot.style.height = "auto";
    plot.innerHTML = "";
    var p = document.createElement("pre");
    p.className = "mlp-chart-error";
    p.style.color = "#b00020";
    p.style.whiteSpace = "pre-wrap";
    p.textContent = "Chart not drawn: " + message;
    plot.appendChild(p);
  }
  function jupyterLabUrl() {
    var configElement = document.getElementById("jupyter-config-data");
    if (!configElement) return null;
    var config = JSON.parse(configElement.textContent);
    var root = String(config.serverRoot || "").replace(/\\/+$/, "");
    var inside = plotlyPaths.filter(function (p) { return p.indexOf(root + "/") === 0; })[0];
    if (!inside) return null;
    return config.baseUrl + "files/" + inside.slice(root.length + 1).split("/").map(encodeURIComponent).join("/");
  }
  function loadScript(url, integrity) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      // plotly.js registers itself with an AMD loader (RequireJS, as nbviewer and the classic
      // notebook have) instead of setting window.Plotly; hidden while it loads.
      var define = window.define;
      if (define && define.amd) window.define = undefined;
      function done() { if (define && define.amd) window.define = define; }
      if (integrity) { tag.integrity = integrity; tag.crossOrigin = "anonymous"; }
      tag.src = url;
      tag.onload = function () {
        done();
        if (window.Plotly) resolve(window.Plotly);
        else reject(new Error("loaded " + url + " but it did not define Plotly"));
      };
      tag.onerror = function () { done(); reject(new Error("could not load " + url)); };
      document.head.appendChild(tag);
    });
  }
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (window.__mlpPlotly) return window.__mlpPlotly;
    var tried = [];
    var lab = jupyterLabUrl();
    var loading = (lab ? loadScript(lab) : Promise.reject(null)).catch(function (error) {
      if (error) tried.push(error.message);
      if (!cdn) throw null;
      return loadScript(cdn.url, cdn.integrity);
    }).catch(function (error) {
      if (error) tried.push(error.message);
      throw new Error("plotly.js is not on this page and " + (tried.length ? tried.join("; ") : "there is nowhere to load it from") +
        ". Open the notebook with ./course (JupyterLab), connect to the network, or use a front end with a Plotly renderer.");
    });
    // Shared by every chart on the page; forgotten after a failure so the next chart retries.
    window.__mlpPlotly = loading;
    loading.catch(function () { if (window.__mlpPlotly === loading) window.__mlpPlotly = undefined; });
    return loading;
  }
  loadPlotly().then(function (Plotly) {
    return Plotly.newPlot(plot, { data: figure.data, layout: figure.layout, frames: figure.frames, config: figure.config });
  }).catch(function (error) { fail(error && error.message ? error.message : String(error)); });
})();`;

/** plotly.js's path as JupyterLab may see it: absolute, and "~/..." when under the home folder. */
function plotlyPaths(options: ChartHtmlOptions): string[] {
  const home = options.homeDir?.replace(/\/+$/, "");
  const paths = [options.plotlyPath];
  if (home && options.plotlyPath.startsWith(home + "/")) paths.push("~" + options.plotlyPath.slice(home.length));
  return paths;
}

/** The text/html output for one figure. */
export function chartHtml(figure: Figure, options: ChartHtmlOptions): string {
  return htmlOf(plotlyBundle(figure, options.height), options);
}

function htmlOf(bundle: PlotlyBundle, options: ChartHtmlOptions): string {
  // Indentation stripped: every chart output in a saved notebook carries the loader.
  const script = LOADER.replace(/\n\s+/g, "\n")
    .replace("__FIGURE__", () => scriptSafe(JSON.stringify(bundle)))
    .replace("__PLOTLY_PATHS__", () => scriptJson(plotlyPaths(options)))
    .replace("__CDN__", () => scriptJson(options.cdn ?? null));
  return (
    `<div class="mlp-chart">` +
    `<div class="mlp-chart-plot" style="width:100%;height:${bundle.layout.height as number}px"></div>` +
    `<script>${script}</script>` +
    `</div>`
  );
}

/** The whole MIME bundle of one chart output: the Plotly MIME type and the HTML fallback, built from one copy of the figure. */
export function chartBundle(figure: Figure, options: ChartHtmlOptions): { "text/html": string; [PLOTLY_MIME]: PlotlyBundle } {
  const bundle = plotlyBundle(figure, options.height);
  return { "text/html": htmlOf(bundle, options), [PLOTLY_MIME]: bundle };
}

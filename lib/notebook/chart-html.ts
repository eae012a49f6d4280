/**
 * The HTML of one chart output: a div, the figure as JSON and a small loader script. plotly.js
 * itself (10 MB) is never in the output, so saved notebooks stay small. The loader draws with
 * window.Plotly when the page has it (the HTML export inlines it once in the page head);
 * in JupyterLab it loads node_modules/plotly.js-dist/plotly.js once per page through the Jupyter
 * server's /files/ route. When neither works the output says why instead of staying blank.
 */
import type { Axis, Figure, Layout } from "./figure";

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
  /** Height of the chart in pixels when the layout does not set one (default 360). */
  height?: number;
}

const DEFAULT_LAYOUT: Layout = {
  margin: { l: 55, r: 20, t: 40, b: 45 },
  hovermode: "closest",
};

/** JSON that is safe inside a <script> element: typed arrays become arrays, "<" is escaped. */
export function scriptJson(value: unknown): string {
  // JSON.stringify writes a typed array as an object ({"0": ...}), which Plotly would not plot.
  const json = JSON.stringify(value, (_key, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// Runs in the browser, so plain ES5. __FIGURE__ and __PLOTLY_PATHS__ are replaced with JSON.
const LOADER = `(function () {
  var script = document.currentScript;
  var box = script && script.parentNode;
  if (!box) return;
  var plot = box.querySelector(".mlp-chart-plot");
  var figure = __FIGURE__;
  var plotlyPaths = __PLOTLY_PATHS__;
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
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (window.__mlpPlotly) return window.__mlpPlotly;
    var configElement = document.getElementById("jupyter-config-data");
    if (!configElement) {
      return Promise.reject(new Error("this page has no plotly.js and is not JupyterLab; open the notebook with ./course, or export it with ./course export"));
    }
    var config = JSON.parse(configElement.textContent);
    var root = String(config.serverRoot || "").replace(/\\/+$/, "");
    var inside = plotlyPaths.filter(function (p) { return p.indexOf(root + "/") === 0; })[0];
    if (!inside) {
      return Promise.reject(new Error(plotlyPaths[0] + " is not inside the folder JupyterLab serves (" + root + "); start JupyterLab with ./course"));
    }
    var url = config.baseUrl + "files/" + inside.slice(root.length + 1).split("/").map(encodeURIComponent).join("/");
    var loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = function () {
        if (window.Plotly) resolve(window.Plotly);
        else reject(new Error("loaded " + url + " but it did not define Plotly"));
      };
      tag.onerror = function () { reject(new Error("could not load plotly.js from " + url + "; run ./course setup")); };
      document.head.appendChild(tag);
    });
    // Shared by every chart on the page; forgotten after a failure so the next chart retries.
    window.__mlpPlotly = loading;
    loading.catch(function () { if (window.__mlpPlotly === loading) window.__mlpPlotly = undefined; });
    return loading;
  }
  loadPlotly().then(function (Plotly) {
    return Plotly.newPlot(plot, { data: figure.data, layout: figure.layout, frames: figure.frames || [], config: { responsive: true, displaylogo: false } });
  }).catch(function (error) { fail(error && error.message ? error.message : String(error)); });
})();`;

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

/** plotly.js's path as JupyterLab may see it: absolute, and "~/..." when under the home folder. */
function plotlyPaths(options: ChartHtmlOptions): string[] {
  const home = options.homeDir?.replace(/\/+$/, "");
  const paths = [options.plotlyPath];
  if (home && options.plotlyPath.startsWith(home + "/")) paths.push("~" + options.plotlyPath.slice(home.length));
  return paths;
}

/** The complete text/html output for one figure. */
export function chartHtml(figure: Figure, options: ChartHtmlOptions): string {
  const layout = withTitleObjects({ ...DEFAULT_LAYOUT, ...figure.layout });
  const height = typeof layout.height === "number" ? layout.height : options.height ?? 360;
  // Indentation stripped: every chart output in a saved notebook carries the loader.
  const script = LOADER.replace(/\n\s+/g, "\n")
    .replace("__FIGURE__", () => scriptJson({ data: figure.data, layout, ...(figure.frames ? { frames: figure.frames } : {}) }))
    .replace("__PLOTLY_PATHS__", () => scriptJson(plotlyPaths(options)));
  return (
    `<div class="mlp-chart">` +
    `<div class="mlp-chart-plot" style="width:100%;height:${height}px"></div>` +
    `<script>${script}</script>` +
    `</div>`
  );
}

/**
 * The notebook-facing functions: each builds its output with the pure builders and hands it to
 * tslab's display. Only these need a running tslab kernel.
 */
import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tslab from "tslab";
import type { Matrix } from "../matrix";
import { chartBundle, plotlyCdn, type ChartHtmlOptions } from "./chart-html";
import { exerciseFile, type ExerciseSet } from "../exercise/define";
import { exerciseReportHtml } from "./check-report";
import { runExercises } from "../exercise/run";
import { ownCode } from "../exercise/own-code";
import type { Figure } from "./figure";
import { escapeHtml, tableHtml, type TableCell, type TableOptions } from "./html";
import { displayMath, expressionTex, matrixTex } from "./tex";

export interface ChartOptions {
  /** Height in pixels when the figure's layout sets none (default 360). */
  height?: number;
}

let plotlySources: Omit<ChartHtmlOptions, "height"> | null = null;

/** Where the chart loader finds plotly.js: this machine's copy (for JupyterLab) and the same version on the CDN (hashed once per kernel). */
function plotlyOptions(height: number | undefined): ChartHtmlOptions {
  if (!plotlySources) {
    const file = require.resolve("plotly.js-dist/plotly.js");
    const version = (require("plotly.js-dist/package.json") as { version: string }).version;
    const sha384 = createHash("sha384").update(fs.readFileSync(file)).digest("base64");
    plotlySources = { plotlyPath: file, homeDir: os.homedir(), cdn: plotlyCdn(version, sha384) };
  }
  return { ...plotlySources, height };
}

type WriteDisplayData = (message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void;

/**
 * Sends one output with several MIME types. tslab's public Display sends one MIME type per output,
 * so this calls the function it uses underneath (tslab/dist/jupyter's lastWriteDisplayData, set
 * while a cell runs). Should a tslab release no longer have it, the chart is sent as HTML alone.
 */
function displayBundle(bundle: { "text/html": string } & Record<string, unknown>, displayId?: string, update = false): void {
  const write = (require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
  if (typeof write === "function") {
    write({ data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
    return;
  }
  if (write === null) throw new Error("a chart can only be shown while a notebook cell runs");
  tslab.display.html(bundle["text/html"]); // no display id: a live chart then appends instead of updating
}

/** Draws a Plotly figure: an interactive chart (hover for values, drag to zoom, double-click to reset). */
export function show(figure: Figure, options: ChartOptions = {}): void {
  displayBundle(chartBundle(figure, plotlyOptions(options.height)));
}

export interface LiveChart {
  /**
   * Redraws the chart with `figure`, at most once per interval. tslab sends each redraw at once,
   * so this works from inside a running loop, e.g. a training callback.
   */
  update(figure: Figure): void;
  /** Draws `figure`, else the last figure given to `update` (or the first), now and for good (with the Plotly MIME bundle). Call it once when the loop ends. */
  done(figure?: Figure): void;
}

export interface LiveChartOptions extends ChartOptions {
  /** Least time between two redraws in milliseconds (default 250). */
  intervalMs?: number;
}

/**
 * A chart that is redrawn in place, e.g. a loss curve that grows while training runs. While it
 * runs each redraw is HTML alone, and done() sends the final figure with the Plotly MIME bundle
 * too: a Plotly renderer (jupyterlab-plotly) draws an output once and ignores its updates, so the
 * bundle is held back until the figure is final.
 */
export function liveChart(figure: Figure, options: LiveChartOptions = {}): LiveChart {
  // The display id ties every redraw to the first output: front ends replace it in place.
  const displayId = randomBytes(8).toString("hex");
  const intervalMs = options.intervalMs ?? 250;
  const chartOptions = plotlyOptions(options.height);
  let shown = false;
  let pending: Figure | null = null;
  let latest = figure; // what done() draws when given nothing newer
  let lastDrawn = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const draw = (f: Figure, final = false): void => {
    if (trailing !== null) clearTimeout(trailing);
    trailing = null;
    pending = null;
    lastDrawn = Date.now();
    const bundle = chartBundle(f, chartOptions);
    displayBundle(final ? bundle : { "text/html": bundle["text/html"] }, displayId, shown);
    shown = true;
  };
  draw(figure);
  return {
    update(f: Figure): void {
      pending = f;
      latest = f;
      const wait = lastDrawn + intervalMs - Date.now();
      if (wait > 0) {
        // Throttled: an asynchronous loop gets the latest figure when the interval is over; a
        // synchronous one at its next update after the interval, and in any case from done().
        if (trailing === null) trailing = setTimeout(() => pending && draw(pending), wait);
        return;
      }
      draw(f);
    },
    done(f?: Figure): void {
      draw(f ?? latest, true);
    },
  };
}

/** An HTML table of a matrix or of rows of values. */
export function table(rows: Matrix | readonly (readonly TableCell[])[], options: TableOptions = {}): void {
  tslab.display.html(tableHtml(rows, options));
}

/** Typesets TeX (a string such as String.raw`\frac{1}{1+e^{-z}}`), or a matrix as a bmatrix. */
export function tex(content: string | Matrix | readonly (readonly number[])[]): void {
  tslab.display.latex(displayMath(typeof content === "string" ? content : matrixTex(content)));
}

/** Typesets a formula written as code, e.g. formula("1 / (1 + e^(-z))"). */
export function formula(expression: string): void {
  tex(expressionTex(expression));
}

/**
 * Runs the public checks of an exercise file against the student's module and shows a report;
 * never throws, so Run All goes on. The cell imports the module itself and passes it in, because
 * tslab reloads an edited file only for modules the re-run cell imports directly:
 *
 *   import * as mine from "./exercises/01-perceptron";
 *   import { checks } from "./exercises/checks/01-perceptron";
 *   checkExercises(checks, mine);
 */
export function checkExercises<M>(set: ExerciseSet<M>, module: unknown, only?: readonly string[]): void {
  const file = exerciseFile(set);
  let source: string | undefined;
  try {
    source = fs.readFileSync(path.resolve(file), "utf8");
  } catch {
    source = undefined; // the report still runs every check; only the shortcut scan needs the file
  }
  const results = runExercises(set, module, { source, only });
  tslab.display.html(exerciseReportHtml(file, results));
}

/**
 * The student's own functions for a cell that builds on them, or null. Each must pass its public
 * checks; when one does not, the cell shows which function it waits for and why, and should run
 * nothing (never the library's version in its place):
 *
 *   const own = useOwn(checks, mine, ["backpropGradients"]);
 *   if (own) runGradientCheck(own.backpropGradients);
 */
export function useOwn<M, K extends keyof M & string>(set: ExerciseSet<M>, module: unknown, names: readonly K[]): { readonly [P in K]: M[P] } | null {
  const file = exerciseFile(set);
  let source: string | undefined;
  try {
    source = fs.readFileSync(path.resolve(file), "utf8");
  } catch {
    source = undefined;
  }
  const own = ownCode(set, module, names, { source });
  if (own.functions) {
    tslab.display.html(`<div class="mlp-own" data-ready="true" style="color:#1b7f3b">Using your ${names.map((n) => `<code>${escapeHtml(n)}</code>`).join(", ")} from <code>${escapeHtml(file)}</code> (public checks pass).</div>`);
    return own.functions;
  }
  const items = own.missing.map((m) =>
    `<li><code>${escapeHtml(m.name)}</code> in <code>${escapeHtml(m.file)}</code>: ${m.failed} of ${m.checks} public checks fail` +
    `<div style="margin-left:1.2em;white-space:pre-wrap">${escapeHtml(m.why.split("\n").slice(0, 3).join("\n"))}</div></li>`);
  tslab.display.html(
    `<div class="mlp-own" data-ready="false" style="border-left:4px solid #b00020;padding:4px 10px">` +
    `<strong style="color:#b00020">This cell runs your own code and waits for ${own.missing.length === 1 ? "one function" : `${own.missing.length} functions`}:</strong>` +
    `<ul style="margin:4px 0">${items.join("")}</ul>Write ${own.missing.length === 1 ? "it" : "them"}, save, and run this cell again. Nothing else ran.</div>`,
  );
  return null;
}

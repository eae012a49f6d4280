/**
 * Figure builders for notebooks 07-10 (initialization, activations, training, digits): pure
 * functions from data to a Plotly Figure, so a lesson cell shows the idea and not the plotting.
 */
import type { ClassificationDataset } from "../data";
import { InputError } from "../errors";
import { tileImages } from "../images";
import type { LayerStatistics } from "../layer-statistics";
import { get, matrix, type Matrix } from "../matrix";
import type { Figure, Layout, Trace } from "./figure";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** Plotly's name of the k-th x or y axis: "" for the first, "2", "3"... after it. */
const axisSuffix = (k: number): string => (k === 0 ? "" : String(k + 1));

// ---- 07 · initialization ----------------------------------------------------------------------

export interface WeightRun {
  readonly name: string;
  /** W^(1) after each step (step 0 first), as weightHistory returns it. */
  readonly history: readonly Matrix[];
}

/**
 * The weight from input `input` (0-based column of W) into every unit, along the steps: one line
 * per unit and run. The first run's lines get decreasing widths, so lines that lie exactly on top
 * of each other (units that stay copies) still show as separate stripes.
 */
export function unitWeightsFigure(runs: readonly WeightRun[], input: number, steps: readonly number[], title: string): Figure {
  const data: Trace[] = runs.flatMap((run, r) => {
    const units = run.history[0]?.rows ?? 0;
    return Array.from({ length: units }, (_, unit) => ({
      x: steps.slice(),
      y: steps.map((step) => get(run.history[step], unit, input)),
      name: `${run.name}: unit ${unit + 1}`,
      line: r === 0 ? { width: 3 * (units - unit), color: PALETTE[unit % PALETTE.length] } : { dash: "dot", width: 2 },
    }));
  });
  return {
    data,
    layout: { title, xaxis: { title: "gradient-descent step" }, yaxis: { title: `W⁽¹⁾ weight from x${subscript(input + 1)}` } },
  };
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]);
}

export interface SpreadSeries {
  readonly name: string;
  readonly layers: readonly LayerStatistics[];
}

export interface SpreadFigureOptions {
  readonly title: string;
  /** Which spread to draw: of the activations a (default) or of the weighted inputs z. */
  readonly of?: "a" | "z";
  /** Predicted values per series, drawn dashed in the same colour (one value per layer of the series). */
  readonly predicted?: readonly (readonly number[] | null)[];
}

/** The standard deviation per layer, one line per series, on a log axis (a constant factor per layer is a straight line). */
export function layerSpreadFigure(series: readonly SpreadSeries[], options: SpreadFigureOptions): Figure {
  const of = options.of ?? "a";
  const data: Trace[] = series.flatMap((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const measured: Trace = {
      x: s.layers.map((l) => l.layer),
      y: s.layers.map((l) => (of === "a" ? l.std : l.zStd)),
      name: options.predicted ? `${s.name}: measured` : s.name,
      mode: "lines+markers",
      line: { color },
    };
    const predicted = options.predicted?.[k];
    if (!predicted) return [measured];
    if (predicted.length !== s.layers.length) throw new InputError(`layerSpreadFigure: ${predicted.length} predicted values for ${s.layers.length} layers of "${s.name}"`);
    return [measured, { x: s.layers.map((l) => l.layer), y: predicted.slice(), name: `${s.name}: predicted`, mode: "lines", line: { color, dash: "dash" } }];
  });
  return {
    data,
    layout: {
      title: options.title,
      xaxis: { title: "layer l (2 = first hidden layer)", dtick: 1 },
      yaxis: { title: of === "a" ? "standard deviation of a⁽ˡ⁾" : "standard deviation of z⁽ˡ⁾", type: "log", exponentformat: "power" },
    },
  };
}

// ---- 08 · activations ---------------------------------------------------------------------------

export interface ActivationPanel {
  readonly name: string;
  readonly g: (z: number) => number;
  readonly gPrime: (z: number) => number;
}

/** One panel per activation (g solid, g′ dashed) on a grid of `columns` panels per row. */
export function activationPanelsFigure(panels: readonly ActivationPanel[], zs: readonly number[], options: { readonly title: string; readonly columns?: number }): Figure {
  const columns = options.columns ?? 4;
  const rows = Math.ceil(panels.length / columns);
  const data: Trace[] = panels.flatMap((p, k) => {
    const axes = { xaxis: `x${axisSuffix(k)}`, yaxis: `y${axisSuffix(k)}` };
    return [
      { x: zs.slice(), y: zs.map(p.g), name: "g(z)", legendgroup: "g", showlegend: k === 0, ...axes, line: { color: PALETTE[0] } },
      { x: zs.slice(), y: zs.map(p.gPrime), name: "g′(z)", legendgroup: "d", showlegend: k === 0, ...axes, line: { color: PALETTE[1], dash: "dash" } },
    ];
  });
  const layout: Layout = {
    title: options.title,
    height: 310 * rows,
    margin: { t: 110 },
    grid: { rows, columns, pattern: "independent", ygap: 0.35 },
    annotations: panels.map((p, k) => ({
      text: `<b>${p.name}</b>`, showarrow: false, x: 0.5, y: 1.12, xref: `x${axisSuffix(k)} domain`, yref: `y${axisSuffix(k)} domain`,
    })),
  };
  panels.forEach((_, k) => {
    layout[`xaxis${axisSuffix(k)}`] = { title: "z" };
    layout[`yaxis${axisSuffix(k)}`] = { title: k % columns === 0 ? "g(z), g′(z)" : "" };
  });
  return { data, layout };
}

/** A two-input data set as a scatter, one colour per class (rows of X are the points (x₁, x₂)). */
export function classScatterFigure(dataset: ClassificationDataset, title: string): Figure {
  if (dataset.X.cols !== 2) throw new InputError(`classScatterFigure: the points need 2 inputs, the data set has ${dataset.X.cols}`);
  const data: Trace[] = dataset.classNames.map((name, label) => {
    const rows = Array.from(dataset.labels.keys()).filter((i) => dataset.labels[i] === label);
    return { x: rows.map((i) => get(dataset.X, i, 0)), y: rows.map((i) => get(dataset.X, i, 1)), mode: "markers", name };
  });
  return { data, layout: { title, xaxis: { title: "x₁" }, yaxis: { title: "x₂", scaleanchor: "x" }, width: 520 } };
}

// ---- 09 · training ------------------------------------------------------------------------------

export interface RateCurve {
  readonly rate: number;
  /** The loss after each epoch (epoch 1 first); a diverged run ends where it failed. */
  readonly losses: readonly number[];
  /** The epoch in which the run diverged, or null. */
  readonly divergedAt: number | null;
}

export interface RateSelectorOptions {
  readonly title: string;
  readonly yTitle: string;
  /** The rate shown first (default: the first curve's). */
  readonly initial?: number;
}

/**
 * Loss curves for a grid of learning rates with a slider that picks one: the picked curve is drawn
 * bold and coloured, the others thin and grey, and the title says what the picked rate did. The
 * slider restyles traces in the browser (Plotly `update`), so it works without the kernel and in
 * an exported page. The y axis is fixed (log scale, from the smallest loss to 100 times the
 * largest starting loss), so moving the slider never rescales it.
 */
export function learningRateSelectorFigure(curves: readonly RateCurve[], options: RateSelectorOptions): Figure {
  if (curves.length === 0) throw new InputError("learningRateSelectorFigure: give at least one curve");
  const initial = options.initial === undefined ? 0 : curves.findIndex((c) => c.rate === options.initial);
  if (initial < 0) throw new InputError(`learningRateSelectorFigure: the initial rate ${options.initial} is not one of the curves' rates`);
  const finite = curves.flatMap((c) => c.losses.filter((v) => Number.isFinite(v) && v > 0));
  const low = Math.min(...finite);
  const high = 100 * Math.max(...curves.map((c) => c.losses[0]).filter((v) => Number.isFinite(v)));
  const describe = (c: RateCurve): string => {
    const last = c.losses[c.losses.length - 1];
    return c.divergedAt === null ? `η = ${c.rate}: loss ${last.toPrecision(3)} after ${c.losses.length} epochs` : `η = ${c.rate}: diverged in epoch ${c.divergedAt}`;
  };
  const style = (picked: number) => ({
    "line.color": curves.map((_, k) => (k === picked ? PALETTE[3] : "#c7c7c7")),
    "line.width": curves.map((_, k) => (k === picked ? 4 : 1.5)),
  });
  const initialStyle = style(initial);
  const data: Trace[] = curves.map((c, k) => ({
    x: c.losses.map((_, e) => e + 1),
    // Losses that overflowed are left out (null): the line stops where the run failed.
    y: c.losses.map((v) => (Number.isFinite(v) ? v : null)),
    name: `η = ${c.rate}`,
    mode: "lines",
    line: { color: initialStyle["line.color"][k], width: initialStyle["line.width"][k] },
  }));
  return {
    data,
    layout: {
      title: describe(curves[initial]),
      xaxis: { title: "epoch" },
      yaxis: { title: options.yTitle, type: "log", range: [Math.log10(low) - 0.2, Math.log10(high)], exponentformat: "power" },
      showlegend: false,
      margin: { t: 60, b: 110 },
      sliders: [{
        active: initial,
        currentvalue: { prefix: "learning rate η = " },
        pad: { t: 45 },
        steps: curves.map((c, k) => ({ label: String(c.rate), method: "update", args: [style(k), { "title.text": describe(c) }] })),
      }],
    },
  };
}

// ---- 10 · digits --------------------------------------------------------------------------------

export interface ImageTilesOptions {
  readonly title: string;
  readonly perRow: number;
  readonly height: number;
  /**
   * "digits": grey ink on white, pixel values to 2 decimals; "weights": red positive, blue
   * negative, white at 0, each tile in whole percent of its own largest |weight| (so a unit with
   * small weights shows its pattern too, and a page of 32 tiles stays small).
   */
  readonly kind: "digits" | "weights";
}

/**
 * Rows `indices` of X as they are drawn: digits' pixels to 2 decimals, weights in whole percent
 * of their row's largest |weight|. Rounded because nobody reads the sixth digit of a pixel, and
 * 32 tiles of 784 full-precision numbers weigh 250 kB in a notebook or an exported page.
 */
function drawnRows(X: Matrix, indices: ArrayLike<number>, kind: ImageTilesOptions["kind"]): Matrix {
  const out = matrix(indices.length, X.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= X.rows) throw new InputError(`imageTilesFigure: index ${i} is not a row of X (0..${X.rows - 1})`);
    const row = X.data.subarray(i * X.cols, (i + 1) * X.cols);
    const largest = row.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const scale = kind === "weights" ? (largest > 0 ? 100 / largest : 0) : 100;
    for (let j = 0; j < X.cols; j++) out.data[k * X.cols + j] = kind === "weights" ? Math.round(row[j] * scale) : Math.round(row[j] * scale) / 100;
  }
  return out;
}

/** Blue for negative, white at 0, red for positive (Plotly's own "RdBu" is grey in the middle). */
const RED_WHITE_BLUE: [number, string][] = [[0, "rgb(33,102,172)"], [0.5, "rgb(255,255,255)"], [1, "rgb(178,24,43)"]];

/** Rows of X (28 x 28 images: digits, or a layer's weights) tiled into one heatmap, row 0 on top. */
export function imageTilesFigure(X: Matrix, indices: ArrayLike<number>, options: ImageTilesOptions): Figure {
  const z = tileImages(drawnRows(X, indices, options.kind), Array.from({ length: indices.length }, (_, k) => k), { perRow: options.perRow });
  const colors = options.kind === "digits"
    ? { colorscale: "Greys", reversescale: true, hovertemplate: "%{z}<extra></extra>" }
    : { colorscale: RED_WHITE_BLUE, zmin: -100, zmax: 100, hovertemplate: "%{z}% of this unit's largest |weight|<extra></extra>" };
  return {
    data: [{ type: "heatmap", z, showscale: false, ...colors }],
    layout: {
      title: options.title,
      xaxis: { visible: false },
      yaxis: { visible: false, autorange: "reversed", scaleanchor: "x" },
      height: options.height,
    },
  };
}

/** A confusion matrix (rows actual, columns predicted) as a heatmap with the counts written in. */
export function confusionFigure(counts: readonly (readonly number[])[], classNames: readonly string[], title: string): Figure {
  if (counts.length !== classNames.length || counts.some((row) => row.length !== classNames.length)) {
    throw new InputError(`confusionFigure: expected a ${classNames.length} x ${classNames.length} matrix of counts`);
  }
  return {
    data: [{
      type: "heatmap", x: classNames.slice(), y: classNames.slice(), z: counts.map((row) => row.slice()), colorscale: "Blues", reversescale: true,
      text: counts.map((row) => row.map(String)), texttemplate: "%{text}", hovertemplate: "actual %{y}, predicted %{x}: %{z}<extra></extra>",
    }],
    layout: {
      title,
      xaxis: { title: "predicted class", type: "category" },
      yaxis: { title: "actual class", type: "category", autorange: "reversed" },
      height: 480,
    },
  };
}

export interface TrainingProgress {
  /** Where each point was measured, e.g. the epoch as a fraction (1.5 = halfway through epoch 2). */
  readonly at: readonly number[];
  /** The training cost at those points. */
  readonly loss: readonly number[];
  /** The held-out accuracy at those points, in [0, 1], or null where it was not measured. */
  readonly accuracy: readonly (number | null)[];
}

/** The training cost (left axis) and the held-out accuracy (right axis) as training goes on: for a liveChart. */
export function trainingProgressFigure(progress: TrainingProgress, options: { readonly title: string; readonly xTitle: string }): Figure {
  return {
    data: [
      { x: progress.at.slice(), y: progress.loss.slice(), name: "training cost", mode: "lines+markers", line: { color: PALETTE[0] } },
      { x: progress.at.slice(), y: progress.accuracy.map((a) => (a === null ? null : 100 * a)), name: "held-out accuracy (%)", mode: "lines+markers", yaxis: "y2", connectgaps: true, line: { color: PALETTE[2] } },
    ],
    layout: {
      title: options.title,
      xaxis: { title: options.xTitle },
      yaxis: { title: "cross-entropy cost", rangemode: "tozero" },
      yaxis2: { title: "held-out accuracy (%)", overlaying: "y", side: "right", range: [0, 100] },
      legend: { x: 0.45, y: 0.5 },
    },
  };
}

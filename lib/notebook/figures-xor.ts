/**
 * Figures of notebook 02 (XOR and the hidden layer), as pure builders: XOR in the hidden units'
 * coordinates, one heatmap per unit (the TensorFlow-Playground picture), an epoch slider over
 * training, and universal approximation built by hand (a steep sigmoid is a step, two steps a
 * bump, bumps side by side a curve), with sliders that run in the browser.
 */
import { sigmoid } from "../activations";
import { unitGrid } from "../decision-regions";
import { InputError } from "../errors";
import { forward, predict, unitActivation } from "../forward";
import { get } from "../matrix";
import { networkFromThetas, toThetas, type Network } from "../network";
import type { Figure, Trace } from "./figure";
import { halfPlaneInBox, lineInBox } from "./figures-perceptron";
import { formatNumber } from "./html";
import { sliderFrameName, slidersFigure } from "./sliders";

const ONE = "#1b7f3b";
const ZERO = "#b00020";

/** The four XOR inputs, in the truth table's order, and their labels. */
export const XOR_POINTS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1]];
export const XOR_LABELS: readonly number[] = [0, 1, 1, 0];

const round3 = (v: number) => Math.round(v * 1000) / 1000;
// Frames of sliders and scrubbers are stored once each in the notebook and the exported page:
// 2 decimals of an activation in [0, 1] are finer than a colour or a pixel can show.
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The points in the input plane, coloured by label (for drawing over heatmaps). */
function pointsTrace(points: readonly (readonly number[])[], labels: readonly number[], axes: { xaxis?: string; yaxis?: string } = {}): Trace {
  return {
    type: "scatter", mode: "markers", x: points.map((p) => p[0]), y: points.map((p) => p[1]), ...axes,
    // Black and white read on every colour of the heatmap: filled = label 1, open = label 0.
    marker: { size: 12, color: labels.map((l) => (l ? "black" : "white")), line: { color: "black", width: 2 } },
    name: "examples (filled: label 1, open: label 0)", showlegend: false, hoverinfo: "x+y",
  };
}

function requireTwoTwoOne(where: string, net: Network): void {
  if (net?.sizes?.length !== 3 || net.sizes[0] !== 2 || net.sizes[1] !== 2 || net.sizes[2] !== 1) {
    throw new InputError(`${where}: draws a 2-2-1 network (two inputs, two hidden units, one output), got sizes ${JSON.stringify(net?.sizes)}`);
  }
}

export interface HiddenSpaceOptions {
  readonly title: string;
  /** What the hidden units compute, for the axis titles (default "a1", "a2"). */
  readonly unitNames?: readonly [string, string];
}

/**
 * The inputs moved to the hidden units' coordinates (a1, a2) = (a_1^(2), a_2^(2)), coloured by
 * their XOR label and named by the input they came from, with the output unit's line
 * Theta_10 + Theta_11 a1 + Theta_12 a2 = 0 and the side where the output says 1 shaded: in these
 * coordinates one line separates XOR. For a 2-2-1 network with a sigmoid output.
 */
export function hiddenSpaceFigure(net: Network, options: HiddenSpaceOptions, points: readonly (readonly number[])[] = XOR_POINTS, labels: readonly number[] = XOR_LABELS): Figure {
  requireTwoTwoOne("hiddenSpaceFigure", net);
  const trace = forward(net, points.map((p) => [...p]));
  const at = points.map((_, k) => [unitActivation(trace, 2, 1, k), unitActivation(trace, 2, 2, k)]);
  // Inputs that land on the same hidden point share one marker and one label.
  const groups = new Map<string, { a: number[]; inputs: string[]; label: number }>();
  at.forEach((a, k) => {
    const key = a.map((v) => v.toFixed(2)).join(",");
    const g = groups.get(key) ?? { a, inputs: [], label: labels[k] };
    g.inputs.push(`(${points[k].join(",")})`);
    groups.set(key, g);
  });
  const list = [...groups.values()];
  const theta = toThetas(net)[1];
  const w = [get(theta, 0, 0), get(theta, 0, 1), get(theta, 0, 2)];
  const box: [number, number] = [-0.25, 1.25];
  const [n1, n2] = options.unitNames ?? ["a1", "a2"];
  return {
    data: [
      { type: "scatter", mode: "lines", ...halfPlaneInBox(w, box), fill: "toself", fillcolor: "rgba(27,127,59,0.15)", line: { width: 0 }, name: "the output unit says 1 here", hoverinfo: "skip" },
      { type: "scatter", mode: "lines", ...lineInBox(w, box), line: { color: "#35618f", width: 3 }, name: `the output unit's line ${formatNumber(w[0])} ${sign(w[1])} a1 ${sign(w[2])} a2 = 0` },
      {
        type: "scatter", mode: "markers+text", x: list.map((g) => g.a[0]), y: list.map((g) => g.a[1]),
        text: list.map((g) => `x = ${g.inputs.join(" and ")}`), textposition: "bottom center",
        marker: { size: 16, color: list.map((g) => (g.label ? ONE : ZERO)), line: { color: "#333", width: 1 } },
        name: "the inputs in hidden space (colour: XOR label)",
      },
    ],
    layout: {
      title: options.title,
      height: 520,
      xaxis: { title: `a1 = a_1^(2) (${n1})`, range: box, zeroline: false, constrain: "domain" },
      yaxis: { title: `a2 = a_2^(2) (${n2})`, range: box, scaleanchor: "x", zeroline: false },
      legend: { orientation: "h", y: -0.18, yanchor: "top" },
      margin: { l: 55, r: 20, t: 50, b: 110 },
    },
  };
}

/** "+ 20" or "- 20", for writing a line's equation. */
const sign = (v: number) => (v < 0 ? `- ${formatNumber(-v)}` : `+ ${formatNumber(v)}`);

export interface UnitHeatmapsOptions {
  readonly title: string;
  /** One name per hidden unit, then the output's (default "a1 = a_1^(2)", ..., "output h"). */
  readonly unitNames?: readonly string[];
  /** Grid points per axis (default 41; 17, every 0.125, in the training scrubber, whose every frame is stored). */
  readonly steps?: number;
  readonly points?: readonly (readonly number[])[];
  readonly labels?: readonly number[];
}

/** Every unit's activation over the input plane, for a network with one hidden layer and one output: hidden units first, then the output. */
function unitZs(net: Network, steps: number, round: (v: number) => number = round3): { x: number[]; y: number[]; z: number[][][] } {
  const units: [number, number][] = [...Array.from({ length: net.sizes[1] }, (_, i): [number, number] => [2, i + 1]), [3, 1]];
  const grids = units.map(([j, i]) => unitGrid(net, j, i, { steps }));
  return { x: grids[0].x.map(round3), y: grids[0].y.map(round3), z: grids.map((g) => g.z.map((r) => r.map(round))) };
}

function requireOneHidden(where: string, net: Network): void {
  if (net?.sizes?.length !== 3 || net.sizes[0] !== 2 || net.sizes[2] !== 1) {
    throw new InputError(`${where}: draws a network with 2 inputs, one hidden layer and 1 output, got sizes ${JSON.stringify(net?.sizes)}`);
  }
}

/** The layout of one heatmap per unit side by side: axes, shared colour scale, a title over each. */
function heatmapsLayout(count: number, names: readonly string[], title: string) {
  const gap = 0.03;
  const layout: Record<string, unknown> = {
    title,
    height: 360,
    margin: { l: 40, r: 20, t: 90, b: 40 },
    coloraxis: { cmin: 0, cmax: 1, colorscale: "RdBu", reversescale: true, colorbar: { title: { text: "activation" }, len: 0.8 } },
    annotations: names.map((n, k) => ({ text: n, x: (k + 0.5) / count, y: 1.02, xref: "paper", yref: "paper", yanchor: "bottom", showarrow: false, font: { size: 13 } })),
    showlegend: false,
  };
  for (let k = 0; k < count; k++) {
    const s = k === 0 ? "" : String(k + 1);
    layout[`xaxis${s}`] = { domain: [k / count + gap, (k + 1) / count - gap], range: [-0.5, 1.5], title: { text: "x1" }, constrain: "domain" };
    layout[`yaxis${s}`] = { range: [-0.5, 1.5], scaleanchor: `x${s}`, title: { text: k === 0 ? "x2" : "" }, showticklabels: k === 0 };
  }
  return layout;
}

/**
 * One heatmap per unit, side by side as the TensorFlow Playground shows them: each hidden unit's
 * activation a_i^(2) over the input plane, then the output h. A hidden unit is one sigmoid of a
 * line, so each hidden map is a soft half-plane; the output combines them.
 */
export function unitHeatmapsFigure(net: Network, options: UnitHeatmapsOptions): Figure {
  requireOneHidden("unitHeatmapsFigure", net);
  const { x, y, z } = unitZs(net, options.steps ?? 41);
  const names = options.unitNames ?? [...Array.from({ length: net.sizes[1] }, (_, i) => `a${i + 1} = a_${i + 1}^(2)`), "output h"];
  if (names.length !== z.length) throw new InputError(`unitHeatmapsFigure: give ${z.length} unit names (the hidden units, then the output), got ${names.length}`);
  const points = options.points ?? XOR_POINTS, labels = options.labels ?? XOR_LABELS;
  const data: Trace[] = [];
  z.forEach((zk, k) => {
    const s = k === 0 ? "" : String(k + 1);
    data.push({ type: "heatmap", x, y, z: zk, coloraxis: "coloraxis", xaxis: `x${s}`, yaxis: `y${s}`, zsmooth: "best" });
  });
  z.forEach((_, k) => data.push(pointsTrace(points, labels, { xaxis: `x${k === 0 ? "" : k + 1}`, yaxis: `y${k === 0 ? "" : k + 1}` })));
  return { data, layout: heatmapsLayout(z.length, names, options.title) };
}

export interface TrainingSnapshot {
  readonly epoch: number;
  readonly net: Network;
  /** The cost after that epoch, for the title. */
  readonly loss: number;
}

/**
 * The unit heatmaps of a network while it trains, one frame per snapshot, with an epoch slider
 * and a play button: scrub back and forth through training in the browser, no kernel needed.
 */
export function trainingScrubberFigure(snapshots: readonly TrainingSnapshot[], options: UnitHeatmapsOptions): Figure {
  if (snapshots.length === 0) throw new InputError("trainingScrubberFigure: give at least one snapshot");
  const last = snapshots[snapshots.length - 1];
  const steps = options.steps ?? 17;
  const byEpoch = new Map(snapshots.map((s) => [s.epoch, s]));
  const figure = slidersFigure(
    unitHeatmapsFigure(last.net, { ...options, steps }),
    [{ prefix: "epoch ", values: snapshots.map((s) => s.epoch), start: last.epoch }],
    ([epoch]) => {
      const s = byEpoch.get(epoch) as TrainingSnapshot;
      const { z } = unitZs(s.net, steps, round2);
      return { data: z.map((zk) => ({ z: zk })), traces: z.map((_, k) => k), title: `${options.title}: epoch ${s.epoch}, cost ${formatNumber(s.loss, 3)}` };
    },
  );
  const play = {
    type: "buttons", showactive: false, x: 0, y: 0, xanchor: "right", yanchor: "top", pad: { t: 60, r: 10 },
    buttons: [{
      label: "▶ play", method: "animate",
      args: [snapshots.map((_, k) => sliderFrameName([k])), { mode: "immediate", fromcurrent: false, frame: { duration: 120, redraw: true }, transition: { duration: 0 } }],
    }],
  };
  return { ...figure, layout: { ...figure.layout, updatemenus: [play] } };
}

// ---------------------------------------------------------------- universal approximation, built

export interface StepSlidersOptions {
  /** The weights w the slider offers (default 1 to 100). */
  readonly weights?: readonly number[];
  /** Where the step should sit, -b/w (default -0.8 to 0.8 in steps of 0.2). */
  readonly positions?: readonly number[];
}

const XS = Array.from({ length: 201 }, (_, i) => -1 + i / 100);

/**
 * g(w x + b) over [-1, 1] with two sliders: the weight w and the place s = -b/w (so b = -w s).
 * As w grows the sigmoid turns into a step at x = -b/w; the title gives b for each choice.
 */
export function stepSlidersFigure(options: StepSlidersOptions = {}): Figure {
  const weights = options.weights ?? [1, 2, 5, 10, 20, 50, 100];
  const positions = options.positions ?? [-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8];
  const view = ([w, s]: readonly number[]) => ({
    data: [{ y: XS.map((x) => round2(sigmoid(w * x - w * s))) }, { x: [s, s] }],
    title: `g(w x + b) with w = ${formatNumber(w)}, b = ${formatNumber(-w * s)}: the step sits at x = -b/w = ${formatNumber(s)}`,
  });
  return slidersFigure(
    {
      data: [
        { type: "scatter", mode: "lines", x: XS, name: "g(w x + b)", line: { width: 3 } },
        { type: "scatter", mode: "lines", y: [0, 1], name: "x = -b/w", line: { dash: "dot", color: "#888" } },
      ],
      layout: { height: 380, xaxis: { title: "x", range: [-1, 1] }, yaxis: { title: "output of the hidden unit", range: [-0.05, 1.05] }, legend: { orientation: "h", y: 1.02, yanchor: "bottom" } },
    },
    [
      { prefix: "weight w = ", values: weights, start: weights.includes(2) ? 2 : weights[0] },
      { prefix: "step at -b/w = ", values: positions, start: positions.includes(0.4) ? 0.4 : positions[0] },
    ],
    view,
  );
}

/** The Theta matrices of n bumps side by side over [-1, 1], each as tall as sin(pi x) in its middle, steps of steepness 10 n. */
function sineBumpThetas(n: number): number[][][] {
  const width = 2 / n, s = 10 * n;
  const hidden: number[][] = [];
  const out = [0];
  for (let k = 0; k < n; k++) {
    const left = -1 + k * width, right = left + width;
    const h = Math.sin((Math.PI * (left + right)) / 2);
    hidden.push([-s * left, s], [-s * right, s]);
    out.push(h, -h);
  }
  return [hidden, [out]];
}

/**
 * The 1-2n-1 network that approximates sin(pi x) on [-1, 1] with n bumps, built by hand (the
 * notebook's construction; exercise 4 asks for it, so there the library's is not allowed).
 */
export function sineBumpsNetwork(n: number): Network {
  if (!Number.isInteger(n) || n < 1) throw new InputError(`sineBumpsNetwork: n must be a positive integer, got ${n}`);
  return networkFromThetas(sineBumpThetas(n), { hidden: "sigmoid", output: "identity" });
}

/** A 1-input network's output over the points xs. */
const curve = (net: Network, xs: readonly number[]) => Array.from(predict(net, xs.map((x) => [x])).data);

/** The largest |network(x) - sin(pi x)| over 401 points of [-1, 1]. */
export function sineError(net: Network): number {
  const xs = Array.from({ length: 401 }, (_, i) => -1 + i / 200);
  return Math.max(...curve(net, xs).map((o, i) => Math.abs(o - Math.sin(Math.PI * xs[i]))));
}

/**
 * Two steep sigmoids make a bump: height * g(w (x - left)) minus height * g(w (x - right)), drawn
 * with both steps.
 */
export function bumpFigure(left: number, right: number, height: number, steepness: number): Figure {
  if (!(left < right)) throw new InputError(`bumpFigure: left (${left}) must be below right (${right})`);
  const up = XS.map((x) => height * sigmoid(steepness * (x - left)));
  const down = XS.map((x) => -height * sigmoid(steepness * (x - right)));
  return {
    data: [
      { x: XS, y: up.map(round3), name: `${formatNumber(height)} × (a step up at ${formatNumber(left)})`, line: { dash: "dot" } },
      { x: XS, y: down.map(round3), name: `−${formatNumber(height)} × (a step up at ${formatNumber(right)})`, line: { dash: "dot" } },
      { x: XS, y: up.map((u, k) => round3(u + down[k])), name: "their sum: a bump", line: { width: 3, color: "#35618f" } },
    ],
    layout: {
      title: `Two steps of steepness ${formatNumber(steepness)} make a bump of height ${formatNumber(height)} on [${formatNumber(left)}, ${formatNumber(right)}]`,
      xaxis: { title: "x" }, yaxis: { title: "output" }, legend: { orientation: "h", y: 1.02, yanchor: "bottom" }, height: 400,
    },
  };
}

/**
 * sin(pi x) and its approximation by n bumps (2n hidden units) with a slider over n, the largest
 * error in the title: more bumps, a finer staircase, a smaller error.
 */
export function sineBumpsFigure(ns: readonly number[] = [1, 2, 4, 8, 16, 32]): Figure {
  return slidersFigure(
    {
      data: [
        { type: "scatter", mode: "lines", x: XS, y: XS.map((x) => round3(Math.sin(Math.PI * x))), name: "sin(pi x)", line: { color: "black", dash: "dot" } },
        { type: "scatter", mode: "lines", x: XS, name: "n bumps side by side", line: { width: 3, color: "#35618f" } },
      ],
      layout: { height: 400, xaxis: { title: "x", range: [-1, 1] }, yaxis: { title: "f(x) and the network's output", range: [-1.3, 1.3] }, legend: { orientation: "h", y: 1.02, yanchor: "bottom" } },
    },
    [{ prefix: "bumps n = ", values: ns, start: ns[Math.min(3, ns.length - 1)] }],
    ([n]) => {
      const net = sineBumpsNetwork(n);
      return { data: [{ y: curve(net, XS).map(round3) }], traces: [1], title: `${n} bump${n === 1 ? "" : "s"} (${2 * n} hidden units): largest error ${formatNumber(sineError(net), 3)}` };
    },
  );
}

/**
 * Figures of notebook 01 (the perceptron), as pure builders: the neuron diagram, the gate line
 * moved by three weight sliders (Plotly frames: the sliders work in the browser with no kernel,
 * also in an exported page), and the perceptron rule's mistakes and weights over time.
 */
import { InputError } from "../errors";
import { perceptronOutput, type PerceptronRun } from "../perceptron";
import type { Figure, Trace } from "./figure";
import { graphFigure, type GraphEdge, type GraphNode } from "./graph-figure";
import { formatNumber } from "./html";
import { slidersFigure } from "./sliders";

/** The four inputs of a two-input gate, in the truth table's order. */
export const GATE_INPUTS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1]];

const ONE = "#1b7f3b";
const ZERO = "#b00020";

export interface NeuronDiagramOptions {
  /** The weights w0 (bias), w1, ..., wn written on the edges; default the symbols w0..wn. */
  readonly weights?: readonly number[];
  /** The inputs x1..xn written on the input nodes (with x0 = 1); needs `weights`; then z and g(z) are written too. */
  readonly input?: readonly number[];
  /** How many inputs when no weights are given (default 2). */
  readonly inputs?: number;
  /** The activation's name and function, for the g node (default the unit step, as the perceptron). */
  readonly activation?: { readonly name: string; readonly g: (z: number) => number };
  readonly title?: string;
}

/** z = w0 + w1 x1 + ... + wn xn (weights w0 first, x without the 1). */
function weightedInput(weights: readonly number[], x: readonly number[]): number {
  return x.reduce((z, xi, i) => z + weights[i + 1] * xi, weights[0]);
}

/**
 * One neuron drawn as the notes describe it: inputs x1..xn and the bias unit x0 = 1 on the left,
 * each edge carrying its weight, the sum z, the activation g, the output h(x).
 */
export function neuronDiagram(options: NeuronDiagramOptions = {}): Figure {
  const { weights, input } = options;
  const n = weights ? weights.length - 1 : options.inputs ?? 2;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`neuronDiagram: a neuron needs at least one input and its bias weight, got ${weights ? `${weights.length} weights` : `inputs = ${n}`}`);
  if (input && !weights) throw new InputError("neuronDiagram: give the weights with the input");
  if (input && input.length !== n) throw new InputError(`neuronDiagram: ${n + 1} weights need ${n} inputs, got ${input.length}`);
  const g = options.activation ?? { name: "step", g: (z: number) => (z >= 0 ? 1 : 0) };
  const fmt = (x: number) => formatNumber(x, 4);
  const top = n / 2;
  const nodes: GraphNode[] = [
    { id: "x0", x: 0, y: top, label: "x0 = 1", note: "bias unit", color: "#fff4d6" },
    ...Array.from({ length: n }, (_, i) => ({
      id: `x${i + 1}`, x: 0, y: top - 1 - i, label: `x${i + 1}`,
      note: input ? `x${i + 1} = ${fmt(input[i])}` : undefined, color: "#eeeeee",
    })),
  ];
  const z = weights && input ? weightedInput(weights, input) : null;
  const mid = top - n / 2;
  nodes.push(
    { id: "sum", x: 2, y: mid, label: "Σ", note: z === null ? "z = Σ wi xi" : `z = ${fmt(z)}` },
    { id: "g", x: 3, y: mid, label: "g", note: z === null ? g.name : `${g.name}(z) = ${fmt(g.g(z))}` },
    { id: "h", x: 4, y: mid, label: "h(x)", color: "#dff0d8" },
  );
  const edges: GraphEdge[] = [
    ...Array.from({ length: n + 1 }, (_, i) => ({ from: `x${i}`, to: "sum", label: weights ? `w${i} = ${fmt(weights[i])}` : `w${i}`, at: 0.45 })),
    { from: "sum", to: "g" },
    { from: "g", to: "h" },
  ];
  return graphFigure(nodes, edges, {
    title: options.title ?? "One neuron: weighted sum z = w0·1 + w1 x1 + ... + wn xn, then the activation g",
    xTitle: "inputs (x0 = 1 is the bias unit) → weighted sum z → activation g → output",
    height: 300 + 40 * n,
  });
}

/** The box the gate figures show, [-0.5, 1.5] on both axes. */
const BOX: readonly [number, number] = [-0.5, 1.5];

/** The part of the box where w0 + w1 x1 + w2 x2 >= 0, as a closed polygon (empty when none). */
export function halfPlaneInBox(weights: readonly number[], box: readonly [number, number] = BOX): { x: number[]; y: number[] } {
  const [lo, hi] = box;
  const side = (p: readonly number[]) => weights[0] + weights[1] * p[0] + weights[2] * p[1];
  const corners = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
  const out: number[][] = [];
  // One pass of Sutherland-Hodgman: keep the corners inside, add the crossings of the line.
  for (let k = 0; k < 4; k++) {
    const p = corners[k], q = corners[(k + 1) % 4];
    const sp = side(p), sq = side(q);
    if (sp >= 0) out.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  if (out.length === 0) return { x: [], y: [] };
  out.push(out[0]);
  return { x: out.map((p) => p[0]), y: out.map((p) => p[1]) };
}

/** The segment of the line w0 + w1 x1 + w2 x2 = 0 inside the box; empty when it misses the box or w1 = w2 = 0. */
export function lineInBox(weights: readonly number[], box: readonly [number, number] = BOX): { x: number[]; y: number[] } {
  const [w0, w1, w2] = weights;
  const [lo, hi] = box;
  if (w1 === 0 && w2 === 0) return { x: [], y: [] };
  const points: number[][] = [];
  const add = (x: number, y: number) => {
    if (x >= lo - 1e-12 && x <= hi + 1e-12 && y >= lo - 1e-12 && y <= hi + 1e-12 && !points.some((p) => Math.abs(p[0] - x) < 1e-9 && Math.abs(p[1] - y) < 1e-9)) points.push([x, y]);
  };
  if (w2 !== 0) for (const x of [lo, hi]) add(x, -(w0 + w1 * x) / w2);
  if (w1 !== 0) for (const y of [lo, hi]) add(-(w0 + w2 * y) / w1, y);
  if (points.length < 2) return { x: [], y: [] };
  return { x: [points[0][0], points[1][0]], y: [points[0][1], points[1][1]] };
}

/** Names of the two gates notebook 01 has built, by their outputs on (0,0), (0,1), (1,0), (1,1). */
const NAMED: Readonly<Record<string, string>> = { "0,0,0,1": "AND", "0,1,1,1": "OR" };

/** The step neuron's outputs on the four gate inputs. */
export function gateOutputs(weights: readonly number[]): number[] {
  return GATE_INPUTS.map((x) => perceptronOutput(weights, x));
}

/** The gate-figure traces for one weight vector: the region where the neuron says 1, its line, the four inputs coloured by the output. */
function gateTraces(weights: readonly number[]): Trace[] {
  const out = gateOutputs(weights);
  return [
    { type: "scatter", mode: "lines", ...halfPlaneInBox(weights), fill: "toself", fillcolor: "rgba(27,127,59,0.15)", line: { width: 0, color: ONE }, name: "the neuron outputs 1 here", hoverinfo: "skip" },
    { type: "scatter", mode: "lines", ...lineInBox(weights), line: { color: "#35618f", width: 3 }, name: "w0 + w1 x1 + w2 x2 = 0" },
    {
      type: "scatter", mode: "markers+text", x: GATE_INPUTS.map((p) => p[0]), y: GATE_INPUTS.map((p) => p[1]),
      text: out.map((o) => `output ${o}`), textposition: "top center", name: "the four inputs (colour: the output)",
      marker: { size: 18, color: out.map((o) => (o ? ONE : ZERO)), line: { color: "#333", width: 1 } },
    },
  ];
}

/** What changes between frames (Plotly merges it into the traces above). */
function gateChanges(weights: readonly number[]): Trace[] {
  const out = gateOutputs(weights);
  const round = (xy: { x: number[]; y: number[] }) => ({ x: xy.x.map((v) => Math.round(v * 1e4) / 1e4), y: xy.y.map((v) => Math.round(v * 1e4) / 1e4) });
  return [round(halfPlaneInBox(weights)), round(lineInBox(weights)), { text: out.map((o) => `output ${o}`), marker: { color: out.map((o) => (o ? ONE : ZERO)) } }];
}

function gateTitle(weights: readonly number[]): string {
  const out = gateOutputs(weights);
  const name = NAMED[out.join(",")];
  return `w = (${weights.map((w) => formatNumber(w)).join(", ")}): outputs ${out.join(", ")}${name ? ` = ${name}` : ""}`;
}

export interface GateSlidersOptions {
  /**
   * The values each slider offers: w0, w1, w2 (default w0 from -2.5 to 2.5 in steps of 1, so the
   * line never passes through an input exactly; w1 and w2 from -2 to 2 in steps of 1). Every
   * combination is a frame, so the figure grows with the product of the three counts (the
   * default's 150 frames are about 0.25 MB, small enough for an exported page).
   */
  readonly values?: readonly [readonly number[], readonly number[], readonly number[]];
  /** The weights shown first; each must be one of its slider's values (default OR's (-0.5, 1, 1)). */
  readonly start?: readonly [number, number, number];
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, k) => from + k * step);

/**
 * The gate line with three sliders, one per weight: moving one moves the line (w0 shifts it,
 * w1 and w2 turn it) and recolours the four inputs by the step neuron's output, so the student
 * sees when AND or OR is realised. The sliders combine in the browser, with no kernel.
 */
export function gateSlidersFigure(options: GateSlidersOptions = {}): Figure {
  const values = options.values ?? [range(-2.5, 2.5, 1), range(-2, 2, 1), range(-2, 2, 1)];
  const start = options.start ?? [-0.5, 1, 1];
  return slidersFigure(
    {
      data: gateTraces(start),
      layout: {
        height: 520,
        xaxis: { title: "x1", range: [BOX[0], BOX[1]], zeroline: false, constrain: "domain" },
        yaxis: { title: "x2", range: [BOX[0], BOX[1]], scaleanchor: "x", zeroline: false },
        legend: { orientation: "h", y: 1.02, yanchor: "bottom" },
      },
    },
    values.map((v, s) => ({ prefix: `w${s} = `, values: v, start: start[s] })),
    (w) => ({ data: gateChanges(w), title: gateTitle(w) }),
  );
}

/** Mistakes per epoch of perceptron runs, one line each (e.g. AND and XOR). */
export function mistakesFigure(runs: Readonly<Record<string, PerceptronRun>>, title: string): Figure {
  const data: Trace[] = Object.entries(runs).map(([name, run]) => ({
    x: run.history.map((e) => e.epoch), y: run.history.map((e) => e.mistakes), name, mode: "lines+markers",
  }));
  return {
    data,
    layout: { title, xaxis: { title: "epoch", dtick: 1 }, yaxis: { title: "mistakes in the epoch (of 4 examples)", range: [-0.2, 4.2] } },
  };
}

/**
 * The weights after every single update (the start, then one point per example visited), one line
 * per weight, with the epochs marked: a cycle shows as the same stretch of steps repeating.
 */
export function weightPathFigure(path: readonly (readonly number[])[], examplesPerEpoch: number, title: string): Figure {
  if (path.length < 2) throw new InputError("weightPathFigure: the path needs the start and at least one update");
  const names = path[0].map((_, k) => (k === 0 ? "w0 (bias)" : `w${k}`));
  const epochs = Math.floor((path.length - 1) / examplesPerEpoch);
  return {
    data: names.map((name, k) => ({ x: path.map((_, t) => t), y: path.map((w) => w[k]), name, mode: "lines+markers", line: { shape: "hv" } })),
    layout: {
      title,
      xaxis: { title: `update (${examplesPerEpoch} per epoch; dotted lines end each epoch)`, dtick: examplesPerEpoch },
      yaxis: { title: "weight value" },
      shapes: Array.from({ length: epochs }, (_, e) => ({
        type: "line", xref: "x", yref: "paper", x0: (e + 1) * examplesPerEpoch, x1: (e + 1) * examplesPerEpoch, y0: 0, y1: 1,
        line: { color: "#999", width: 1, dash: "dot" },
      })),
    },
  };
}

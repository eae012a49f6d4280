/**
 * The figures of notebook 04 (cost functions), as pure builders: the confidently wrong neuron with
 * a z slider (it runs in the browser), and weights along a regularization path.
 */
import { sigmoid } from "../activations";
import { InputError } from "../errors";
import type { Figure, Frame, Trace } from "./figure";
import { formatNumber } from "./html";

/** The two gradients of one sigmoid output h = g(z) for the target y, with respect to z. */
function outputGradients(z: number, y: number): { h: number; squaredError: number; crossEntropy: number } {
  const h = sigmoid(z);
  return { h, squaredError: (h - y) * h * (1 - h), crossEntropy: h - y };
}

export interface ConfidentlyWrongOptions {
  /** The slider's positions (default -10, -9.5, ..., 4). */
  readonly zs?: readonly number[];
  /** Where the slider starts (default -5: confidently wrong). */
  readonly start?: number;
}

/**
 * One sigmoid output unit with target y = 1 and weighted input z, moved with a slider: the
 * gradient of squared error, (h - y) h (1 - h), and of cross-entropy, h - y, with respect to z,
 * as curves over z with the slider's position marked and both values written out. Toward
 * z -> -infinity (h -> 0, confidently wrong) the first vanishes and the second tends to -1.
 */
export function confidentlyWrongFigure(options: ConfidentlyWrongOptions = {}): Figure {
  const zs = options.zs ?? Array.from({ length: 29 }, (_, i) => -10 + i / 2);
  const start = options.start ?? -5;
  const active = zs.indexOf(start);
  if (zs.length === 0 || zs.some((z) => !Number.isFinite(z))) throw new InputError("confidentlyWrongFigure: zs must be finite numbers");
  if (active < 0) throw new InputError(`confidentlyWrongFigure: start ${start} is not one of the slider's positions`);
  const lo = Math.min(...zs), hi = Math.max(...zs);
  const curve = Array.from({ length: 281 }, (_, i) => lo + ((hi - lo) * i) / 280);
  const at = curve.map((z) => outputGradients(z, 1));
  const fmt = (x: number) => formatNumber(x, 4);
  const frames: Frame[] = zs.map((z) => {
    const { h, squaredError, crossEntropy } = outputGradients(z, 1);
    const readout = `z = ${fmt(z)}:  h = g(z) = ${fmt(h)},  target y = 1<br>` +
      `cross-entropy:  ∂/∂z = h − y = ${fmt(crossEntropy)}<br>` +
      `squared error:  ∂/∂z = (h − y) h (1 − h) = ${fmt(squaredError)}` +
      `<br>cross-entropy's is ${fmt(crossEntropy / squaredError)} times larger`;
    return {
      name: `z=${z}`,
      traces: [3, 4, 5, 6],
      data: [
        { type: "scatter", mode: "markers", x: [z], y: [Math.abs(crossEntropy)], marker: { size: 12, color: "#1f77b4" }, showlegend: false, hoverinfo: "skip" },
        { type: "scatter", mode: "markers", x: [z], y: [Math.abs(squaredError)], marker: { size: 12, color: "#d62728" }, showlegend: false, hoverinfo: "skip" },
        { type: "scatter", mode: "lines", x: [z, z], y: [0, 1.05], line: { color: "#888", width: 1, dash: "dot" }, showlegend: false, hoverinfo: "skip" },
        { type: "scatter", mode: "text", x: [lo], y: [1.3], text: [readout], textposition: "middle right", textfont: { size: 12 }, showlegend: false, hoverinfo: "skip" },
      ],
    };
  });
  const data: Trace[] = [
    { x: curve, y: at.map((g) => g.h), name: "output h = g(z)", line: { color: "#999", width: 1, dash: "dot" } },
    { x: curve, y: at.map((g) => Math.abs(g.crossEntropy)), name: "cross-entropy: |h − y|", line: { color: "#1f77b4", width: 2.5 } },
    { x: curve, y: at.map((g) => Math.abs(g.squaredError)), name: "squared error: |(h − y) h (1 − h)|", line: { color: "#d62728", width: 2.5 } },
    ...frames[active].data,
  ];
  const steps = zs.map((z) => ({
    label: fmt(z), method: "animate",
    args: [[`z=${z}`], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
  }));
  return {
    data,
    frames,
    layout: {
      title: "A sigmoid output that should say 1: move z to see each loss's gradient ∂/∂z",
      height: 520,
      xaxis: { title: "weighted input z of the output unit (z ≪ 0: confidently wrong)", range: [lo - 0.3, hi + 0.3] },
      yaxis: { title: "|∂ loss / ∂z|, and h", range: [0, 1.5], tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1] },
      legend: { x: 1, xanchor: "right", y: 0.6 },
      sliders: [{ active, currentvalue: { prefix: "z = " }, pad: { t: 50 }, steps }],
    },
  };
}

export interface WeightPath {
  /** The legend's name of the method, e.g. "L2". */
  readonly name: string;
  /** weights[l][f]: weight of feature f after training with lambdas[l]. */
  readonly weights: readonly (readonly number[])[];
  readonly dash?: string;
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/** Each feature's weight against lambda (log axis), one colour per feature and one line style per method. */
export function regularizationPathFigure(lambdas: readonly number[], paths: readonly WeightPath[], featureNames: readonly string[], title: string): Figure {
  for (const p of paths) {
    if (p.weights.length !== lambdas.length || p.weights.some((w) => w.length !== featureNames.length)) {
      throw new InputError(`regularizationPathFigure: ${p.name} needs one row of ${featureNames.length} weights per lambda (${lambdas.length})`);
    }
  }
  return {
    data: paths.flatMap((p) => featureNames.map((feature, f) => ({
      x: lambdas, y: p.weights.map((w) => w[f]), name: `${p.name}: ${feature}`, mode: "lines+markers",
      line: { color: PALETTE[f % PALETTE.length], dash: p.dash ?? "solid" }, marker: { size: 5 },
    }))),
    layout: { title, xaxis: { title: "λ", type: "log" }, yaxis: { title: "weight after training" }, height: 440 },
  };
}

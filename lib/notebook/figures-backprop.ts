/**
 * Figure builders and measurements for notebooks 05 (backpropagation) and 06 (gradient checking),
 * so that a lesson cell shows the idea and not the plotting.
 */
import { backprop } from "../backprop";
import { createRandom } from "../random";
import { numericGradients } from "../gradcheck";
import { createNetwork, parameterCount } from "../network";
import type { Figure, Trace } from "./figure";

/** The three derivatives of notebook 05's section 1, each a function of x. */
export interface DerivativeWitnesses {
  readonly exact: (x: number) => number;
  readonly byHand: (x: number) => number;
  readonly central: (x: number) => number;
  readonly oneSided: (x: number) => number;
  /** Labels for the legend of the last two (they carry their step h). */
  readonly centralLabel: string;
  readonly oneSidedLabel: string;
}

/** df/dx three ways on [from, to]: a wide exact curve, the hand-derived one dashed over it, finite differences as markers. */
export function derivativeComparisonFigure(w: DerivativeWitnesses, from: number, to: number, title: string): Figure {
  const xs = Array.from({ length: 81 }, (_, i) => from + (i * (to - from)) / 80);
  const sparse = xs.filter((_, i) => i % 4 === 0);
  return {
    data: [
      { x: xs, y: xs.map(w.exact), name: "mathjs derivative", line: { width: 4, color: "#9ecae1" } },
      { x: xs, y: xs.map(w.byHand), name: "by hand", line: { dash: "dash", color: "#08519c" } },
      { x: sparse, y: sparse.map(w.central), mode: "markers", name: w.centralLabel, marker: { color: "#2ca02c", size: 7 } },
      { x: sparse, y: sparse.map(w.oneSided), mode: "markers", name: w.oneSidedLabel, marker: { color: "#d62728", size: 6, symbol: "x" } },
    ],
    layout: { title, xaxis: { title: "x" }, yaxis: { title: "df/dx" } },
  };
}

/** Steps 1, 2, ... up to `last`, about `count` of them spread evenly on a log scale. */
export function logSpacedSteps(last: number, count = 200): number[] {
  if (!(Number.isInteger(last) && last >= 1)) throw new Error(`logSpacedSteps: last must be a whole number >= 1, got ${last}`);
  const top = Math.log10(last);
  return Array.from(new Set(Array.from({ length: count }, (_, k) => Math.round(10 ** ((top * k) / Math.max(1, count - 1)))))).filter((s) => s >= 1 && s <= last);
}

/** Error curves J(step) on log-log axes; each curve's costs[k] is J before step k + 1. */
export function errorCurveFigure(curves: readonly { readonly name: string; readonly costs: readonly number[] }[], title: string): Figure {
  const last = Math.min(...curves.map((c) => c.costs.length));
  const shown = logSpacedSteps(last);
  return {
    data: curves.map((c) => ({ x: shown, y: shown.map((s) => c.costs[s - 1]), name: c.name })),
    layout: { title, xaxis: { title: "step", type: "log" }, yaxis: { title: "error J before the step", type: "log" } },
  };
}

/** Relative errors against the step eps, on log axes with eps shrinking from left to right. */
export function stepSizeFigure(epsilons: readonly number[], series: readonly { readonly name: string; readonly errors: readonly number[]; readonly dotted?: boolean }[]): Figure {
  return {
    data: series.map((s): Trace => ({ x: epsilons, y: s.errors, name: s.name, mode: "lines+markers", ...(s.dotted ? { line: { dash: "dot" } } : {}) })),
    layout: {
      title: "Relative error of finite differences vs the step ε (ε shrinks to the right)",
      xaxis: { title: "ε (step), shrinking to the right →", type: "log", autorange: "reversed", exponentformat: "power" },
      yaxis: { title: "relative error", type: "log", exponentformat: "power" },
    },
  };
}

/** How long one full gradient takes for one network size, both ways. */
export interface GradientTiming {
  readonly hidden: number;
  readonly parameters: number;
  /** Seconds for the central-difference gradient of every parameter (the fastest of the repeats). */
  readonly numericSeconds: number;
  /** Seconds for one backpropagation (the fastest of the repeats, each timing a batch of runs). */
  readonly backpropSeconds: number;
}

/**
 * Times the numerical gradient (library `numericGradients`, two cost evaluations per parameter)
 * against `backprop` on n-h-K sigmoid networks, for each hidden size h, on the same seeded batch.
 * Each time is the fastest of `repeats` rounds; a round times every size in turn, so a burst of
 * other work on the machine slows one round of every size rather than every round of one size.
 */
export function measureGradientTimes(hiddenSizes: readonly number[], options: { inputs: number; outputs: number; examples: number; repeats: number; seed: number }): GradientTiming[] {
  const rng = createRandom(options.seed);
  const X = Array.from({ length: options.examples }, () => Array.from({ length: options.inputs }, () => rng.uniform(-1, 1)));
  const Y = Array.from({ length: options.examples }, () => Array.from({ length: options.outputs }, () => (rng.uniform(0, 1) < 0.5 ? 0 : 1)));
  const loss = { loss: "binaryCrossEntropy" } as const;
  const nets = hiddenSizes.map((hidden) => createNetwork({ sizes: [options.inputs, hidden, options.outputs], hidden: "sigmoid", output: "sigmoid", seed: options.seed }));
  const seconds = (run: () => void, times: number): number => {
    const start = performance.now();
    for (let k = 0; k < times; k++) run();
    return (performance.now() - start) / 1000 / times;
  };
  // One backprop is too quick to time alone: time a batch of runs.
  const backpropRuns = (parameters: number) => Math.max(50, Math.min(500, Math.round(parameters / 2)));
  // Warm-up: the first calls compile the code paths (just-in-time), which no size should pay for.
  numericGradients(nets[0], X, Y, loss);
  seconds(() => backprop(nets[0], X, Y, loss), 50);
  const best = nets.map(() => ({ numeric: Infinity, backprop: Infinity }));
  for (let r = 0; r < options.repeats; r++) {
    nets.forEach((net, k) => {
      best[k].numeric = Math.min(best[k].numeric, seconds(() => numericGradients(net, X, Y, loss), 1));
      best[k].backprop = Math.min(best[k].backprop, seconds(() => backprop(net, X, Y, loss), backpropRuns(parameterCount(net))));
    });
  }
  return nets.map((net, k) => ({ hidden: hiddenSizes[k], parameters: parameterCount(net), numericSeconds: best[k].numeric, backpropSeconds: best[k].backprop }));
}

/** The least-squares slope of log y against log x: the exponent p of y ~ x^p. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new Error(`logLogSlope: need two lists of the same length (at least 2), got ${xs.length} and ${ys.length}`);
  if ([...xs, ...ys].some((v) => !(v > 0))) throw new Error("logLogSlope: every value must be positive");
  const lx = xs.map(Math.log), ly = ys.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length, my = ly.reduce((s, v) => s + v, 0) / ly.length;
  const sxy = lx.reduce((s, v, k) => s + (v - mx) * (ly[k] - my), 0);
  const sxx = lx.reduce((s, v) => s + (v - mx) ** 2, 0);
  return sxy / sxx;
}

/** Seconds per gradient against the parameter count, both ways, on log-log axes. */
export function gradientTimingFigure(timings: readonly GradientTiming[]): Figure {
  const P = timings.map((t) => t.parameters);
  return {
    data: [
      { x: P, y: timings.map((t) => t.numericSeconds), name: "numerical gradient (2 cost evaluations per parameter)", mode: "lines+markers" },
      { x: P, y: timings.map((t) => t.backpropSeconds), name: "backpropagation (one forward and one backward pass)", mode: "lines+markers" },
    ],
    layout: {
      title: "Time for one full gradient as the network grows",
      xaxis: { title: "parameters P", type: "log" },
      yaxis: { title: "seconds (fastest of the repeats)", type: "log", exponentformat: "power" },
    },
  };
}

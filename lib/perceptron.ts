/**
 * The perceptron of the lecture notes (files 000 and 003): a step unit whose weights w = (w0, w1,
 * ..., wn) act on the input with the bias unit x0 = 1 prepended, and its learning rule
 *
 *     w := w + rate (y - yhat) (1, x1, ..., xn),   yhat = step(w . (1, x))
 *
 * which changes the weights only when the prediction is wrong. On linearly separable data it stops
 * changing after finitely many mistakes; on XOR it never does and, with a fixed order of examples,
 * revisits the same weights forever. `trainPerceptron` records enough to show both.
 */
import { step } from "./activations";
import { InputError, describe, requireFiniteNumber, requirePositiveInteger } from "./errors";
import { MatrixLike, toMatrix } from "./matrix";

/** The step unit's output for one input x (without the bias unit) and weights (w0 first). */
export function perceptronOutput(weights: readonly number[], x: readonly number[]): number {
  let z = weights[0];
  for (let i = 0; i < x.length; i++) z += weights[i + 1] * x[i];
  return step(z);
}

/** One application of the perceptron rule to one example; returns new weights. */
export function perceptronStep(weights: readonly number[], x: readonly number[], y: number, rate: number): number[] {
  const error = y - perceptronOutput(weights, x);
  return weights.map((w, i) => w + rate * error * (i === 0 ? 1 : x[i - 1]));
}

export interface PerceptronEpoch {
  /** 1 for the first pass over the examples. */
  readonly epoch: number;
  /** The weights at the end of the epoch. */
  readonly weights: readonly number[];
  /** How many examples the unit got wrong during the epoch (each one changed the weights). */
  readonly mistakes: number;
}

export interface PerceptronRun {
  readonly weights: readonly number[];
  readonly history: readonly PerceptronEpoch[];
  /** True when an epoch passed without a mistake: the weights separate the data. */
  readonly converged: boolean;
  /**
   * When the weights at the end of an epoch equal those of an earlier epoch (and there were
   * mistakes), the rule is cycling and will repeat forever: the earlier and the later epoch.
   */
  readonly cycle: { readonly from: number; readonly to: number } | null;
}

export interface PerceptronOptions {
  /** The most passes over the examples (default 50). */
  readonly epochs?: number;
  /** Learning rate (default 1). */
  readonly rate?: number;
  /** Starting weights w0..wn (default all zeros). */
  readonly initial?: readonly number[];
  /**
   * Stop when the weights repeat (default true). With false the run goes on for all `epochs`
   * (or until an epoch without mistakes), e.g. to chart a cycle; `cycle` still names the first repeat.
   */
  readonly stopAtCycle?: boolean;
}

/** Runs the perceptron rule over the examples in their given order until no mistakes, a cycle, or `epochs`. */
export function trainPerceptron(X: MatrixLike, y: readonly number[], options: PerceptronOptions = {}): PerceptronRun {
  const where = "trainPerceptron";
  const M = toMatrix(where, "X", X);
  if (!Array.isArray(y) || y.length !== M.rows || y.some((v) => v !== 0 && v !== 1)) {
    throw new InputError(`${where}: y must list one 0/1 label per row of X (${M.rows}), got ${describe(y)}`);
  }
  const epochs = options.epochs ?? 50;
  requirePositiveInteger(where, "epochs", epochs);
  const rate = options.rate ?? 1;
  requireFiniteNumber(where, "rate", rate);
  const initial = options.initial ?? new Array<number>(M.cols + 1).fill(0);
  if (initial.length !== M.cols + 1) throw new InputError(`${where}: initial needs ${M.cols + 1} weights (w0 and one per input), got ${initial.length}`);
  let weights = [...initial];
  const history: PerceptronEpoch[] = [];
  const seen = new Map<string, number>([[weights.join(","), 0]]);
  const stopAtCycle = options.stopAtCycle ?? true;
  let cycle: { from: number; to: number } | null = null;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let mistakes = 0;
    for (let i = 0; i < M.rows; i++) {
      const x = Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols));
      if (perceptronOutput(weights, x) !== y[i]) mistakes++;
      weights = perceptronStep(weights, x, y[i], rate);
    }
    history.push({ epoch, weights: [...weights], mistakes });
    if (mistakes === 0) return { weights, history, converged: true, cycle: null };
    const key = weights.join(",");
    const earlier = seen.get(key);
    if (earlier !== undefined && cycle === null) {
      cycle = { from: earlier, to: epoch };
      if (stopAtCycle) break;
    }
    if (earlier === undefined) seen.set(key, epoch);
  }
  return { weights, history, converged: false, cycle };
}

/**
 * The weights after every single update of the perceptron rule: the start, then one entry per
 * example visited, epoch after epoch (epochs x rows + 1 entries; right answers repeat the weights).
 * The same rule and order as `trainPerceptron`, for following a run step by step.
 */
export function perceptronPath(X: MatrixLike, y: readonly number[], options: { readonly epochs: number; readonly rate?: number; readonly initial?: readonly number[] }): number[][] {
  const where = "perceptronPath";
  const M = toMatrix(where, "X", X);
  if (!Array.isArray(y) || y.length !== M.rows || y.some((v) => v !== 0 && v !== 1)) {
    throw new InputError(`${where}: y must list one 0/1 label per row of X (${M.rows}), got ${describe(y)}`);
  }
  requirePositiveInteger(where, "epochs", options?.epochs);
  const rate = options.rate ?? 1;
  requireFiniteNumber(where, "rate", rate);
  const initial = options.initial ?? new Array<number>(M.cols + 1).fill(0);
  if (initial.length !== M.cols + 1) throw new InputError(`${where}: initial needs ${M.cols + 1} weights (w0 and one per input), got ${initial.length}`);
  const path: number[][] = [[...initial]];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = 0; i < M.rows; i++) {
      const x = Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols));
      path.push(perceptronStep(path[path.length - 1], x, y[i], rate));
    }
  }
  return path;
}

/**
 * Points of the decision line w0 + w1 x1 + w2 x2 = 0 over x1 in [from, to] (for a chart):
 * x2 = -(w0 + w1 x1) / w2, or the vertical line x1 = -w0 / w1 when w2 = 0.
 */
export function decisionLine(weights: readonly number[], from = -0.5, to = 1.5): { x: number[]; y: number[] } {
  if (weights.length !== 3) throw new InputError(`decisionLine: give three weights (w0, w1, w2), got ${describe(weights)}`);
  const [w0, w1, w2] = weights;
  if (w2 !== 0) return { x: [from, to], y: [from, to].map((x1) => -(w0 + w1 * x1) / w2) };
  if (w1 !== 0) return { x: [-w0 / w1, -w0 / w1], y: [from, to] };
  throw new InputError("decisionLine: w1 and w2 are both 0, so there is no line");
}

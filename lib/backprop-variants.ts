/**
 * Backpropagation with the notes' rules spelled out one by one, so that a rule as one lecture file
 * writes it (file 000's hidden delta without g', file 001's y - a, a penalty on the bias column...)
 * can be put in and compared with a numerical gradient. One sigmoid network in the Theta layout
 * (bias in column 0), one example at a time as files 000 and 001 write the algorithm.
 */
import { sigmoid } from "./activations";
import { cost, type CostOptions } from "./cost";
import { InputError } from "./errors";
import { numericGradients } from "./gradcheck";
import { toArray } from "./matrix";
import { networkFromThetas, weightsToTheta } from "./network";

/** The rules of one backpropagation; each defaults to the course's convention. */
export interface BackpropRules {
  /** delta^(L) from the output a and target y of one example (default a - y: sigmoid with cross-entropy). */
  readonly outputDelta?: (a: number[], y: number[]) => number[];
  /** The factor that multiplies (Theta^T delta)_j in a hidden layer, from the unit's activation a (default g'(z) = a(1 - a)). */
  readonly hiddenFactor?: (a: number) => number;
  /** The penalty's gradient for Theta^(layer)_ij (layer counts from 1), given m (default (lambda/m) Theta for j != 0). */
  readonly penalty?: (theta: number, layer: number, i: number, j: number, m: number) => number;
  /** What Delta is divided by, given m (default m). */
  readonly average?: (m: number) => number;
}

const check = (thetas: readonly (readonly (readonly number[])[])[], X: readonly (readonly number[])[], Y: readonly (readonly number[])[]) => {
  if (!Array.isArray(thetas) || thetas.length < 1) throw new InputError("backpropWithRules: thetas must be a list of Theta matrices");
  if (!Array.isArray(X) || !Array.isArray(Y) || X.length === 0 || X.length !== Y.length) {
    throw new InputError(`backpropWithRules: X and Y must have the same number of rows (at least 1), got ${Array.isArray(X) ? X.length : typeof X} and ${Array.isArray(Y) ? Y.length : typeof Y}`);
  }
};

/**
 * [D^(1), ..., D^(L-1)] of a sigmoid network (every layer sigmoid) by the per-example algorithm,
 * with the given rules in place of the course's. With no rules it is the course's gradient of the
 * cross-entropy cost plus lambda/(2m) sum Theta^2 (bias column not penalized).
 */
export function backpropWithRules(
  thetas: readonly (readonly (readonly number[])[])[],
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  lambda: number,
  rules: BackpropRules = {},
): number[][][] {
  check(thetas, X, Y);
  const m = X.length;
  const L = thetas.length;
  const output = rules.outputDelta ?? ((a: number[], y: number[]) => a.map((v, k) => v - y[k]));
  const factor = rules.hiddenFactor ?? ((a: number) => a * (1 - a));
  const penalty = rules.penalty ?? ((t: number, _layer: number, _i: number, j: number, count: number) => (j === 0 ? 0 : (lambda / count) * t));
  const average = (rules.average ?? ((count: number) => count))(m);
  const Delta = thetas.map((T) => T.map((r) => r.map(() => 0)));
  for (let s = 0; s < m; s++) {
    const a: number[][] = [[1, ...X[s]]];
    for (let l = 0; l < L; l++) {
      const g = thetas[l].map((r) => sigmoid(r.reduce((sum, w, j) => sum + w * a[l][j], 0)));
      a.push(l < L - 1 ? [1, ...g] : g);
    }
    const delta: number[][] = new Array<number[]>(L);
    delta[L - 1] = output(a[L], [...Y[s]]);
    for (let l = L - 1; l >= 1; l--) {
      delta[l - 1] = a[l].slice(1).map((aj, j) => thetas[l].reduce((sum, r, i) => sum + r[j + 1] * delta[l][i], 0) * factor(aj));
    }
    for (let l = 0; l < L; l++) Delta[l].forEach((r, i) => r.forEach((_v, j) => (r[j] += delta[l][i] * a[l][j])));
  }
  return Delta.map((D, l) => D.map((r, i) => r.map((v, j) => v / average + penalty(thetas[l][i][j], l + 1, i, j, m))));
}

/** The gradient of a sigmoid network's cost by central differences, in the Theta layout: the referee for backpropWithRules. */
export function numericThetaGradients(
  thetas: readonly (readonly (readonly number[])[])[],
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  options: CostOptions & { readonly epsilon?: number },
): number[][][] {
  const net = networkFromThetas(thetas.map((T) => T.map((r) => [...r])), { hidden: "sigmoid", output: "sigmoid" });
  const g = numericGradients(net, X.map((r) => [...r]), Y.map((r) => [...r]), options);
  return g.W.map((W, l) => toArray(weightsToTheta(W, g.b[l])));
}

/** The cost J of a sigmoid network given by its Thetas (the library's cost). */
export function thetaCost(
  thetas: readonly (readonly (readonly number[])[])[],
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  options: CostOptions,
): number {
  const net = networkFromThetas(thetas.map((T) => T.map((r) => [...r])), { hidden: "sigmoid", output: "sigmoid" });
  return cost(net, X.map((r) => [...r]), Y.map((r) => [...r]), options).total;
}

/** ||A - B|| / (||A|| + ||B||) over every entry of two lists of matrices (or vectors) of the same shapes; 0 when both vanish. */
export function relativeDifference(A: unknown, B: unknown): number {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : [v as number]);
  const a = flat(A), b = flat(B);
  if (a.length !== b.length) throw new InputError(`relativeDifference: the two gradients have ${a.length} and ${b.length} entries`);
  let d = 0, na = 0, nb = 0;
  for (let k = 0; k < a.length; k++) {
    d += (a[k] - b[k]) ** 2;
    na += a[k] ** 2;
    nb += b[k] ** 2;
  }
  const denominator = Math.sqrt(na) + Math.sqrt(nb);
  return denominator === 0 ? 0 : Math.sqrt(d) / denominator;
}

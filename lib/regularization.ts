import { InputError, describe, requireFiniteNumber } from "./errors";
import { Matrix, MatrixLike, Vector, matrix, toMatrix } from "./matrix";

/**
 * A weight penalty added to the data loss. The notes use two scalings, so the scale is spelled out:
 * - L2 "lambda/2m": (lambda / 2m) sum W^2, gradient (lambda / m) W  (files 000, 001)
 * - L2 "lambda/2":  (lambda / 2) sum W^2,  gradient lambda W        (files 003, 004, and 001's D formula)
 * - L1 "lambda/m":  (lambda / m) sum |W|,  gradient (lambda / m) sign(W)
 * - L1 "lambda":    lambda sum |W|,        gradient lambda sign(W)
 * L1 here is the sum of absolute entries (lasso), not the induced matrix 1-norm of file 002.
 * Biases are not penalized unless includeBias is true (file 004's note).
 */
export type Regularization =
  | { readonly kind: "l2"; readonly lambda: number; readonly scale: "lambda/2m" | "lambda/2"; readonly includeBias?: boolean }
  | { readonly kind: "l1"; readonly lambda: number; readonly scale: "lambda/m" | "lambda"; readonly includeBias?: boolean };

export function checkRegularization(where: string, reg: Regularization | undefined): void {
  if (reg === undefined) return;
  if (typeof reg !== "object" || reg === null) {
    throw new InputError(`${where}: regularization must be an object like { kind: "l2", lambda: 0.1, scale: "lambda/2m" }, got ${describe(reg)}`);
  }
  const kind: unknown = reg.kind;
  if (kind !== "l2" && kind !== "l1") throw new InputError(`${where}: regularization kind must be "l2" or "l1", got ${describe(kind)}`);
  requireFiniteNumber(where, "regularization lambda", reg.lambda);
  if (reg.lambda < 0) throw new InputError(`${where}: regularization lambda must be >= 0, got ${reg.lambda}`);
  const scales = kind === "l2" ? ["lambda/2m", "lambda/2"] : ["lambda/m", "lambda"];
  if (!scales.includes(reg.scale as string)) {
    throw new InputError(`${where}: ${kind} scale must be ${scales.map((s) => JSON.stringify(s)).join(" or ")}, got ${describe(reg.scale)}`);
  }
}

/** The factor c in penalty = c * sum phi(w), with phi(w) = w^2 / 2 for L2 and |w| for L1. */
function factor(reg: Regularization, m: number): number {
  return reg.scale === "lambda/2m" || reg.scale === "lambda/m" ? reg.lambda / m : reg.lambda;
}

function sumPhi(reg: Regularization, values: Float64Array): number {
  let s = 0;
  if (reg.kind === "l2") for (let k = 0; k < values.length; k++) s += 0.5 * values[k] * values[k];
  else for (let k = 0; k < values.length; k++) s += Math.abs(values[k]);
  return s;
}

function phiPrime(reg: Regularization, w: number): number {
  return reg.kind === "l2" ? w : Math.sign(w);
}

/** The penalty of a set of layers, for a batch of m examples. */
export function penalty(reg: Regularization | undefined, layers: readonly { W: Matrix; b: Vector }[], m: number): number {
  if (!reg || reg.lambda === 0) return 0;
  let s = 0;
  for (const layer of layers) {
    s += sumPhi(reg, layer.W.data);
    if (reg.includeBias) s += sumPhi(reg, layer.b);
  }
  return factor(reg, m) * s;
}

/** Gradient of the penalty with respect to W (for one layer). */
export function penaltyGradientW(reg: Regularization | undefined, W: Matrix, m: number): Matrix {
  const out = new Float64Array(W.data.length);
  if (reg && reg.lambda !== 0) {
    const c = factor(reg, m);
    for (let k = 0; k < out.length; k++) out[k] = c * phiPrime(reg, W.data[k]);
  }
  return matrix(W.rows, W.cols, out);
}

/** Gradient of the penalty with respect to b: zero unless includeBias. */
export function penaltyGradientB(reg: Regularization | undefined, b: Vector, m: number): Vector {
  const out = new Float64Array(b.length);
  if (reg && reg.lambda !== 0 && reg.includeBias) {
    const c = factor(reg, m);
    for (let k = 0; k < out.length; k++) out[k] = c * phiPrime(reg, b[k]);
  }
  return out;
}

/**
 * The proximal step of the L1 penalty c sum |w| for a gradient step of size alpha, with threshold
 * t = alpha c: every entry moves toward 0 by t and stops at exactly 0 when it is closer than that
 * (soft thresholding). Taken after a gradient step on the data loss alone, it gives weights that
 * are exactly 0, where the subgradient c sign(w) only makes them jump across 0. A new matrix.
 */
export function softThreshold(weights: MatrixLike, threshold: number): Matrix {
  const W = toMatrix("softThreshold", "W", weights);
  requireFiniteNumber("softThreshold", "threshold", threshold);
  if (threshold < 0) throw new InputError(`softThreshold: the threshold must be >= 0 (it is alpha times the penalty's lambda), got ${threshold}`);
  const out = new Float64Array(W.data.length);
  for (let k = 0; k < out.length; k++) {
    const w = W.data[k];
    out[k] = w > threshold ? w - threshold : w < -threshold ? w + threshold : 0;
  }
  return matrix(W.rows, W.cols, out);
}

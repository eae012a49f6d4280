// Feature scaling as a fit / apply pair. The statistics come from the training set only and are
// then applied unchanged to validation and test data: computing them on all the data would leak
// information about the held-out sets into training and flatter the evaluation.
import { InputError, check, describe } from "../errors";
import { Matrix, MatrixLike, matrix, shapeOf, toMatrix } from "../matrix";

/**
 * "standardize": subtract the column mean, divide by the column standard deviation (with 1/n,
 * so the training columns end up with mean 0 and standard deviation 1).
 * "minmax": subtract the column minimum, divide by (max - min), so training columns span [0, 1].
 */
export type ScalingMethod = "standardize" | "minmax";

export const SCALING_METHODS: readonly ScalingMethod[] = ["standardize", "minmax"];

/** Fitted statistics: column j is mapped to (x - offset[j]) / scale[j]. */
export interface Scaler {
  readonly method: ScalingMethod;
  /** The training mean (standardize) or minimum (minmax) of each column. */
  readonly offset: Float64Array;
  /**
   * The training standard deviation (standardize) or range (minmax) of each column; 1 for a
   * constant column, which is then only shifted (to 0) instead of divided by 0. Blank border
   * pixels of digit images are such columns.
   */
  readonly scale: Float64Array;
}

/** Computes a scaler's statistics from the training inputs X (n x features, n >= 1). */
export function fitScaler(X: MatrixLike, method: ScalingMethod): Scaler {
  const m = toMatrix("fitScaler", "X", X);
  if (SCALING_METHODS.indexOf(method) < 0) {
    throw new InputError(`fitScaler: unknown method ${describe(method)}; valid methods are ${SCALING_METHODS.join(", ")}`);
  }
  check(m.rows > 0, () => `fitScaler: X is ${shapeOf(m)}; statistics need at least one row`);
  const offset = new Float64Array(m.cols);
  const scale = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) {
    let s: number;
    if (method === "standardize") {
      let sum = 0;
      for (let i = 0; i < m.rows; i++) sum += m.data[i * m.cols + j];
      const mean = sum / m.rows;
      let squares = 0;
      for (let i = 0; i < m.rows; i++) squares += (m.data[i * m.cols + j] - mean) ** 2;
      offset[j] = mean;
      s = Math.sqrt(squares / m.rows);
    } else {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < m.rows; i++) {
        const x = m.data[i * m.cols + j];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      offset[j] = lo;
      s = hi - lo;
    }
    scale[j] = s > 0 ? s : 1;
  }
  return { method, offset, scale };
}

/** Applies fitted statistics to X (training, validation or test inputs); returns a new matrix. */
export function applyScaler(scaler: Scaler, X: MatrixLike): Matrix {
  check(
    typeof scaler === "object" && scaler !== null && scaler.offset instanceof Float64Array &&
      scaler.scale instanceof Float64Array && scaler.offset.length === scaler.scale.length,
    () => `applyScaler: scaler must come from fitScaler, got ${describe(scaler)}`,
  );
  const m = toMatrix("applyScaler", "X", X);
  const k = scaler.offset.length;
  check(m.cols === k, () => `applyScaler: X is ${shapeOf(m)} but the scaler was fitted on ${k} columns`);
  const out = matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < k; j++) out.data[i * k + j] = (m.data[i * k + j] - scaler.offset[j]) / scaler.scale[j];
  }
  return out;
}

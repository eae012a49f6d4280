// Class labels and the network-side encodings of them: one-hot targets in, argmax predictions out.
import { InputError, check, describe, requirePositiveInteger } from "../errors";
import { Matrix, MatrixLike, matrix, shapeOf, toMatrix, rowArgmax } from "../matrix";

/** Class labels as accepted by public functions: class indices 0, 1, 2, ... */
export type LabelsLike = Int32Array | readonly number[];

/**
 * Checks that `value` holds class indices (integers >= 0, and < numClasses when given) and returns
 * them as an Int32Array: an Int32Array is returned as is, an array is copied.
 */
export function toLabels(where: string, name: string, value: unknown, numClasses?: number): Int32Array {
  let labels: ArrayLike<unknown>;
  if (value instanceof Int32Array || Array.isArray(value)) labels = value;
  else throw new InputError(`${where}: ${name} must be an Int32Array or an array of class indices, got ${describe(value)}`);
  const out = value instanceof Int32Array ? value : new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (typeof y !== "number" || !Number.isInteger(y) || y < 0) {
      throw new InputError(`${where}: ${name}[${i}] is ${describe(y)}; labels must be class indices (integers >= 0)`);
    }
    if (numClasses !== undefined && y >= numClasses) {
      throw new InputError(
        `${where}: ${name}[${i}] is ${y} but there are ${numClasses} classes, so labels must be in 0..${numClasses - 1}`,
      );
    }
    out[i] = y;
  }
  return out;
}

/**
 * One-hot targets: row i has a 1 in column labels[i] and 0 elsewhere (the notes' multi-class
 * targets, e.g. car = [0, 1, 0, 0]). The result is labels.length x numClasses.
 */
export function oneHot(labels: LabelsLike, numClasses: number): Matrix {
  requirePositiveInteger("oneHot", "numClasses", numClasses);
  const y = toLabels("oneHot", "labels", labels, numClasses);
  const out = matrix(y.length, numClasses);
  for (let i = 0; i < y.length; i++) out.data[i * numClasses + y[i]] = 1;
  return out;
}

/**
 * The column index of each row's largest entry: class predictions from one-hot style outputs
 * (softmax or one sigmoid unit per class). Ties go to the first (lowest) column.
 * A single column is rejected: its argmax is always 0, which is never the intended prediction;
 * a single output unit is thresholded instead (classify in lib/forward.ts does this).
 */
export function argmaxRows(M: MatrixLike): Int32Array {
  const m = toMatrix("argmaxRows", "M", M);
  check(m.cols >= 2, () =>
    `argmaxRows: M is ${shapeOf(m)}; it needs at least 2 columns (one per class). ` +
      `A single output unit is thresholded (h >= 0.5 means class 1), not argmaxed`,
  );
  return Int32Array.from({ length: m.rows }, (_, i) => rowArgmax(m, i));
}

import { CostOptions, checkBatch, costOfTrace } from "../cost";
import { forwardUnchecked } from "../forward";
import { Matrix, MatrixLike, rowArgmax } from "../matrix";
import { Network } from "../network";

/** How a network does on a data set: its mean data loss, its full cost J and, for 0/1 targets, its accuracy. */
export interface Evaluation {
  readonly loss: number;
  readonly cost: number;
  /** Fraction of examples classified right, or null when the targets are not class labels. */
  readonly accuracy: number | null;
}

/** True when every target is 0 or 1: a single 0/1 column, or one-hot rows. */
export function isClassificationTarget(Y: Matrix): boolean {
  for (let k = 0; k < Y.data.length; k++) if (Y.data[k] !== 0 && Y.data[k] !== 1) return false;
  return true;
}

/**
 * How many rows of outputs H match targets Y, deciding classes as classify does: for 0/1 targets
 * the same rule turns a target row into its class (its 1 in a one-hot row, the 0/1 of one column).
 */
export function countCorrect(H: Matrix, Y: Matrix): number {
  return countCorrectRows(H, Y);
}

/** countCorrect row by row, without the class arrays, for the training loop's every batch. */
export function countCorrectRows(H: Matrix, Y: Matrix): number {
  // decideClasses' rule: threshold 0.5 for one column, else the first largest entry.
  const decide = (M: Matrix, i: number): number => (M.cols === 1 ? (M.data[i] >= 0.5 ? 1 : 0) : rowArgmax(M, i));
  let correct = 0;
  for (let i = 0; i < H.rows; i++) if (decide(H, i) === decide(Y, i)) correct++;
  return correct;
}

/** Evaluation on checked data, without checks. */
export function evaluateUnchecked(net: Network, X: Matrix, Y: Matrix, options: CostOptions): Evaluation {
  const trace = forwardUnchecked(net, X);
  const c = costOfTrace(net, trace, Y, options);
  const H = trace.a[trace.a.length - 1];
  return { loss: c.data, cost: c.total, accuracy: isClassificationTarget(Y) ? countCorrect(H, Y) / Y.rows : null };
}

/** The loss, cost and accuracy of a network on any set (training, validation or test). */
export function evaluate(net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): Evaluation {
  const b = checkBatch("evaluate", net, X, Y, options);
  return evaluateUnchecked(net, b.X, b.Y, options);
}

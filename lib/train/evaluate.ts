import { CostOptions, checkBatch, costOfTrace } from "../cost";
import { forwardUnchecked } from "../forward";
import { Matrix, MatrixLike } from "../matrix";
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
 * How many rows of outputs H match targets Y: with one column, h >= 0.5 against y (the notes'
 * decision rule for a logistic output); with several, the largest output against the 1 of the one-hot row.
 */
export function countCorrect(H: Matrix, Y: Matrix): number {
  let correct = 0;
  for (let i = 0; i < H.rows; i++) {
    if (H.cols === 1) {
      if ((H.data[i] >= 0.5 ? 1 : 0) === Y.data[i]) correct++;
      continue;
    }
    let best = 0, target = 0;
    for (let j = 1; j < H.cols; j++) {
      if (H.data[i * H.cols + j] > H.data[i * H.cols + best]) best = j;
      if (Y.data[i * Y.cols + j] > Y.data[i * Y.cols + target]) target = j;
    }
    if (best === target) correct++;
  }
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

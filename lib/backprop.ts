import { Cost, CostOptions, checkBatch, costOfTrace } from "./cost";
import { ForwardTrace, forwardUnchecked } from "./forward";
import { affineBackward } from "./kernels";
import { outputDelta } from "./losses";
import { Matrix, MatrixLike, Vector, matrix } from "./matrix";
import { Network } from "./network";
import { penaltyGradientB, penaltyGradientW } from "./regularization";

/** Gradients of the cost, aligned with net.layers: W[k] and b[k] belong to layers[k]. */
export interface Gradients {
  readonly W: readonly Matrix[];
  readonly b: readonly Vector[];
}

export interface BackpropResult {
  readonly trace: ForwardTrace;
  /**
   * deltas[k] is delta^(k+2) = d loss / d z^(k+2) for every example (one row each, not divided
   * by m), aligned with trace.z[k]. The sign convention is delta = a - y at a fused output layer.
   */
  readonly deltas: readonly Matrix[];
  readonly gradients: Gradients;
  readonly cost: Cost;
}

/**
 * Backpropagation on checked data: the batch form of files 003-004, vectorized over examples.
 * penaltyExamples is the m of a "lambda/2m" or "lambda/m" penalty (see costOfTrace).
 */
export function backpropUnchecked(net: Network, X: Matrix, Y: Matrix, options: CostOptions, penaltyExamples = X.rows): BackpropResult {
  const trace = forwardUnchecked(net, X);
  const L = net.layers.length;
  const m = X.rows;
  const deltas: Matrix[] = new Array<Matrix>(L);
  const out = net.layers[L - 1].activation;
  deltas[L - 1] = outputDelta(options.loss, out, trace.z[L - 1], trace.a[L], Y);
  const W: Matrix[] = new Array<Matrix>(L);
  const b: Vector[] = new Array<Vector>(L);
  const reg = options.regularization;
  for (let k = L - 1; k >= 0; k--) {
    // Layer k+1's affine map, backwards: its weight and bias gradients, and dJ/da of the layer below.
    const back = affineBackward(deltas[k], trace.a[k], net.layers[k].W, k > 0);
    if (back.dA) deltas[k - 1] = net.layers[k - 1].activation.backward(trace.z[k - 1], trace.a[k], back.dA);
    const pW = penaltyGradientW(reg, net.layers[k].W, penaltyExamples);
    const gW = new Float64Array(back.dW.data.length);
    for (let i = 0; i < gW.length; i++) gW[i] = back.dW.data[i] / m + pW.data[i];
    W[k] = matrix(back.dW.rows, back.dW.cols, gW);
    const pb = penaltyGradientB(reg, net.layers[k].b, penaltyExamples);
    const gb = back.db;
    for (let i = 0; i < gb.length; i++) gb[i] = gb[i] / m + pb[i];
    b[k] = gb;
  }
  return { trace, deltas, gradients: { W, b }, cost: costOfTrace(net, trace, Y, options, penaltyExamples) };
}

/**
 * Backpropagation over a batch: every delta^(l), and the gradient of the cost J (mean loss plus
 * penalty) with respect to every weight and bias.
 */
export function backprop(net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): BackpropResult {
  const batch = checkBatch("backprop", net, X, Y, options);
  return backpropUnchecked(net, batch.X, batch.Y, options);
}

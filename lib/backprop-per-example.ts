import { CostOptions, checkBatch } from "./cost";
import { outputDelta } from "./losses";
import { Matrix, MatrixLike, matrix } from "./matrix";
import { Network, toThetas } from "./network";

export interface PerExampleResult {
  /** The accumulators Delta^(l) after all m examples, in the Theta layout (bias in column 0). */
  readonly Delta: readonly Matrix[];
  /** D^(l) = dJ/dTheta^(l): Delta^(l) / m plus the penalty gradient on every column but the bias. */
  readonly D: readonly Matrix[];
}

const row = (values: ArrayLike<number>): Matrix => matrix(1, values.length, Float64Array.from(values));

/**
 * The backpropagation algorithm exactly as files 000 and 001 write it, one example at a time, in
 * the Theta notation with a bias unit a_0 = 1:
 *
 *   set Delta^(l) = 0 for all l
 *   for s = 1 .. m:
 *     a^(1) = x^(s); forward propagation computes a^(2) .. a^(L)
 *     delta^(L) from the loss; delta^(l) = (Theta^(l))^T delta^(l+1) .* g'(z^(l)), bias row dropped
 *     Delta^(l)_ij += delta^(l+1)_i a^(l)_j
 *   D^(l)_ij = Delta^(l)_ij / m + lambda Theta^(l)_ij  (j != 0),   D^(l)_i0 = Delta^(l)_i0 / m
 *
 * It is deliberately written with scalar loops, not the batch kernels, so that comparing it with
 * `backprop` checks one implementation against another. The penalty term follows the
 * regularization's scale: lambda Theta for "lambda/2", (lambda / m) Theta for "lambda/2m".
 */
export function backpropPerExample(net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): PerExampleResult {
  const { X: Xm, Y: Ym } = checkBatch("backpropPerExample", net, X, Y, options);
  const thetas = toThetas(net);
  const L = thetas.length;
  const m = Xm.rows;
  const Delta = thetas.map((T) => new Float64Array(T.data.length));

  for (let s = 0; s < m; s++) {
    // Forward: a holds a^(l) with the bias unit first (except at the output), z holds z^(l+1).
    const a: number[][] = [[1, ...Xm.data.subarray(s * Xm.cols, (s + 1) * Xm.cols)]];
    const z: number[][] = [];
    for (let l = 0; l < L; l++) {
      const T = thetas[l];
      const zl: number[] = [];
      for (let i = 0; i < T.rows; i++) {
        let sum = 0;
        for (let j = 0; j < T.cols; j++) sum += T.data[i * T.cols + j] * a[l][j];
        zl.push(sum);
      }
      z.push(zl);
      const g = Array.from(net.layers[l].activation.forward(row(zl)).data);
      a.push(l < L - 1 ? [1, ...g] : g);
    }

    // Backward: delta[l] is delta^(l+2), the error of the units fed by Theta^(l+1).
    const delta: number[][] = new Array<number[]>(L);
    const y = row(Ym.data.subarray(s * Ym.cols, (s + 1) * Ym.cols));
    delta[L - 1] = Array.from(outputDelta(options.loss, net.layers[L - 1].activation, row(z[L - 1]), row(a[L]), y).data);
    for (let l = L - 1; l >= 1; l--) {
      const T = thetas[l];
      const dA: number[] = [];
      for (let j = 1; j < T.cols; j++) {
        let sum = 0;
        for (let i = 0; i < T.rows; i++) sum += T.data[i * T.cols + j] * delta[l][i];
        dA.push(sum);
      }
      const units = a[l].slice(1);
      delta[l - 1] = Array.from(net.layers[l - 1].activation.backward(row(z[l - 1]), row(units), row(dA)).data);
    }

    // Accumulate Delta^(l)_ij += delta^(l+1)_i a^(l)_j (the bias unit a_0 = 1 fills column 0).
    for (let l = 0; l < L; l++) {
      const cols = thetas[l].cols;
      for (let i = 0; i < thetas[l].rows; i++) {
        for (let j = 0; j < cols; j++) Delta[l][i * cols + j] += delta[l][i] * a[l][j];
      }
    }
  }

  const reg = options.regularization;
  const D = thetas.map((T, l) => {
    const out = new Float64Array(T.data.length);
    const c = !reg ? 0 : reg.scale === "lambda/2m" || reg.scale === "lambda/m" ? reg.lambda / m : reg.lambda;
    for (let i = 0; i < T.rows; i++) {
      for (let j = 0; j < T.cols; j++) {
        const k = i * T.cols + j;
        const theta = T.data[k];
        const penalized = reg !== undefined && (j !== 0 || reg.includeBias === true);
        const dPenalty = !penalized ? 0 : reg.kind === "l2" ? c * theta : c * Math.sign(theta);
        out[k] = Delta[l][k] / m + dPenalty;
      }
    }
    return matrix(T.rows, T.cols, out);
  });
  return { Delta: Delta.map((d, l) => matrix(thetas[l].rows, thetas[l].cols, d)), D };
}

// Right answers in forms the checks accept: the library's Matrix for hiddenDelta and
// reluHiddenDelta, Float64Array rows and vectors elsewhere, the softmax step through an explicit
// Jacobian Matrix, and the predictions computed with the library's numerical gradient (keys in another order).
import { cost, gradientStep, matrix, networkFromThetas, numericGradients, sigmoid, toArray, type Matrix } from "../lib";

export function sigmoidGradient(z: number[]): Float64Array {
  return Float64Array.from(z, (v) => sigmoid(v) * (1 - sigmoid(v)));
}

export function outputDelta(a: number[][], y: number[][]): Float64Array[] {
  return a.map((row, i) => Float64Array.from(row, (v, k) => v - y[i][k]));
}

export function hiddenDelta(theta: number[][], deltaNext: number[][], a: number[][]): Matrix {
  const cols = a[0].length;
  const out = matrix(a.length, cols);
  for (let s = 0; s < a.length; s++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let i = 0; i < theta.length; i++) sum += deltaNext[s][i] * theta[i][j + 1];
      out.data[s * cols + j] = sum * a[s][j] * (1 - a[s][j]);
    }
  }
  return out;
}

export function tanhOutputDelta(a: number[][], y: number[][]): Float64Array[] {
  return a.map((row, i) => Float64Array.from(row, (v, k) => (v - y[i][k]) * (1 - v) * (1 + v)));
}

export function softmaxBackward(z: number[], upstream: number[]): Float64Array {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((s, v) => s + v, 0);
  const h = e.map((v) => v / total);
  const n = h.length;
  const J = matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) J.data[i * n + j] = h[i] * ((i === j ? 1 : 0) - h[j]);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[j] += J.data[i * n + j] * upstream[i];
  return out;
}

export function reluHiddenDelta(theta: number[][], deltaNext: number[][], z: number[][]): Matrix {
  const cols = z[0].length;
  const out = matrix(z.length, cols);
  z.forEach((row, s) => row.forEach((v, j) => {
    if (v > 0) out.data[s * cols + j] = theta.reduce((sum, r, i) => sum + deltaNext[s][i] * r[j + 1], 0);
  }));
  return out;
}

export function workedExamplePredictions(): { errorAfterOneStep: number; largestGradient: "w6" } {
  const net = networkFromThetas([[[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]], [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]]]);
  const x = [[0.05, 0.1]], y = [[0.01, 0.99]];
  const gradients = numericGradients(net, x, y, { loss: "halfSquared" });
  const g = gradients.W.flatMap((W) => toArray(W).flat());
  const k = g.reduce((best, v, i) => (Math.abs(v) > Math.abs(g[best]) ? i : best), 0);
  const after = cost(gradientStep(net, gradients, { weights: 0.5, biases: 0 }), x, y, { loss: "halfSquared" }).total;
  return { errorAfterOneStep: after, largestGradient: `w${k + 1}` as "w6" };
}

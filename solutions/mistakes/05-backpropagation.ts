/**
 * The catalogue of common mistakes in exercises/05-backpropagation.ts: each is a wrong implementation
 * and the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/05-backpropagation";


const g = (z: number): number => 1 / (1 + Math.exp(-z));

/** delta of hidden units j = 0..cols-1 from Theta columns offset+j, times factor(z) (the slips vary these). */
function backThrough(deltaNext: number[][], z: number[][], weight: (i: number, j: number) => number, factor: (z: number) => number): number[][] {
  return z.map((zr, s) => zr.map((zj, j) => deltaNext[s].reduce((sum, d, i) => sum + d * weight(i, j), 0) * factor(zj)));
}

interface Slips {
  oneOverM?: "missing";
  assign?: boolean;
  regularizeBias?: boolean;
  penalty?: "lambda";
  sign?: "y - a";
  outputFactor?: boolean;
  transposeResult?: boolean;
}

/** backpropGradients with one or more slips switched on (the reference algorithm otherwise). */
function gradientsWith(slips: Slips) {
  return (thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] => {
    const m = X.length;
    const Delta = thetas.map((T) => T.map((r) => r.map(() => 0)));
    for (let s = 0; s < m; s++) {
      const a1 = [1, ...X[s]];
      const z2 = thetas[0].map((r) => r.reduce((sum, w, j) => sum + w * a1[j], 0));
      const a2 = [1, ...z2.map(g)];
      const a3 = thetas[1].map((r) => r.reduce((sum, w, j) => sum + w * a2[j], 0)).map(g);
      const d3 = a3.map((a, k) => {
        const e = slips.sign === "y - a" ? Y[s][k] - a : a - Y[s][k];
        return slips.outputFactor ? e * a * (1 - a) : e;
      });
      const d2 = z2.map((z, j) => thetas[1].reduce((sum, r, i) => sum + d3[i] * r[j + 1], 0) * g(z) * (1 - g(z)));
      const deltas = [d2, d3];
      const acts = [a1, a2];
      for (let l = 0; l < 2; l++) {
        for (let i = 0; i < Delta[l].length; i++) {
          for (let j = 0; j < Delta[l][i].length; j++) {
            const term = deltas[l][i] * acts[l][j];
            Delta[l][i][j] = slips.assign ? term : Delta[l][i][j] + term;
          }
        }
      }
    }
    const scale = slips.oneOverM === "missing" ? 1 : 1 / m;
    const c = slips.penalty === "lambda" ? lambda : lambda / m;
    const D = Delta.map((T, l) => T.map((r, i) => r.map((d, j) => d * scale + (j === 0 && !slips.regularizeBias ? 0 : c * thetas[l][i][j]))));
    return slips.transposeResult ? D.map((T) => T[0].map((_, j) => T.map((r) => r[j]))) : D;
  };
}

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
    {
      diagnosis: "Theta is not transposed",
      implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[j][i + 1], (v) => g(v) * (1 - g(v))),
    },
    {
      diagnosis: "the bias column is not dropped: column 0 of Theta",
      implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j], (v) => g(v) * (1 - g(v))),
    },
    {
      diagnosis: "the bias column is not dropped: the result has a delta for the bias unit",
      implementation: (theta, d, z) =>
        z.map((zr, s) => {
          // a = [1, g(z)] with the bias unit, so g'(z) = a(1 - a) is 0 for it.
          const a = [1, ...zr.map(g)];
          return a.map((aj, j) => d[s].reduce((sum, di, i) => sum + di * theta[i][j], 0) * aj * (1 - aj));
        }),
    },
    {
      diagnosis: "g'(a) instead of g'(z)",
      implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], (v) => g(g(v)) * (1 - g(g(v)))),
    },
    {
      diagnosis: "a(1 - a) applied to z",
      implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], (v) => v * (1 - v)),
    },
    {
      diagnosis: "the factor g'(z) is left out",
      implementation: (theta, d, z) => backThrough(d, z, (i, j) => theta[i][j + 1], () => 1),
    },
  ],
  backpropGradients: [
    { diagnosis: "the 1/m is missing", implementation: gradientsWith({ oneOverM: "missing" }) },
    { diagnosis: "the 1/m is missing", implementation: gradientsWith({ oneOverM: "missing", penalty: "lambda" }) },
    { diagnosis: "= instead of += in the accumulation", implementation: gradientsWith({ assign: true }) },
    { diagnosis: "the bias column is regularized", implementation: gradientsWith({ regularizeBias: true }) },
    { diagnosis: "the penalty gradient is lambda * Theta", implementation: gradientsWith({ penalty: "lambda" }) },
    { diagnosis: "y - a instead of a - y", implementation: gradientsWith({ sign: "y - a" }) },
    { diagnosis: "the squared-error delta (a - y) g'(z) used with the cross-entropy cost", implementation: gradientsWith({ outputFactor: true }) },
    { diagnosis: "the result is transposed", implementation: gradientsWith({ transposeResult: true }) },
  ],
  numericalGradient: [
    {
      diagnosis: "a one-sided difference",
      implementation: (f, theta, eps) => theta.map((v, k) => {
        const t = theta.slice();
        t[k] = v + eps;
        return (f(t) - f(theta)) / eps;
      }),
    },
    {
      diagnosis: "divided by eps instead of 2 eps",
      implementation: (f, theta, eps) => theta.map((v, k) => {
        const plus = theta.slice(), minus = theta.slice();
        plus[k] = v + eps;
        minus[k] = v - eps;
        return (f(plus) - f(minus)) / eps;
      }),
    },
    {
      diagnosis: "theta is not restored after changing an entry",
      implementation: (f, theta, eps) => theta.map((v, k) => {
        theta[k] = v + eps;
        const plus = f(theta);
        theta[k] = v - eps;
        return (plus - f(theta)) / (2 * eps);
      }),
    },
  ],
};

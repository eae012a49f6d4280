/**
 * The catalogue of common mistakes in exercises/06-gradient-checking.ts: each is a wrong implementation
 * and the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/06-gradient-checking";

const g = (z: number): number => 1 / (1 + Math.exp(-z));

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
function gradientsWith(slips: Slips): Exercises["backpropGradients"] {
  return (thetas, X, Y, lambda) => {
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

/** layerGradientCheck with a different summary of D against N (the slips vary it). */
function layerCheckWith(summary: (diff2: number, a2: number, n2: number) => number): Exercises["layerGradientCheck"] {
  return (cost, gradients, thetas, eps) => {
    const D = gradients(thetas);
    return thetas.map((T, l) => {
      const cols = T[0].length;
      const flat = T.flat();
      const numeric = flat.map((v, k) => {
        const at = (x: number) => cost(thetas.map((O, q) => (q === l ? O.map((r, i) => r.map((w, j) => (i * cols + j === k ? x : w))) : O)));
        return (at(v + eps) - at(v - eps)) / (2 * eps);
      });
      const analytic = D[l].flat();
      let diff2 = 0, a2 = 0, n2 = 0;
      analytic.forEach((a, k) => {
        diff2 += (a - numeric[k]) ** 2;
        a2 += a * a;
        n2 += numeric[k] ** 2;
      });
      return a2 + n2 === 0 ? 0 : summary(diff2, a2, n2);
    });
  };
}

const RIGHT_REPORT = {
  A: { layer: 1, bug: "hidden delta without g'(z)" },
  B: { layer: "both", bug: "bias column regularized" },
  C: { layer: 2, bug: "1/m missing" },
  D: { layer: "both", bug: "sigmoid derivative in the output delta" },
} as const;

const countWith = (perLayer: (s: number, t: number) => number, factor: number, extra = 0) => (sizes: number[]): number =>
  factor * sizes.slice(1).reduce((sum, t, l) => sum + perLayer(sizes[l], t), 0) + extra;

export const mistakes: MistakeCatalogue<Exercises> = {
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
  layerGradientCheck: [
    { diagnosis: "divided by ||D|| only", implementation: layerCheckWith((d2, a2) => Math.sqrt(d2) / Math.sqrt(a2)) },
    { diagnosis: "the norms were not square-rooted", implementation: layerCheckWith((d2, a2, n2) => d2 / (a2 + n2)) },
    {
      diagnosis: "one difference for all layers together",
      implementation: (cost, gradients, thetas, eps) => {
        const per = layerCheckWith((d2, a2, n2) => Math.sqrt(d2) / (Math.sqrt(a2) + Math.sqrt(n2)))(cost, gradients, thetas, eps);
        return [Math.max(...per)];
      },
    },
    {
      diagnosis: "the input is mutated",
      implementation: (cost, gradients, thetas, eps) => {
        const D = gradients(thetas);
        return thetas.map((T, l) => {
          let diff2 = 0, a2 = 0, n2 = 0;
          T.forEach((r, i) => r.forEach((v, j) => {
            r[j] = v + eps;
            const plus = cost(thetas);
            r[j] = v - eps;
            const n = (plus - cost(thetas)) / (2 * eps); // the entry is left at v - eps
            diff2 += (D[l][i][j] - n) ** 2;
            a2 += D[l][i][j] ** 2;
            n2 += n * n;
          }));
          return a2 + n2 === 0 ? 0 : Math.sqrt(diff2) / (Math.sqrt(a2) + Math.sqrt(n2));
        });
      },
    },
  ],
  bugReport: [
    { diagnosis: "a bug name that is not one of BUG_KINDS", implementation: () => ({ ...RIGHT_REPORT, A: { layer: 1, bug: "missing derivative" as "1/m missing" } }) },
    { diagnosis: "a layer that is not 1, 2 or \"both\"", implementation: () => ({ ...RIGHT_REPORT, C: { layer: "2" as unknown as 2, bug: "1/m missing" } }) },
    { diagnosis: "the layer of a suspect is not where its per-layer gradient check fails", implementation: () => ({ ...RIGHT_REPORT, A: { layer: "both", bug: "hidden delta without g'(z)" } }) },
    { diagnosis: "the layer of a suspect is not where its per-layer gradient check fails", implementation: () => ({ ...RIGHT_REPORT, C: { layer: "both", bug: "1/m missing" } }) },
  ],
  costEvaluations: [
    { diagnosis: "the biases are not counted", implementation: countWith((s, t) => s * t, 2) },
    { diagnosis: "one evaluation per parameter", implementation: countWith((s, t) => (s + 1) * t, 1) },
    { diagnosis: "the bias on the wrong side", implementation: countWith((s, t) => s * (t + 1), 2) },
    { diagnosis: "a one-sided count", implementation: countWith((s, t) => (s + 1) * t, 1, 1) },
  ],
};

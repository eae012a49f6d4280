/** Public checks of exercises/06-gradient-checking.ts (run by the notebook's check cell and `npm run check -- 06`). */
import { BUG_KINDS, SUSPECT_NAMES, backprop, backpropPerExample, backpropSuspects, cost, networkFromThetas, toArray, weightsToTheta, type BugKind, type SuspectName } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue, expectValues, fail, type KnownMistake } from "../../lib/exercise";

export type BugLayer = 1 | 2 | "both";

export type Exercises = {
  backpropGradients: (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => number[][][];
  numericalGradient: (f: (theta: number[]) => number, theta: number[], eps: number) => number[];
  layerGradientCheck: (
    cost: (thetas: number[][][]) => number,
    gradients: (thetas: number[][][]) => number[][][],
    thetas: number[][][],
    eps: number,
  ) => number[];
  bugReport: () => { [K in SuspectName]: { layer: BugLayer; bug: BugKind } };
  costEvaluations: (sizes: number[]) => number;
};

// Expected values come from closed forms, hand computation, or the library (itself tested against
// 64-digit arithmetic and the published walkthrough in test/worked-example.test.ts).
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const mapM = (M: number[][], f: (v: number, i: number, j: number) => number): number[][] => M.map((r, i) => r.map((v, j) => f(v, i, j)));

/** The 2-2-2 worked example of file 000, in the Theta layout (bias in column 0); README explains the reading. */
const WORKED_THETAS = [
  [[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]],
  [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]],
];
const WORKED_X = [[0.05, 0.1]];
const WORKED_Y = [[0.01, 0.99]];

const sigmoidNet = (thetas: number[][][]) => networkFromThetas(thetas, { hidden: "sigmoid", output: "sigmoid" });
const l2 = (lambda: number, includeBias = false) => ({ kind: "l2" as const, lambda, scale: "lambda/2m" as const, includeBias });

/** The regularized cross-entropy gradient in the Theta layout, from the library's batch backprop. */
export function referenceGradients(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  const result = backprop(sigmoidNet(thetas), X, Y, { loss: "binaryCrossEntropy", regularization: l2(lambda) });
  return result.gradients.W.map((W, l) => toArray(weightsToTheta(W, result.gradients.b[l])));
}

/** The regularized cross-entropy cost J(thetas) of file 001, from the library. */
export function referenceCost(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number {
  return cost(sigmoidNet(thetas), X, Y, { loss: "binaryCrossEntropy", regularization: l2(lambda) }).total;
}

/** What the checks expect from backpropGradients, and what typical slips give instead, from the library. */
function gradientCases(thetas: number[][][], X: number[][], Y: number[][], lambda: number) {
  const net = sigmoidNet(thetas);
  const right = backpropPerExample(net, X, Y, { loss: "binaryCrossEntropy", regularization: l2(lambda) });
  const m = X.length;
  const penalty = (l: number, c: number) => mapM(thetas[l], (t, _i, j) => (j === 0 ? 0 : c * t));
  const plus = (A: number[][], B: number[][]) => mapM(A, (v, i, j) => v + B[i][j]);
  const last = backpropPerExample(net, [X[m - 1]], [Y[m - 1]], { loss: "binaryCrossEntropy" }).Delta.map(toArray);
  const biasReg = backpropPerExample(net, X, Y, { loss: "binaryCrossEntropy", regularization: l2(lambda, true) }).D.map(toArray);
  const squared = backpropPerExample(net, X, Y, { loss: "halfSquared", regularization: l2(lambda) }).D.map(toArray);
  return [0, 1].map((l) => {
    const Delta = toArray(right.Delta[l]);
    const mistakes: KnownMistake[] = [
      { name: "the 1/m is missing (Delta not divided by the number of examples)", value: plus(Delta, penalty(l, lambda / m)) },
      { name: "the 1/m is missing (Delta not divided by the number of examples)", value: plus(Delta, penalty(l, lambda)) },
      { name: "= instead of += in the accumulation: only the last example is counted", value: plus(mapM(last[l], (v) => v / m), penalty(l, lambda / m)) },
      { name: "= instead of += in the accumulation: only the last example is counted", value: plus(last[l], penalty(l, lambda)) },
      { name: "the penalty gradient is lambda * Theta; for this cost (lambda/2m) it is (lambda/m) * Theta", value: plus(mapM(Delta, (v) => v / m), penalty(l, lambda)) },
      { name: "y - a instead of a - y (every gradient's data part has the wrong sign)", value: plus(mapM(Delta, (v) => -v / m), penalty(l, lambda / m)) },
      { name: "the squared-error delta (a - y) g'(z) used with the cross-entropy cost: at a sigmoid output with cross-entropy, delta = a - y", value: squared[l] },
    ];
    if (lambda !== 0) mistakes.push({ name: "the bias column is regularized (column 0 must get no penalty)", value: biasReg[l] });
    return { expected: toArray(right.D[l]), mistakes };
  });
}

/**
 * A cost whose gradient is known in closed form, for layerGradientCheck: a quadratic in every
 * entry (central differences are exact on it) with one product that couples the two layers.
 */
const quadraticCost = (t: number[][][]): number =>
  t.reduce((s, T, l) => s + T.reduce((u, r) => u + r.reduce((v, w) => v + ((l + 1) * w * w) / 2, 0), 0), 0) + t[0][0][1] * t[1][0][0];
const quadraticGradient = (t: number[][][]): number[][][] =>
  t.map((T, l) => T.map((r, i) => r.map((w, j) => (l + 1) * w + (l === 0 && i === 0 && j === 1 ? t[1][0][0] : 0) + (l === 1 && i === 0 && j === 0 ? t[0][0][1] : 0))));
const QUAD_THETAS = [[[0.5, -1, 2], [1.5, 0.25, -0.75]], [[-0.5, 1, 0.3]]];

export const checks = defineExercises<Exercises>("06-gradient-checking", {
  backpropGradients: {
    forbidden: ["backprop", "backpropPerExample", "backpropUnchecked", "numericGradients", "gradientCheck"],
    cases: (backpropGradients) => {
      const batchThetas = [
        [[0.1, -0.4, 0.3, 0.8], [-0.2, 0.5, -0.7, 0.2]],
        [[0.3, -1.2, 0.9]],
      ];
      const batchX = [[1, 0, -1], [0.5, 2, 0], [-1, -0.5, 1.5]];
      const batchY = [[1], [0], [1]];
      const lambda = 0.3;
      const worked = gradientCases(WORKED_THETAS, WORKED_X, WORKED_Y, 0);
      const batch = gradientCases(batchThetas, batchX, batchY, lambda);
      const run = (thetas: number[][][], X: number[][], Y: number[][], lam: number) => backpropGradients(copyOf(thetas), copyOf(X), copyOf(Y), lam);
      const layer = (D: unknown, l: number): unknown => (Array.isArray(D) ? D[l] : D);
      return [
        ...[0, 1].map((l) => ({
          name: `lecture network (2-2-2, Theta with bias in column 0), x = (0.05, 0.1), y = (0.01, 0.99), lambda = 0: D${l + 1}`,
          run: () => expectMatrix(layer(run(WORKED_THETAS, WORKED_X, WORKED_Y, 0), l), worked[l].expected, { mistakes: worked[l].mistakes }),
        })),
        ...[0, 1].map((l) => ({
          name: `3 examples, a 3-2-1 network, lambda = ${lambda}: D${l + 1} (${l === 0 ? "2x4" : "1x3"})`,
          run: () => expectMatrix(layer(run(batchThetas, batchX, batchY, lambda), l), batch[l].expected, { mistakes: batch[l].mistakes }),
        })),
        {
          name: "all weights 0, x = (1, 2), y = 1 (by hand: a(2) = (0.5, 0.5), a(3) = 0.5, delta(3) = -0.5, delta(2) = 0)",
          run: () => {
            const D = run([[[0, 0, 0], [0, 0, 0]], [[0, 0, 0]]], [[1, 2]], [[1]], 0);
            expectMatrix(layer(D, 1), [[-0.5, -0.25, -0.25]], { mistakes: [{ name: "y - a instead of a - y", value: [[0.5, 0.25, 0.25]] }] });
            expectMatrix(layer(D, 0), [[0, 0, 0], [0, 0, 0]]);
          },
        },
        {
          name: "thetas, X and Y are left unchanged",
          run: () => {
            const T = copyOf(batchThetas), X = copyOf(batchX), Y = copyOf(batchY);
            backpropGradients(T, X, Y, lambda);
            expectTrue(same(T, batchThetas) && same(X, batchX) && same(Y, batchY), "an argument was changed; accumulate into new matrices", "the input is mutated");
          },
        },
      ];
    },
  },

  numericalGradient: {
    forbidden: ["numericGradients", "gradientCheck", "centralDifference"],
    cases: (numericalGradient) => {
      // A quadratic: central differences are exact for it, whatever eps; a one-sided difference is off by eps/2 f''.
      const quad = (t: number[]) => t[0] ** 2 + 3 * t[0] * t[1] - 2 * t[1] ** 2;
      const quadMistakes: KnownMistake[] = [
        { name: "a one-sided difference (f(theta + eps) - f(theta)) / eps instead of the central one", value: [-3.9, 10.8] },
        { name: "a one-sided difference (f(theta + eps) - f(theta)) / eps instead of the central one", value: [-4.1, 11.2] },
        { name: "the difference is divided by eps instead of 2 eps", value: [-8, 22] },
        { name: "theta is not restored after changing an entry: the next entries are evaluated at a shifted point", value: [-4, 10.7] },
        { name: "theta is not restored after changing an entry: the next entries are evaluated at a shifted point", value: [-4, 11.3] },
      ];
      return [
        {
          name: "f(t) = t0^2 + 3 t0 t1 - 2 t1^2 at theta = (1, -2), eps = 0.1: the exact gradient (-4, 11)",
          run: () => expectValues(numericalGradient(quad, [1, -2], 0.1), [-4, 11], { mistakes: quadMistakes }),
        },
        {
          name: "f(t) = t0^3 at theta = (2), eps = 0.01: the central difference is 3 t0^2 + eps^2 = 12.0001",
          run: () => expectValues(numericalGradient((t) => t[0] ** 3, [2], 0.01), [12.0001], {
            tolerance: 1e-9,
            mistakes: [
              { name: "a one-sided difference (f(theta + eps) - f(theta)) / eps instead of the central one", value: [12.0601] },
              { name: "the difference is divided by eps instead of 2 eps", value: [24.0002] },
            ],
          }),
        },
        {
          name: "theta is left unchanged (every changed entry is put back)",
          run: () => {
            const theta = [0.3, -1.7, 2.5];
            numericalGradient((t) => t[0] * t[1] + t[2] ** 2, theta, 1e-4);
            expectTrue(same(theta, [0.3, -1.7, 2.5]), `theta was changed to ${JSON.stringify(theta)}`, "theta is not restored after changing an entry");
          },
        },
        {
          name: "f sees only one entry changed at a time: f(t) = t0 t1 + t2^2 at (0.3, -1.7, 2.5) gives (-1.7, 0.3, 5)",
          run: () => expectValues(numericalGradient((t) => t[0] * t[1] + t[2] ** 2, [0.3, -1.7, 2.5], 1e-3), [-1.7, 0.3, 5], { tolerance: 1e-8 }),
        },
      ];
    },
  },

  layerGradientCheck: {
    forbidden: ["numericGradients", "gradientCheck"],
    cases: (layerGradientCheck) => {
      // With D = c N in a layer, ||D - N|| / (||D|| + ||N||) = |c - 1| / (|c| + 1) exactly. The step
      // eps = 1e-6 and the tolerance 1e-5 let a numericalGradient that forgets to restore theta
      // (off by about eps here) pass: that mistake is numericalGradient's, and costs there.
      const scaled = (c1: number, c2: number) => (t: number[][][]) => quadraticGradient(t).map((D, l) => D.map((r) => r.map((v) => v * (l === 0 ? c1 : c2))));
      const mistakes = (c: number[]): KnownMistake[] => [
        { name: "divided by ||D|| only: the relative difference is ||D - N|| / (||D|| + ||N||)", value: c.map((ci) => Math.abs(ci - 1) / Math.abs(ci)) },
        { name: "the norms were not square-rooted: ||D - N||^2 / (||D||^2 + ||N||^2)", value: c.map((ci) => (ci - 1) ** 2 / (ci * ci + 1)) },
      ];
      return [
        {
          name: "a quadratic cost and its exact gradient: both layers' differences are 0 (below 1e-5)",
          run: () => {
            const got = layerGradientCheck(quadraticCost, quadraticGradient, copyOf(QUAD_THETAS), 1e-6);
            expectTrue(Array.isArray(got) && got.length === 2, `expected a list of 2 differences (one per layer), got ${JSON.stringify(got)}`, Array.isArray(got) && got.length === 1 ? "one difference for all layers together: the check is per layer" : null);
            expectValues(got, [0, 0], { tolerance: 1e-5 });
          },
        },
        {
          name: "layer 1 right, layer 2 twice too large (D2 = 2 N2): differences (0, 1/3)",
          run: () => expectValues(layerGradientCheck(quadraticCost, scaled(1, 2), copyOf(QUAD_THETAS), 1e-6), [0, 1 / 3], { tolerance: 1e-5, mistakes: mistakes([1, 2]) }),
        },
        {
          name: "layer 1 with the sign flipped (D1 = -N1), layer 2 half too small (D2 = N2 / 2): differences (1, 1/3)",
          run: () => expectValues(layerGradientCheck(quadraticCost, scaled(-1, 0.5), copyOf(QUAD_THETAS), 1e-6), [1, 1 / 3], { tolerance: 1e-5, mistakes: mistakes([-1, 0.5]) }),
        },
        {
          name: "the regularized cross-entropy of a 3-2-1 network with its right gradient: both differences below 1e-5",
          run: () => {
            const X = [[1, 0, -1], [0.5, 2, 0]], Y = [[1], [0]];
            const thetas = [[[0.1, -0.4, 0.3, 0.8], [-0.2, 0.5, -0.7, 0.2]], [[0.3, -1.2, 0.9]]];
            const got = layerGradientCheck((t) => referenceCost(t, X, Y, 0.5), (t) => referenceGradients(t, X, Y, 0.5), copyOf(thetas), 1e-6);
            expectTrue(Array.isArray(got) && got.length === 2 && got.every((v) => typeof v === "number" && v >= 0 && v < 1e-5), `expected two differences below 1e-5, got ${JSON.stringify(got)}`);
          },
        },
        {
          name: "a zero gradient of a constant cost gives 0, not NaN; three layers give three differences",
          run: () => {
            const thetas = [[[1, 2]], [[3, 4]], [[5, 6]]];
            expectValues(layerGradientCheck(() => 7, (t) => t.map((T) => T.map((r) => r.map(() => 0))), thetas, 1e-3), [0, 0, 0]);
          },
        },
        {
          name: "thetas is left unchanged",
          run: () => {
            const thetas = copyOf(QUAD_THETAS);
            layerGradientCheck(quadraticCost, quadraticGradient, thetas, 1e-3);
            expectTrue(same(thetas, QUAD_THETAS), `thetas was changed to ${JSON.stringify(thetas)}`, "the input is mutated");
          },
        },
      ];
    },
  },

  bugReport: {
    cases: (bugReport) => {
      // Where each suspect goes wrong, measured here: its [D1, D2] against the library's on a small problem.
      const X = [[0.5, -1], [1.5, 0.2], [-0.7, 0.9]], Y = [[1, 0], [0, 1], [1, 1]];
      const thetas = [[[0.1, 0.6, -0.4], [-0.3, 0.2, 0.8]], [[0.2, -0.5, 0.7], [0.4, 0.9, -0.6]]];
      const right = referenceGradients(thetas, X, Y, 1);
      const wrongLayers = (name: SuspectName): BugLayer => {
        const D = backpropSuspects[name](copyOf(thetas), X, Y, 1);
        const off = [0, 1].map((l) => D[l].some((r, i) => r.some((v, j) => Math.abs(v - right[l][i][j]) > 1e-9)));
        return off[0] && off[1] ? "both" : off[0] ? 1 : 2;
      };
      const entry = (name: SuspectName): { layer?: unknown; bug?: unknown } => {
        const report = bugReport() as unknown;
        if (typeof report !== "object" || report === null) fail(`expected an object { A: {...}, B: {...}, C: {...}, D: {...} }, got ${JSON.stringify(report)}`);
        const e = (report as Record<string, unknown>)[name];
        if (typeof e !== "object" || e === null) fail(`the report has no entry for suspect ${name} (an object { layer, bug })`);
        return e as { layer?: unknown; bug?: unknown };
      };
      return [
        {
          name: "every suspect A, B, C, D has a layer (1, 2 or \"both\") and a bug from BUG_KINDS",
          run: () => {
            for (const name of SUSPECT_NAMES) {
              const e = entry(name);
              expectTrue(e.layer === 1 || e.layer === 2 || e.layer === "both", `suspect ${name}: layer must be 1, 2 or "both", got ${JSON.stringify(e.layer)}`, "a layer that is not 1, 2 or \"both\"");
              expectTrue(typeof e.bug === "string" && (BUG_KINDS as readonly string[]).includes(e.bug), `suspect ${name}: ${JSON.stringify(e.bug)} is not one of BUG_KINDS (${BUG_KINDS.map((k) => JSON.stringify(k)).join(", ")})`, "a bug name that is not one of BUG_KINDS");
            }
          },
        },
        ...SUSPECT_NAMES.map((name) => ({
          name: `suspect ${name}: the layer named is where its per-layer gradient check fails`,
          run: () => {
            const layer = entry(name).layer;
            if (layer !== wrongLayers(name)) fail(`suspect ${name}: layer ${JSON.stringify(layer)} is not where its per-layer gradient check fails; run layerGradientCheck on it`, "the layer of a suspect is not where its per-layer gradient check fails");
          },
        })),
      ];
    },
  },

  costEvaluations: {
    forbidden: ["parameterCount"],
    cases: (costEvaluations) => {
      // By hand: a layer from s units to t units has (s + 1) t parameters (t biases); each costs two evaluations.
      const mistakes = (sizes: number[]): KnownMistake[] => {
        const pairs = sizes.slice(1).map((t, l) => [sizes[l], t]);
        const weights = pairs.reduce((s, [a, b]) => s + a * b, 0);
        const params = pairs.reduce((s, [a, b]) => s + (a + 1) * b, 0);
        return [
          { name: "the biases are not counted: each unit above the input has one", value: 2 * weights },
          { name: "one evaluation per parameter: a central difference needs J(theta + eps) AND J(theta - eps)", value: params },
          { name: "the bias on the wrong side: a layer from s to t units has (s + 1) t parameters, not s (t + 1)", value: 2 * pairs.reduce((s, [a, b]) => s + a * (b + 1), 0) },
          { name: "a one-sided count (one evaluation per parameter plus J(theta)): the course checks with central differences", value: params + 1 },
        ];
      };
      return [
        { name: "the 2-2-2 worked example: 12 parameters, 24 evaluations", run: () => expectClose(costEvaluations([2, 2, 2]), 24, { mistakes: mistakes([2, 2, 2]) }) },
        { name: "file 001's digits network 400-25-10", run: () => expectClose(costEvaluations([400, 25, 10]), 20570, { mistakes: mistakes([400, 25, 10]) }) },
        { name: "two hidden layers, 3-5-4-1", run: () => expectClose(costEvaluations([3, 5, 4, 1]), 98, { mistakes: mistakes([3, 5, 4, 1]) }) },
        {
          name: "the sizes are left unchanged",
          run: () => {
            const sizes = [3, 5, 4, 1];
            costEvaluations(sizes);
            expectTrue(same(sizes, [3, 5, 4, 1]), `sizes was changed to ${JSON.stringify(sizes)}`, "the input is mutated");
          },
        },
      ];
    },
  },
});

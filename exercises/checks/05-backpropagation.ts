/** Public checks of exercises/05-backpropagation.ts (run by the notebook's check cell and `npm run check -- 05`). */
import { backprop, backpropPerExample, networkFromThetas, toArray } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue, expectValues, type KnownMistake } from "../../lib/exercise";

export type Exercises = {
  sigmoidGradient: (z: number[]) => number[];
  outputDelta: (a: number[][], y: number[][]) => number[][];
  hiddenDelta: (theta: number[][], deltaNext: number[][], z: number[][]) => number[][];
  backpropGradients: (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => number[][][];
  numericalGradient: (f: (theta: number[]) => number, theta: number[], eps: number) => number[];
};

// Expected values come from closed forms, hand computation, or the library (itself tested against
// 64-digit arithmetic and the published walkthrough in test/worked-example.test.ts).
const logistic = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const slope = (z: number): number => logistic(z) * (1 - logistic(z));
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

/** What the checks expect from backpropGradients, and what typical slips give instead, from the library. */
function gradientCases(thetas: number[][][], X: number[][], Y: number[][], lambda: number) {
  const net = sigmoidNet(thetas);
  const reg = (includeBias: boolean) => ({ kind: "l2" as const, lambda, scale: "lambda/2m" as const, includeBias });
  const right = backpropPerExample(net, X, Y, { loss: "binaryCrossEntropy", regularization: reg(false) });
  const m = X.length;
  const penalty = (l: number, c: number) => mapM(thetas[l], (t, _i, j) => (j === 0 ? 0 : c * t));
  const plus = (A: number[][], B: number[][]) => mapM(A, (v, i, j) => v + B[i][j]);
  const last = backpropPerExample(net, [X[m - 1]], [Y[m - 1]], { loss: "binaryCrossEntropy" }).Delta.map(toArray);
  const biasReg = backpropPerExample(net, X, Y, { loss: "binaryCrossEntropy", regularization: reg(true) }).D.map(toArray);
  const squared = backpropPerExample(net, X, Y, { loss: "halfSquared", regularization: reg(false) }).D.map(toArray);
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

export const checks = defineExercises<Exercises>("05-backpropagation", {
  sigmoidGradient: {
    forbidden: ["sigmoidPrime"],
    cases: (sigmoidGradient) => {
      const zs = [-2, -0.5, 0, 1, 3];
      // The closed form e^(-z) / (1 + e^(-z))^2, independent of the a(1 - a) form.
      const expected = zs.map((z) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2);
      const commonMistakes = (z: number[]): KnownMistake[] => [
        { name: "sigma'(a) instead of sigma'(z): the sigmoid is applied twice, g(g(z))(1 - g(g(z)))", value: z.map((v) => slope(logistic(v))) },
        { name: "g(z) instead of g'(z): the sigmoid itself, not its derivative", value: z.map(logistic) },
        { name: "a(1 - a) applied to z itself: z(1 - z); the formula needs a = g(z)", value: z.map((v) => v * (1 - v)) },
        { name: "1 - g(z): the factor g(z) is missing", value: z.map((v) => 1 - logistic(v)) },
      ];
      return [
        {
          name: "z = [0] gives [0.25] (the sigmoid's steepest point)",
          run: () => expectValues(sigmoidGradient([0]), [0.25], { mistakes: commonMistakes([0]) }),
        },
        {
          name: "z = [-2, -0.5, 0, 1, 3] gives e^(-z) / (1 + e^(-z))^2 at each",
          run: () => expectValues(sigmoidGradient(zs.slice()), expected, { mistakes: commonMistakes(zs) }),
        },
        {
          name: "large |z|: z = [-1000, 1000] gives [0, 0], not NaN",
          run: () => {
            const out = sigmoidGradient([-1000, 1000]);
            const finite = Array.isArray(out) && out.every((v) => typeof v === "number" && Number.isFinite(v));
            expectTrue(finite || !Array.isArray(out), `expected [0, 0], got ${JSON.stringify(out)} (NaN is written as null)`,
              "e^(-z) / (1 + e^(-z))^2 overflows for large |z| (Infinity / Infinity = NaN): compute g(z) first");
            expectValues(out, [0, 0]);
          },
        },
        {
          name: "the input array is left unchanged and a new array of the same length is returned",
          run: () => {
            const z = [-1, 0.5, 2];
            const out = sigmoidGradient(z);
            expectTrue(same(z, [-1, 0.5, 2]), `z was changed to ${JSON.stringify(z)}; return a new array instead`, "the input is mutated");
            expectValues(out, [-1, 0.5, 2].map(slope));
          },
        },
      ];
    },
  },

  outputDelta: {
    forbidden: ["outputDelta"],
    cases: (outputDelta) => {
      const a = [[0.75136507, 0.772928465]]; // the worked example's outputs (M. Mazur's published values)
      const mistakes = (A: number[][], Y: number[][]): KnownMistake[] => [
        { name: "y - a instead of a - y (file 001's backward slide writes y - a; this course uses a - y)", value: mapM(A, (v, i, j) => Y[i][j] - v) },
        { name: "(a - y) a (1 - a): the sigmoid derivative multiplied in; at a fused output (sigmoid + cross-entropy) it cancels", value: mapM(A, (v, i, j) => (v - Y[i][j]) * v * (1 - v)) },
      ];
      const A3 = [[0.9, 0.2], [0.1, 0.6], [0.5, 0.5]];
      const Y3 = [[1, 0], [0, 1], [1, 0]];
      return [
        {
          name: "lecture example: a = (0.75136507, 0.772928465), y = (0.01, 0.99) give (0.74136507, -0.217071535)",
          run: () => expectMatrix(outputDelta(copyOf(a), copyOf(WORKED_Y)), [[0.74136507, -0.217071535]], { mistakes: mistakes(a, WORKED_Y) }),
        },
        {
          name: "a batch of 3 examples with 2 outputs: one row of a - y per example",
          run: () => expectMatrix(outputDelta(copyOf(A3), copyOf(Y3)), [[-0.1, 0.2], [0.1, -0.4], [-0.5, 0.5]], { mistakes: mistakes(A3, Y3) }),
        },
        {
          name: "a and y are left unchanged",
          run: () => {
            const A = copyOf(A3), Y = copyOf(Y3);
            outputDelta(A, Y);
            expectTrue(same(A, A3) && same(Y, Y3), "a or y was changed; return a new matrix instead", "the input is mutated");
          },
        },
      ];
    },
  },

  hiddenDelta: {
    forbidden: ["backprop", "backpropPerExample", "backpropUnchecked"],
    cases: (hiddenDelta) => {
      // The worked example: delta^(3) and z^(2) from the library's backprop with the half-squared cost.
      const worked = backprop(sigmoidNet(WORKED_THETAS), WORKED_X, WORKED_Y, { loss: "halfSquared" });
      const theta = WORKED_THETAS[1];
      const d3 = toArray(worked.deltas[1]);
      const z2 = toArray(worked.trace.z[0]);
      const mistakes = (T: number[][], D: number[][], Z: number[][]): KnownMistake[] => {
        const back = (weight: (i: number, j: number) => number, cols: number) =>
          D.map((d) => Array.from({ length: cols }, (_, j) => d.reduce((s, di, i) => s + di * weight(i, j), 0)));
        const n = Z[0].length;
        const through = back((i, j) => T[i][j + 1], n);
        const list: KnownMistake[] = [
          { name: "g'(a) instead of g'(z): the sigmoid derivative taken at the activation a = g(z)", value: mapM(through, (v, s, j) => v * slope(logistic(Z[s][j]))) },
          { name: "a(1 - a) applied to z: the factor must be g(z)(1 - g(z))", value: mapM(through, (v, s, j) => v * Z[s][j] * (1 - Z[s][j])) },
          { name: "the factor g'(z) is left out", value: through },
          { name: "the bias column is not dropped: column 0 of Theta (the bias weights) is used as if it were unit 1's", value: mapM(back((i, j) => T[i][j], n), (v, s, j) => v * slope(Z[s][j])) },
          // With a_0 = 1 the bias "delta" is dA_0 * a_0 (1 - a_0) = 0.
          { name: "the bias column is not dropped: the result has a delta for the bias unit (one column too many)", value: back((i, j) => T[i][j], n + 1).map((r, s) => r.map((v, j) => (j === 0 ? 0 : v * slope(Z[s][j - 1])))) },
        ];
        if (T.length === n) {
          list.push({ name: "Theta is not transposed: row j of Theta was used for hidden unit j instead of column j", value: mapM(back((i, j) => T[j][i + 1], n), (v, s, j) => v * slope(Z[s][j])) });
        }
        return list;
      };
      const theta2 = [[0.1, -0.3, 0.8, 0.5], [-0.2, 0.6, 0.4, -0.9]];
      const dNext = [[0.25, -0.5], [-0.1, 0.3]];
      const zHidden = [[0.5, -1, 2], [0, 1.5, -0.5]];
      const expected2 = zHidden.map((zr, s) => zr.map((zj, j) => (dNext[s][0] * theta2[0][j + 1] + dNext[s][1] * theta2[1][j + 1]) * slope(zj)));
      return [
        {
          name: "lecture example (2-2-2, half-squared cost): Theta(2) = [[0.6, 0.40, 0.45], [0.6, 0.50, 0.55]], delta(3) and z(2) of x = (0.05, 0.1)",
          run: () => {
            const got = hiddenDelta(copyOf(theta), copyOf(d3), copyOf(z2));
            expectMatrix(got, toArray(worked.deltas[0]), { mistakes: mistakes(theta, d3, z2) });
            // The published walkthrough: dE/dw1 = delta_h1 * x1 = 0.000438568.
            expectClose(got[0][0] * 0.05, 0.000438568, { tolerance: 1e-8 });
          },
        },
        {
          name: "2 examples, 3 hidden units, 2 output units: Theta is 2x4, the result 2x3",
          run: () => expectMatrix(hiddenDelta(copyOf(theta2), copyOf(dNext), copyOf(zHidden)), expected2, { mistakes: mistakes(theta2, dNext, zHidden) }),
        },
        {
          name: "Theta, deltaNext and z are left unchanged",
          run: () => {
            const T = copyOf(theta2), D = copyOf(dNext), Z = copyOf(zHidden);
            hiddenDelta(T, D, Z);
            expectTrue(same(T, theta2) && same(D, dNext) && same(Z, zHidden), "an argument was changed; compute into a new matrix", "the input is mutated");
          },
        },
      ];
    },
  },

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
});

/** Public checks of exercises/05-backpropagation.ts (run by the notebook's check cell and `npm run check -- 05`). */
import { backprop, cost, gradientStep, networkFromThetas, toArray } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue, expectValues, fail, type KnownMistake } from "../../lib/exercise";

export type WorkedWeight = "w1" | "w2" | "w3" | "w4" | "w5" | "w6" | "w7" | "w8";

export type Exercises = {
  sigmoidGradient: (z: number[]) => number[];
  outputDelta: (a: number[][], y: number[][]) => number[][];
  hiddenDelta: (theta: number[][], deltaNext: number[][], a: number[][]) => number[][];
  tanhOutputDelta: (a: number[][], y: number[][]) => number[][];
  softmaxBackward: (z: number[], upstream: number[]) => number[];
  reluHiddenDelta: (theta: number[][], deltaNext: number[][], z: number[][]) => number[][];
  workedExamplePredictions: () => { largestGradient: WorkedWeight; errorAfterOneStep: number };
};

// Expected values come from closed forms, central differences of the cost, or the library (itself
// tested against 64-digit arithmetic and the published walkthrough in test/worked-example.test.ts).
const logistic = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const slope = (z: number): number => logistic(z) * (1 - logistic(z));
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const mapM = (M: number[][], f: (v: number, i: number, j: number) => number): number[][] => M.map((r, i) => r.map((v, j) => f(v, i, j)));
/** d/dx of f at x by central differences (h = 1e-6: the error is about 1e-10 for these smooth costs). */
const derivative = (f: (x: number) => number, x: number): number => (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;
/** sum_i deltaNext_i Theta[i][j + 1] for each example and unit j: (Theta^T delta)_{1..n} without the bias row. */
const backThrough = (T: number[][], D: number[][], n: number): number[][] =>
  D.map((d) => Array.from({ length: n }, (_, j) => d.reduce((s, di, i) => s + di * T[i][j + 1], 0)));

/** The 2-2-2 worked example of file 000, in the Theta layout (bias in column 0); README explains the reading. */
const WORKED_THETAS = [
  [[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]],
  [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]],
];
const WORKED_X = [[0.05, 0.1]];
const WORKED_Y = [[0.01, 0.99]];
const WEIGHTS: readonly WorkedWeight[] = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"];

const sigmoidNet = (thetas: number[][][]) => networkFromThetas(thetas, { hidden: "sigmoid", output: "sigmoid" });

/** The worked example's eight weight gradients in the walkthrough's order, and J after one step on the weights. */
function workedExampleFacts(): { gradients: number[]; before: number; afterOneStep: number } {
  const net = sigmoidNet(WORKED_THETAS);
  const result = backprop(net, WORKED_X, WORKED_Y, { loss: "halfSquared" });
  // W^(l) is (units of layer l+1) x (units of layer l); the walkthrough's w1, w2 enter h1, w3, w4 enter h2, ...
  const gradients = result.gradients.W.flatMap((g) => toArray(g).flat());
  const stepped = gradientStep(net, result.gradients, { weights: 0.5, biases: 0 });
  return { gradients, before: result.cost.total, afterOneStep: cost(stepped, WORKED_X, WORKED_Y, { loss: "halfSquared" }).total };
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
        { name: "y - a instead of a - y (file 001's backward slide writes y - a; this course uses delta = dJ/dz = a - y)", value: mapM(A, (v, i, j) => Y[i][j] - v) },
        { name: "(a - y) a (1 - a): the sigmoid derivative multiplied in; at a sigmoid output with cross-entropy it cancels", value: mapM(A, (v, i, j) => (v - Y[i][j]) * v * (1 - v)) },
      ];
      const A3 = [[0.9, 0.2], [0.1, 0.6], [0.5, 0.5]];
      const Y3 = [[1, 0], [0, 1], [1, 0]];
      // dJ/dz of J = -[y log g(z) + (1 - y) log(1 - g(z))], by central differences at z = logit(a).
      const numeric = (A: number[][], Y: number[][]) => mapM(A, (v, i, k) => {
        const y = Y[i][k];
        return derivative((z) => -(y * Math.log(logistic(z)) + (1 - y) * Math.log(1 - logistic(z))), Math.log(v / (1 - v)));
      });
      return [
        {
          name: "lecture outputs a = (0.75136507, 0.772928465), y = (0.01, 0.99): (0.74136507, -0.217071535)",
          run: () => expectMatrix(outputDelta(copyOf(a), copyOf(WORKED_Y)), [[0.74136507, -0.217071535]], { mistakes: mistakes(a, WORKED_Y) }),
        },
        {
          name: "a batch of 3 examples with 2 outputs agrees with a numerical derivative of the cross-entropy",
          run: () => expectMatrix(outputDelta(copyOf(A3), copyOf(Y3)), numeric(A3, Y3), { tolerance: 1e-6, mistakes: mistakes(A3, Y3) }),
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
      // The worked example: delta^(3) and a^(2) from the library's backprop with the half-squared cost.
      const worked = backprop(sigmoidNet(WORKED_THETAS), WORKED_X, WORKED_Y, { loss: "halfSquared" });
      const theta = WORKED_THETAS[1];
      const d3 = toArray(worked.deltas[1]);
      const a2 = toArray(worked.trace.a[1]);
      const mistakes = (T: number[][], D: number[][], A: number[][]): KnownMistake[] => {
        const n = A[0].length;
        const through = backThrough(T, D, n);
        const list: KnownMistake[] = [
          { name: "g'(a) instead of g'(z): the sigmoid derivative taken at the activation (sigmoidGradient(a)); with a = g(z), g'(z) = a(1 - a)", value: mapM(through, (v, s, j) => v * slope(A[s][j])) },
          { name: "the factor g'(z) is left out (file 000's hidden rule, derived for linear units)", value: through },
          { name: "the bias column is not dropped: column 0 of Theta (the bias weights) is used as if it were unit 1's", value: mapM(D.map((d) => Array.from({ length: n }, (_, j) => d.reduce((s, di, i) => s + di * T[i][j], 0))), (v, s, j) => v * A[s][j] * (1 - A[s][j])) },
          { name: "g'(z) written as 1 - a: the factor a is missing", value: mapM(through, (v, s, j) => v * (1 - A[s][j])) },
        ];
        if (T.length === n) {
          list.push({ name: "Theta is not transposed: row j of Theta was used for hidden unit j instead of column j", value: mapM(D.map((d) => Array.from({ length: n }, (_, j) => d.reduce((s, di, i) => s + di * T[j][i + 1], 0))), (v, s, j) => v * A[s][j] * (1 - A[s][j])) });
        }
        return list;
      };
      const theta2 = [[0.1, -0.3, 0.8, 0.5], [-0.2, 0.6, 0.4, -0.9]];
      const dNext = [[0.25, -0.5], [-0.1, 0.3]];
      const aHidden = [[0.62, 0.27, 0.88], [0.5, 0.82, 0.38]];
      const expected2 = aHidden.map((ar, s) => ar.map((aj, j) => (dNext[s][0] * theta2[0][j + 1] + dNext[s][1] * theta2[1][j + 1]) * aj * (1 - aj)));
      const square = [[0.2, 0.7, -0.4], [-0.1, 0.3, 0.9]];
      const dSquare = [[0.6, -0.2]];
      const aSquare = [[0.3, 0.75]];
      return [
        {
          name: "lecture example (2-2-2, half-squared cost): Theta(2) = [[0.6, 0.40, 0.45], [0.6, 0.50, 0.55]], delta(3) and a(2) of x = (0.05, 0.1)",
          run: () => {
            const got = hiddenDelta(copyOf(theta), copyOf(d3), copyOf(a2));
            expectMatrix(got, toArray(worked.deltas[0]), { mistakes: mistakes(theta, d3, a2) });
            // The published walkthrough: dE/dw1 = delta_h1 * x1 = 0.000438568.
            expectClose(got[0][0] * 0.05, 0.000438568, { tolerance: 1e-8 });
          },
        },
        {
          name: "2 examples, 3 hidden units, 2 output units: Theta is 2x4, the result 2x3",
          run: () => expectMatrix(hiddenDelta(copyOf(theta2), copyOf(dNext), copyOf(aHidden)), expected2, { mistakes: mistakes(theta2, dNext, aHidden) }),
        },
        {
          name: "a square weight block (2 units above, 2 hidden units): rows and columns must not be swapped",
          run: () => {
            const want = aSquare.map((ar, s) => ar.map((aj, j) => (dSquare[s][0] * square[0][j + 1] + dSquare[s][1] * square[1][j + 1]) * aj * (1 - aj)));
            expectMatrix(hiddenDelta(copyOf(square), copyOf(dSquare), copyOf(aSquare)), want, { mistakes: mistakes(square, dSquare, aSquare) });
          },
        },
        {
          name: "Theta, deltaNext and a are left unchanged",
          run: () => {
            const T = copyOf(theta2), D = copyOf(dNext), A = copyOf(aHidden);
            hiddenDelta(T, D, A);
            expectTrue(same(T, theta2) && same(D, dNext) && same(A, aHidden), "an argument was changed; compute into a new matrix", "the input is mutated");
          },
        },
      ];
    },
  },

  tanhOutputDelta: {
    forbidden: ["tanhPrime"],
    cases: (tanhOutputDelta) => {
      // dJ/dz of J = 1/2 (tanh(z) - y)^2 by central differences at z = atanh(a): independent of any formula.
      const numeric = (A: number[][], Y: number[][]) => mapM(A, (v, i, k) => derivative((z) => 0.5 * (Math.tanh(z) - Y[i][k]) ** 2, Math.atanh(v)));
      const mistakes = (A: number[][], Y: number[][]): KnownMistake[] => [
        { name: "a - y alone: tanh with squared error is not a pair whose derivatives cancel; the chain rule keeps tanh'(z)", value: mapM(A, (v, i, k) => v - Y[i][k]) },
        { name: "the sigmoid's derivative a(1 - a) used for tanh; tanh'(z) written with a = tanh(z) is different", value: mapM(A, (v, i, k) => (v - Y[i][k]) * v * (1 - v)) },
        { name: "tanh' taken at a instead of at z: 1 - tanh(a)^2; with a = tanh(z) the derivative is written with a itself", value: mapM(A, (v, i, k) => (v - Y[i][k]) * (1 - Math.tanh(v) ** 2)) },
        { name: "y - a instead of a - y: delta = dJ/dz, whose sign makes the step Theta - alpha D go downhill", value: mapM(A, (v, i, k) => (Y[i][k] - v) * (1 - v * v)) },
        { name: "(1 - a)^2 instead of 1 - a^2", value: mapM(A, (v, i, k) => (v - Y[i][k]) * (1 - v) ** 2) },
        { name: "the -1/+1 labels were turned into 0/1 first: file 004 uses -1 and +1 as targets for a tanh output", value: mapM(A, (v, i, k) => (v - (Y[i][k] + 1) / 2) * (1 - v * v)) },
      ];
      const A = [[0.8, -0.3], [-0.95, 0.1], [0.2, 0.6]];
      const Y = [[1, -1], [-1, 1], [1, 1]];
      return [
        {
          name: "one example, one output: a = 0.5, y = +1 agrees with a numerical dJ/dz of 1/2 (tanh(z) - y)^2",
          run: () => expectMatrix(tanhOutputDelta([[0.5]], [[1]]), numeric([[0.5]], [[1]]), { tolerance: 1e-7, mistakes: mistakes([[0.5]], [[1]]) }),
        },
        {
          name: "3 examples, 2 outputs, labels -1 and +1: each entry agrees with a numerical dJ/dz",
          run: () => expectMatrix(tanhOutputDelta(copyOf(A), copyOf(Y)), numeric(A, Y), { tolerance: 1e-7, mistakes: mistakes(A, Y) }),
        },
        {
          name: "a saturated output (a = -0.999 with y = +1) learns slowly: its delta is near 0, not near -2",
          run: () => expectMatrix(tanhOutputDelta([[-0.999]], [[1]]), numeric([[-0.999]], [[1]]), { tolerance: 1e-7, mistakes: mistakes([[-0.999]], [[1]]) }),
        },
        {
          name: "a and y are left unchanged",
          run: () => {
            const a = copyOf(A), y = copyOf(Y);
            tanhOutputDelta(a, y);
            expectTrue(same(a, A) && same(y, Y), "a or y was changed; return a new matrix instead", "the input is mutated");
          },
        },
      ];
    },
  },

  softmaxBackward: {
    forbidden: ["softmax", "softmaxJacobian", "softmaxJvp", "softmaxJvpInto"],
    cases: (softmaxBackward) => {
      const soft = (z: number[]) => {
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        const s = e.reduce((t, v) => t + v, 0);
        return e.map((v) => v / s);
      };
      // dL/dz by central differences of L(softmax(z)), where dL/dh = upstream is the gradient of the
      // linear loss L(h) = upstream . h (any loss looks like this to first order).
      const numeric = (z: number[], upstream: number[]) => z.map((_, j) =>
        derivative((t) => soft(z.map((v, k) => (k === j ? t : v))).reduce((s, h, i) => s + upstream[i] * h, 0), z[j]));
      const mistakes = (z: number[], g: number[]): KnownMistake[] => {
        const h = soft(z);
        const dot = h.reduce((s, v, i) => s + v * g[i], 0);
        return [
          { name: "only the diagonal of the Jacobian, h(1 - h) * upstream: softmax outputs depend on EVERY z, so J has off-diagonal entries -h_i h_j", value: h.map((v, i) => v * (1 - v) * g[i]) },
          { name: "the off-diagonal entries have the wrong sign: dh_i/dz_j = -h_i h_j for i != j", value: h.map((v, i) => v * (g[i] + dot) - 2 * v * v * g[i]) },
          { name: "h + h * upstream: right for the cross-entropy's upstream only (it gives h - y there), not a Jacobian product", value: h.map((v, i) => v + v * g[i]) },
          { name: "the upstream gradient itself was returned: the step through the softmax is missing", value: g.slice() },
        ];
      };
      const z3 = [1, 2, 0.5];
      const y3 = [0, 1, 0];
      const h3 = soft(z3);
      const crossEntropyUpstream = y3.map((y, i) => -y / h3[i]);
      const z4 = [0.3, -1.2, 2.0, 0.7];
      const squaredUpstream = soft(z4).map((h, i) => h - [1, 0, 0, 0][i]); // dL/dh of 1/2 ||h - y||^2
      const arbitrary = [0.5, -2, 1, 3];
      return [
        {
          name: "cross-entropy upstream -y/h at z = (1, 2, 0.5), y = (0, 1, 0): J^T (-y/h) comes out as h - y",
          run: () => expectValues(softmaxBackward(z3.slice(), crossEntropyUpstream.slice()), h3.map((h, i) => h - y3[i]), { tolerance: 1e-9, mistakes: mistakes(z3, crossEntropyUpstream) }),
        },
        {
          name: "squared-error upstream h - y at 4 classes: agrees with a numerical derivative through the softmax",
          run: () => expectValues(softmaxBackward(z4.slice(), squaredUpstream.slice()), numeric(z4, squaredUpstream), { tolerance: 1e-7, mistakes: mistakes(z4, squaredUpstream) }),
        },
        {
          name: "an arbitrary upstream (0.5, -2, 1, 3): agrees with a numerical derivative, and the entries sum to 0",
          run: () => {
            const got = softmaxBackward(z4.slice(), arbitrary.slice());
            expectValues(got, numeric(z4, arbitrary), { tolerance: 1e-7, mistakes: mistakes(z4, arbitrary) });
            expectClose(got.reduce((s, v) => s + v, 0), 0, { tolerance: 1e-12 });
          },
        },
        {
          name: "large z = (1000, 999, 998) is handled without overflow",
          run: () => {
            const z = [1000, 999, 998], g = [-1, 0.5, 2];
            expectValues(softmaxBackward(z.slice(), g.slice()), numeric([2, 1, 0], g), { tolerance: 1e-7 });
          },
        },
        {
          name: "z and upstream are left unchanged",
          run: () => {
            const z = z4.slice(), g = arbitrary.slice();
            softmaxBackward(z, g);
            expectTrue(same(z, z4) && same(g, arbitrary), "z or upstream was changed; return a new array instead", "the input is mutated");
          },
        },
      ];
    },
  },

  reluHiddenDelta: {
    forbidden: ["reluPrime", "backprop", "backpropPerExample", "backpropUnchecked"],
    cases: (reluHiddenDelta) => {
      const theta = [[0.1, -0.3, 0.8, 0.5], [-0.2, 0.6, 0.4, -0.9]];
      const dNext = [[0.25, -0.5], [-0.1, 0.3]];
      const z = [[0.5, -1, 2], [-0.3, 1.5, -0.5]];
      // dJ/dz_j where J = sum_i deltaNext_i (Theta [1; relu(z)])_i: the next layer's inputs are linear in relu(z), and delta^(l+1) = dJ/dz^(l+1).
      const numeric = (T: number[][], D: number[][], Z: number[][]) => Z.map((zr, s) => zr.map((zj, j) =>
        derivative((t) => T.reduce((sum, row, i) => sum + D[s][i] * (row[0] + zr.reduce((u, v, k) => u + row[k + 1] * Math.max(0, k === j ? t : v), 0)), 0), zj)));
      const mistakes = (T: number[][], D: number[][], Z: number[][]): KnownMistake[] => {
        const through = backThrough(T, D, Z[0].length);
        return [
          { name: "multiplied by relu(z) = max(0, z) instead of its derivative (1 for z > 0, else 0)", value: mapM(through, (v, s, j) => v * Math.max(0, Z[s][j])) },
          { name: "the sigmoid's factor g(z)(1 - g(z)) used for a ReLU layer", value: mapM(through, (v, s, j) => v * slope(Z[s][j])) },
          { name: "the ReLU derivative left out: units with z <= 0 pass no error back", value: through },
          { name: "the step reversed: the error passes where z < 0 instead of z > 0", value: mapM(through, (v, s, j) => (Z[s][j] < 0 ? v : 0)) },
          { name: "the bias column is not dropped: column 0 of Theta (the bias weights) is used as if it were unit 1's", value: mapM(D.map((d) => Array.from({ length: Z[0].length }, (_, j) => d.reduce((u, di, i) => u + di * T[i][j], 0))), (v, s, j) => (Z[s][j] > 0 ? v : 0)) },
        ];
      };
      return [
        {
          name: "2 examples, 3 ReLU units (some active, some not), 2 units above: agrees with a numerical derivative",
          run: () => expectMatrix(reluHiddenDelta(copyOf(theta), copyOf(dNext), copyOf(z)), numeric(theta, dNext, z), { tolerance: 1e-7, mistakes: mistakes(theta, dNext, z) }),
        },
        {
          name: "one example, every unit active (z > 0): the error passes back unchanged, (Theta^T delta) without the bias row",
          run: () => {
            const zz = [[0.4, 2, 0.1]];
            expectMatrix(reluHiddenDelta(copyOf(theta), [[0.25, -0.5]], zz), backThrough(theta, [[0.25, -0.5]], 3), { mistakes: mistakes(theta, [[0.25, -0.5]], zz) });
          },
        },
        {
          name: "z = 0 exactly counts as inactive (derivative 0, as the notes and the library take it)",
          run: () => expectMatrix(reluHiddenDelta([[0, 1, 1]], [[1]], [[0, 0.5]]), [[0, 1]]),
        },
        {
          name: "Theta, deltaNext and z are left unchanged",
          run: () => {
            const T = copyOf(theta), D = copyOf(dNext), Z = copyOf(z);
            reluHiddenDelta(T, D, Z);
            expectTrue(same(T, theta) && same(D, dNext) && same(Z, z), "an argument was changed; compute into a new matrix", "the input is mutated");
          },
        },
      ];
    },
  },

  workedExamplePredictions: {
    cases: (workedExamplePredictions) => {
      const facts = workedExampleFacts();
      const largest = WEIGHTS[facts.gradients.reduce((best, g, k, all) => (Math.abs(g) > Math.abs(all[best]) ? k : best), 0)];
      const answers = () => workedExamplePredictions() as unknown;
      const field = (name: string): unknown => {
        const got = answers();
        if (typeof got !== "object" || got === null || !(name in got)) fail(`expected an object with a field ${name}, got ${JSON.stringify(got)}`);
        return (got as Record<string, unknown>)[name];
      };
      return [
        {
          name: "largestGradient names one of the weights w1 .. w8",
          run: () => {
            const w = field("largestGradient");
            expectTrue(typeof w === "string" && (WEIGHTS as readonly string[]).includes(w), `largestGradient must be one of ${WEIGHTS.join(", ")}, got ${JSON.stringify(w)}`, "the answer is not one of the names w1 .. w8");
          },
        },
        {
          name: "largestGradient is the weight with the largest |dJ/dw| (the check does not tell which)",
          run: () => {
            const w = field("largestGradient");
            if (w === largest) return;
            const k = WEIGHTS.indexOf(w as WorkedWeight);
            const hidden = k >= 0 && k < 4;
            fail(`${JSON.stringify(w)} is not the weight with the largest |dJ/dw|`,
              hidden ? "a weight into a hidden unit: its gradient carries delta(3) back through g'(z) <= 0.25 and is multiplied by a small input"
                : "not the largest output weight: compare |delta(3)_k| a(2)_j for the four weights into the outputs");
          },
        },
        {
          name: "errorAfterOneStep is J after one step of alpha = 0.5 on the eight weights, within 1e-4 (the check does not tell the value)",
          run: () => {
            const e = field("errorAfterOneStep");
            expectTrue(typeof e === "number" && Number.isFinite(e), `errorAfterOneStep must be a number, got ${JSON.stringify(e)}`);
            const value = e as number;
            if (Math.abs(value - facts.afterOneStep) <= 1e-4) return;
            if (value > facts.before) fail(`${value} is higher than the error before the step: a gradient step with a small enough alpha lowers J`, "the step went uphill (the sign of the gradient)");
            if (Math.abs(value - facts.before) < 1e-4) fail(`${value} is the error before the step`, "the error before the step, not after it");
            fail(`${value} is more than 1e-4 away from the error after one step`, value < facts.afterOneStep ? "too large a drop: the first-order drop is alpha * sum (dJ/dw)^2, not sum |dJ/dw| or alpha * sum |dJ/dw|" : null);
          },
        },
      ];
    },
  },
});

/** Public checks of exercises/10-multiclass-digits.ts (the notebook's check cell and `npm run check -- 10`). */
import { backpropPerExample, createRandom, networkFromThetas, predict, toArray } from "../../lib";
import { defineExercises, expectEqual, expectMatrix, expectTrue, fail, type KnownMistake } from "../../lib/exercise";

export interface EpochSettings {
  batchSize: number;
  rates: { weights: number; biases: number };
  lambda: number;
}
export type Exercises = {
  predictClasses: (thetas: number[][][], X: number[][]) => number[];
  confusionCounts: (actual: number[], predicted: number[], classes: number) => number[][];
  trainEpoch: (thetas: number[][][], X: number[][], Y: number[][], settings: EpochSettings) => number[][][];
};

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// ---- predictClasses -------------------------------------------------------------------------

const sigmoidNet = (thetas: number[][][]) => networkFromThetas(thetas, { hidden: "sigmoid", output: "sigmoid" });
const argmax = (row: ArrayLike<number>, pick: (a: number, b: number) => boolean = (a, b) => a > b): number => {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (pick(row[k], row[best])) best = k;
  return best;
};
/** The outputs of every layer for each row, from the library's forward pass (tested against the notes' worked example). */
const layerOutputs = (thetas: number[][][], X: number[][], upTo: number): number[][] =>
  upTo === 0 ? X : toArray(predict(sigmoidNet(thetas.slice(0, upTo)), X));

function predictionSlips(thetas: number[][][], X: number[][]): KnownMistake[] {
  const H = layerOutputs(thetas, X, thetas.length);
  return [
    { name: "the largest output VALUE was returned instead of its index (the class)", value: H.map((h) => Math.max(...h)) },
    { name: "the classes are counted from 1; they start at 0, like the output units", value: H.map((h) => argmax(h) + 1) },
    { name: "the smallest output was picked (argmin)", value: H.map((h) => argmax(h, (a, b) => a < b)) },
    { name: "on a tie the last largest output was taken; take the first", value: H.map((h) => argmax(h, (a, b) => a >= b)) },
    { name: "the first hidden layer's activations were used (forwardTheta's layers[1]); the outputs are its LAST layer", value: layerOutputs(thetas, X, 1).map((h) => argmax(h)) },
    { name: "the input x itself was used (forwardTheta's layers[0]); the outputs are its LAST layer", value: X.map((x) => argmax(x)) },
  ];
}

/** Random Theta matrices for layer sizes [n, s, ..., K], bias weights in column 0. */
function randomThetas(seed: number, sizes: number[], spread: number): number[][][] {
  const rng = createRandom(seed);
  return sizes.slice(1).map((units, l) => Array.from({ length: units }, () => Array.from({ length: sizes[l] + 1 }, () => Math.round(rng.uniform(-spread, spread) * 100) / 100)));
}

// ---- trainEpoch -----------------------------------------------------------------------------

type Slip = "dropsLast" | "oneStep" | "stale" | "lambdaUnscaled" | "lambdaInverted" | "ratesSwapped" | "biasLast" | "doubleAverage";
const EPOCH_SLIPS: Record<Slip, string> = {
  dropsLast: "the last, shorter batch was dropped: it takes the rows that are left",
  oneStep: "one step for all of X: that is batch gradient descent; take one step after each mini-batch",
  stale: "every batch's gradient was taken at the starting Thetas: take each step from the Thetas the previous step left",
  lambdaUnscaled: "lambda was passed unchanged to every batch: on b rows backpropGradients adds (lambda/b) Theta, m/b times the penalty gradient (lambda/m) Theta of J; pass lambda * b / m",
  lambdaInverted: "lambda * m / b was passed: backpropGradients on b rows adds (lambda'/b) Theta, and J's penalty gradient is (lambda/m) Theta, so lambda' = lambda * b / m",
  ratesSwapped: "the weight and bias rates are swapped",
  biasLast: "the bias weights were taken from the last column of Theta: the notes' Theta = [b | W] has them in column 0",
  doubleAverage: "the gradient was divided by the batch size again: backpropGradients already averages over its rows",
};

/** The epoch by the library's backprop (the same cost as exercise 05: sigmoid units, cross-entropy, L2 without the bias column), with a slip when asked. */
function epoch(thetas: number[][][], X: number[][], Y: number[][], s: EpochSettings, slip: Slip | null = null): number[][][] {
  const m = X.length;
  const size = slip === "oneStep" ? m : s.batchSize;
  const rates = slip === "ratesSwapped" ? { weights: s.rates.biases, biases: s.rates.weights } : s.rates;
  const biasColumn = (theta: number[][]) => (slip === "biasLast" ? theta[0].length - 1 : 0);
  let current = copyOf(thetas);
  const start = copyOf(thetas);
  for (let from = 0; from < m; from += size) {
    const to = Math.min(from + size, m);
    const b = to - from;
    if (slip === "dropsLast" && b < size) break;
    const lambda = slip === "lambdaUnscaled" ? s.lambda : slip === "lambdaInverted" ? (s.lambda * m) / b : (s.lambda * b) / m;
    const at = slip === "stale" ? start : current;
    const D = backpropPerExample(sigmoidNet(at), X.slice(from, to), Y.slice(from, to), {
      loss: "binaryCrossEntropy", regularization: { kind: "l2", lambda, scale: "lambda/2m", includeBias: false },
    }).D.map(toArray);
    const scale = slip === "doubleAverage" ? 1 / b : 1;
    current = current.map((theta, l) => theta.map((row, i) => row.map((t, j) => t - scale * (j === biasColumn(theta) ? rates.biases : rates.weights) * D[l][i][j])));
  }
  return current;
}

const EPOCH_THETAS = [
  [[0.1, 0.4, -0.3, 0.2], [-0.2, 0.1, 0.5, -0.4], [0.05, -0.6, 0.2, 0.3], [0.3, 0.2, 0.1, -0.1]],
  [[-0.1, 0.3, -0.2, 0.4, 0.1], [0.2, -0.5, 0.3, 0.1, -0.3]],
];
const EPOCH_X = [[0.5, 1, -1], [0, 0.2, 0.8], [1, -0.5, 0.3], [-0.7, 0.4, 0.9], [0.2, 0.2, -0.6]];
const EPOCH_Y = [[1, 0], [0, 1], [1, 0], [0, 1], [0, 1]];

export const checks = defineExercises<Exercises>("10-multiclass-digits", {
  predictClasses: {
    forbidden: ["argmaxRows", "decideClasses", "classify", "predict"],
    cases: (f) => {
      const example = (thetas: number[][][], X: number[][], what: string) => {
        const want = layerOutputs(thetas, X, thetas.length).map((h) => argmax(h));
        return {
          name: `${what}: classes [${want.join(", ")}]`,
          run: () => expectEqual(f(copyOf(thetas), copyOf(X)), want, predictionSlips(thetas, X)),
        };
      };
      const ties = [[[0.5, 1, -1], [-0.5, 2, 1]], [[0, 0, 0], [0, 0, 0], [0, 0, 0]]];
      return [
        example(randomThetas(1, [2, 3, 4], 3), [[0, 0], [1, 0], [0, 1], [1, 1], [-1, 2]], "a 2-3-4 network and five inputs"),
        example(randomThetas(2, [3, 5, 4, 3], 2), [[1, 0.5, -1], [0.2, -0.3, 0.8], [-1, 1, 0]], "a network with two hidden layers (3-5-4-3)"),
        example(ties, [[1, 2], [-3, 0.5]], "zero output weights, so every output is 0.5 (a tie: the first class wins)"),
      ];
    },
  },
  confusionCounts: {
    forbidden: ["confusionMatrix"],
    cases: (f) => {
      const counts = (actual: number[], predicted: number[], K: number, transposed = false) => {
        const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
        actual.forEach((a, i) => (transposed ? C[predicted[i]][a]++ : C[a][predicted[i]]++));
        return C;
      };
      const example = (actual: number[], predicted: number[], K: number, what: string) => ({
        name: `${what}: actual [${actual.join(", ")}], predicted [${predicted.join(", ")}], ${K} classes`,
        run: () => expectMatrix(f(actual.slice(), predicted.slice(), K), counts(actual, predicted, K), {
          mistakes: [{ name: "rows and columns are swapped: rows are the ACTUAL classes, columns the predicted ones", value: counts(actual, predicted, K, true) }],
        }),
      });
      return [
        example([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3, "two of each class, two mistakes"),
        example([2, 2, 2, 0], [0, 0, 1, 0], 3, "a class that is never predicted right"),
        example([1, 0], [1, 0], 4, "classes absent from the data still get a row and a column"),
      ];
    },
  },
  trainEpoch: {
    forbidden: ["train", "gradientStep", "sgd", "backprop", "backpropPerExample"],
    cases: (f) => {
      const example = (settings: EpochSettings, what: string) => ({
        name: `${what}: a 3-4-2 network, 5 rows, batchSize ${settings.batchSize}, rates ${settings.rates.weights} (weights) and ${settings.rates.biases} (biases), lambda ${settings.lambda}`,
        run: () => {
          const out: unknown = f(copyOf(EPOCH_THETAS), copyOf(EPOCH_X), copyOf(EPOCH_Y), copyOf(settings));
          if (!Array.isArray(out) || out.length !== 2) fail(`expected 2 Theta matrices, got ${JSON.stringify(out)?.slice(0, 200)}`);
          const want = epoch(EPOCH_THETAS, EPOCH_X, EPOCH_Y, settings);
          const slips = (Object.keys(EPOCH_SLIPS) as Slip[]).map((slip) => ({ name: EPOCH_SLIPS[slip], value: epoch(EPOCH_THETAS, EPOCH_X, EPOCH_Y, settings, slip) }));
          (out as unknown[]).forEach((theta, l) => expectMatrix(theta, want[l], { mistakes: slips.map((m) => ({ name: m.name, value: m.value[l] })) }));
        },
      });
      return [
        example({ batchSize: 8, rates: { weights: 0.5, biases: 0.5 }, lambda: 0 }, "one batch holds every row: a single step"),
        example({ batchSize: 2, rates: { weights: 0.8, biases: 0.3 }, lambda: 0 }, "batches of 2, 2 and 1"),
        example({ batchSize: 2, rates: { weights: 0.8, biases: 0.3 }, lambda: 1 }, "the same batches with a penalty"),
        {
          name: "the arguments are left unchanged",
          run: () => {
            const thetas = copyOf(EPOCH_THETAS), X = copyOf(EPOCH_X), Y = copyOf(EPOCH_Y);
            f(thetas, X, Y, { batchSize: 2, rates: { weights: 0.8, biases: 0.3 }, lambda: 1 });
            expectTrue(same(thetas, EPOCH_THETAS) && same(X, EPOCH_X) && same(Y, EPOCH_Y), "thetas, X or Y was changed", "an input array was changed in place (sgdStep must return new arrays, and the batches must be copies or slices)");
          },
        },
      ];
    },
  },
});

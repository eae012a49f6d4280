/** Hidden tests and points of exercises/10-multiclass-digits.ts (instructor-only: never released). */
import type { EpochSettings, Exercises } from "../exercises/checks/10-multiclass-digits";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/10-multiclass-digits";
import { mistakes } from "../solutions/mistakes/10-multiclass-digits";

type Epoch = Exercises["trainEpoch"];
type FlatEpoch = (thetas: number[][][], X: number[][], Y: number[][], settings: EpochSettings) => unknown;

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/**
 * The Thetas an epoch returns, entry by entry as one list (a list of matrices is not one matrix).
 * When the result does not have the Thetas' shapes it is passed on as it is and fails the comparison.
 */
const flattened = (fn: Epoch): FlatEpoch => (thetas, X, Y, settings) => {
  const shapes = thetas.map((t) => t.map((row) => row.length));
  const out: unknown = fn(thetas, X, Y, settings);
  if (!Array.isArray(out) || out.length !== shapes.length) return out;
  const values: number[] = [];
  for (let l = 0; l < out.length; l++) {
    const theta: unknown = out[l];
    if (!Array.isArray(theta) || theta.length !== shapes[l].length || !theta.every((row, i) => isNumbers(row) && row.length === shapes[l][i])) return out;
    values.push(...(theta as number[][]).flat());
  }
  return values;
};
const wrapped = (list: readonly CataloguedMistake<Epoch>[] | undefined): CataloguedMistake<FlatEpoch>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: flattened(m.implementation) }));

/** Theta matrices for layer sizes [n, s, ..., K] (bias weights in column 0), entries in [-spread, spread]. */
function thetasFor(seed: number, sizes: number[], spread: number): number[][][] {
  const g = inputs(seed);
  return sizes.slice(1).map((units, l) => g.matrix(units, sizes[l] + 1, -spread, spread));
}

/** A one-hidden-layer problem: Thetas, m inputs and one-hot targets over K classes. */
function problem(seed: number, n: number, hidden: number, K: number, m: number): [number[][][], number[][], number[][]] {
  const g = inputs(seed + 1);
  return [thetasFor(seed, [n, hidden, K], 0.8), g.matrix(m, n, -1, 1), g.oneHot(m, K)];
}

export const grading = defineGrading<Exercises>("10-multiclass-digits", {
  predictClasses: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][][], number[][]]) =>
        againstSolution(f, solution.predictClasses, mistakes.predictClasses, { name, points, compare: "equal", args });
      return [
        test("a random 5-8-10 network on 30 inputs", 2, () => [thetasFor(921, [5, 8, 10], 3), inputs(922).matrix(30, 5, -2, 2)]),
        test("a random network with two hidden layers", 2, () => [thetasFor(923, [4, 6, 5, 7], 2), inputs(924).matrix(12, 4, -2, 2)]),
        test("zero output weights: every output ties, the first class wins", 1, () => [[thetasFor(925, [3, 4], 1)[0], Array.from({ length: 6 }, () => new Array<number>(5).fill(0))], inputs(926).matrix(5, 3)]),
        test("a single output unit", 1, () => [thetasFor(927, [3, 4, 1], 2), inputs(928).matrix(6, 3)]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [thetasFor(921, [5, 8, 10], 3), inputs(922).matrix(30, 5, -2, 2)] }),
      ];
    },
  },
  confusionCounts: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[], number[], number]) =>
        againstSolution(f, solution.confusionCounts, mistakes.confusionCounts, { name, points, compare: "equal", args });
      return [
        test("40 random examples over five classes", 2, () => { const g = inputs(911); return [g.labels(40, 5), g.labels(40, 5), 5]; }),
        test("the last classes occur neither as actual nor as predicted", 1, () => { const g = inputs(912); return [g.labels(10, 3), g.labels(10, 3), 6]; }),
        test("a classifier that always predicts the same class", 1, () => [inputs(913).labels(9, 4), new Array<number>(9).fill(2), 4]),
        test("a single example", 1, () => [[1], [0], 3]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const g = inputs(911); return [g.labels(40, 5), g.labels(40, 5), 5]; } }),
      ];
    },
  },
  trainEpoch: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][][], number[][], number[][], EpochSettings]) =>
        againstSolution(flattened(f), flattened(solution.trainEpoch), wrapped(mistakes.trainEpoch), { name, points, args });
      const rates = { weights: 0.7, biases: 0.2 };
      return [
        test("a random network, a last batch the rows do not fill, a penalty and separate rates", 3, () => [...problem(951, 4, 5, 3, 11), { batchSize: 4, rates, lambda: 0.6 }]),
        test("batch size 1: stochastic gradient descent with a penalty", 1, () => [...problem(953, 3, 4, 2, 5), { batchSize: 1, rates, lambda: 0.3 }]),
        test("a batch larger than the data: one full-batch step", 1, () => [...problem(955, 3, 3, 4, 6), { batchSize: 10, rates, lambda: 0.5 }]),
        test("batches that divide the rows exactly, no penalty", 1, () => [...problem(957, 5, 4, 3, 9), { batchSize: 3, rates, lambda: 0 }]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [...problem(951, 4, 5, 3, 11), { batchSize: 4, rates, lambda: 0.6 }] }),
      ];
    },
  },
});

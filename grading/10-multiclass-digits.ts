/** Hidden tests and points of exercises/10-multiclass-digits.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/10-multiclass-digits";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import * as solution from "../solutions/10-multiclass-digits";
import { mistakes } from "../solutions/mistakes/10-multiclass-digits";

/** m rows of K softmax probabilities (random scores, normalised). */
function softmaxRows(seed: number, m: number, K: number): number[][] {
  const g = inputs(seed);
  return Array.from({ length: m }, () => {
    const e = g.vector(K, -3, 3).map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

export const grading = defineGrading<Exercises>("10-multiclass-digits", {
  argmaxClasses: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][]]) =>
        againstSolution(f, solution.argmaxClasses, mistakes.argmaxClasses, { name, points, compare: "equal", args });
      return [
        test("a batch of 25 softmax rows over ten classes", 2, () => [softmaxRows(901, 25, 10)]),
        test("rows with ties between several classes: the first largest wins", 2, () => {
          const g = inputs(902);
          return [Array.from({ length: 12 }, () => Array.from({ length: 5 }, () => g.int(0, 3) / 4))];
        }),
        test("negative raw scores", 1, () => [inputs(903).matrix(8, 4, -9, -1)]),
        test("a single output column", 1, () => [[[0.4], [-2], [0.9]]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [softmaxRows(901, 25, 10)] }),
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
});

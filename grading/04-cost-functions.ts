/** Hidden tests and points of exercises/04-cost-functions.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/04-cost-functions";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import * as solution from "../solutions/04-cost-functions";
import { mistakes } from "../solutions/mistakes/04-cost-functions";

/**
 * A batch for the cross-entropy: m x K outputs strictly inside (0, 1), 0/1 targets (one-hot when
 * `oneHot`, independent labels otherwise), and Theta matrices for layer sizes [n, ..., K].
 */
function batch(seed: number, m: number, sizes: number[], lambda: number, oneHot: boolean): [number[][], number[][], number[][][], number] {
  const g = inputs(seed);
  const K = sizes[sizes.length - 1];
  const H = g.matrix(m, K, 0.02, 0.98);
  const Y = oneHot ? g.oneHot(m, K) : Array.from({ length: m }, () => g.labels(K, 2));
  const thetas = sizes.slice(1).map((units, j) => g.matrix(units, sizes[j] + 1, -2, 2));
  return [H, Y, thetas, lambda];
}

export const grading = defineGrading<Exercises>("04-cost-functions", {
  regularizedCrossEntropy: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => Parameters<Exercises["regularizedCrossEntropy"]>) =>
        againstSolution(f, solution.regularizedCrossEntropy, mistakes.regularizedCrossEntropy, { name, points, args });
      return [
        test("a 6-example batch with three one-hot outputs and lambda > 0", 2, () => batch(401, 6, [4, 5, 3], 0.8, true)),
        test("a 20-example batch with one output and lambda = 0 (no penalty)", 2, () => batch(402, 20, [3, 4, 1], 0, false)),
        test("a deeper network (three Theta matrices) with several independent outputs and a large lambda", 2, () => batch(403, 8, [5, 4, 3, 2], 5, false)),
        test("one example, one output, a target of 0 and lambda > 0", 1, () => [[[0.35]], [[0]], [[[1.5, -0.5, 2]]], 0.4]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => batch(401, 6, [4, 5, 3], 0.8, true) }),
      ];
    },
  },
  meanSquaredError: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][], number[][]]) =>
        againstSolution(f, solution.meanSquaredError, mistakes.meanSquaredError, { name, points, args });
      return [
        test("a random batch of 10 examples with 4 outputs", 2, () => { const g = inputs(411); return [g.matrix(10, 4, -3, 3), g.matrix(10, 4, -3, 3)]; }),
        test("one example with one output, negative values", 1, () => [[[-2.5]], [[-0.75]]]),
        test("large errors: outputs far from their targets", 1, () => { const g = inputs(413); return [g.matrix(5, 2, 50, 100), g.matrix(5, 2, -100, -50)]; }),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const g = inputs(411); return [g.matrix(10, 4, -3, 3), g.matrix(10, 4, -3, 3)]; } }),
      ];
    },
  },
});

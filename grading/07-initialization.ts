/** Hidden tests and points of exercises/07-initialization.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/07-initialization";
import { againstSolution, defineGrading, inputs } from "../grader/hidden";
import { createRandom } from "../lib/random";
import * as solution from "../solutions/07-initialization";
import { mistakes } from "../solutions/mistakes/07-initialization";

// Layer sizes are never equal here: with fanIn = fanOut, "only fanIn" and "only fanOut" give the
// same limit and the arithmetic mean the right one, so the test could name neither.
export const grading = defineGrading<Exercises>("07-initialization", {
  xavierLimit: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number]) =>
        againstSolution(f, solution.xavierLimit, mistakes.xavierLimit, { name, points, args });
      return [
        test("random layer sizes", 2, () => { const g = inputs(601); return [g.int(5, 150), g.int(151, 300)]; }),
        test("a wide layer: many more inputs than units", 1, () => [1000, 10]),
        test("one input feeding many units", 1, () => [1, 40]),
      ];
    },
  },
  xavierUniform: {
    publicPoints: 1,
    hidden: (f) => {
      // A fresh seeded generator on every call: the same seed must give the same matrix.
      const test = (name: string, points: number, fanIn: number, fanOut: number, seed: number) => {
        const args = () => [fanIn, fanOut, createRandom(seed)] as const;
        return againstSolution(f, solution.xavierUniform, mistakes.xavierUniform, { name, points, args });
      };
      return [
        test("a layer with more units than inputs, from a seeded generator", 2, 20, 30, 611),
        test("a layer with more inputs than units, from a seeded generator", 2, 40, 25, 612),
        test("one input feeding several units: a single column", 1, 1, 12, 613),
        test("one unit fed by several inputs: a single row", 1, 9, 1, 614),
      ];
    },
  },
  predictedSpread: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number, number, "linear" | "relu"]) =>
        againstSolution(f, solution.predictedSpread, mistakes.predictedSpread, { name, points, args });
      return [
        test("a deep ReLU network with a random weight variance", 2, () => { const g = inputs(621); return [g.int(20, 200), g.number(0.002, 0.05), g.int(5, 12), "relu"]; }),
        test("a deep linear network with a random weight variance", 2, () => { const g = inputs(622); return [g.int(20, 200), g.number(0.002, 0.05), g.int(5, 12), "linear"]; }),
        test("the second hidden layer of a ReLU network", 1, () => [80, 0.03, 3, "relu"]),
        test("the first hidden layer of a ReLU network", 1, () => [30, 0.1, 2, "relu"]),
      ];
    },
  },
});

/** Hidden tests and points of exercises/07-initialization.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/07-initialization";
import { againstSolution, defineGrading, inputs } from "../grader/hidden";
import { createRandom } from "../lib/random";
import * as solution from "../solutions/07-initialization";
import { mistakes } from "../solutions/mistakes/07-initialization";

export const grading = defineGrading<Exercises>("07-initialization", {
  xavierLimit: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number]) =>
        againstSolution(f, solution.xavierLimit, mistakes.xavierLimit, { name, points, args });
      return [
        test("random layer sizes", 2, () => { const g = inputs(601); return [g.int(5, 300), g.int(5, 300)]; }),
        test("a wide layer: many more inputs than units", 1, () => [1000, 10]),
        test("one input and one unit", 1, () => [1, 1]),
      ];
    },
  },
  xavierUniform: {
    publicPoints: 1,
    hidden: (f) => {
      // A fresh seeded generator on every call: the same seed must give the same matrix.
      const test = (name: string, points: number, fanIn: number, fanOut: number, seed: number) =>
        againstSolution(f, solution.xavierUniform, mistakes.xavierUniform, { name, points, args: () => [fanIn, fanOut, createRandom(seed)] });
      return [
        test("a layer with more units than inputs, from a seeded generator", 2, 20, 30, 611),
        test("a layer with more inputs than units, from a seeded generator", 2, 40, 25, 612),
        test("one input feeding several units: a single column", 1, 1, 12, 613),
        test("a single weight (one input, one unit)", 1, 1, 1, 614),
      ];
    },
  },
});

/** Hidden tests and points of exercises/08-activations.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/08-activations";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import * as solution from "../solutions/08-activations";
import { mistakes } from "../solutions/mistakes/08-activations";

export const grading = defineGrading<Exercises>("08-activations", {
  leakyRelu: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number]) =>
        againstSolution(f, solution.leakyRelu, mistakes.leakyRelu, { name, points, args });
      return [
        test("a random negative input with a random slope", 2, () => { const g = inputs(701); return [g.number(-10, -0.5), g.number(0.02, 0.3)]; }),
        test("a positive input with a large slope", 1, () => { const g = inputs(702); return [g.number(0.5, 8), g.number(0.5, 0.9)]; }),
        test("a negative input with slope 0 (the plain ReLU)", 1, () => [-4.25, 0]),
        test("a positive input with a slope above 1", 1, () => { const g = inputs(703); return [g.number(0.5, 8), g.number(1.2, 3)]; }),
      ];
    },
  },
  leakyReluPrime: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number]) =>
        againstSolution(f, solution.leakyReluPrime, mistakes.leakyReluPrime, { name, points, args });
      return [
        test("a random negative input with a slope other than the notes'", 2, () => { const g = inputs(711); return [g.number(-10, -0.5), g.number(0.15, 0.45)]; }),
        test("a positive input with a random slope", 1, () => { const g = inputs(712); return [g.number(0.5, 8), g.number(0.02, 0.3)]; }),
        test("exactly at the kink, with a slope other than the notes'", 1, () => [0, 0.25]),
        test("a positive input with a slope above 1", 1, () => { const g = inputs(713); return [g.number(0.5, 8), g.number(1.2, 3)]; }),
      ];
    },
  },
  tanhPrime: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number]) =>
        againstSolution(f, solution.tanhPrime, mistakes.tanhPrime, { name, points, args });
      return [
        test("a random moderately negative z", 2, () => [inputs(721).number(-2.5, -0.6)]),
        test("a small positive z near the steepest point", 1, () => [inputs(722).number(0.01, 0.2)]),
        test("a very negative z far in the saturated tail (no NaN)", 1, () => [-750]),
      ];
    },
  },
  stableSoftmax: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[]]) =>
        againstSolution(f, solution.stableSoftmax, mistakes.stableSoftmax, { name, points, args });
      return [
        test("a random vector of 10 scores", 2, () => [inputs(731).vector(10, -4, 4)]),
        test("large scores far above zero (no overflow)", 2, () => [inputs(732).vector(6, 700, 720)]),
        test("very negative scores (no underflow to 0 / 0)", 1, () => [inputs(733).vector(5, -920, -900)]),
        test("all scores equal", 1, () => [[2.5, 2.5, 2.5, 2.5]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [inputs(731).vector(10, -4, 4)] }),
      ];
    },
  },
});

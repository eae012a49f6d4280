/** Hidden tests and points of exercises/00-welcome.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/00-welcome";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import * as solution from "../solutions/00-welcome";
import { mistakes } from "../solutions/mistakes/00-welcome";

export const grading = defineGrading<Exercises>("00-welcome", {
  neuronInput: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, seed: number, n: number) =>
        againstSolution(f, solution.neuronInput, mistakes.neuronInput, {
          name, points,
          args: () => { const g = inputs(seed); return [g.vector(n, -2, 2), g.number(-1, 1), g.vector(n, -3, 3)]; },
        });
      return [
        test("a neuron with 5 random weights and inputs", 2, 101, 5),
        test("a neuron with 50 weights (a longer sum)", 2, 102, 50),
        test("a neuron with one weight", 1, 103, 1),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const g = inputs(101); return [g.vector(5, -2, 2), g.number(-1, 1), g.vector(5, -3, 3)]; } }),
      ];
    },
  },
});

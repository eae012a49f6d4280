/** Hidden tests and points of exercises/05-backpropagation.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/05-backpropagation";
import { againstSolution, argumentsUnchanged, defineGrading, inputs, type HiddenTest } from "../grader/hidden";
import { backprop, cost, gradientStep, networkFromThetas, toArray } from "../lib";
import { expectEqual, expectTrue } from "../lib/exercise";
import * as solution from "../solutions/05-backpropagation";
import { mistakes } from "../solutions/mistakes/05-backpropagation";

type Three = [number[][], number[][], number[][]];

/** A hidden layer's Theta above it, the errors above, and the layer's own values (activations or z). */
function layer(seed: number, m: number, s: number, K: number, low: number, high: number): Three {
  const g = inputs(seed);
  return [g.matrix(K, s + 1, -2, 2), g.matrix(m, K, -1, 1), g.matrix(m, s, low, high)];
}

/** ±1 labels, as file 004 uses for a tanh output. */
const signs = (seed: number, m: number, K: number): number[][] => inputs(seed).matrix(m, K, -1, 1).map((r) => r.map((v) => (v >= 0 ? 1 : -1)));

/** The worked example's facts, computed with the library (tested against the published walkthrough). */
function workedExample(): { largest: string; afterOneStep: number } {
  const net = networkFromThetas([[[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]], [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]]], { hidden: "sigmoid", output: "sigmoid" });
  const x = [[0.05, 0.1]], y = [[0.01, 0.99]];
  const result = backprop(net, x, y, { loss: "halfSquared" });
  const gradients = result.gradients.W.flatMap((W) => toArray(W).flat());
  const k = gradients.reduce((best, v, i) => (Math.abs(v) > Math.abs(gradients[best]) ? i : best), 0);
  const stepped = gradientStep(net, result.gradients, { weights: 0.5, biases: 0 });
  return { largest: `w${k + 1}`, afterOneStep: cost(stepped, x, y, { loss: "halfSquared" }).total };
}

function field(f: Exercises["workedExamplePredictions"], name: "largestGradient" | "errorAfterOneStep"): unknown {
  const answers: unknown = f();
  return typeof answers === "object" && answers !== null ? (answers as Record<string, unknown>)[name] : undefined;
}

export const grading = defineGrading<Exercises>("05-backpropagation", {
  sigmoidGradient: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[]]) =>
        againstSolution(f, solution.sigmoidGradient, mistakes.sigmoidGradient, { name, points, args });
      return [
        test("a random vector of 40 weighted inputs", 2, () => [inputs(501).vector(40, -6, 6)]),
        test("very large positive and negative z among ordinary ones (no NaN)", 2, () => [[-800, 2.5, 750, -35, 0.1, 1e4]]),
        test("a single negative z", 1, () => [[-1.7]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [inputs(501).vector(40, -6, 6)] }),
      ];
    },
  },
  outputDelta: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][], number[][]]) =>
        againstSolution(f, solution.outputDelta, mistakes.outputDelta, { name, points, args });
      return [
        test("a random 7-example batch with 4 one-hot outputs", 2, () => { const g = inputs(511); return [g.matrix(7, 4, 0.01, 0.99), g.oneHot(7, 4)]; }),
        test("soft targets between 0 and 1", 1, () => { const g = inputs(512); return [g.matrix(3, 3, 0.01, 0.99), g.matrix(3, 3, 0, 1)]; }),
        test("one example with one output", 1, () => [[[0.3]], [[1]]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const g = inputs(511); return [g.matrix(7, 4, 0.01, 0.99), g.oneHot(7, 4)]; } }),
      ];
    },
  },
  hiddenDelta: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => Three) =>
        againstSolution(f, solution.hiddenDelta, mistakes.hiddenDelta, { name, points, args });
      return [
        test("a 5-example batch, 4 hidden units, 3 units above", 2, () => layer(521, 5, 4, 3, 0.02, 0.98)),
        test("a square Theta: as many units above as hidden units", 2, () => layer(522, 3, 4, 4, 0.05, 0.95)),
        test("one example, one hidden unit, one unit above", 1, () => [[[0.8, -1.4]], [[0.6]], [[0.35]]]),
        test("saturated hidden units (activations near 0 and 1)", 1, () => [[[0.3, 1.1, -0.7, 0.4], [-0.5, 0.2, 0.9, -1.3]], [[0.4, -0.8], [-0.2, 0.6]], [[1e-6, 0.999999, 0.5], [0.9999, 2e-5, 0.3]]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => layer(521, 5, 4, 3, 0.02, 0.98) }),
      ];
    },
  },
  tanhOutputDelta: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][], number[][]]) =>
        againstSolution(f, solution.tanhOutputDelta, mistakes.tanhOutputDelta, { name, points, args });
      return [
        test("a random 6-example batch with 3 outputs and labels -1, +1", 2, () => [inputs(551).matrix(6, 3, -0.95, 0.95), signs(552, 6, 3)]),
        test("one output per example, outputs on the wrong side of 0", 1, () => [[[-0.4], [0.7], [-0.2]], [[1], [-1], [1]]]),
        test("nearly saturated outputs", 1, () => [[[0.9999, -0.9995], [-0.9999, 0.998]], [[1, 1], [1, -1]]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [inputs(551).matrix(6, 3, -0.95, 0.95), signs(552, 6, 3)] }),
      ];
    },
  },
  softmaxBackward: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[], number[]]) =>
        againstSolution(f, solution.softmaxBackward, mistakes.softmaxBackward, { name, points, args });
      const crossEntropy = (seed: number, K: number): [number[], number[]] => {
        const g = inputs(seed);
        const z = g.vector(K, -3, 3);
        const label = g.int(0, K - 1);
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        const s = e.reduce((t, v) => t + v, 0);
        return [z, e.map((v, i) => (i === label ? -s / v : 0))]; // -y / h
      };
      return [
        test("the cross-entropy's upstream gradient with 5 classes", 2, () => crossEntropy(561, 5)),
        test("an arbitrary upstream gradient with 6 classes", 2, () => { const g = inputs(562); return [g.vector(6, -2, 2), g.vector(6, -3, 3)]; }),
        test("large weighted inputs (an overflow-prone softmax)", 1, () => [[800, 805, 799], [0.5, -1, 2]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const g = inputs(562); return [g.vector(6, -2, 2), g.vector(6, -3, 3)]; } }),
      ];
    },
  },
  reluHiddenDelta: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => Three) =>
        againstSolution(f, solution.reluHiddenDelta, mistakes.reluHiddenDelta, { name, points, args });
      return [
        test("a 4-example batch, 5 ReLU units (active and inactive), 3 units above", 2, () => layer(571, 4, 5, 3, -2, 2)),
        test("a square Theta: as many units above as hidden units", 1, () => layer(572, 3, 3, 3, -1, 1.5)),
        test("nearly every unit inactive: little error passes back", 1, () => {
          const [theta, deltaNext, z] = layer(573, 2, 3, 2, -2, -0.1);
          z[1][2] = 0.8; // the one active unit
          return [theta, deltaNext, z];
        }),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => layer(571, 4, 5, 3, -2, 2) }),
      ];
    },
  },
  workedExamplePredictions: {
    publicPoints: 1,
    hidden: (f): HiddenTest[] => [
      {
        name: "the weight with the largest gradient",
        points: 2,
        run: () => expectEqual(field(f, "largestGradient"), workedExample().largest),
      },
      {
        name: "the error after one step, within 1e-4",
        points: 2,
        run: () => {
          const value = field(f, "errorAfterOneStep");
          expectTrue(typeof value === "number" && Math.abs(value - workedExample().afterOneStep) <= 1e-4, "a wrong value");
        },
      },
    ],
  },
});

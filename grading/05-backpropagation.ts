/** Hidden tests and points of exercises/05-backpropagation.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/05-backpropagation";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/05-backpropagation";
import { mistakes } from "../solutions/mistakes/05-backpropagation";

type Gradients = Exercises["backpropGradients"];
type Part = (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => unknown;

/**
 * One of [D1, D2] (a matrix each), or both read one after the other as one list ("both": D1 and D2
 * differ in shape, so they are not one matrix). A result of another form is passed on as it is.
 */
const part = (which: 0 | 1 | "both") => (fn: Gradients): Part => (thetas, X, Y, lambda) => {
  const D: unknown = fn(thetas, X, Y, lambda);
  if (!Array.isArray(D) || D.length !== 2) return D;
  if (which !== "both") return D[which];
  return D.every((M) => Array.isArray(M) && M.every((r) => Array.isArray(r))) ? (D as number[][][]).flatMap((M) => M.flat()) : D;
};

const wrapped = <G>(list: readonly CataloguedMistake<Gradients>[] | undefined, wrap: (fn: Gradients) => G): CataloguedMistake<G>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: wrap(m.implementation) }));

/** A one-hidden-layer network n-s-K with random weights, m random examples, 0/1 targets. */
function problem(seed: number, m: number, n: number, s: number, K: number, lambda: number): [number[][][], number[][], number[][], number] {
  const g = inputs(seed);
  const thetas = [g.matrix(s, n + 1, -1.5, 1.5), g.matrix(K, s + 1, -1.5, 1.5)];
  const X = g.matrix(m, n, -2, 2);
  const Y = K > 1 ? g.oneHot(m, K) : g.labels(m, 2).map((y) => [y]);
  return [thetas, X, Y, lambda];
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
      const test = (name: string, points: number, args: () => [number[][], number[][], number[][]]) =>
        againstSolution(f, solution.hiddenDelta, mistakes.hiddenDelta, { name, points, args });
      const layer = (seed: number, m: number, s: number, K: number, zScale: number): [number[][], number[][], number[][]] => {
        const g = inputs(seed);
        return [g.matrix(K, s + 1, -2, 2), g.matrix(m, K, -1, 1), g.matrix(m, s, -zScale, zScale)];
      };
      return [
        test("a 5-example batch, 4 hidden units, 3 units above", 2, () => layer(521, 5, 4, 3, 3)),
        test("a square Theta: as many units above as hidden units", 2, () => layer(522, 3, 4, 4, 2)),
        test("one example, one hidden unit, one unit above", 1, () => [[[0.8, -1.4]], [[0.6]], [[-0.3]]]),
        test("large weighted inputs (saturated hidden units)", 1, () => layer(524, 2, 3, 2, 30)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => layer(521, 5, 4, 3, 3) }),
      ];
    },
  },
  backpropGradients: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, which: 0 | 1 | "both", args: () => Parameters<Gradients>) =>
        againstSolution(part(which)(f), part(which)(solution.backpropGradients), wrapped(mistakes.backpropGradients, part(which)), {
          name, points, args,
        });
      return [
        test("a 6-example batch, a 4-5-3 network, lambda > 0: D1", 2, 0, () => problem(531, 6, 4, 5, 3, 0.7)),
        test("a 6-example batch, a 4-5-3 network, lambda > 0: D2", 2, 1, () => problem(531, 6, 4, 5, 3, 0.7)),
        test("a single example, a 2-3-2 network, lambda = 0: D1 and D2", 1, "both", () => problem(533, 1, 2, 3, 2, 0)),
        test("a 10-example batch, one output, a large lambda: D1 and D2", 2, "both", () => problem(534, 10, 3, 2, 1, 4)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => problem(531, 6, 4, 5, 3, 0.7) }),
      ];
    },
  },
  numericalGradient: {
    publicPoints: 1,
    hidden: (f) => {
      type Args = Parameters<Exercises["numericalGradient"]>;
      const test = (name: string, points: number, args: () => Args) =>
        againstSolution(f, solution.numericalGradient, mistakes.numericalGradient, { name, points, tolerance: 1e-6, args });
      return [
        test("a smooth non-quadratic function of 6 parameters", 2, () => {
          const g = inputs(541);
          const a = g.vector(6, -2, 2), b = g.vector(6, -1, 1);
          const fn = (t: number[]) => t.reduce((s, ti, i) => s + a[i] * Math.sin(ti), 0) + Math.exp(t.reduce((s, ti, i) => s + b[i] * ti, 0) / 4);
          return [fn, g.vector(6, -1.5, 1.5), 1e-3];
        }),
        test("a function whose parameters interact (cross terms), and theta left unchanged", 2, () => {
          const g = inputs(542);
          const fn = (t: number[]) => t[0] * t[1] * t[2] + t[1] ** 2 * t[3] - Math.cos(t[0] * t[3]);
          return [fn, g.vector(4, -2, 2), 1e-4];
        }),
        test("a single parameter and a large eps", 1, () => [(t: number[]) => Math.exp(t[0]) + t[0] ** 4, [-0.6], 0.5]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => {
          const g = inputs(541);
          const a = g.vector(6, -2, 2), b = g.vector(6, -1, 1);
          const fn = (t: number[]) => t.reduce((s, ti, i) => s + a[i] * Math.sin(ti), 0) + Math.exp(t.reduce((s, ti, i) => s + b[i] * ti, 0) / 4);
          return [fn, g.vector(6, -1.5, 1.5), 1e-3];
        } }),
      ];
    },
  },
});

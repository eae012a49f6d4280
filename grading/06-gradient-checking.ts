/** Hidden tests and points of exercises/06-gradient-checking.ts (instructor-only: never released). */
import { referenceCost, referenceGradients, type Exercises } from "../exercises/checks/06-gradient-checking";
import { againstSolution, argumentsUnchanged, defineGrading, inputs, type HiddenTest } from "../grader/hidden";
import { SUSPECT_NAMES, isMatrix, toArray, type SuspectName } from "../lib";
import type { CataloguedMistake } from "../lib/exercise";
import { expectEqual } from "../lib/exercise";
import * as solution from "../solutions/06-gradient-checking";
import { mistakes } from "../solutions/mistakes/06-gradient-checking";

type Gradients = Exercises["backpropGradients"];
type Part = (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => unknown;

/**
 * One of [D1, D2] (a matrix each), or both read one after the other as one list ("both": D1 and D2
 * differ in shape, so they are not one matrix; rows may be typed arrays, a layer the library's
 * Matrix). A result of another form is passed on as it is.
 */
const part = (which: 0 | 1 | "both") => (fn: Gradients): Part => (thetas, X, Y, lambda) => {
  const result: unknown = fn(thetas, X, Y, lambda);
  if (!Array.isArray(result) || result.length !== 2) return result;
  if (which !== "both") return result[which];
  const D = result.map((M: unknown) => (isMatrix(M) ? toArray(M) : M)); // a layer may come as the library's Matrix
  const row = (r: unknown): r is ArrayLike<number> => Array.isArray(r) || ArrayBuffer.isView(r); // rows may be typed arrays
  return D.every((M) => Array.isArray(M) && M.every(row)) ? (D as ArrayLike<number>[][]).flatMap((M) => M.flatMap((r) => Array.from(r))) : result;
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

type CheckArgs = Parameters<Exercises["layerGradientCheck"]>;

/** layerGradientCheck's arguments: the cross-entropy of a small problem, and its gradient with each layer scaled. */
function scaledCheck(seed: number, c1: number, c2: number, lambda: number): CheckArgs {
  const [thetas, X, Y] = problem(seed, 3, 2, 3, 2, lambda);
  return [
    (t) => referenceCost(t, X, Y, lambda),
    (t) => referenceGradients(t, X, Y, lambda).map((D, l) => D.map((r) => r.map((v) => v * (l === 0 ? c1 : c2)))),
    thetas,
    1e-6, // small enough that a numericalGradient which forgets to restore theta costs only there
  ];
}

function reportEntry(f: Exercises["bugReport"], name: SuspectName): Record<string, unknown> {
  const report: unknown = f();
  const entry = typeof report === "object" && report !== null ? (report as Record<string, unknown>)[name] : undefined;
  return typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
}

export const grading = defineGrading<Exercises>("06-gradient-checking", {
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
      const smooth = (): Args => {
        const g = inputs(541);
        const a = g.vector(6, -2, 2), b = g.vector(6, -1, 1);
        const fn = (t: number[]) => t.reduce((s, ti, i) => s + a[i] * Math.sin(ti), 0) + Math.exp(t.reduce((s, ti, i) => s + b[i] * ti, 0) / 4);
        return [fn, g.vector(6, -1.5, 1.5), 1e-3];
      };
      return [
        test("a smooth non-quadratic function of 6 parameters", 2, smooth),
        test("a function whose parameters interact (cross terms), and theta left unchanged", 2, () => {
          const g = inputs(542);
          const fn = (t: number[]) => t[0] * t[1] * t[2] + t[1] ** 2 * t[3] - Math.cos(t[0] * t[3]);
          return [fn, g.vector(4, -2, 2), 1e-4];
        }),
        test("a single parameter and a large eps", 1, () => [(t: number[]) => Math.exp(t[0]) + t[0] ** 4, [-0.6], 0.5]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: smooth }),
      ];
    },
  },
  layerGradientCheck: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => CheckArgs) =>
        againstSolution(f, solution.layerGradientCheck, mistakes.layerGradientCheck, { name, points, tolerance: 1e-5, args });
      return [
        test("a network whose first layer's gradient is 3 times too large", 2, () => scaledCheck(581, 3, 1, 0.4)),
        test("a network whose second layer's gradient has the wrong sign and the wrong size", 2, () => scaledCheck(582, 1, -0.5, 0)),
        test("both layers wrong by different factors", 1, () => scaledCheck(583, 0.25, 1.5, 1)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => scaledCheck(581, 3, 1, 0.4) }),
      ];
    },
  },
  bugReport: {
    publicPoints: 1,
    hidden: (f): HiddenTest[] => SUSPECT_NAMES.flatMap((name): HiddenTest[] => [
      { name: `suspect ${name}: the layer`, points: 1, run: () => expectEqual(reportEntry(f, name).layer, solution.bugReport()[name].layer) },
      { name: `suspect ${name}: the kind of bug`, points: 2, run: () => expectEqual(reportEntry(f, name).bug, solution.bugReport()[name].bug) },
    ]),
  },
  costEvaluations: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[]]) =>
        againstSolution(f, solution.costEvaluations, mistakes.costEvaluations, { name, points, args });
      return [
        test("a deep narrow network", 2, () => [[5, 3, 3, 3, 2]]),
        test("a wide network with one hidden layer", 2, () => [[784, 100, 10]]),
        test("no hidden layer (logistic regression)", 1, () => [[7, 1]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [[5, 3, 3, 3, 2]] }),
      ];
    },
  },
});

/** Hidden tests and points of exercises/04-cost-functions.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/04-cost-functions";
import { againstSolution, argumentsUnchanged, defineGrading, inputs, type HiddenTest } from "../grader/hidden";
import { CheckFailure } from "../lib/exercise";
import * as solution from "../solutions/04-cost-functions";
import { mistakes } from "../solutions/mistakes/04-cost-functions";

type CostArgs = Parameters<Exercises["regularizedCrossEntropy"]>;
type ProxArgs = Parameters<Exercises["proximalL1Step"]>;

/**
 * A network and a batch for the cost: Theta matrices for layer sizes [n, ..., K], m inputs and
 * 0/1 targets (one-hot when `oneHot`, independent labels otherwise).
 */
function batch(seed: number, m: number, sizes: number[], lambda: number, oneHot: boolean): CostArgs {
  const g = inputs(seed);
  const K = sizes[sizes.length - 1];
  const thetas = sizes.slice(1).map((units, j) => g.matrix(units, sizes[j] + 1, -2, 2));
  const X = g.matrix(m, sizes[0], -2, 2);
  const Y = oneHot ? g.oneHot(m, K) : Array.from({ length: m }, () => g.labels(K, 2));
  return [thetas, X, Y, lambda];
}

/** A Theta, the gradient of a data term and a step whose shrink alpha lambda / m reaches about half the entries. */
function proxArgs(seed: number, rows: number, cols: number, alpha: number, lambda: number, m: number): ProxArgs {
  const g = inputs(seed);
  return [g.matrix(rows, cols, -1, 1), g.matrix(rows, cols, -1, 1), alpha, lambda, m];
}

type Prediction = ReturnType<Exercises["xorCostPrediction"]>;

/**
 * A hidden test of one number of the prediction: right within `tolerance` (relative) of the
 * reference's exact value, and a catalogued slip named when the number is what it gives.
 */
function predicted(f: Exercises["xorCostPrediction"], part: keyof Prediction, exact: number, tolerance: number, name: string, points: number): HiddenTest {
  return {
    name,
    points,
    run: () => {
      const got: unknown = f();
      const value = typeof got === "object" && got !== null ? (got as Record<string, unknown>)[part] : undefined;
      if (typeof value !== "number" || !Number.isFinite(value)) throw new CheckFailure(`${part} is not a finite number`, null, "shape");
      if (Math.abs(value - exact) <= tolerance * Math.abs(exact)) return;
      const slip = (mistakes.xorCostPrediction ?? []).find((m) => {
        const v = m.implementation()[part];
        return Math.abs(value - v) <= tolerance * Math.max(Math.abs(v), 1e-300) && Math.abs(v - exact) > tolerance * Math.abs(exact);
      });
      throw new CheckFailure(`${part} is wrong`, slip ? slip.diagnosis : null, "value");
    },
  };
}

// The exact parts of the XOR network's cost (lambda = 1), from the reference cost function.
const XOR: CostArgs = [[[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]], [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], 0];
const xorData = () => solution.regularizedCrossEntropy(...XOR);
const xorPenalty = () => solution.regularizedCrossEntropy(XOR[0], XOR[1], XOR[2], 1) - xorData();

export const grading = defineGrading<Exercises>("04-cost-functions", {
  regularizedCrossEntropy: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => CostArgs) =>
        againstSolution(f, solution.regularizedCrossEntropy, mistakes.regularizedCrossEntropy, { name, points, args });
      return [
        test("a batch with three one-hot outputs through a hidden layer, lambda > 0", 2, () => batch(401, 6, [4, 5, 3], 0.8, true)),
        test("a larger batch with one output and no penalty (lambda = 0)", 2, () => batch(402, 20, [3, 4, 1], 0, false)),
        test("a deeper network (three Theta matrices) with several independent outputs and a large lambda", 2, () => batch(403, 8, [5, 4, 3, 2], 5, false)),
        test("one example, one output, a target of 0 and lambda > 0", 1, () => [[[[1.5, -0.5, 2]]], [[0.3, -1.2]], [[0]], 0.4]),
        test("a hidden layer as wide as the output layer (two units each), lambda > 0", 1, () => batch(405, 5, [3, 2, 2], 1.5, true)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => batch(401, 6, [4, 5, 3], 0.8, true) }),
      ];
    },
  },
  proximalL1Step: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => ProxArgs) =>
        againstSolution(f, solution.proximalL1Step, mistakes.proximalL1Step, { name, points, args });
      return [
        test("a random 4x6 Theta and gradient, with a shrink that zeroes some weights", 2, () => proxArgs(421, 4, 6, 0.4, 10, 8)),
        test("a single row (one unit above), a large shrink: every weight but the bias ends at 0", 1, () => proxArgs(422, 1, 5, 1, 50, 10)),
        test("a tiny shrink: the step is almost a plain gradient step", 1, () => proxArgs(423, 3, 4, 0.1, 0.5, 100)),
        test("a Theta with only a bias column and one weight column", 1, () => proxArgs(424, 5, 2, 0.5, 4, 6)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => proxArgs(421, 4, 6, 0.4, 10, 8) }),
      ];
    },
  },
  xorCostPrediction: {
    publicPoints: 1,
    hidden: (f) => [
      predicted(f, "penalty", xorPenalty(), 1e-6, "the predicted penalty is the network's L2 penalty", 2),
      predicted(f, "dataTerm", xorData(), 0.02, "the predicted data term is within 2% of the exact cross-entropy", 2),
    ],
  },
});

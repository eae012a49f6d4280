/** Hidden tests and points of exercises/02-xor.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/02-xor";
import { againstSolution, defineGrading, inputs } from "../grader/hidden";
import { sigmoid } from "../lib/activations";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/02-xor";
import { mistakes } from "../solutions/mistakes/02-xor";

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

const isMatrix = (m: unknown, rows: number, cols: number): m is number[][] =>
  Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols && r.every((v) => typeof v === "number"));

/** [[rows, cols] of Theta1, [rows, cols] of Theta2], or null when the result is not two tables. */
function shapes(thetas: unknown): number[][] | null {
  if (!Array.isArray(thetas) || thetas.length !== 2) return null;
  return thetas.map((t: unknown) => (Array.isArray(t) ? [t.length, Array.isArray(t[0]) ? t[0].length : -1] : [-1, -1]));
}

/** The network's outputs on (0,0), (0,1), (1,0), (1,1); null unless Theta1 is 2 x 3 and Theta2 1 x 3. */
function outputs(thetas: unknown): number[] | null {
  if (!Array.isArray(thetas) || thetas.length !== 2) return null;
  const [t1, t2] = thetas as unknown[];
  if (!isMatrix(t1, 2, 3) || !isMatrix(t2, 1, 3)) return null;
  return INPUTS.map(([x1, x2]) => {
    const a = t1.map((r) => sigmoid(r[0] + r[1] * x1 + r[2] * x2));
    return sigmoid(t2[0][0] + t2[0][1] * a[0] + t2[0][2] * a[1]);
  });
}

type Net = Exercises["xorNetwork"];
const rounded = (out: number[] | null) => (out ? out.map((o) => (o >= 0.5 ? 1 : 0)) : null);
const shapeOf = (fn: Net) => () => shapes(fn());
const outputsOf = (fn: Net) => () => outputs(fn());
const roundedOf = (fn: Net) => () => rounded(outputs(fn()));

const wrapped = <G>(list: readonly CataloguedMistake<Net>[] | undefined, wrap: (fn: Net) => G): CataloguedMistake<G>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: wrap(m.implementation) }));

export const grading = defineGrading<Exercises>("02-xor", {
  xorNetwork: {
    publicPoints: 1,
    hidden: (f) => [
      againstSolution(shapeOf(f), shapeOf(solution.xorNetwork), wrapped(mistakes.xorNetwork, shapeOf), {
        name: "Theta1 has one row per hidden unit and Theta2 one row for the output, bias weights in column 0 (the notes' shapes)",
        points: 1,
        compare: "equal",
        args: () => [],
      }),
      againstSolution(roundedOf(f), roundedOf(solution.xorNetwork), wrapped(mistakes.xorNetwork, roundedOf), {
        name: "the outputs rounded to 0 or 1 are XOR's truth table",
        points: 1,
        compare: "equal",
        args: () => [],
      }),
      // The reference's outputs rounded are XOR itself: within 0.01 of it is what the exercise asks.
      againstSolution(outputsOf(f), roundedOf(solution.xorNetwork), wrapped(mistakes.xorNetwork, outputsOf), {
        name: "every output is saturated: within 0.01 of XOR's 0 or 1",
        points: 2,
        tolerance: 0.01,
        args: () => [],
      }),
    ],
  },
  quadraticFeatureCount: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, n: () => number) =>
        againstSolution(f, solution.quadraticFeatureCount, mistakes.quadraticFeatureCount, { name, points, compare: "equal", args: () => [n()] });
      return [
        test("a random number of features in the tens", 2, () => inputs(201).int(11, 99)),
        test("a single feature: only its square", 1, () => 1),
        test("the pixels of a small grey-scale image (several hundred features)", 1, () => 784),
      ];
    },
  },
});

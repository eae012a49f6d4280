/** Hidden tests and points of exercises/02-xor.ts (instructor-only: never released). */
import { bumpProbes, checkSine, oneInputNet, readThetas, XOR_INPUTS, type Exercises } from "../exercises/checks/02-xor";
import { againstSolution, defineGrading, distinctMistakes, inputs, type HiddenTest } from "../grader/hidden";
import { sigmoid } from "../lib/activations";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/02-xor";
import { mistakes } from "../solutions/mistakes/02-xor";

const isMatrix = (m: unknown, rows: number, cols: number): m is number[][] =>
  Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols && r.every((v) => typeof v === "number"));

/** [[rows, cols] of Theta1, [rows, cols] of Theta2], or null when the result is not two tables. */
function shapes(thetas: unknown): number[][] | null {
  if (!Array.isArray(thetas) || thetas.length !== 2) return null;
  return thetas.map((t: unknown) => (Array.isArray(t) ? [t.length, Array.isArray(t[0]) ? t[0].length : -1] : [-1, -1]));
}

/** Hidden activations a1, a2 and the output h on (0,0), (0,1), (1,0), (1,1); null unless Theta1 is 2 x 3 and Theta2 1 x 3. */
function parts(thetas: unknown): { a1: number[]; a2: number[]; h: number[] } | null {
  if (!Array.isArray(thetas) || thetas.length !== 2) return null;
  const [t1, t2] = thetas as unknown[];
  if (!isMatrix(t1, 2, 3) || !isMatrix(t2, 1, 3)) return null;
  const runs = XOR_INPUTS.map(([x1, x2]) => {
    const a = t1.map((r) => sigmoid(r[0] + r[1] * x1 + r[2] * x2));
    return { a, h: sigmoid(t2[0][0] + t2[0][1] * a[0] + t2[0][2] * a[1]) };
  });
  return { a1: runs.map((r) => r.a[0]), a2: runs.map((r) => r.a[1]), h: runs.map((r) => r.h) };
}

type Net = Exercises["xorNetwork"];
const rounded = (v: number[] | undefined) => (v ? v.map((o) => (o >= 0.5 ? 1 : 0)) : null);
const shapeOf = (fn: Net) => () => shapes(fn());
const hiddenOf = (fn: Net) => () => { const p = parts(fn()); return p ? [...p.a1, ...p.a2] : null; };
const roundedOf = (fn: Net) => () => rounded(parts(fn())?.h);
const outputsOf = (fn: Net) => () => parts(fn())?.h ?? null;

const wrapped = <F, G>(list: readonly CataloguedMistake<F>[] | undefined, wrap: (fn: F) => G): CataloguedMistake<G>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: wrap(m.implementation) }));

type Bump = Exercises["bumpNetwork"];
/** A bump network's output where the checks probe it; null when the matrices have the wrong shapes. */
const probed = (fn: Bump) => (l: number, r: number, h: number, s: number): number[] | null => {
  const thetas = fn(l, r, h, s);
  if (!Array.isArray(thetas) || thetas.length !== 2 || !isMatrix(thetas[0], 2, 2) || !isMatrix(thetas[1], 1, 3)) return null;
  return bumpProbes(l, r, h, s).x.map(oneInputNet(thetas[0], thetas[1]));
};
/** The ideal bump at the probes: 0 outside, the height inside, half of it at the edges. */
const ideal = (l: number, r: number, h: number, s: number) => bumpProbes(l, r, h, s).expected;

/** A hidden test of sineFromBumps: the same property as the public checks, for another n. */
const sineTest = (f: Exercises["sineFromBumps"], name: string, points: number, n: number): HiddenTest => ({ name, points, run: () => checkSine(f(n), n) });

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
      // Any OR and AND units will do: the reference's hidden outputs rounded are the truth tables, within 0.01 is what is asked.
      againstSolution(hiddenOf(f), () => [0, 1, 1, 1, 0, 0, 0, 1], wrapped(mistakes.xorNetwork, hiddenOf), {
        name: "the hidden units compute OR and AND, in that order, each saturated",
        points: 1,
        tolerance: 0.01,
        args: () => [],
      }),
      againstSolution(roundedOf(f), roundedOf(solution.xorNetwork), wrapped(mistakes.xorNetwork, roundedOf), {
        name: "the outputs rounded to 0 or 1 are XOR's truth table",
        points: 1,
        compare: "equal",
        args: () => [],
      }),
      againstSolution(outputsOf(f), roundedOf(solution.xorNetwork), wrapped(mistakes.xorNetwork, outputsOf), {
        name: "every output is saturated: within 0.01 of XOR's 0 or 1",
        points: 1,
        tolerance: 0.01,
        args: () => [],
      }),
    ],
  },
  polynomialFeatureCount: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number]) =>
        againstSolution(f, solution.polynomialFeatureCount, distinctMistakes(mistakes.polynomialFeatureCount, solution.polynomialFeatureCount, args), { name, points, args });
      return [
        test("a random number of inputs in the tens, a higher degree", 2, () => [inputs(201).int(11, 99), 4]),
        test("a single input: one monomial per degree", 1, () => [1, 6]),
        test("the pixels of a small grey-scale image, quadratic", 1, () => [784, 2]),
        test("degree 1: the inputs themselves", 1, () => [inputs(202).int(20, 60), 1]),
      ];
    },
  },
  bumpNetwork: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number, number, number, number]) =>
        againstSolution(probed(f), ideal, distinctMistakes(wrapped(mistakes.bumpNetwork, probed), probed(solution.bumpNetwork), args, 0.01), { name, points, tolerance: 0.01, args });
      return [
        test("a random narrow bump inside [-1, 1]", 2, () => { const g = inputs(211); const l = g.number(-0.9, 0.3); return [l, l + g.number(0.2, 0.5), g.number(0.5, 3), 150]; }),
        test("a negative height far to the right, steep steps", 1, () => [7, 8.5, -0.4, 500]),
        test("a wide bump with gentle steps", 1, () => [-6, 6, 1.2, 5]),
      ];
    },
  },
  sineFromBumps: {
    publicPoints: 1,
    hidden: (f) => [
      sineTest(f, "a few bumps", 1, 8),
      sineTest(f, "a moderate number of bumps", 1, 16),
      sineTest(f, "many bumps: the error must keep shrinking", 2, 60),
      {
        name: "no more hidden units than two per bump",
        points: 1,
        run: () => { readThetas("sineFromBumps", f(12), 1, 24, true); },
      },
    ],
  },
});

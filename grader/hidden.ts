/**
 * How an instructor declares hidden tests and points (grading/NN-name.ts, never released):
 *
 *   export const grading = defineGrading<Exercises>("04-cost-functions", {
 *     meanSquaredError: {
 *       publicPoints: 1,                       // each public check that passes
 *       hidden: (f) => [
 *         againstSolution(f, solution.meanSquaredError, mistakes.meanSquaredError, {
 *           name: "a 7 x 3 batch of random outputs", points: 2, args: () => [...],
 *         }),
 *       ],
 *     },
 *   });
 *
 * A hidden test's name is shown to the student, so it describes the case without its numbers;
 * its inputs, expected values and source stay with the grader.
 */
import { createRandom, type Random } from "../lib/random";
import type { CataloguedMistake } from "../lib/exercise";
import { expectEqual, expectShaped, expectTrue } from "../lib/exercise";
import { closeEnough, plainText, readShaped, sameValue } from "../lib/exercise/values";

export interface HiddenTest {
  readonly name: string;
  readonly points: number;
  /** Throws (a CheckFailure naming the mistake, when one is recognised) when the test fails. */
  run(): void;
}

export interface ExerciseGrading<F> {
  /** Points for each public check that passes; default 1. */
  readonly publicPoints?: number;
  readonly hidden: (fn: F) => HiddenTest[];
}

export interface Grading<M = Record<string, unknown>> {
  readonly id: string;
  readonly exercises: { readonly [K in keyof M]: ExerciseGrading<M[K]> };
}

export function defineGrading<M>(id: string, exercises: { readonly [K in keyof M]: ExerciseGrading<M[K]> }): Grading<M> {
  for (const [name, spec] of Object.entries(exercises) as [string, ExerciseGrading<unknown>][]) {
    if (spec.publicPoints !== undefined && !(spec.publicPoints >= 0)) throw new Error(`${id}/${name}: publicPoints must be >= 0`);
  }
  return { id, exercises };
}

type Fn = (...args: never[]) => unknown;
const call = (f: Fn, args: readonly unknown[]): unknown => (f as unknown as (...a: readonly unknown[]) => unknown)(...args);

export interface AgainstSolution {
  readonly name: string;
  readonly points: number;
  /** Fresh arguments on every call (the function may change them); deterministic. A wrong argument list shows as the reference solution failing its own test. */
  readonly args: () => readonly unknown[];
  /** "close" (numbers, lists, matrices; default) or "equal" (exact, compared as JSON). */
  readonly compare?: "close" | "equal";
  readonly tolerance?: number;
}


/**
 * A hidden test: the student's `f` and the reference `solution` get the same fresh arguments; the
 * results must agree, and a wrong result that a catalogued mistake produces is named.
 */
export function againstSolution<F extends Fn>(f: F, solution: F, mistakes: readonly CataloguedMistake<F>[] | undefined, test: AgainstSolution): HiddenTest {
  return {
    name: test.name,
    points: test.points,
    run: () => {
      // The student's call first: at grading the first run of a check stops at it (grader/replay.ts),
      // before the reference and the mistakes are computed for nothing.
      const args = test.args();
      const actual = call(f, args);
      const expected = call(solution, test.args());
      const known = (mistakes ?? []).flatMap((m) => {
        try {
          return [{ name: m.diagnosis, value: call(m.implementation, test.args()) }];
        } catch {
          return [];
        }
      });
      if (test.compare === "equal") expectEqual(actual, expected, known);
      else expectShaped(actual, expected, { tolerance: test.tolerance, mistakes: known });
    },
  };
}

/**
 * The catalogued mistakes a test's arguments tell apart: each gives a result unlike the
 * reference's and unlike every other mistake's there (farther apart than `tolerance` for numbers,
 * lists and matrices; compared as values otherwise), so a mistake the test names is the only one that fits.
 */
export function distinctMistakes<F extends Fn>(mistakes: readonly CataloguedMistake<F>[] | undefined, solution: F, args: () => readonly unknown[], tolerance = 1e-9): CataloguedMistake<F>[] {
  const result = (f: F): { value: unknown } | null => {
    try {
      return { value: call(f, args()) };
    } catch {
      return null;
    }
  };
  const same = (a: unknown, b: unknown) => {
    const x = readShaped(a), y = readShaped(b);
    return x && y ? closeEnough(x, y, tolerance) : sameValue(a, b);
  };
  const expected = result(solution);
  const list = mistakes ?? [];
  const values = list.map((m) => result(m.implementation));
  return list.filter((_, k) => {
    const v = values[k];
    if (v === null || (expected !== null && same(v.value, expected.value))) return false;
    return values.every((w, j) => j === k || w === null || !same(v.value, w.value));
  });
}

/**
 * A hidden test that the function leaves its arguments as they were: a separate test, so that a
 * function with the right values that also changes its inputs loses these points only.
 */
export function argumentsUnchanged<F extends Fn>(f: F, test: { readonly name: string; readonly points: number; readonly args: () => readonly unknown[] }): HiddenTest {
  return {
    name: test.name,
    points: test.points,
    run: () => {
      const args = test.args();
      call(f, args); // a function that throws earns nothing here either
      // As text (functions left out): the arguments hold callbacks, made afresh by every args().
      expectTrue(plainText(args) === plainText(test.args()), "an argument was changed", "an input array was changed in place (work on a copy)");
    },
  };
}

/** Seeded generators for hidden test inputs. */
export function inputs(seed: number) {
  const rng: Random = createRandom(seed);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    rng,
    number: (low: number, high: number) => round(rng.uniform(low, high)),
    int: (low: number, high: number) => low + rng.int(high - low + 1),
    vector: (n: number, low = -1, high = 1) => Array.from({ length: n }, () => round(rng.uniform(low, high))),
    matrix: (rows: number, cols: number, low = -1, high = 1) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => round(rng.uniform(low, high)))),
    labels: (n: number, classes: number) => Array.from({ length: n }, () => rng.int(classes)),
    oneHot: (n: number, classes: number) => Array.from({ length: n }, () => { const y = new Array<number>(classes).fill(0); y[rng.int(classes)] = 1; return y; }),
  };
}

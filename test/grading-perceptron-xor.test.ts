// The hidden tests of exercise sets 01 (perceptron) and 02 (XOR), run in this process (the grader
// runs the same tests against a sandboxed hand-in): the reference solution passes every one, a
// function that throws none, each catalogued mistake loses points, and no hidden test mistakes one
// catalogued mistake for another.
import { describe, expect, it } from "vitest";
import type { Grading } from "../grader/hidden";
import { CheckFailure, type ExerciseSet, type MistakeCatalogue } from "../lib/exercise";

type AnyFn = (...args: never[]) => unknown;
interface Set {
  checks: ExerciseSet<Record<string, AnyFn>>;
  grading: Grading<Record<string, AnyFn>>;
  solution: Record<string, AnyFn>;
  mistakes: MistakeCatalogue<Record<string, AnyFn>>;
}

async function load(id: string): Promise<Set> {
  const [c, g, s, m] = await Promise.all([
    import(`../exercises/checks/${id}.ts`),
    import(`../grading/${id}.ts`),
    import(`../solutions/${id}.ts`),
    import(`../solutions/mistakes/${id}.ts`),
  ]);
  return { checks: c.checks, grading: g.grading, solution: s, mistakes: m.mistakes };
}

/** Each hidden test's outcome for `fn`: null when it passes, else the failure (and the mistake it names). */
function hiddenOutcomes(set: Set, exercise: string, fn: AnyFn): { name: string; points: number; failed: boolean; mistake: string | null }[] {
  return set.grading.exercises[exercise].hidden(fn).map((t) => {
    try {
      t.run();
      return { name: t.name, points: t.points, failed: false, mistake: null };
    } catch (e) {
      return { name: t.name, points: t.points, failed: true, mistake: e instanceof CheckFailure ? e.mistake : null };
    }
  });
}

for (const id of ["01-perceptron", "02-xor"]) {
  describe(`${id}: hidden tests`, () => {
    it("the reference solution passes every hidden test; a function that throws passes none", async () => {
      const set = await load(id);
      for (const exercise of Object.keys(set.checks.exercises)) {
        const right = hiddenOutcomes(set, exercise, set.solution[exercise]);
        expect(right.length, `${exercise} has hidden tests`).toBeGreaterThanOrEqual(2);
        expect(right.filter((o) => o.failed).map((o) => o.name), exercise).toEqual([]);
        const stub = hiddenOutcomes(set, exercise, () => { throw new Error("not implemented yet"); });
        expect(stub.every((o) => o.failed), exercise).toBe(true);
      }
    });

    it("each catalogued mistake loses hidden points, and no hidden test names another catalogued mistake than the one made", async () => {
      const set = await load(id);
      for (const [exercise, list] of Object.entries(set.mistakes)) {
        for (const m of list ?? []) {
          const wrong = hiddenOutcomes(set, exercise, m.implementation as AnyFn);
          expect(wrong.some((o) => o.failed), `${exercise}: "${m.diagnosis}" passes every hidden test`).toBe(true);
          const others = (list ?? []).map((x) => x.diagnosis).filter((d) => !m.diagnosis.includes(d) && !d.includes(m.diagnosis));
          for (const o of wrong.filter((x) => x.mistake !== null)) {
            // A generic diagnosis ("the sign is flipped", "an input array was changed") may stand where two mistakes coincide.
            if (o.mistake?.includes(m.diagnosis)) continue;
            expect(others.filter((d) => o.mistake?.includes(d)), `${exercise}: "${m.diagnosis}" named as another mistake in hidden test "${o.name}"`).toEqual([]);
          }
        }
      }
    });
  });
}

describe("the points of sets 01 and 02", () => {
  it("01: 17 public checks and 19 hidden points; 02: 17 public checks and 18 hidden points", async () => {
    const total = async (id: string) => {
      const set = await load(id);
      let publicChecks = 0, hidden = 0;
      for (const [exercise, spec] of Object.entries(set.checks.exercises)) {
        publicChecks += spec.cases(set.solution[exercise]).length * (set.grading.exercises[exercise].publicPoints ?? 1);
        hidden += set.grading.exercises[exercise].hidden(set.solution[exercise]).reduce((s, t) => s + t.points, 0);
      }
      return [publicChecks, hidden];
    };
    expect(await total("01-perceptron")).toEqual([17, 19]);
    expect(await total("02-xor")).toEqual([17, 18]);
  });
});

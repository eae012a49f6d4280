// The hidden tests of sets 07-10 against their own mistake catalogues, named as the grader names
// them (public checks and hidden tests of an exercise together, lib/exercise/session's
// confirmMistakes): the reference solution passes every hidden test, every catalogued mistake
// loses points in at least one hidden test, and no case names a mistake other than the one made.
import { describe, expect, it } from "vitest";
import type { Grading, HiddenTest } from "../grader/hidden";
import type { MistakeCatalogue } from "../lib/exercise";
import { confirmMistakes, runCase, specOf, studentFunction, type CaseRun } from "../lib/exercise/session";
import { loadSets } from "./support/grading";

const SETS = ["07-initialization", "08-activations", "09-training", "10-multiclass-digits"];

/** Public checks, then hidden tests, for one function, as the grader runs and names them. */
function graded(set: { checks: Parameters<typeof specOf>[0]; grading: Grading<Record<string, unknown>> }, exercise: string, fn: unknown): { runs: CaseRun[]; hidden: boolean[] } {
  const f = studentFunction(fn as (...args: never[]) => unknown);
  const publicRuns = specOf(set.checks, exercise).cases(f).map(runCase);
  const hiddenTests = (set.grading.exercises[exercise].hidden as (fn: unknown) => HiddenTest[])(f);
  const hiddenRuns = hiddenTests.map((t) => runCase({ name: t.name, run: () => t.run() }));
  return { runs: confirmMistakes([...publicRuns, ...hiddenRuns]), hidden: [...publicRuns.map(() => false), ...hiddenRuns.map(() => true)] };
}

const named = (r: CaseRun): string | null => (r.outcome.kind === "passed" || !("failure" in r.outcome) ? null : r.outcome.failure.mistake);

describe("hidden tests of sets 07-10 name only the mistake that was made", async () => {
  const sets = await loadSets(SETS);
  for (const set of sets) {
    const grading = set.grading as Grading<Record<string, unknown>>;
    const { mistakes } = (await import(`../solutions/mistakes/${set.checks.id}.ts`)) as { mistakes: MistakeCatalogue<Record<string, unknown>> };
    for (const exercise of Object.keys(grading.exercises)) {
      const catalogue = mistakes[exercise] ?? [];

      it(`${set.checks.id}/${exercise}: the reference solution passes every public check and hidden test`, () => {
        const { runs } = graded({ checks: set.checks, grading }, exercise, set.solution[exercise]);
        expect(runs.filter((r) => r.outcome.kind !== "passed").map((r) => r.name)).toEqual([]);
      });

      it(`${set.checks.id}/${exercise}: each of its ${catalogue.length} catalogued mistakes fails a hidden test, and no case names another`, () => {
        const others = (m: { diagnosis: string }) => catalogue.filter((o) => o !== m && !o.diagnosis.includes(m.diagnosis) && !m.diagnosis.includes(o.diagnosis));
        for (const m of catalogue) {
          const { runs, hidden } = graded({ checks: set.checks, grading }, exercise, m.implementation);
          expect(runs.some((r, k) => hidden[k] && r.outcome.kind !== "passed"), `"${m.diagnosis}" passes every hidden test`).toBe(true);
          for (const r of runs) {
            const name = named(r);
            if (name === null) continue;
            // A name may cover two mistakes that give the same value there; it must cover the one made.
            const wrong = name.includes(m.diagnosis) ? [] : others(m).filter((o) => name.includes(o.diagnosis)).map((o) => o.diagnosis);
            expect(wrong, `"${r.name}" with the mistake "${m.diagnosis}" is named "${name}"`).toEqual([]);
          }
        }
      });
    }
  }
});

// The hidden tests of sets 07-10 against their own mistake catalogues: the reference solution
// passes every hidden test, every catalogued mistake loses points in at least one, and a hidden
// test never names a mistake other than the one made (two mistakes giving the same value on a
// test's inputs, as "only fanIn" and "only fanOut" do when fanIn = fanOut, must not be named there).
import { describe, expect, it } from "vitest";
import type { Grading, HiddenTest } from "../grader/hidden";
import { CheckFailure, type MistakeCatalogue } from "../lib/exercise";
import { loadSets } from "./support/grading";

const SETS = ["07-initialization", "08-activations", "09-training", "10-multiclass-digits"];

type Outcome = { passed: true } | { passed: false; named: string | null; message: string };

function outcome(test: HiddenTest): Outcome {
  try {
    test.run();
    return { passed: true };
  } catch (e) {
    return { passed: false, named: e instanceof CheckFailure ? e.mistake : null, message: (e as Error).message };
  }
}

describe("hidden tests name only the mistake that was made", async () => {
  const sets = await loadSets(SETS);
  for (const set of sets) {
    const grading = set.grading as Grading<Record<string, unknown>>;
    const { mistakes } = (await import(`../solutions/mistakes/${set.checks.id}.ts`)) as { mistakes: MistakeCatalogue<Record<string, unknown>> };
    for (const [exercise, spec] of Object.entries(grading.exercises)) {
      const hidden = spec.hidden as (fn: unknown) => HiddenTest[];
      const catalogue = mistakes[exercise] ?? [];

      it(`${set.checks.id}/${exercise}: the reference solution passes every hidden test`, () => {
        const failed = hidden(set.solution[exercise]).map((t) => ({ name: t.name, ...outcome(t) })).filter((o) => !o.passed);
        expect(failed).toEqual([]);
      });

      it(`${set.checks.id}/${exercise}: each of the ${catalogue.length} catalogued mistakes fails a hidden test and is never named as another`, () => {
        const diagnoses = new Set(catalogue.map((m) => m.diagnosis));
        for (const m of catalogue) {
          const results = hidden(m.implementation).map((t) => ({ test: t.name, ...outcome(t) }));
          expect(results.some((r) => !r.passed), `"${m.diagnosis}" passes every hidden test`).toBe(true);
          for (const r of results) {
            if (r.passed || r.named === null || !diagnoses.has(r.named)) continue;
            expect(r.named, `"${r.test}" with the mistake "${m.diagnosis}"`).toBe(m.diagnosis);
          }
        }
      });
    }
  }
});

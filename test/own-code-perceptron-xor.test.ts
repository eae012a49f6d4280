// Notebooks 01 and 02 run against a student's own exercise files (a throwaway course copy): with
// the reference solutions the own-code cells train with the student's perceptronEpoch and draw the
// student's sineFromBumps, and the predict-then-run cell shows the prediction beside the run; with
// a catalogued slip in perceptronEpoch the own-code cell waits for it and runs nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";
import { courseCopy, type CourseCopy, type NotebookRun } from "./support/course-copy";

/** What the first cell whose source starts with `firstLine` showed, as text (HTML tags dropped). */
function outputOf(run: NotebookRun, firstLine: string): string {
  const cell = run.cells.find((c) => c.first_line.startsWith(firstLine));
  if (!cell) throw new Error(`no cell starts with ${firstLine}: ${run.cells.map((c) => c.first_line).join(" | ")}`);
  return cell.output.replace(/<[^>]*>/g, " ").replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))).replace(/\s+/g, " ");
}

describe("notebooks 01 and 02 with the student's own code", () => {
  let copy: CourseCopy | null = null;
  afterAll(() => copy?.remove());

  it("01: the solution trains AND to (-3, 2, 1) in 6 epochs with perceptronEpoch and predicts the rate-0.5 run; a slipped epoch is waited for", async () => {
    copy = courseCopy({ exercises: "solutions" });
    const run = await copy.runNotebook("01-perceptron.ipynb");
    expect(run.problems).toEqual([]);
    expect(outputOf(run, 'import * as mine from "./exercises/01-perceptron";')).toContain("your prediction: 6 epochs, ending at (-1.5, 1, 0.5)");
    const own = outputOf(run, 'import { checks as perceptronChecks }');
    expect(own).toContain("Using your perceptronEpoch");
    expect(own).toMatch(/ 6 none -3, 2, 1 /);
    expect(run.cells[run.cells.length - 1].output).toContain("public checks passed for all 4 exercises");

    // Mistakes judged after the update (a catalogued slip): the cell names the function it waits for.
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "01-perceptron.ts"), "utf8");
    const afterUpdate = solution.replace("let z = w[0];\n    for (let k = 0; k < x.length; k++) z += w[k + 1] * x[k];", "let z = next[0];\n    for (let k = 0; k < x.length; k++) z += next[k + 1] * x[k];");
    expect(afterUpdate).not.toBe(solution);
    copy.writeExercise("01-perceptron", afterUpdate);
    const slipped = await copy.runNotebook("01-perceptron.ipynb");
    const waiting = outputOf(slipped, 'import { checks as perceptronChecks }');
    expect(waiting).toContain("waits for one function");
    expect(waiting).toContain("perceptronEpoch");
    expect(waiting).not.toContain("AND with your perceptronEpoch");
  }, 600_000);

  it("02: the solution's sineFromBumps(10) is drawn with its largest error", async () => {
    copy ??= courseCopy({ exercises: "solutions" });
    copy.writeExercise("02-xor", fs.readFileSync(path.join(ROOT, "solutions", "02-xor.ts"), "utf8"));
    const run = await copy.runNotebook("02-xor.ipynb");
    expect(run.problems).toEqual([]);
    const own = outputOf(run, 'import * as mine from "./exercises/02-xor";');
    expect(own).toContain("Using your sineFromBumps");
    expect(own).toMatch(/Your sineFromBumps\(10\): largest error 0\.\d{3}/);
    expect(run.cells[run.cells.length - 1].output).toContain("public checks passed for all 4 exercises");
  }, 600_000);
});

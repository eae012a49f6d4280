// Notebook 06's own gradient check, as a student meets it: in a copy of the course whose exercise
// files are the reference solutions, the student's backprop and numerical gradient agree (and the
// cell prints their relative differences); with a catalogued mistake in backpropGradients the
// cell says in which layers they disagree and names the mistake.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { courseCopy, type CourseCopy, type NotebookRun } from "./support/course-copy";
import { ROOT } from "./support/course";

/** What a cell showed, as text: its HTML tags dropped. */
const text = (output: string): string => output.replace(/<[^>]+>/g, " ").replace(/[ \t]+/g, " ");
const ownCheckCell = (run: NotebookRun) => {
  const cell = run.cells.find((c) => c.output.includes("relative difference (your backprop vs your numerical gradient)") || c.output.includes("Your backpropGradients did not run"));
  if (!cell) throw new Error(`no own gradient check output in ${run.notebook}: ${JSON.stringify(run.cells.map((c) => c.first_line))}`);
  return text(cell.output);
};
/** The relative differences the cell's table printed, one per layer. */
const differences = (output: string): number[] =>
  [...output.matchAll(/D⁽\d⁾ ([0-9.]+(?:e-?\d+)?)/g)].map((m) => Number(m[1]));

describe("notebook 06's gradient check of the student's own backpropagation", () => {
  let copy: CourseCopy | null = null;
  afterAll(() => copy?.remove());

  it("agrees with the reference solutions, and names a catalogued mistake in backpropGradients", async () => {
    copy = courseCopy({ exercises: "solutions" });
    const right = await copy.runNotebook("06-gradient-checking.ipynb");
    expect(right.problems).toEqual([]);
    const passed = ownCheckCell(right);
    expect(passed).toContain("Using your forwardTheta from exercises/03-forward-propagation.ts");
    expect(passed).toContain("agrees with your numerical gradient in every layer");
    const agreed = differences(passed);
    expect(agreed.length).toBe(2);
    for (const d of agreed) expect(d).toBeLessThan(1e-7);
    // The bug hunt runs the student's layerGradientCheck on every suspect; the check cell passes.
    expect(text(right.cells.find((c) => c.output.includes("suspect"))?.output ?? "")).toMatch(/WRONG, ok[\s\S]*ok, WRONG/);
    expect(text(right.cells[right.cells.length - 1].output)).toContain("public checks passed for all 5 exercises");

    // ben's mistake from the catalogue: Delta is not divided by m.
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "06-gradient-checking.ts"), "utf8");
    const withoutOneOverM = solution.replace("r.map((d, j) => d / m + (j === 0", "r.map((d, j) => d + (j === 0");
    expect(withoutOneOverM).not.toBe(solution);
    copy.writeExercise("06-gradient-checking", withoutOneOverM);
    const wrong = ownCheckCell(await copy.runNotebook("06-gradient-checking.ipynb"));
    expect(wrong).toContain("disagrees with your numerical gradient in layer 1 and 2");
    expect(wrong).toContain("The public checks of backpropGradients diagnose: the 1/m is missing");
    for (const d of differences(wrong)) expect(d).toBeGreaterThan(1e-3);
  }, 600_000); // two runs of the notebook in a fresh kernel
});

// A student's own copy of the course: the notebook's check cell runs against the copy's
// exercise files (here the reference solution, then a catalogued mistake), not the kit's stubs.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { courseCopy, type CourseCopy } from "./support/course-copy";
import { ROOT } from "./support/course";

describe("a copy of the course with its own exercises", () => {
  let copy: CourseCopy | null = null;
  afterAll(() => copy?.remove());

  it("runs 00-welcome's check cell against the copy's files: the solution passes, a dropped bias is named, throw null fails", async () => {
    copy = courseCopy({ exercises: "solutions" });
    const passed = await copy.runNotebook("00-welcome.ipynb");
    expect(passed.problems).toEqual([]);
    const check = passed.cells[passed.cells.length - 1];
    expect(check.output).toContain("public checks passed for all 1 exercise");

    const solution = fs.readFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), "utf8");
    const noBias = solution.replace("let z = bias;", "let z = 0;");
    expect(noBias).not.toBe(solution);
    copy.writeExercise("00-welcome", noBias);
    const failed = await copy.runNotebook("00-welcome.ipynb");
    expect(failed.cells[failed.cells.length - 1].output).toContain("Likely mistake: the bias is left out");

    copy.writeExercise("00-welcome", "export function neuronInput(weights: number[], bias: number, inputs: number[]): number {\n  throw null;\n}\n");
    const threw = await copy.runNotebook("00-welcome.ipynb");
    const report = threw.cells[threw.cells.length - 1].output;
    expect(report).toContain("your function threw a null value, not an Error: null");
    expect(report).toContain('data-passed="false"');
  }, 600_000);
});

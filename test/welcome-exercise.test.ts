// The welcome exercise: the public checks pass against the reference solution and report
// (not crash) against the shipped stub, so the notebook runs cleanly before students start.
import { describe, expect, it } from "vitest";
import * as stub from "../exercises/00-welcome";
import { neuronInputChecks } from "../exercises/checks/00-welcome";
import { checkReportHtml, runChecks } from "../lib/notebook/check";
import * as solution from "../solutions/00-welcome";

describe("exercise 00-welcome: neuronInput", () => {
  it("the reference solution passes every public check, including the lecture's z = 0.81", () => {
    const results = runChecks(neuronInputChecks(solution.neuronInput));
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.some((r) => r.name.includes("0.81"))).toBe(true);
    expect(solution.neuronInput([-0.1, 0.4, 0.6], 0.7, [0.3, -0.4, 0.5])).toBeCloseTo(0.81, 12);
  });

  it("the stub fails every check with its 'not implemented yet' message, without throwing", () => {
    const results = runChecks(neuronInputChecks(stub.neuronInput));
    expect(results.every((r) => !r.passed)).toBe(true);
    for (const r of results) expect(r.message).toContain("not implemented yet");
    expect(checkReportHtml("neuronInput", results)).toContain(`${results.length} of ${results.length} checks failed`);
  });

  it("the checks catch a wrong implementation (a forgotten bias)", () => {
    const noBias = (w: number[], _b: number, x: number[]) => w.reduce((z, wi, i) => z + wi * x[i], 0);
    const results = runChecks(neuronInputChecks(noBias));
    expect(results.find((r) => r.name.includes("0.81"))?.message).toMatch(/^expected 0\.81 \(within 1e-9\), got 0\.1(1|0999)/);
  });
});

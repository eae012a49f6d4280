// The figure builders and measurements of notebooks 05 and 06 (lib/notebook/figures-backprop.ts).
import { describe, expect, it } from "vitest";
import { derivativeComparisonFigure, errorCurveFigure, gradientTimingFigure, logLogSlope, logSpacedSteps, measureGradientTimes, stepSizeFigure } from "../lib/notebook";

describe("figures of the backpropagation notebooks", () => {
  it("logSpacedSteps covers 1 .. last, increasing, without repeats", () => {
    const steps = logSpacedSteps(10000);
    expect(steps[0]).toBe(1);
    expect(steps[steps.length - 1]).toBe(10000);
    expect(steps.every((s, k) => k === 0 || s > steps[k - 1])).toBe(true);
    expect(steps.length).toBeGreaterThan(100);
    expect(logSpacedSteps(1)).toEqual([1]);
    expect(() => logSpacedSteps(0)).toThrow("last must be a whole number >= 1");
  });

  it("logLogSlope recovers the exponent of a power law, and refuses what it cannot fit", () => {
    const xs = [10, 20, 40, 80];
    expect(logLogSlope(xs, xs.map((x) => 3 * x ** 2))).toBeCloseTo(2, 12);
    expect(logLogSlope(xs, xs.map((x) => 0.5 * x))).toBeCloseTo(1, 12);
    expect(() => logLogSlope([1], [1])).toThrow("at least 2");
    expect(() => logLogSlope([1, 2], [0, 1])).toThrow("positive");
  });

  it("derivativeComparisonFigure draws the exact and the hand curve densely and the two differences as markers", () => {
    const f = derivativeComparisonFigure({
      exact: (x) => 2 * x, byHand: (x) => 2 * x, central: (x) => 2 * x, oneSided: (x) => 2 * x + 0.1,
      centralLabel: "central", oneSidedLabel: "one-sided",
    }, -2, 2, "t");
    expect(f.data.map((t) => t.name)).toEqual(["mathjs derivative", "by hand", "central", "one-sided"]);
    expect(f.data[0].x?.length).toBe(81);
    expect(f.data[0].x?.[0]).toBe(-2);
    expect(f.data[0].x?.[80]).toBe(2);
    expect(f.data[2].mode).toBe("markers");
    expect(f.data[3].y?.[0]).toBeCloseTo(-3.9, 12);
  });

  it("errorCurveFigure plots J before each shown step on log axes", () => {
    const costs = Array.from({ length: 1000 }, (_, k) => 1 / (k + 1));
    const f = errorCurveFigure([{ name: "a", costs }], "t");
    const x = f.data[0].x as number[], y = f.data[0].y as number[];
    expect(x[0]).toBe(1);
    expect(x[x.length - 1]).toBe(1000);
    x.forEach((s, k) => expect(y[k]).toBe(1 / s));
    expect(f.layout?.xaxis?.type).toBe("log");
    expect(f.layout?.yaxis?.type).toBe("log");
  });

  it("stepSizeFigure reverses the eps axis (eps shrinks to the right) and says so", () => {
    const f = stepSizeFigure([1e-1, 1e-2], [{ name: "a", errors: [1, 2] }, { name: "b", errors: [3, 4], dotted: true }]);
    expect(f.layout?.xaxis?.autorange).toBe("reversed");
    expect(String(f.layout?.xaxis?.title)).toContain("shrinking to the right");
    expect(f.data[1].line?.dash).toBe("dot");
    expect(f.data[0].line).toBeUndefined();
  });

  it("measureGradientTimes times both ways for each size, and gradientTimingFigure plots them against P", () => {
    const timings = measureGradientTimes([2, 4], { inputs: 3, outputs: 2, examples: 4, repeats: 1, seed: 1 });
    // (3 + 1) h + (h + 1) 2 parameters
    expect(timings.map((t) => t.parameters)).toEqual([14, 26]);
    for (const t of timings) {
      expect(t.numericSeconds).toBeGreaterThan(0);
      expect(t.backpropSeconds).toBeGreaterThan(0);
    }
    const f = gradientTimingFigure(timings);
    expect(f.data[0].x).toEqual([14, 26]);
    expect(f.data[1].y).toEqual(timings.map((t) => t.backpropSeconds));
  });
});

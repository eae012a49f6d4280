// Notebook 04's figures: the confidently wrong neuron's z slider (both gradients at every slider
// position against their closed forms, e.g. at z = -5 cross-entropy's is 2 + e^5 + e^-5 = 150.4
// times squared error's), and weights along a regularization path.
import { describe, expect, it } from "vitest";
import { confidentlyWrongFigure, regularizationPathFigure } from "../lib/notebook";

type Step = { label: string; args: [string[], unknown] };
const g = (z: number) => 1 / (1 + Math.exp(-z));

describe("confidentlyWrongFigure", () => {
  const fig = confidentlyWrongFigure();
  const slider = (fig.layout?.sliders as { active: number; steps: Step[] }[])[0];
  const frame = (z: number) => (fig.frames ?? []).find((f) => f.name === `z=${z}`)!;
  const y = (t: { y?: unknown }) => (t.y as number[])[0];

  it("has a slider from z = -10 to 4 in steps of 0.5, starting at z = -5, each step switching to its frame", () => {
    expect(slider.steps.length).toBe(29);
    expect(slider.steps[0].label).toBe("-10");
    expect(slider.steps[slider.active].label).toBe("-5");
    const names = new Set((fig.frames ?? []).map((f) => f.name));
    for (const s of slider.steps) expect(names.has(s.args[0][0])).toBe(true);
    // What is drawn before the slider moves is the frame of its starting position.
    expect(fig.data.slice(3)).toEqual(frame(-5).data);
  });

  it("at z = 0 (h = 1/2): cross-entropy's gradient is h - 1 = -0.5, squared error's (h - 1) h (1 - h) = -0.125", () => {
    expect(y(frame(0).data[0])).toBeCloseTo(0.5, 15);
    expect(y(frame(0).data[1])).toBeCloseTo(0.125, 15);
    expect((frame(0).data[3].text as string[])[0]).toContain("is 4 times larger");
  });

  it("at z = -5, confidently wrong: 1 - g(-5) = 0.99331 against g(-5)(1 - g(-5))^2 = 0.0066036, a ratio 2 + e^5 + e^-5", () => {
    const h = g(-5);
    expect(y(frame(-5).data[0])).toBeCloseTo(1 - h, 12);
    expect(y(frame(-5).data[1])).toBeCloseTo(h * (1 - h) ** 2, 12);
    expect(h * (1 - h) ** 2).toBeCloseTo(0.0066036, 7);
    expect(2 + Math.exp(5) + Math.exp(-5)).toBeCloseTo(150.42, 2);
    expect((frame(-5).data[3].text as string[])[0]).toContain("is 150.4 times larger");
  });

  it("draws squared error's gradient peaking at 4/27 (h = 1/3, z = -ln 2) and vanishing to the left, cross-entropy's tending to 1", () => {
    const se = fig.data[2].y as number[], ce = fig.data[1].y as number[];
    expect(Math.max(...se)).toBeCloseTo(4 / 27, 3);
    expect(se[0]).toBeLessThan(5e-5); // z = -10: g(-10) = 4.5e-5
    expect(ce[0]).toBeCloseTo(1, 4);
  });

  it("refuses a start that is not a slider position", () => {
    expect(() => confidentlyWrongFigure({ zs: [-1, 0, 1], start: 0.5 })).toThrow(/start 0.5 is not one of the slider's positions/);
  });
});

describe("regularizationPathFigure", () => {
  it("draws one line per method and feature, the same colour for a feature in every method", () => {
    const fig = regularizationPathFigure([1, 10], [
      { name: "L2", weights: [[1, -2], [0.5, -1]] },
      { name: "L1", weights: [[0.8, -1.5], [0, -0.5]], dash: "dash" },
    ], ["a", "b"], "paths");
    expect(fig.data.map((t) => t.name)).toEqual(["L2: a", "L2: b", "L1: a", "L1: b"]);
    expect(fig.data[2].y).toEqual([0.8, 0]);
    expect(fig.data[0].line?.color).toBe(fig.data[2].line?.color);
    expect(fig.data[2].line?.dash).toBe("dash");
    expect(() => regularizationPathFigure([1], [{ name: "L2", weights: [[1]] }], ["a", "b"], "t")).toThrow(/one row of 2 weights per lambda/);
  });
});

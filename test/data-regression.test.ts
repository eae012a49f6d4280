import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { REGRESSION_TARGET_NAMES, makeRegression } from "../lib/data";

describe("makeRegression", () => {
  it("samples each target exactly on an even grid from -1 to 1", () => {
    const x = [-1, -0.5, 0, 0.5, 1];
    const expected: Record<string, number[]> = {
      sine: [0, -1, 0, 1, 0], // sin(pi x)
      bump: [Math.exp(-10), Math.exp(-2.5), 1, Math.exp(-2.5), Math.exp(-10)], // exp(-10 x^2)
      step: [0, 0, 1, 1, 1], // x >= 0 ? 1 : 0
      abs: [1, 0.5, 0, 0.5, 1],
      square: [1, 0.25, 0, 0.25, 1],
    };
    expect([...REGRESSION_TARGET_NAMES].sort()).toEqual(Object.keys(expected).sort());
    for (const name of REGRESSION_TARGET_NAMES) {
      const d = makeRegression(name, { n: 5 });
      expect([d.X.rows, d.X.cols, d.Y.rows, d.Y.cols]).toEqual([5, 1, 5, 1]);
      expect(Array.from(d.X.data)).toEqual(x);
      Array.from(d.Y.data).forEach((y, i) => expect(y, `${name}(${x[i]})`).toBeCloseTo(expected[name][i], 14));
      expect(d.labels).toBeUndefined();
      expect(d.featureNames).toEqual(["x"]);
    }
    expect(Array.from(makeRegression("abs", { n: 1 }).X.data)).toEqual([-1]);
  });

  it("random spacing gives sorted x in [-1, 1), reproducible by seed", () => {
    const a = makeRegression("sine", { n: 200, spacing: "random", seed: 9 });
    for (let i = 0; i < 200; i++) {
      expect(a.X.data[i]).toBeGreaterThanOrEqual(-1);
      expect(a.X.data[i]).toBeLessThan(1);
      if (i > 0) expect(a.X.data[i]).toBeGreaterThanOrEqual(a.X.data[i - 1]);
      expect(a.Y.data[i]).toBe(Math.sin(Math.PI * a.X.data[i]));
    }
    expect(makeRegression("sine", { n: 200, spacing: "random", seed: 9 }).X.data).toEqual(a.X.data);
    expect(makeRegression("sine", { n: 200, spacing: "random", seed: 10 }).X.data).not.toEqual(a.X.data);
  });

  it("adds seeded noise to y only", () => {
    const clean = makeRegression("square", { n: 500 });
    const a = makeRegression("square", { n: 500, noise: 0.1, seed: 1 });
    expect(a.X.data).toEqual(clean.X.data);
    expect(makeRegression("square", { n: 500, noise: 0.1, seed: 1 }).Y.data).toEqual(a.Y.data);
    expect(makeRegression("square", { n: 500, noise: 0.1, seed: 2 }).Y.data).not.toEqual(a.Y.data);
    let squares = 0;
    for (let i = 0; i < 500; i++) squares += (a.Y.data[i] - clean.Y.data[i]) ** 2;
    expect(Math.sqrt(squares / 500)).toBeCloseTo(0.1, 1);
  });

  it("rejects bad arguments with clear messages", () => {
    expectInputError(() => makeRegression("cosine" as "sine", { n: 5 }), 'makeRegression: unknown target "cosine"; valid targets are sine, bump, step, abs, square');
    expectInputError(() => makeRegression("sine", { n: 0 }), "makeRegression: n must be a positive integer, got 0");
    expectInputError(() => makeRegression("sine", { n: -3 }), "makeRegression: n must be a positive integer, got -3");
    expectInputError(() => makeRegression("sine", { n: 5, noise: 0.1 }), "makeRegression: seed must be a non-negative integer");
    expectInputError(() => makeRegression("sine", { n: 5, spacing: "random" }), "makeRegression: seed must be a non-negative integer");
    expectInputError(() => makeRegression("sine", { n: 5, noise: NaN, seed: 1 }), "makeRegression: noise must be a finite number >= 0, got NaN");
    expectInputError(() => makeRegression("sine", { n: 5, spacing: "even" as "grid" }), 'makeRegression: spacing must be "grid" or "random", got "even"');
  });
});

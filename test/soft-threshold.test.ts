// softThreshold: the proximal step of an L1 penalty. Entries beyond the threshold move toward 0
// by it, entries within it become exactly 0; it solves min_w (w - v)^2 / 2 + t |w| (checked
// against a fine grid), unlike the subgradient step, which jumps across 0.
import { describe, expect, it } from "vitest";
import { InputError, matrix, softThreshold, toArray } from "../lib";

describe("softThreshold", () => {
  it("moves entries toward 0 by the threshold and stops at exactly 0", () => {
    const out = softThreshold([[0.5, -0.5, 0.2, -0.29, 0.3]], 0.3);
    expect(toArray(out)[0].map((v) => Number(v.toFixed(12)))).toEqual([0.2, -0.2, 0, 0, 0]);
    expect(out.data[2]).toBe(0);
    expect(out.data[3]).toBe(0);
  });

  it("is the minimiser of (w - v)^2 / 2 + t |w| (a grid search agrees), which a subgradient step is not", () => {
    const t = 0.25;
    for (const v of [-1, -0.3, -0.1, 0, 0.2, 0.7]) {
      let best = 0, bestValue = Infinity;
      for (let k = -20000; k <= 20000; k++) {
        const w = k / 10000;
        const value = (w - v) ** 2 / 2 + t * Math.abs(w);
        if (value < bestValue) [best, bestValue] = [w, value];
      }
      expect(softThreshold([[v]], t).data[0]).toBeCloseTo(best, 4);
    }
    // The subgradient step from v = 0.1 lands at 0.1 - 0.25 = -0.15, across 0; the minimiser is 0.
    expect(softThreshold([[0.1]], t).data[0]).toBe(0);
  });

  it("leaves its argument alone and refuses a negative threshold", () => {
    const W = matrix(1, 2, Float64Array.of(1, -1));
    softThreshold(W, 0.5);
    expect(Array.from(W.data)).toEqual([1, -1]);
    expect(() => softThreshold(W, -0.1)).toThrow(InputError);
    expect(() => softThreshold(W, -0.1)).toThrow(/threshold must be >= 0/);
    expect(() => softThreshold([[1, 2], [3]], 0.1)).toThrow(/ragged/);
  });
});

// Finite differences against exactly known derivatives: the central difference is exact for a
// quadratic and off by h^2 f'''/6 for a cubic; the forward difference is off by h f''/2.
import { describe, expect, it } from "vitest";
import { InputError, centralDifference, forwardDifference } from "../lib";

describe("finite differences", () => {
  it("central: exact for a quadratic, h^2 for x^3 (3x^2 + h^2)", () => {
    expect(centralDifference((x) => 3 * x * x - 2 * x + 1, 0.7, 0.1)).toBeCloseTo(6 * 0.7 - 2, 13);
    expect(centralDifference((x) => x ** 3, 2, 0.01)).toBeCloseTo(12.0001, 10);
  });

  it("forward: off by about h f''/2 (x^2 at 1 with h = 0.1 gives 2.1)", () => {
    expect(forwardDifference((x) => x * x, 1, 0.1)).toBeCloseTo(2.1, 12);
    expect(forwardDifference((x) => x ** 3, 2, 0.01)).toBeCloseTo(12.0601, 10);
  });

  it("rejects a non-positive or non-finite step and a non-function", () => {
    expect(() => centralDifference((x) => x, 0, 0)).toThrow(/centralDifference: h must be positive/);
    expect(() => forwardDifference((x) => x, 0, Number.NaN)).toThrow(InputError);
    expect(() => centralDifference(3 as unknown as (x: number) => number, 0, 0.1)).toThrow(/f must be a function/);
  });
});

// Decision grids and feature counts against values known by hand.
import { describe, expect, it } from "vitest";
import { networkFromThetas } from "../lib/network";
import { decisionGrid } from "../lib/decision-regions";
import { monomialCount } from "../lib/features";

describe("decisionGrid", () => {
  it("evaluates the notes' XOR network at each grid point: about 0, 1, 1, 0 at the corners", () => {
    const xor = networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]);
    const g = decisionGrid(xor, { x: [0, 1], y: [0, 1], steps: 2 });
    expect(g.x).toEqual([0, 1]);
    expect(g.y).toEqual([0, 1]);
    // z[i][j] is at (x[j], y[i]): row 0 is y = 0.
    expect(g.z.map((r) => r.map((v) => Math.round(v)))).toEqual([[0, 1], [1, 0]]);
    expect(g.z[0][0]).toBeLessThan(1e-4);
  });

  it("spaces the points evenly and rejects networks that are not 2-D", () => {
    const and = networkFromThetas([[[-30, 20, 20]]]);
    expect(decisionGrid(and, { x: [-1, 1], steps: 5 }).x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(() => decisionGrid(networkFromThetas([[[0, 1]]]))).toThrow("decisionGrid: the network needs exactly 2 inputs");
    expect(() => decisionGrid(and, { steps: 1 })).toThrow("steps must be at least 2");
  });
});

describe("monomialCount", () => {
  it("gives the notes' feature counts: 100 features -> 5050 quadratic, 171700 cubic; 2500 pixels -> 3,126,250 quadratic", () => {
    expect(monomialCount(100, 2)).toBe(5050);
    expect(monomialCount(100, 3)).toBe(171700);
    expect(monomialCount(2500, 2)).toBe(3126250);
  });
  it("counts by hand for two variables: x1^2, x1 x2, x2^2", () => {
    expect(monomialCount(2, 2)).toBe(3);
    expect(monomialCount(2, 3)).toBe(4); // x1^3, x1^2 x2, x1 x2^2, x2^3
    expect(monomialCount(7, 1)).toBe(7);
    expect(() => monomialCount(0, 2)).toThrow("monomialCount: n must be a positive integer");
  });
});

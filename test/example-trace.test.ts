// exampleTrace: one example's per-layer lists (what forwardTheta returns) read with the notes'
// indices, like forward's trace: the notes' XOR network at x = (1, 0), worked by hand.
import { describe, expect, it } from "vitest";
import { InputError, exampleTrace, sigmoid, unitActivation, unitInput } from "../lib";

describe("exampleTrace", () => {
  // z^(2) = (-10 + 20, 30 - 20) = (10, 10); z^(3) = -30 + 20 g(10) + 20 g(10).
  const z3 = -30 + 40 * sigmoid(10);
  const trace = exampleTrace([[1, 0], [sigmoid(10), sigmoid(10)], [sigmoid(z3)]], [[10, 10], [z3]]);

  it("reads a_i^(j) and z_i^(j) by the notes' indices, bias units included", () => {
    expect(unitActivation(trace, 1, 1)).toBe(1);
    expect(unitActivation(trace, 1, 2)).toBe(0);
    expect(unitActivation(trace, 2, 0)).toBe(1); // the bias unit
    expect(unitInput(trace, 2, 2)).toBe(10);
    expect(unitInput(trace, 3, 1)).toBeCloseTo(9.998184, 6);
    expect(unitActivation(trace, 3, 1)).toBeCloseTo(0.9999545, 7);
  });

  it("works without the z lists, and refuses lists that do not fit together", () => {
    expect(unitActivation(exampleTrace([[0.5], [0.25, 0.75]]), 2, 2)).toBe(0.75);
    expect(() => exampleTrace([])).toThrow(InputError);
    expect(() => exampleTrace([[1], [2]], [[1], [2]])).toThrow(/z must list z\^\(2\), \.\.\., z\^\(2\)/);
    expect(() => exampleTrace([[1], [2, 3]], [[1]])).toThrow(/z\^\(2\) has 1 units but a\^\(2\) has 2/);
    expect(() => exampleTrace([[1, Number.NaN]])).toThrow(/a\^\(1\)/);
  });
});

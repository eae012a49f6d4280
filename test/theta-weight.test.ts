// thetaWeight(theta, k, i) = Theta^(j)_ki in the notes' numbering (k = unit above, from 1;
// i = unit below, 0 = the bias unit): the notes' XOR network and its unrolled sum.
import { describe, expect, it } from "vitest";
import { InputError, forward, networkFromThetas, sigmoid, thetaWeight, toThetas, unitActivation, unitInput } from "../lib";

describe("thetaWeight", () => {
  const thetas = toThetas(networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]));

  it("reads the notes' entries: Theta^(1)_10 = -10 (a bias weight), Theta^(1)_22 = -20, Theta^(2)_12 = 20", () => {
    expect(thetaWeight(thetas[0], 1, 0)).toBe(-10);
    expect(thetaWeight(thetas[0], 2, 2)).toBe(-20);
    expect(thetaWeight(thetas[0], 2, 0)).toBe(30);
    expect(thetaWeight(thetas[1], 1, 2)).toBe(20);
  });

  it("gives the notes' sum z_k^(2) = sum_i Theta^(1)_ki a_i^(1), as forward computes it", () => {
    const trace = forward(networkFromThetas([[[0.1, 0.2, -0.3], [-0.5, 0.4, 0.6]], [[0.7, -1, 2]]]), [[0.3, -0.8]]);
    const theta = toThetas(networkFromThetas([[[0.1, 0.2, -0.3], [-0.5, 0.4, 0.6]], [[0.7, -1, 2]]]))[0];
    for (const k of [1, 2]) {
      const z = [0, 1, 2].reduce((s, i) => s + thetaWeight(theta, k, i) * unitActivation(trace, 1, i), 0);
      expect(z).toBeCloseTo(unitInput(trace, 2, k), 15);
      expect(sigmoid(z)).toBeCloseTo(unitActivation(trace, 2, k), 15);
    }
    expect(0.1 + 0.2 * 0.3 - 0.3 * -0.8).toBeCloseTo(unitInput(trace, 2, 1), 15); // by hand: 0.4
  });

  it("refuses units that do not exist, naming the valid range", () => {
    expect(() => thetaWeight(thetas[0], 0, 1)).toThrow(InputError);
    expect(() => thetaWeight(thetas[0], 0, 1)).toThrow(/k runs 1\.\.2/);
    expect(() => thetaWeight(thetas[0], 1, 3)).toThrow(/i runs 0 \(the bias unit\)\.\.2/);
    expect(() => thetaWeight(thetas[1], 1.5, 0)).toThrow(/unit k = 1.5/);
  });
});

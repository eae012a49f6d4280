import { describe, expect, it } from "vitest";
import {
  InputError, createNetwork, deepNetworkStatistics, gradientNorms, layerStatistics, networkFromWeights, standardNormalBatch,
} from "../lib";

describe("layerStatistics", () => {
  it("gives the mean and population spread of a and z per layer, numbered from 2 (hand-computed)", () => {
    // z^(2) = 2x + 1 = [1, 3, 5]; a^(3) = (z, -z) per example.
    const net = networkFromWeights([{ W: [[2]], b: [1] }, { W: [[1], [-1]], b: [0, 0] }], { hidden: "identity", output: "identity" });
    const [l2, l3] = layerStatistics(net, [[0], [1], [2]]);
    expect(l2.layer).toBe(2);
    expect(l2.mean).toBeCloseTo(3, 12);
    expect(l2.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(l2.zStd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(l3.layer).toBe(3);
    expect(l3.mean).toBeCloseTo(0, 12);
    expect(l3.std).toBeCloseTo(Math.sqrt(70 / 6), 12);
  });

  it("rejects inputs that do not fit the network, naming itself", () => {
    const net = networkFromWeights([{ W: [[1]], b: [0] }]);
    expect(() => layerStatistics(net, [[1, 2]])).toThrow(InputError);
    expect(() => layerStatistics(net, [[1, 2]])).toThrow("layerStatistics: X is 1x2 but the network has 1 inputs");
  });

  it("takes the statistics after the activation, z before it", () => {
    const net = networkFromWeights([{ W: [[1]], b: [0] }], { output: "relu" });
    const [s] = layerStatistics(net, [[-1], [1]]);
    expect([s.mean, s.std, s.zStd]).toEqual([0.5, 0.5, 1]);
  });
});

describe("standardNormalBatch", () => {
  it("draws N(0, 1) entries, the same for the same seed", () => {
    const X = standardNormalBatch(200, 50, 7);
    expect([X.rows, X.cols]).toEqual([200, 50]);
    const mean = X.data.reduce((s, v) => s + v, 0) / X.data.length;
    const variance = X.data.reduce((s, v) => s + (v - mean) ** 2, 0) / X.data.length;
    // 10000 samples: the standard error of the mean is 0.01, of the variance about 0.014.
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
    expect(standardNormalBatch(200, 50, 7).data).toEqual(X.data);
    expect(standardNormalBatch(200, 50, 8).data).not.toEqual(X.data);
  });

  it("rejects a bad size, naming the function", () => {
    expect(() => standardNormalBatch(0, 2, 1)).toThrow(InputError);
    expect(() => standardNormalBatch(0, 2, 1)).toThrow(/standardNormalBatch: rows/);
  });
});

describe("deepNetworkStatistics", () => {
  const base = { depth: 10, width: 100, examples: 200, seed: 1 } as const;
  const spreads = (s: { std: number }[]) => s.map((r) => r.std);

  it("reports one row per weight layer, layers 2 to depth + 1, and is deterministic", () => {
    const s = deepNetworkStatistics({ ...base, activation: "tanh", weights: "xavierUniform" });
    expect(s.map((r) => r.layer)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(deepNetworkStatistics({ ...base, activation: "tanh", weights: "xavierUniform" })).toEqual(s);
  });

  it("linear layers keep unit variance with Var(w) = 1/n and multiply the spread by sqrt(n) = 10 with Var(w) = 1", () => {
    // Var(z_i) = n Var(w) Var(a) for independent zero-mean weights and inputs.
    const kept = spreads(deepNetworkStatistics({ ...base, activation: "identity", weights: { name: "normal", sd: 0.1 } }));
    for (const s of kept) {
      expect(s).toBeGreaterThan(0.6);
      expect(s).toBeLessThan(1.6);
    }
    const grown = spreads(deepNetworkStatistics({ ...base, activation: "identity", weights: { name: "normal", sd: 1 } }));
    for (let k = 1; k < grown.length; k++) {
      expect(grown[k] / grown[k - 1]).toBeGreaterThan(8);
      expect(grown[k] / grown[k - 1]).toBeLessThan(12);
    }
  });

  it("He initialization keeps ReLU activations from vanishing; a tiny N(0, 0.01^2) shrinks tanh ones 10x per layer", () => {
    const he = spreads(deepNetworkStatistics({ ...base, activation: "relu", weights: "he" }));
    expect(he[9] / he[0]).toBeGreaterThan(0.5);
    expect(he[9] / he[0]).toBeLessThan(2);
    // tanh(z) ~ z near 0, so each layer multiplies the spread by sqrt(100) * 0.01 = 0.1.
    const tiny = spreads(deepNetworkStatistics({ ...base, activation: "tanh", weights: { name: "normal", sd: 0.01 } }));
    expect(Math.log10(tiny[0] / tiny[9])).toBeGreaterThan(8.5);
    expect(Math.log10(tiny[0] / tiny[9])).toBeLessThan(9.5);
  });

  it("saturates tanh with N(0, 1) weights: |z| far above 1, activations near +-1", () => {
    const s = deepNetworkStatistics({ ...base, activation: "tanh", weights: { name: "normal", sd: 1 } });
    for (const r of s) {
      expect(r.zStd).toBeGreaterThan(5);
      expect(r.std).toBeGreaterThan(0.9);
    }
  });

  it("rejects a depth of 0, naming the function and the option", () => {
    expect(() => deepNetworkStatistics({ ...base, depth: 0, activation: "tanh", weights: "he" })).toThrow(/deepNetworkStatistics: depth/);
    expect(() => deepNetworkStatistics({ ...base, activation: "tanh", weights: { name: "uniform", epsilon: -1 } }))
      .toThrow("deepNetworkStatistics: weights: uniform epsilon must be >= 0, got -1");
  });
});

describe("gradientNorms", () => {
  it("gives ||dJ/dW|| per layer for a 1-1-1 linear network (hand-computed)", () => {
    // a2 = 2, a3 = 6, J = (6 - 0)^2 / 2; dJ/dW2 = 6 * 2 = 12, dJ/dW1 = 6 * 3 * 1 = 18.
    const net = networkFromWeights([{ W: [[2]], b: [0] }, { W: [[3]], b: [0] }], { hidden: "identity", output: "identity" });
    expect(gradientNorms(net, [[1]], [[0]], { loss: "halfSquared" })).toEqual([18, 12]);
  });

  it("takes the Frobenius norm over all weights of a layer (hand-computed)", () => {
    // a2 = (1, 2), a3 = 3: dJ/dW2 = 3 (1, 2), dJ/dW1 = 3 (1, 1)^T.
    const net = networkFromWeights([{ W: [[1], [2]], b: [0, 0] }, { W: [[1, 1]], b: [0] }], { hidden: "identity", output: "identity" });
    const norms = gradientNorms(net, [[1]], [[0]], { loss: "halfSquared" });
    expect(norms[0]).toBeCloseTo(Math.sqrt(18), 12);
    expect(norms[1]).toBeCloseTo(Math.sqrt(45), 12);
  });

  it("rejects labels that do not fit, naming itself", () => {
    const net = networkFromWeights([{ W: [[1]], b: [0] }], { output: "identity" });
    expect(() => gradientNorms(net, [[1]], [[0, 1]], { loss: "halfSquared" })).toThrow("gradientNorms: Y is 1x2 but the network has 1 output unit");
  });

  it("vanish towards the input of a deep sigmoid network but not of a deep ReLU network", () => {
    const X = standardNormalBatch(100, 20, 3);
    const Y = Array.from({ length: 100 }, (_, i) => [i % 2]);
    const norms = (hidden: "sigmoid" | "relu") => gradientNorms(
      createNetwork({ sizes: new Array<number>(9).fill(20).concat([1]), hidden, output: "sigmoid", weights: "xavierUniform", seed: 2 }),
      X, Y, { loss: "binaryCrossEntropy" },
    );
    const sig = norms("sigmoid"), relu = norms("relu");
    // sigmoid' <= 1/4 per layer: 8 sigmoid layers between the first and the last weights.
    expect(sig[0] / sig[8]).toBeLessThan(1e-3);
    expect(relu[0] / relu[8]).toBeGreaterThan(0.1);
  });
});

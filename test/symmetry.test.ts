import { describe, expect, it } from "vitest";
import { InputError, createNetwork, makeLogicGate, matrix, unitSpread, weightHistory } from "../lib";

describe("unitSpread", () => {
  it("is the largest difference between two units' weights from the same input (hand-computed)", () => {
    expect(unitSpread(matrix(3, 2, Float64Array.from([1, 2, 1, 5, 0, 2])))).toBe(3);
    expect(unitSpread(matrix(2, 2, Float64Array.from([0.5, -1, 0.5, -1])))).toBe(0);
  });
});

describe("weightHistory", () => {
  const and = makeLogicGate("AND");
  const options = { loss: "binaryCrossEntropy", learningRate: 1, steps: 50 } as const;

  it("from zeros: W^(1) stays 0 for one step (the output weights are 0, so no hidden delta), then moves with all units equal", () => {
    const net = createNetwork({ sizes: [2, 3, 1], weights: "zeros", seed: 1 });
    const h = weightHistory(net, and.X, and.Y, options);
    expect(h.length).toBe(51);
    expect([...h[0].data, ...h[1].data].every((w) => w === 0)).toBe(true);
    expect(h[50].data.some((w) => w !== 0)).toBe(true);
    for (const W of h) expect(unitSpread(W)).toBe(0);
  });

  it("from a constant the units move but stay identical; from random weights they stay apart", () => {
    const constant = weightHistory(createNetwork({ sizes: [2, 3, 1], weights: { name: "constant", value: 0.5 }, seed: 1 }), and.X, and.Y, options);
    expect(constant[50].data[0]).not.toBe(0.5);
    for (const W of constant) expect(unitSpread(W)).toBe(0);
    const random = weightHistory(createNetwork({ sizes: [2, 3, 1], weights: { name: "uniform", epsilon: 1 }, seed: 1 }), and.X, and.Y, options);
    for (const W of random) expect(unitSpread(W)).toBeGreaterThan(0.1);
  });

  it("records the layer asked for, and rejects a layer that does not exist", () => {
    const net = createNetwork({ sizes: [2, 3, 1], seed: 1 });
    expect(weightHistory(net, and.X, and.Y, { ...options, steps: 2, layer: 1 })[0].data).toEqual(net.layers[1].W.data);
    expect(() => weightHistory(net, and.X, and.Y, { ...options, layer: 2 })).toThrow(InputError);
    expect(() => weightHistory(net, and.X, and.Y, { ...options, steps: 0 })).toThrow(/weightHistory: steps/);
    expect(() => weightHistory(net, [[0, 1, 1]], [[1]], options)).toThrow("weightHistory: X is 1x3 but the network has 2 inputs");
    expect(() => weightHistory(net, and.X, and.Y, { ...options, learningRate: -1 })).toThrow("weightHistory: learning rate for weights must be >= 0");
  });
});

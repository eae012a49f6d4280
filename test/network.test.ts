import { describe, expect, it } from "vitest";
import {
  InitSpec, Network, createNetwork, networkFromThetas, networkFromWeights, parameterCount, thetaToWeights, toArray,
  toThetas, weightsToTheta, withParameters,
} from "../lib";

const allWeights = (net: Network) => net.layers.flatMap((l) => [...l.W.data]);
const allBiases = (net: Network) => net.layers.flatMap((l) => [...l.b]);
const meanVar = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [mean, xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length];
};

describe("createNetwork", () => {
  it("builds layers W^(l) of s_{l+1} x s_l and b^(l) of s_{l+1}", () => {
    const net = createNetwork({ sizes: [4, 5, 3], seed: 1 });
    expect(net.sizes).toEqual([4, 5, 3]);
    expect(net.layers.map((l) => [l.W.rows, l.W.cols, l.b.length])).toEqual([[5, 4, 5], [3, 5, 3]]);
    expect(parameterCount(net)).toBe(5 * 4 + 5 + 3 * 5 + 3);
    expect(net.layers.map((l) => l.activation.label)).toEqual(["sigmoid", "sigmoid"]);
  });

  it("gives a maxout unit with k pieces k rows of weights", () => {
    const net = createNetwork({ sizes: [2, 3, 1], hidden: { name: "maxout", pieces: 4 }, output: "identity", seed: 1 });
    expect([net.layers[0].W.rows, net.layers[0].W.cols, net.layers[0].b.length]).toEqual([12, 2, 12]);
    expect(net.layers[1].W.cols).toBe(3);
  });

  it("takes one activation per hidden layer", () => {
    const net = createNetwork({ sizes: [2, 3, 3, 2], hidden: ["relu", "tanh"], output: "softmax", seed: 1 });
    expect(net.layers.map((l) => l.activation.name)).toEqual(["relu", "tanh", "softmax"]);
  });

  it("is reproducible: the same seed gives the same weights, another seed other weights", () => {
    const a = createNetwork({ sizes: [3, 4, 2], seed: 42 });
    const b = createNetwork({ sizes: [3, 4, 2], seed: 42 });
    const c = createNetwork({ sizes: [3, 4, 2], seed: 43 });
    expect(allWeights(a)).toEqual(allWeights(b));
    expect(allWeights(a)).not.toEqual(allWeights(c));
  });
});

describe("initializers", () => {
  const big = (weights: InitSpec, biases: InitSpec = "zeros") =>
    createNetwork({ sizes: [300, 200], weights, biases, output: "identity", seed: 7 });

  it("zeros and constant fill every value", () => {
    expect(new Set(allWeights(big("zeros")))).toEqual(new Set([0]));
    expect(new Set(allWeights(big({ name: "constant", value: 0.25 })))).toEqual(new Set([0.25]));
    expect(new Set(allBiases(big("zeros", { name: "constant", value: -1 })))).toEqual(new Set([-1]));
  });

  it("uniform stays in [-eps, eps] with variance eps^2 / 3", () => {
    const w = allWeights(big({ name: "uniform", epsilon: 0.12 }));
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.12);
    const [mean, variance] = meanVar(w);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(variance / (0.12 ** 2 / 3)).toBeCloseTo(1, 1);
  });

  it("normal has sd sigma", () => {
    const [mean, variance] = meanVar(allWeights(big({ name: "normal", sd: 0.5 })));
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.sqrt(variance) / 0.5).toBeCloseTo(1, 1);
  });

  it("Xavier uniform stays within sqrt(6 / (fanIn + fanOut)) with variance 2 / (fanIn + fanOut)", () => {
    const w = allWeights(big("xavierUniform"));
    const r = Math.sqrt(6 / 500);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(r);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.99 * r);
    expect(meanVar(w)[1] / (2 / 500)).toBeCloseTo(1, 1);
  });

  it("Xavier normal has variance 2 / (fanIn + fanOut); He has variance 2 / fanIn", () => {
    expect(meanVar(allWeights(big("xavierNormal")))[1] / (2 / 500)).toBeCloseTo(1, 1);
    expect(meanVar(allWeights(big("he")))[1] / (2 / 300)).toBeCloseTo(1, 1);
  });

  it("rejects unknown initializers and bad parameters", () => {
    expect(() => big("glorot" as InitSpec)).toThrow(
      'createNetwork: weights: unknown initializer "glorot"; use one of zeros, constant, uniform, normal, xavierUniform, xavierNormal, he',
    );
    expect(() => big({ name: "uniform", epsilon: -1 })).toThrow("createNetwork: weights: uniform epsilon must be >= 0, got -1");
    expect(() => big({ name: "normal" } as unknown as InitSpec)).toThrow("createNetwork: weights: normal sd must be a finite number, got undefined");
  });
});

describe("the Theta and W, b notations", () => {
  it("Theta = [b | W] with the bias in column 0", () => {
    const p = thetaToWeights([[-30, 20, 20], [10, -20, -20]]);
    expect(toArray(p.W)).toEqual([[20, 20], [-20, -20]]);
    expect([...p.b]).toEqual([-30, 10]);
    expect(toArray(weightsToTheta(p.W, p.b))).toEqual([[-30, 20, 20], [10, -20, -20]]);
  });

  it("convert losslessly both ways, bit for bit, for random weights", () => {
    const net = createNetwork({ sizes: [5, 7, 3, 2], weights: { name: "normal", sd: 1e3 }, biases: { name: "uniform", epsilon: 1e-9 }, seed: 3 });
    const back = networkFromThetas(toThetas(net), { hidden: "sigmoid", output: "sigmoid" });
    expect(back.sizes).toEqual(net.sizes);
    back.layers.forEach((l, k) => {
      expect([...l.W.data]).toEqual([...net.layers[k].W.data]);
      expect([...l.b]).toEqual([...net.layers[k].b]);
    });
  });

  it("networkFromThetas and networkFromWeights build the same network", () => {
    const a = networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]);
    const b = networkFromWeights([{ W: [[20, 20], [-20, -20]], b: [-10, 30] }, { W: [[20, 20]], b: [-30] }]);
    expect(toThetas(a).map(toArray)).toEqual(toThetas(b).map(toArray));
    expect(a.sizes).toEqual([2, 2, 1]);
  });

  it("copies the weights it is given, so later edits to the arrays do not change the network", () => {
    const W = [[1, 2]];
    const net = networkFromWeights([{ W, b: [0] }]);
    W[0][0] = 99;
    expect(net.layers[0].W.data[0]).toBe(1);
  });

  it("withParameters replaces weights of the same shapes only", () => {
    const net = createNetwork({ sizes: [2, 2, 1], seed: 1 });
    const other = createNetwork({ sizes: [2, 3, 1], seed: 1 });
    expect(() => withParameters(net, other.layers)).toThrow("withParameters: layer 1 needs W 2x2 and b of 2, got W 3x2 and b of 3");
  });
});

describe("unit accessors in the notes' numbering", () => {
  it("a_i^(j) and z_i^(j) of the XOR network of file 000 (input layer j = 1, bias unit i = 0)", async () => {
    const { forward, networkFromThetas, unitActivation, unitInput } = await import("../lib");
    const net = networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]);
    const trace = forward(net, [[0, 0], [1, 0]]);
    // Example 1 is x = (1, 0): z_1^(2) = -10 + 20 = 10, z_2^(2) = 30 - 20 = 10.
    expect(unitActivation(trace, 1, 1, 1)).toBe(1);
    expect(unitActivation(trace, 1, 0, 1)).toBe(1);
    expect(unitInput(trace, 2, 1, 1)).toBe(10);
    expect(unitInput(trace, 2, 2, 1)).toBe(10);
    expect(unitActivation(trace, 2, 1, 1)).toBeCloseTo(1 / (1 + Math.exp(-10)), 15);
    // Output z_1^(3) = -30 + 20 a_1 + 20 a_2 with a_1 = a_2 = g(10).
    expect(unitInput(trace, 3, 1, 1)).toBeCloseTo(-30 + 40 / (1 + Math.exp(-10)), 12);
    expect(() => unitActivation(trace, 3, 0)).toThrow("unitActivation: unit 0 is the bias unit, which layer 3 (the output) does not have");
    expect(() => unitInput(trace, 1, 1)).toThrow("unitInput: layer j = 1 does not exist; z^(j) runs from j = 2");
    expect(() => unitActivation(trace, 2, 3)).toThrow("unit i = 3 does not exist in layer 2; it has units 1..2");
  });
});

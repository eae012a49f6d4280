/**
 * The small networks the lectures build by hand (files 000 and 001), checked against the tables
 * printed in the notes: each entry is g(z) for the z the notes write next to it.
 */
import { describe, expect, it } from "vitest";
import { classify, forward, networkFromThetas, networkFromWeights, predict, sigmoid, toArray } from "../lib";

const inputs2 = [[0, 0], [0, 1], [1, 0], [1, 1]];
const g = (z: number) => 1 / (1 + Math.exp(-z));

describe("the single-neuron exercise of file 000", () => {
  it("computes z = 0.7 + (-0.1)(0.3) + 0.4(-0.4) + 0.6(0.5) = 0.81", () => {
    const neuron = networkFromWeights([{ W: [[-0.1, 0.4, 0.6]], b: [0.7] }], { output: "identity" });
    expect(predict(neuron, [[0.3, -0.4, 0.5]]).data[0]).toBeCloseTo(0.81, 15);
    const logistic = networkFromWeights([{ W: [[-0.1, 0.4, 0.6]], b: [0.7] }], { output: "sigmoid" });
    expect(predict(logistic, [[0.3, -0.4, 0.5]]).data[0]).toBeCloseTo(g(0.81), 15);
  });
});

describe("logic gates from the notes' weights", () => {
  const cases: [string, number[][], number[], number[]][] = [
    // name, Theta, the z the notes print per row, the truth table
    ["AND", [[-30, 20, 20]], [-30, -10, -10, 10], [0, 0, 0, 1]],
    ["OR", [[-10, 20, 20]], [-10, 10, 10, 30], [0, 1, 1, 1]],
  ];
  for (const [name, theta, zs, truth] of cases) {
    it(`${name}: h = g(${theta[0].join(", ")} . [1, x1, x2]) reproduces the notes' table`, () => {
      const net = networkFromThetas([theta]);
      const h = predict(net, inputs2).data;
      zs.forEach((z, k) => expect(h[k]).toBeCloseTo(g(z), 15));
      expect([...classify(net, inputs2)]).toEqual(truth);
    });
  }

  it("NOT: h = g(10 - 20 x1) gives g(10) and g(-10)", () => {
    const net = networkFromThetas([[[10, -20]]]);
    const h = predict(net, [[0], [1]]).data;
    expect(h[0]).toBeCloseTo(g(10), 15);
    expect(h[1]).toBeCloseTo(g(-10), 15);
    expect([...classify(net, [[0], [1]])]).toEqual([1, 0]);
  });

  it("XOR (file 000): a1 = g(-10 + 20x1 + 20x2), a2 = g(30 - 20x1 - 20x2), h = g(-30 + 20a1 + 20a2)", () => {
    const net = networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]);
    const trace = forward(net, inputs2);
    const rounded = (m: number[][]) => m.map((r) => r.map(Math.round));
    // The notes' table: x1 x2 | a1 a2 | h
    expect(rounded(toArray(trace.a[1]))).toEqual([[0, 1], [1, 1], [1, 1], [1, 0]]);
    expect(rounded(toArray(trace.a[2]))).toEqual([[0], [1], [1], [0]]);
    // The exact value for x = (0, 0): h = g(-30 + 20 g(-10) + 20 g(30)).
    expect(trace.a[2].data[0]).toBeCloseTo(g(-30 + 20 * g(-10) + 20 * g(30)), 15);
    expect([...classify(net, inputs2)]).toEqual([0, 1, 1, 0]);
  });

  it("XNOR (files 000/001): a1 = x1 AND x2, a2 = (NOT x1) AND (NOT x2), h = a1 OR a2", () => {
    const net = networkFromThetas([[[-30, 20, 20], [10, -20, -20]], [[-10, 20, 20]]]);
    const trace = forward(net, inputs2);
    const rounded = (m: number[][]) => m.map((r) => r.map(Math.round));
    // The table of file 000's second "Neural Network" slide: x1 x2 | a1 a2 | h
    expect(rounded(toArray(trace.a[1]))).toEqual([[0, 1], [0, 0], [0, 0], [1, 0]]);
    expect([...classify(net, inputs2)]).toEqual([1, 0, 0, 1]);
    expect(trace.a[2].data[3]).toBeCloseTo(g(-10 + 20 * g(10) + 20 * g(-30)), 15);
  });

  it("the library's sigmoid is the g of these tables", () => {
    for (const z of [-30, -10, 0, 10, 30]) expect(sigmoid(z)).toBeCloseTo(g(z), 15);
  });
});

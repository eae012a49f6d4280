// The computational-graph example of file 002 (cs231n's figure): forward values and backward
// gradients at every gate, against the published two-digit numbers, the closed form
// df/dz = s(z)(1 - s(z)) of the sigmoid, and central differences of f itself.
import { describe, expect, it } from "vitest";
import { InputError, evaluateGraph, sigmoidNeuronGates } from "../lib";

const f = (w: number[], x: number[]) => 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2])));

describe("evaluateGraph on the sigmoid neuron of file 002", () => {
  const gates = evaluateGraph(sigmoidNeuronGates([2, -3, -3], [-1, -2]));
  const at = (id: string) => gates.find((g) => g.id === id)!;

  it("gives cs231n's published values (two decimals) at every gate, forward and backward", () => {
    const published: Record<string, [number, number]> = {
      w0: [2, -0.2], x0: [-1, 0.39], w1: [-3, -0.39], x1: [-2, -0.59], w2: [-3, 0.2],
      w0x0: [-2, 0.2], w1x1: [6, 0.2], sum: [4, 0.2], z: [1, 0.2], "-z": [-1, -0.2],
      "exp(-z)": [0.37, -0.53], "1+exp(-z)": [1.37, -0.53], f: [0.73, 1],
    };
    for (const [id, [value, gradient]] of Object.entries(published)) {
      expect(Math.abs(at(id).value - value), `${id} value`).toBeLessThan(0.005 + 1e-12);
      expect(Math.abs(at(id).gradient - gradient), `${id} gradient`).toBeLessThan(0.005 + 1e-12);
    }
  });

  it("matches the closed form: df/dw_i = s(1 - s) x_i, df/dx_i = s(1 - s) w_i with s = sigmoid(1)", () => {
    const s = 1 / (1 + Math.exp(-1));
    const dz = s * (1 - s);
    expect(at("f").value).toBeCloseTo(s, 15);
    expect(at("w0").gradient).toBeCloseTo(-dz, 15);
    expect(at("x0").gradient).toBeCloseTo(2 * dz, 15);
    expect(at("w1").gradient).toBeCloseTo(-2 * dz, 15);
    expect(at("x1").gradient).toBeCloseTo(-3 * dz, 15);
    expect(at("w2").gradient).toBeCloseTo(dz, 15);
  });

  it("matches central differences of f for every input", () => {
    const h = 1e-5;
    const w = [2, -3, -3], x = [-1, -2];
    const bump = (v: number[], k: number, d: number) => v.map((t, i) => (i === k ? t + d : t));
    for (let k = 0; k < 3; k++) {
      const numeric = (f(bump(w, k, h), x) - f(bump(w, k, -h), x)) / (2 * h);
      expect(Math.abs(at(`w${k}`).gradient - numeric)).toBeLessThan(1e-9);
    }
    for (let k = 0; k < 2; k++) {
      const numeric = (f(w, bump(x, k, h)) - f(w, bump(x, k, -h))) / (2 * h);
      expect(Math.abs(at(`x${k}`).gradient - numeric)).toBeLessThan(1e-9);
    }
  });

  it("sums the gradients of a value used twice (f = x * x gives 2x)", () => {
    const g = evaluateGraph([{ id: "x", op: "input", value: 3 }, { id: "sq", op: "mul", inputs: ["x", "x"] }]);
    expect(g[0].gradient).toBe(6);
    expect(g[1].value).toBe(9);
  });

  it("rejects malformed graphs with errors naming the gate", () => {
    expect(() => evaluateGraph([])).toThrow(InputError);
    expect(() => evaluateGraph([{ id: "a", op: "exp", inputs: ["b"] }])).toThrow(/gate "a" reads "b", which is not an earlier gate/);
    expect(() => evaluateGraph([{ id: "a", op: "input", value: 1 }, { id: "a", op: "input", value: 2 }])).toThrow(/used twice/);
    expect(() => evaluateGraph([{ id: "a", op: "input", value: 1 }, { id: "b", op: "add", inputs: ["a"] }])).toThrow(/takes 2 inputs, got 1/);
    expect(() => evaluateGraph([{ id: "a", op: "input", value: Number.NaN }])).toThrow(/value of gate "a"/);
    expect(() => sigmoidNeuronGates([1, 2] as unknown as [number, number, number], [0, 0])).toThrow(/w must be \[w0, w1, w2\]/);
  });
});

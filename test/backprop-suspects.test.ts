// The bug hunt's suspects (lib/backprop-suspects.ts): each has exactly the one bug the answer key
// names, checked against the library's gradients (themselves tested against central differences
// and 64-digit arithmetic), and only in the layers the key says.
import { describe, expect, it } from "vitest";
import { BUG_KINDS, SUSPECT_NAMES, backprop, backpropPerExample, backpropSuspects, networkFromThetas, toArray, weightsToTheta } from "../lib";
import { bugReport } from "../solutions/06-gradient-checking";

const thetas = [[[0.1, 0.6, -0.4], [-0.3, 0.2, 0.8], [0.5, -0.7, 0.1]], [[0.2, -0.5, 0.7, 0.3], [0.4, 0.9, -0.6, -0.2]]];
const X = [[0.5, -1], [1.5, 0.2], [-0.7, 0.9], [0.3, 0.3]];
const Y = [[1, 0], [0, 1], [1, 1], [0, 0]];
const m = X.length, lambda = 0.8;
const net = networkFromThetas(thetas, { hidden: "sigmoid", output: "sigmoid" });
const reg = (includeBias = false) => ({ kind: "l2" as const, lambda, scale: "lambda/2m" as const, includeBias });
const right = (() => {
  const r = backprop(net, X, Y, { loss: "binaryCrossEntropy", regularization: reg() });
  return r.gradients.W.map((W, l) => toArray(weightsToTheta(W, r.gradients.b[l])));
})();
const close = (a: number[][], b: number[][]) => a.every((row, i) => row.every((v, j) => Math.abs(v - b[i][j]) < 1e-12));
const run = (name: (typeof SUSPECT_NAMES)[number]) => backpropSuspects[name](thetas, X, Y, lambda);

describe("the bug hunt's suspects", () => {
  it("A drops g'(z) from the hidden delta: D2 is right, D1 is file 000's linear-unit rule", () => {
    const [D1, D2] = run("A");
    expect(close(D2, right[1])).toBe(true);
    // By hand: delta2 = Theta2^T delta3 without the bias row and without the factor a(1 - a).
    const want = thetas[0].map((r) => r.map(() => 0));
    X.forEach((x, s) => {
      const a1 = [1, ...x];
      const a2 = [1, ...thetas[0].map((r) => 1 / (1 + Math.exp(-r.reduce((u, w, j) => u + w * a1[j], 0))))];
      const a3 = thetas[1].map((r) => 1 / (1 + Math.exp(-r.reduce((u, w, j) => u + w * a2[j], 0))));
      const d3 = a3.map((a, k) => a - Y[s][k]);
      const d2 = [0, 1, 2].map((j) => d3.reduce((u, d, k) => u + d * thetas[1][k][j + 1], 0));
      want.forEach((r, i) => r.forEach((_v, j) => (r[j] += d2[i] * a1[j])));
    });
    expect(close(D1, want.map((r, i) => r.map((v, j) => v / m + (j > 0 ? (lambda / m) * thetas[0][i][j] : 0))))).toBe(true);
    expect(close(D1, right[0])).toBe(false);
  });

  it("B penalizes the bias column in both layers", () => {
    const withBias = backpropPerExample(net, X, Y, { loss: "binaryCrossEntropy", regularization: reg(true) }).D.map(toArray);
    const D = run("B");
    expect(close(D[0], withBias[0]) && close(D[1], withBias[1])).toBe(true);
    expect(close(D[0], right[0]) || close(D[1], right[1])).toBe(false);
  });

  it("C forgets 1/m in layer 2 only", () => {
    const [D1, D2] = run("C");
    expect(close(D1, right[0])).toBe(true);
    const penalty = (i: number, j: number) => (j > 0 ? (lambda / m) * thetas[1][i][j] : 0);
    expect(close(D2, right[1].map((r, i) => r.map((v, j) => m * (v - penalty(i, j)) + penalty(i, j))))).toBe(true);
  });

  it("D keeps the sigmoid derivative in the output delta: the squared-error gradient, wrong in both layers", () => {
    const squared = backpropPerExample(net, X, Y, { loss: "halfSquared", regularization: reg() }).D.map(toArray);
    const D = run("D");
    expect(close(D[0], squared[0]) && close(D[1], squared[1])).toBe(true);
    expect(close(D[0], right[0]) || close(D[1], right[1])).toBe(false);
  });

  it("the answer key names a kind from BUG_KINDS for every suspect, and the kinds are distinct", () => {
    const report = bugReport();
    expect(Object.keys(report).sort()).toEqual([...SUSPECT_NAMES]);
    for (const name of SUSPECT_NAMES) expect(BUG_KINDS).toContain(report[name].bug);
    expect(new Set(BUG_KINDS).size).toBe(BUG_KINDS.length);
  });

  it("leave their arguments unchanged", () => {
    const before = JSON.stringify([thetas, X, Y]);
    for (const name of SUSPECT_NAMES) run(name);
    expect(JSON.stringify([thetas, X, Y])).toBe(before);
  });
});

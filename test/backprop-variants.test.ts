// backpropWithRules (lib/backprop-variants.ts): with the course's rules it is the library's
// gradient (itself tested against central differences and 64-digit arithmetic); each rule it
// accepts changes exactly what it names; relativeDifference is the gradient check's summary.
import { describe, expect, it } from "vitest";
import { backpropPerExample, backpropWithRules, networkFromThetas, numericThetaGradients, relativeDifference, thetaCost, toArray, cost } from "../lib";

const thetas = [[[0.4, -0.8, 0.3], [-0.5, 0.6, 0.9], [0.2, 0.7, -0.4]], [[-0.3, 0.5, -0.6, 0.8], [0.6, -0.2, 0.4, 0.7]]];
const X = [[0.5, -1], [1.5, 0.2], [-0.7, 0.9], [0.3, 0.3]];
const Y = [[1, 0], [0, 1], [1, 1], [0, 0]];
const net = networkFromThetas(thetas, { hidden: "sigmoid", output: "sigmoid" });
const reg = (lambda: number, scale: "lambda/2m" | "lambda/2" = "lambda/2m") => ({ kind: "l2" as const, lambda, scale });
const library = (options: Parameters<typeof backpropPerExample>[3]) => backpropPerExample(net, X, Y, options).D.map(toArray);
const close = (A: number[][][], B: number[][][], tol = 1e-12) => A.every((M, l) => M.every((r, i) => r.every((v, j) => Math.abs(v - B[l][i][j]) < tol)));

describe("backpropWithRules", () => {
  it("with no rules is the library's regularized cross-entropy gradient", () => {
    expect(close(backpropWithRules(thetas, X, Y, 0.7), library({ loss: "binaryCrossEntropy", regularization: reg(0.7) }))).toBe(true);
  });

  it("with the squared-error output delta is the library's half-squared gradient", () => {
    const squared = (a: number[], y: number[]) => a.map((v, k) => (v - y[k]) * v * (1 - v));
    expect(close(backpropWithRules(thetas, X, Y, 0.7, { outputDelta: squared }), library({ loss: "halfSquared", regularization: reg(0.7) }))).toBe(true);
  });

  it("with the penalty lambda * Theta is the library's gradient for the lambda/2 scale", () => {
    const got = backpropWithRules(thetas, X, Y, 0.7, { penalty: (t, _l, _i, j) => (j === 0 ? 0 : 0.7 * t) });
    expect(close(got, library({ loss: "binaryCrossEntropy", regularization: reg(0.7, "lambda/2") }))).toBe(true);
  });

  it("hiddenFactor and average change only what they name: D2 keeps its value without g', and 1/n scales the data part", () => {
    const right = backpropWithRules(thetas, X, Y, 0);
    const noSlope = backpropWithRules(thetas, X, Y, 0, { hiddenFactor: () => 1 });
    expect(close([noSlope[1]], [right[1]])).toBe(true);
    expect(close([noSlope[0]], [right[0]], 1e-3)).toBe(false);
    const byTwo = backpropWithRules(thetas, X, Y, 0, { average: () => 2 });
    expect(close(byTwo, right.map((M) => M.map((r) => r.map((v) => v * 2))))).toBe(true); // m = 4: 1/2 instead of 1/4
  });

  it("refuses a batch whose X and Y differ in length", () => {
    expect(() => backpropWithRules(thetas, X, Y.slice(1), 0)).toThrow("X and Y must have the same number of rows");
  });
});

describe("numericThetaGradients, thetaCost and relativeDifference", () => {
  it("numericThetaGradients agrees with backprop to 1e-8 and thetaCost is the library's cost", () => {
    const options = { loss: "binaryCrossEntropy" as const, regularization: reg(0.7) };
    expect(relativeDifference(numericThetaGradients(thetas, X, Y, options), library(options))).toBeLessThan(1e-8);
    expect(thetaCost(thetas, X, Y, options)).toBe(cost(net, X, Y, options).total);
  });

  it("relativeDifference is ||a - b|| / (||a|| + ||b||): 1/3 for b = 2a, 1 for b = -a, 0 for two zeros", () => {
    expect(relativeDifference([[1, 2], [2]], [[2, 4], [4]])).toBeCloseTo(1 / 3, 15);
    expect(relativeDifference([3, -4], [-3, 4])).toBe(1);
    expect(relativeDifference([0, 0], [0, 0])).toBe(0);
    expect(relativeDifference([Float64Array.of(1, 2)], [[1, 2]])).toBe(0);
    expect(() => relativeDifference([1, 2], [1])).toThrow("2 and 1 entries");
  });
});

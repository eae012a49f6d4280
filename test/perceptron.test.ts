// The perceptron rule against hand-traced runs: AND learned from zero weights, XOR cycling forever.
import { describe, expect, it } from "vitest";
import { decisionLine, perceptronOutput, perceptronStep, trainPerceptron } from "../lib/perceptron";

const X = [[0, 0], [0, 1], [1, 0], [1, 1]];

describe("the perceptron", () => {
  it("outputs step(w0 + w . x): the notes' AND unit (-30, 20, 20)", () => {
    expect(X.map((x) => perceptronOutput([-30, 20, 20], x))).toEqual([0, 0, 0, 1]);
    expect(X.map((x) => perceptronOutput([-10, 20, 20], x))).toEqual([0, 1, 1, 1]);
  });

  it("changes the weights only on a mistake, by rate (y - yhat) (1, x)", () => {
    expect(perceptronStep([0, 0, 0], [1, 1], 0, 1)).toEqual([-1, -1, -1]); // step(0) = 1 but y = 0
    expect(perceptronStep([-1, -1, -1], [1, 1], 1, 0.5)).toEqual([-0.5, -0.5, -0.5]);
    expect(perceptronStep([-30, 20, 20], [1, 1], 1, 1)).toEqual([-30, 20, 20]);
  });

  it("learns AND from zero weights: the hand-traced run (mistakes 2, 3, 3, 2, 1, 0 per epoch) ends at (-3, 2, 1)", () => {
    // Epoch 1: (0,0) wrong -> (-1,0,0); (0,1) ok; (1,0) ok; (1,1) wrong -> (0,1,1).
    const run = trainPerceptron(X, [0, 0, 0, 1], { epochs: 20 });
    expect(run.history[0]).toEqual({ epoch: 1, weights: [0, 1, 1], mistakes: 2 });
    expect(run.converged).toBe(true);
    expect(run.weights).toEqual([-3, 2, 1]);
    expect(run.history.map((e) => e.mistakes)).toEqual([2, 3, 3, 2, 1, 0]);
    expect(X.map((x) => perceptronOutput(run.weights, x))).toEqual([0, 0, 0, 1]);
  });

  it("never converges on XOR: the weights return to an earlier epoch's and cycle", () => {
    const run = trainPerceptron(X, [0, 1, 1, 0], { epochs: 100 });
    expect(run.converged).toBe(false);
    expect(run.cycle).not.toBeNull();
    const { from, to } = run.cycle!;
    expect(run.history[to - 1].weights).toEqual(from === 0 ? [0, 0, 0] : run.history[from - 1].weights);
    expect(run.history.every((e) => e.mistakes > 0)).toBe(true);
  });

  it("draws the line w0 + w1 x1 + w2 x2 = 0, and rejects bad input clearly", () => {
    expect(decisionLine([-30, 20, 20], 0, 1)).toEqual({ x: [0, 1], y: [1.5, 0.5] });
    expect(decisionLine([-1, 2, 0])).toEqual({ x: [0.5, 0.5], y: [-0.5, 1.5] });
    expect(() => decisionLine([0, 0, 0])).toThrow("decisionLine: w1 and w2 are both 0");
    expect(() => trainPerceptron(X, [0, 1, 2, 0])).toThrow("trainPerceptron: y must list one 0/1 label per row of X (4)");
  });
});

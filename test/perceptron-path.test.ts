// The perceptron rule step by step, traced by hand: AND from zero weights reaches (-3, 2, 1) in
// 6 epochs; XOR's weights after epoch 2 come back after every later epoch, through the same four
// updates, so its mistakes per epoch read 3, 3, 4, 4, 4, ...
import { describe, expect, it } from "vitest";
import { makeLogicGate, perceptronPath, trainPerceptron } from "../lib";

const and = makeLogicGate("AND"), xor = makeLogicGate("XOR");

describe("perceptronPath", () => {
  it("AND: the start, then one entry per example visited; the epoch ends are trainPerceptron's weights", () => {
    const path = perceptronPath(and.X, Array.from(and.labels), { epochs: 6 });
    expect(path.length).toBe(6 * 4 + 1);
    expect(path.slice(0, 5)).toEqual([[0, 0, 0], [-1, 0, 0], [-1, 0, 0], [-1, 0, 0], [0, 1, 1]]);
    const run = trainPerceptron(and.X, Array.from(and.labels));
    expect(run.history.map((e) => path[4 * e.epoch])).toEqual(run.history.map((e) => e.weights));
    expect(path[24]).toEqual([-3, 2, 1]);
  });

  it("XOR: from the first update of epoch 2 on, the weights repeat with period 4: (-1,-1,0), (0,-1,1), (1,0,1), (0,-1,0)", () => {
    const path = perceptronPath(xor.X, Array.from(xor.labels), { epochs: 5 });
    const loop = [[-1, -1, 0], [0, -1, 1], [1, 0, 1], [0, -1, 0]];
    for (const epoch of [2, 3, 4, 5]) expect(path.slice(4 * epoch - 3, 4 * epoch + 1)).toEqual(loop);
    // Epoch 2 starts at (-1, -1, 0) and (0, 0) is right there: three updates; from epoch 3 on, four.
    expect(path[4]).toEqual([-1, -1, 0]);
  });

  it("a rate and a start: from zero weights the rate only scales the path", () => {
    const half = perceptronPath(and.X, Array.from(and.labels), { epochs: 6, rate: 0.5 });
    const one = perceptronPath(and.X, Array.from(and.labels), { epochs: 6 });
    expect(half).toEqual(one.map((w) => w.map((v) => v / 2)));
    expect(perceptronPath(and.X, Array.from(and.labels), { epochs: 1, initial: [-3, 2, 1] })).toEqual(Array(5).fill([-3, 2, 1]));
  });

  it("refuses bad labels, epochs and starts", () => {
    expect(() => perceptronPath(and.X, [0, 1], { epochs: 1 })).toThrow(/one 0\/1 label per row of X \(4\)/);
    expect(() => perceptronPath(and.X, Array.from(and.labels), { epochs: 0 })).toThrow(/epochs/);
    expect(() => perceptronPath(and.X, Array.from(and.labels), { epochs: 1, initial: [0, 0] })).toThrow(/initial needs 3 weights/);
  });
});

describe("trainPerceptron with stopAtCycle: false", () => {
  it("runs XOR for all epochs (mistakes 3, 3, 4, 4, ...) and still reports the first repeat, epoch 3 = epoch 2", () => {
    const run = trainPerceptron(xor.X, Array.from(xor.labels), { epochs: 10, stopAtCycle: false });
    expect(run.history.map((e) => e.mistakes)).toEqual([3, 3, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(run.cycle).toEqual({ from: 2, to: 3 });
    expect(run.converged).toBe(false);
    expect(trainPerceptron(xor.X, Array.from(xor.labels), { epochs: 10 }).history.length).toBe(3);
  });

  it("still stops at an epoch without mistakes", () => {
    expect(trainPerceptron(and.X, Array.from(and.labels), { epochs: 50, stopAtCycle: false }).history.length).toBe(6);
  });
});

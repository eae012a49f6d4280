import { inspect } from "node:util";
// Mistakes students make with the library (issue 7, points 4, 7-10): each gets a clear message
// that names the function and says what to do, never a raw TypeError, NaN or a silent failure.
import { describe, expect, it } from "vitest";
import {
  TrainingDivergedError, backprop, createNetwork, forward, gradientStep, makeLogicGate, matrix, networkFromWeights, predict,
  row, toThetas, train,
} from "../lib";
import type { Network, NetworkOptions } from "../lib";
import { expectInputError } from "./support/errors";

const net = createNetwork({ sizes: [2, 3, 1], seed: 1 });

describe("type slips reach the library's messages", () => {
  it("forward(net, [0, 1]) compiles and says to wrap the single example", () => {
    // No cast: if MatrixLike refused a flat list, tsc (run by npm test) would fail on this line.
    expectInputError(() => forward(net, [0, 1]), "forward: X must be a 2-D array (one example per row), got a 1-D array of length 2; wrap a single example as [[...]]");
  });

  it("rows given as Float64Arrays (what row() returns) are rows", () => {
    const M = matrix(2, 2, Float64Array.from([0, 1, 1, 0]));
    const viaRows = forward(net, [row(M, 0), row(M, 1)]).a[2];
    expect(Array.from(viaRows.data)).toEqual(Array.from(forward(net, M).a[2].data));
  });

  it("missing or null arguments get InputErrors, not TypeErrors", () => {
    expectInputError(() => createNetwork(undefined as unknown as NetworkOptions), "createNetwork: options must be an object such as { sizes: [2, 2, 1], seed: 1 }, got undefined");
    expectInputError(() => createNetwork({ sizes: [2, 2, 1] } as unknown as NetworkOptions), "createNetwork: seed must be a non-negative integer (it makes the random choices reproducible), got undefined; add e.g. seed: 1");
    expectInputError(() => gradientStep(net, undefined as never, 0.1), "gradientStep: gradients must be { W, b } as returned in backprop(...).gradients, got undefined");
    expectInputError(() => toThetas(null as unknown as Network), "toThetas: net must be a Network (from createNetwork, networkFromWeights or networkFromThetas), got null");
  });
});

describe("numeric trouble is named, not passed on as NaN", () => {
  it("a weighted input that overflows to Infinity names the layer (softmax would give NaN)", () => {
    const softmaxNet = networkFromWeights([{ W: [[1, 1], [0, 0]], b: [0, 0] }], { output: "softmax" });
    expectInputError(() => forward(softmaxNet, [[1e308, 1e308]]), "forward: layer 1's weighted input z[0][0] is Infinity: the sum of inputs times weights overflowed");
    const sigmoidNet = networkFromWeights([{ W: [[1, -1]], b: [0] }], { output: "sigmoid" });
    expectInputError(() => predict(sigmoidNet, [[1e308, -1e308]]), "predict: layer 1's weighted input z[0][0] is Infinity");
  });

  it("output/loss pairs that mean something else are rejected up front, before any training", () => {
    const sigmoidOut = createNetwork({ sizes: [2, 3], output: "sigmoid", seed: 1 });
    const softmaxOut = createNetwork({ sizes: [2, 3], output: "softmax", seed: 1 });
    const X = [[0, 1]], Y = [[0, 1, 0]];
    expectInputError(() => backprop(sigmoidOut, X, Y, { loss: "crossEntropy" }), 'backprop: crossEntropy (multi-class) needs a softmax output layer');
    expectInputError(() => train(sigmoidOut, X, Y, { loss: "crossEntropy", learningRate: 0.1, epochs: 1, seed: 1 }), 'train: crossEntropy (multi-class) needs a softmax output layer');
    expectInputError(() => train(softmaxOut, X, Y, { loss: "binaryCrossEntropy", learningRate: 0.1, epochs: 1, seed: 1 }), 'train: binaryCrossEntropy treats each output as its own yes/no probability, but softmax outputs are tied together');
  });

  it("a huge learning rate that ends with a finite but absurd cost is reported as divergence", () => {
    const xor = makeLogicGate("XOR");
    const start = createNetwork({ sizes: [2, 2, 1], hidden: "sigmoid", output: "sigmoid", seed: 1 });
    let error: unknown;
    try {
      train(start, xor.X, xor.Y, { loss: "binaryCrossEntropy", learningRate: 1e6, epochs: 200, seed: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toMatch(/^train: training diverged in epoch 200: the cost ended at [\d.e+]+, over 100 times its [\d.]+ after epoch 1, so training made the network worse\. The learning rate \(weights 1000000, biases 1000000\) is probably too large; try a smaller one, e\.g\. 100000\.$/);
    // Printed, the error shows its message and epoch, not 200 epoch records and the weights; both stay readable.
    const diverged = error as TrainingDivergedError;
    expect(Object.keys(diverged)).toEqual(["epoch", "name"]);
    expect(inspect(diverged).length).toBeLessThan(2000);
    expect(diverged.history.length).toBe(200);
    expect(diverged.lastFinite.layers.length).toBe(2);
    // The sensible rate still trains.
    const ok = train(start, xor.X, xor.Y, { loss: "binaryCrossEntropy", learningRate: 2, epochs: 3000, seed: 1 });
    expect(ok.history[ok.history.length - 1].trainCost).toBeLessThan(0.01);
  });
});

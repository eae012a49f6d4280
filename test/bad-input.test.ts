import { describe, expect, it } from "vitest";
import {
  ActivationSpec, InputError, LossName, affine, backprop, cost, createNetwork, forward, gradientStep, matmul, matrix,
  networkFromThetas, networkFromWeights, predict, toMatrix,
} from "../lib";

const net = createNetwork({ sizes: [2, 3, 1], seed: 1 });
const X = [[0, 1], [1, 0]];
const Y = [[1], [0]];
const opts = { loss: "halfSquared" as LossName };

/** Asserts an InputError with exactly this message. */
const rejects = (f: () => unknown, message: string) => {
  expect(f).toThrow(InputError);
  expect(f).toThrow(message);
};

describe("bad input gets a clear error naming the argument and the shapes", () => {
  it("inputs of the wrong width", () => {
    rejects(() => forward(net, [[1, 2, 3]]), "forward: X is 1x3 but the network has 2 inputs; X needs one column per input (2)");
    rejects(() => backprop(net, [[1, 2, 3]], Y, opts), "backprop: X is 1x3 but the network has 2 inputs");
  });

  it("labels of the wrong width, or a different number of label rows", () => {
    rejects(() => backprop(net, X, [[1, 0], [0, 1]], opts),
      "backprop: Y is 2x2 but the network has 1 output unit; each label row needs 1 entry");
    const three = createNetwork({ sizes: [2, 3, 3], output: "softmax", seed: 1 });
    rejects(() => cost(three, X, [[2], [0]], { loss: "crossEntropy" }),
      "cost: Y is 2x1 but the network has 3 output units; each label row needs 3 entries (one-hot encode class labels)");
    rejects(() => cost(net, X, [[1]], opts), "cost: X has 2 examples (2x2) but Y has 1 row (1x1); give one label row per example");
  });

  it("NaN or Infinity in inputs, labels or weights", () => {
    rejects(() => forward(net, [[0, NaN]]), "forward: X[0][1] is NaN (X is 1x2); values must be finite");
    rejects(() => cost(net, X, [[1], [Infinity]], opts), "cost: Y[1][0] is Infinity (Y is 2x1); values must be finite");
    rejects(() => networkFromWeights([{ W: [[1, -Infinity]], b: [0] }]), "networkFromWeights: layer 1 W[0][1] is -Infinity (layer 1 W is 1x2); values must be finite");
    rejects(() => networkFromWeights([{ W: [[1, 2]], b: [NaN] }]), "networkFromWeights: layer 1 b[0] is NaN; values must be finite");
    const broken = createNetwork({ sizes: [2, 3, 1], seed: 1 });
    broken.layers[1].W.data[2] = NaN; // what a diverged training run leaves behind
    rejects(() => predict(broken, X), "predict: layer 2 W[0][2] is NaN (layer 2 W is 1x3); values must be finite");
  });

  it("an empty batch", () => {
    rejects(() => forward(net, []), "forward: X is an empty batch (0 rows); give at least one example");
    rejects(() => backprop(net, [], [], opts), "backprop: X is an empty batch (0 rows); give at least one example");
  });

  it("unknown activation or loss names", () => {
    rejects(() => createNetwork({ sizes: [2, 1], output: "softplus" as ActivationSpec, seed: 1 }),
      'createNetwork: output: activation: unknown activation "softplus"; use one of step, identity, sigmoid, tanh, relu, leakyRelu, elu, softmax, maxout');
    rejects(() => createNetwork({ sizes: [2, 2, 2, 1], hidden: ["relu", "gelu" as ActivationSpec], seed: 1 }),
      'createNetwork: hidden layer 2: activation: unknown activation "gelu"');
    rejects(() => cost(net, X, Y, { loss: "hinge" as LossName }), 'cost: unknown loss "hinge"; use one of halfSquared, mse, binaryCrossEntropy, crossEntropy');
  });

  it("non-positive or non-integer sizes, and too few layers", () => {
    rejects(() => createNetwork({ sizes: [2, 0, 1], seed: 1 }), "createNetwork: sizes[1] must be a positive integer, got 0");
    rejects(() => createNetwork({ sizes: [2, -3, 1], seed: 1 }), "createNetwork: sizes[1] must be a positive integer, got -3");
    rejects(() => createNetwork({ sizes: [2.5, 1], seed: 1 }), "createNetwork: sizes[0] must be a positive integer, got 2.5");
    rejects(() => createNetwork({ sizes: [2], seed: 1 }), "createNetwork: sizes must list at least an input and an output layer, e.g. [2, 2, 1]; got an array of length 1");
    rejects(() => createNetwork({ sizes: [2, 3, 1], hidden: ["relu", "tanh"], seed: 1 }),
      "createNetwork: hidden lists 2 activations but the network has 1 hidden layer");
  });

  it("hand-set weights whose shapes do not chain", () => {
    rejects(() => networkFromThetas([[[1, 2, 3]], [[1, 2, 3]]]),
      "networkFromThetas: layer 2 W is 1x2 but layer 1 has 1 unit; W needs 1 column");
    rejects(() => networkFromWeights([{ W: [[1, 2]], b: [0, 1] }]),
      "networkFromWeights: layer 1 b has 2 entries but W is 1x2; b needs one entry per row of W");
    rejects(() => networkFromThetas([[[1]]]), "networkFromThetas: Theta^(1): Theta is 1x1; it needs a bias column and at least one weight column");
  });

  it("arrays that are ragged, one-dimensional or not numbers; nothing is coerced", () => {
    rejects(() => forward(net, [[0, 1], [1]]), "forward: X is ragged: row 0 has 2 entries but row 1 has 1");
    rejects(() => forward(net, [0, 1] as unknown as number[][]),
      "forward: X must be a 2-D array (one example per row), got a 1-D array of length 2; wrap a single example as [[...]]");
    rejects(() => forward(net, [["0", 1]] as unknown as number[][]), 'forward: X[0][0] must be a number, got "0"');
    rejects(() => toMatrix("f", "A", "hello"), 'f: A must be a Matrix or a 2-D array of numbers, got "hello"');
  });

  it("mismatched matrix products", () => {
    rejects(() => matmul(matrix(2, 3), matrix(2, 3)), "matmul: A is 2x3 and B is 2x3; A B needs A.cols = B.rows");
    rejects(() => affine(matrix(2, 3), matrix(4, 2), new Float64Array(4)),
      "affine: A is 2x3, W is 4x2 and b has 4 entries; A W^T + b needs A.cols = W.cols and b.length = W.rows");
  });

  it("gradients or learning rates that do not fit", () => {
    const g = backprop(net, X, Y, opts).gradients;
    rejects(() => gradientStep(net, g, -0.1), "gradientStep: learning rate for weights must be >= 0, got -0.1");
    rejects(() => gradientStep(net, g, { weights: 0.1, biases: NaN }), "gradientStep: learning rate for biases must be a finite number, got NaN");
    const other = createNetwork({ sizes: [2, 4, 1], seed: 1 });
    rejects(() => gradientStep(other, g, 0.1), "gradientStep: layer 1 has W 4x2 and b of 4, but its gradient has W 3x2 and b of 3");
  });

  it("loses nothing: a rejected call leaves the network and the data untouched", () => {
    const before = net.layers.map((l) => [...l.W.data, ...l.b]);
    const data = [[0, 1], [1, 0]];
    expect(() => backprop(net, data, [[1, 0], [0, 1]], opts)).toThrow(InputError);
    expect(net.layers.map((l) => [...l.W.data, ...l.b])).toEqual(before);
    expect(data).toEqual([[0, 1], [1, 0]]);
  });
});

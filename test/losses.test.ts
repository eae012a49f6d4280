import { describe, expect, it } from "vitest";
import {InputError, LossName, activation, cost, loss, matrix, networkFromWeights, penalty} from "../lib";
import { dataLoss, outputDelta } from "../lib/losses";

const H = matrix(2, 2, Float64Array.from([0.8, 0.1, 0.4, 0.7]));
const Y = matrix(2, 2, Float64Array.from([1, 0, 0, 1]));

describe("losses, averaged over the m = 2 examples", () => {
  it("halfSquared = 1/m sum 1/2 ||h - y||^2", () => {
    // example 1: 1/2 (0.04 + 0.01) = 0.025; example 2: 1/2 (0.16 + 0.09) = 0.125; mean 0.075
    expect(loss("halfSquared").value(H, Y)).toBeCloseTo(0.075, 15);
  });

  it("mse = 1/m sum ||h - y||^2, twice the half squared error", () => {
    expect(loss("mse").value(H, Y)).toBeCloseTo(0.15, 15);
  });

  it("binaryCrossEntropy = -1/m sum_k [y log h + (1 - y) log(1 - h)]", () => {
    const expected = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.6) + Math.log(0.7)) / 2;
    expect(loss("binaryCrossEntropy").value(H, Y)).toBeCloseTo(expected, 15);
  });

  it("crossEntropy = -1/m sum_k y_k log h_k", () => {
    expect(loss("crossEntropy").value(H, Y)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
  });

  it("have derivatives d loss_i / d h that match finite differences", () => {
    for (const name of ["halfSquared", "mse", "binaryCrossEntropy", "crossEntropy"] as LossName[]) {
      const d = loss(name).derivative(H, Y);
      for (let k = 0; k < 4; k++) {
        const f = (t: number) => {
          const Hk = matrix(2, 2, Float64Array.from(H.data));
          Hk.data[k] = t;
          return loss(name).value(Hk, Y) * 2; // per-example derivative: undo the mean over m = 2
        };
        expect(d.data[k]).toBeCloseTo((f(H.data[k] + 1e-7) - f(H.data[k] - 1e-7)) / 2e-7, 6);
      }
    }
  });

  it("rejects unknown loss names", () => {
    expect(() => loss("mae" as LossName)).toThrow('loss: unknown loss "mae"; use one of halfSquared, mse, binaryCrossEntropy, crossEntropy');
  });
});

describe("fused output layers", () => {
  it("sigmoid + binary cross-entropy computed from z stays finite when the output saturates", () => {
    const sig = activation("sigmoid");
    const Z = matrix(1, 1, Float64Array.from([-800]));
    const A = sig.forward(Z); // exactly 0 in floating point
    const Y1 = matrix(1, 1, Float64Array.from([1]));
    expect(A.data[0]).toBe(0);
    expect(loss("binaryCrossEntropy").value(A, Y1)).toBe(Infinity); // log(0) from the outputs alone
    expect(dataLoss("binaryCrossEntropy", sig, Z, A, Y1)).toBeCloseTo(800, 12); // -log s(-800) = 800 + log(1 + e^-800)
    expect(outputDelta("binaryCrossEntropy", sig, Z, A, Y1).data[0]).toBe(-1); // a - y
  });

  it("softmax + cross-entropy computed from z equals -log softmax and gives delta a - y", () => {
    const sm = activation("softmax");
    const Z = matrix(1, 3, Float64Array.from([2, 1000, -5]));
    const A = sm.forward(Z);
    const Y1 = matrix(1, 3, Float64Array.from([1, 0, 0]));
    expect(dataLoss("crossEntropy", sm, Z, A, Y1)).toBeCloseTo(998, 10); // logsumexp(z) - z_0 = 1000 - 2 (+ tiny)
    const delta = outputDelta("crossEntropy", sm, Z, A, Y1);
    delta.data.forEach((d, k) => expect(d).toBeCloseTo(A.data[k] - Y1.data[k], 15));
  });
});

describe("cost: J = data + penalty", () => {
  // One linear layer with W = [[1, -2], [3, 0.5]], b = [4, -1]: sum W^2 = 14.25, sum |W| = 6.5.
  const net = networkFromWeights([{ W: [[1, -2], [3, 0.5]], b: [4, -1] }], { output: "identity" });
  const X = [[1, 0], [0, 1], [1, 1], [2, 0]];
  const Yb = [[5, -1], [2, -0.5], [3, 2.5], [6, 5]];
  // h = W x + b gives (5, 2), (2, -0.5), (3, 2.5), (6, 5): only the first example misses its target,
  // by (0, 3), so the mean half squared error is 1/4 * 1/2 * 9.
  const data = (0.5 * 9) / 4;

  it("keeps the data and penalty parts separate", () => {
    const c = cost(net, X, Yb, { loss: "halfSquared" });
    expect(c.data).toBeCloseTo(data, 15);
    expect(c.penalty).toBe(0);
    expect(c.total).toBe(c.data);
  });

  it("L2 with lambda/2m: (lambda / 2m) sum W^2, biases excluded", () => {
    const c = cost(net, X, Yb, { loss: "halfSquared", regularization: { kind: "l2", lambda: 0.8, scale: "lambda/2m" } });
    expect(c.penalty).toBeCloseTo((0.8 / 8) * 14.25, 15);
    expect(c.total).toBeCloseTo(data + (0.8 / 8) * 14.25, 15);
  });

  it("L2 with lambda/2: (lambda / 2) sum W^2, and with includeBias also sum b^2", () => {
    expect(penalty({ kind: "l2", lambda: 0.8, scale: "lambda/2" }, net.layers, 4)).toBeCloseTo(0.4 * 14.25, 15);
    expect(penalty({ kind: "l2", lambda: 0.8, scale: "lambda/2", includeBias: true }, net.layers, 4)).toBeCloseTo(0.4 * (14.25 + 17), 15);
  });

  it("L1 with lambda/m and lambda: sum of |W|", () => {
    expect(penalty({ kind: "l1", lambda: 0.8, scale: "lambda/m" }, net.layers, 4)).toBeCloseTo(0.2 * 6.5, 15);
    expect(penalty({ kind: "l1", lambda: 0.8, scale: "lambda" }, net.layers, 4)).toBeCloseTo(0.8 * 6.5, 15);
    expect(penalty({ kind: "l1", lambda: 0.8, scale: "lambda", includeBias: true }, net.layers, 4)).toBeCloseTo(0.8 * 11.5, 15);
  });

  it("rejects malformed regularization", () => {
    const bad = (reg: unknown) => () => cost(net, X, Yb, { loss: "halfSquared", regularization: reg as never });
    expect(bad({ kind: "l3", lambda: 1, scale: "lambda" })).toThrow('cost: regularization kind must be "l2" or "l1", got "l3"');
    expect(bad({ kind: "l2", lambda: -1, scale: "lambda/2" })).toThrow("cost: regularization lambda must be >= 0, got -1");
    expect(bad({ kind: "l2", lambda: 1, scale: "lambda/m" })).toThrow('cost: l2 scale must be "lambda/2m" or "lambda/2", got "lambda/m"');
    expect(bad({ kind: "l1", lambda: NaN, scale: "lambda" })).toThrow("cost: regularization lambda must be a finite number, got NaN");
  });

  it("rejects a log loss on outputs that can leave (0, 1), and targets outside [0, 1]", () => {
    expect(() => cost(net, X, Yb, { loss: "binaryCrossEntropy" })).toThrow(InputError);
    expect(() => cost(net, X, Yb, { loss: "binaryCrossEntropy" })).toThrow(
      "cost: binaryCrossEntropy takes the log of the outputs, which must lie in (0, 1); use a sigmoid or softmax output layer, not identity",
    );
    const sig = networkFromWeights([{ W: [[1, 1]], b: [0] }], { output: "sigmoid" });
    expect(() => cost(sig, [[0, 1]], [[2]], { loss: "binaryCrossEntropy" })).toThrow(
      "cost: binaryCrossEntropy needs targets in [0, 1], but Y[0][0] is 2 (Y is 1x1)",
    );
    const sm = networkFromWeights([{ W: [[1, 1], [0, 1]], b: [0, 0] }], { output: "softmax" });
    expect(() => cost(sm, [[0, 1]], [[1, 1]], { loss: "crossEntropy" })).toThrow(
      "cost: crossEntropy needs one-hot targets (each row summing to 1), but row 0 of Y sums to 2",
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  ActivationSpec, LossName, Matrix, Network, Regularization, activation, backprop, backpropPerExample,
  createNetwork, createRandom, forward, gradientCheck, matrix, weightsToTheta,
} from "../lib";

const HIDDEN: ActivationSpec[] = [
  "step", "identity", "sigmoid", "tanh", "relu", { name: "leakyRelu", slope: 0.1 }, { name: "elu", alpha: 1.3 },
  "softmax", { name: "maxout", pieces: 3 },
];

/** Every output activation with every loss it can be used with. */
const OUTPUT_LOSS: [ActivationSpec, LossName][] = [
  ...HIDDEN.map((a): [ActivationSpec, LossName] => [a, "halfSquared"]),
  ...HIDDEN.map((a): [ActivationSpec, LossName] => [a, "mse"]),
  ["sigmoid", "binaryCrossEntropy"], ["softmax", "crossEntropy"],
];

const REGULARIZATIONS: (Regularization | undefined)[] = [
  undefined,
  { kind: "l2", lambda: 0.7, scale: "lambda/2m" },
  { kind: "l2", lambda: 0.3, scale: "lambda/2", includeBias: true },
  { kind: "l1", lambda: 0.2, scale: "lambda/m" },
  { kind: "l1", lambda: 0.05, scale: "lambda", includeBias: true },
];

const name = (a: ActivationSpec) => (typeof a === "string" ? a : activation(a).label);

/** Targets a loss accepts: one-hot rows for cross-entropy, values in (0, 1) otherwise. */
function targets(loss: LossName, m: number, k: number, seed: number): Matrix {
  const rng = createRandom(seed);
  const data = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    if (loss === "crossEntropy") data[i * k + rng.int(k)] = 1;
    else for (let j = 0; j < k; j++) data[i * k + j] = rng.uniform(0.05, 0.95);
  }
  return matrix(m, k, data);
}

/**
 * Finite differences are only meaningful away from kinks (ReLU at 0, the step, maxout ties, |w| at 0),
 * so the data are redrawn until every weighted input is at least 1e-3 from a kink.
 */
function farFromKinks(net: Network, X: Matrix): boolean {
  const trace = forward(net, X);
  for (let k = 0; k < net.layers.length; k++) {
    const act = net.layers[k].activation;
    const Z = trace.z[k];
    if (act.name === "maxout") {
      for (let i = 0; i < Z.data.length; i += act.pieces) {
        const piece = [...Z.data.subarray(i, i + act.pieces)].sort((a, b) => b - a);
        if (piece[0] - piece[1] < 1e-3) return false;
      }
    } else if (act.name !== "sigmoid" && act.name !== "tanh" && act.name !== "identity" && act.name !== "softmax") {
      if (Z.data.some((z) => Math.abs(z) < 1e-3)) return false;
    }
    if (net.layers[k].W.data.some((w) => Math.abs(w) < 1e-3) || net.layers[k].b.some((b) => Math.abs(b) < 1e-3)) return false;
  }
  return true;
}

function problem(hidden: ActivationSpec, output: ActivationSpec, loss: LossName) {
  const outputs = 3;
  for (let seed = 1; ; seed++) {
    const net = createNetwork({
      sizes: [3, 4, 3, outputs], hidden, output, seed,
      weights: { name: "normal", sd: 0.8 }, biases: { name: "uniform", epsilon: 0.5 },
    });
    const rng = createRandom(1000 + seed);
    const X = matrix(5, 3, Float64Array.from({ length: 15 }, () => rng.uniform(-2, 2)));
    if (farFromKinks(net, X)) return { net, X, Y: targets(loss, 5, outputs, seed) };
  }
}

describe("gradient checking: backpropagation matches central differences", () => {
  for (const hidden of HIDDEN) {
    it(`hidden ${name(hidden)}, with every output x loss pair and every regularization, to a relative error below 1e-7`, () => {
      let worst = 0;
      for (const [output, loss] of OUTPUT_LOSS) {
        const { net, X, Y } = problem(hidden, output, loss);
        for (const regularization of REGULARIZATIONS) {
          const r = gradientCheck(net, X, Y, { loss, regularization });
          if (!(r.relativeError < 1e-7)) {
            throw new Error(`${name(hidden)} -> ${name(output)} with ${loss}, ${JSON.stringify(regularization)}: ` +
              `relative error ${r.relativeError}, worst ${JSON.stringify(r.worst)}`);
          }
          worst = Math.max(worst, r.relativeError);
        }
      }
      expect(worst).toBeLessThan(1e-7);
    });
  }

  it("catches a wrong derivative: a sigmoid layer whose backward step forgets the (1 - a) factor", () => {
    const { net, X, Y } = problem("sigmoid", "identity", "halfSquared");
    const good = gradientCheck(net, X, Y, { loss: "halfSquared" });
    const sig = activation("sigmoid");
    const broken = { ...sig, backward: (Z: Matrix, A: Matrix, dA: Matrix) => matrix(Z.rows, Z.cols, dA.data.map((d, k) => d * A.data[k])) };
    const brokenNet: Network = { sizes: net.sizes, layers: net.layers.map((l, k) => (k === 0 ? { ...l, activation: broken } : l)) };
    const bad = gradientCheck(brokenNet, X, Y, { loss: "halfSquared" });
    expect(good.relativeError).toBeLessThan(1e-8);
    expect(bad.relativeError).toBeGreaterThan(1e-2);
    expect(bad.worst.layer).toBe(1);
  });

  it("reports per parameter where the gradients were compared", () => {
    const { net, X, Y } = problem("tanh", "softmax", "crossEntropy");
    const r = gradientCheck(net, X, Y, { loss: "crossEntropy" });
    expect(r.parameters).toBe(3 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3);
    expect(r.numeric.W.map((w) => [w.rows, w.cols])).toEqual([[4, 3], [3, 4], [3, 3]]);
  });
});

describe("the notes' per-example algorithm and the batch algorithm agree", () => {
  for (const hidden of HIDDEN) {
    it(`hidden ${name(hidden)}: D^(l) equals the batch gradient in the Theta layout to 1e-12`, () => {
      for (const [output, loss] of OUTPUT_LOSS.filter((_, k) => k % 3 === 0)) {
        const { net, X, Y } = problem(hidden, output, loss);
        for (const regularization of REGULARIZATIONS) {
          const batch = backprop(net, X, Y, { loss, regularization }).gradients;
          const perExample = backpropPerExample(net, X, Y, { loss, regularization });
          perExample.D.forEach((D, k) => {
            const theta = weightsToTheta(batch.W[k], batch.b[k]);
            const gap = Math.max(...D.data.map((d, i) => Math.abs(d - theta.data[i])));
            expect(gap).toBeLessThan(1e-12);
          });
        }
      }
    });
  }

  it("accumulates Delta as the sum over examples of delta^(l+1) a^(l)^T, with D = Delta / m + lambda Theta off the bias column", () => {
    const { net, X, Y } = problem("sigmoid", "sigmoid", "halfSquared");
    const reg: Regularization = { kind: "l2", lambda: 0.4, scale: "lambda/2" };
    const pe = backpropPerExample(net, X, Y, { loss: "halfSquared", regularization: reg });
    const theta0 = weightsToTheta(net.layers[0].W, net.layers[0].b);
    pe.D[0].data.forEach((d, k) => {
      const j = k % theta0.cols;
      expect(d).toBeCloseTo(pe.Delta[0].data[k] / X.rows + (j === 0 ? 0 : 0.4 * theta0.data[k]), 14);
    });
  });
});

describe("deltas", () => {
  it("are a - y at a softmax output with cross-entropy (file 001's delta^(L) = a^(L) - y)", () => {
    const { net, X, Y } = problem("relu", "softmax", "crossEntropy");
    const r = backprop(net, X, Y, { loss: "crossEntropy" });
    const out = r.trace.a[3];
    r.deltas[2].data.forEach((d, k) => expect(d).toBeCloseTo(out.data[k] - Y.data[k], 15));
  });

  it("are (a - y) .* g'(z) at a sigmoid output with the half squared error (files 003-004)", () => {
    const { net, X, Y } = problem("tanh", "sigmoid", "halfSquared");
    const r = backprop(net, X, Y, { loss: "halfSquared" });
    const a = r.trace.a[3];
    r.deltas[2].data.forEach((d, k) => expect(d).toBeCloseTo((a.data[k] - Y.data[k]) * a.data[k] * (1 - a.data[k]), 15));
  });

  it("one per layer, shaped like that layer's weighted inputs", () => {
    const { net, X, Y } = problem({ name: "maxout", pieces: 3 }, "identity", "mse");
    const r = backprop(net, X, Y, { loss: "mse" });
    expect(r.deltas.map((d) => [d.rows, d.cols])).toEqual(r.trace.z.map((z) => [z.rows, z.cols]));
    expect(r.deltas[0].cols).toBe(12);
  });
});

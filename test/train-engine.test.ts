import { describe, expect, it, vi } from "vitest";
import {
  EpochRecord, Kernels, Network, TrainOptions, TrainingDivergedError, createNetwork, createRandom, loadDigits, matrix, setKernels, train,
  type ActivationSpec, type Matrix, type Schedule,
} from "../lib";
import { wasm, wasmKernels } from "../lib/kernels-wasm";

// `train` with the default kernels runs on lib/train/engine.ts; the same kernels under another
// name make it take the readable loop of lib/train/epoch.ts. The two must agree bit for bit.
const readable: Kernels = { ...wasmKernels, name: "wasm-simd on the readable loop" };

function onReadableLoop<T>(f: () => T): T {
  const previous = setKernels(readable);
  try {
    return f();
  } finally {
    setKernels(previous);
  }
}

const weights = (net: Network) => net.layers.map((l) => [...l.W.data, ...l.b]);
const withoutTime = (h: readonly EpochRecord[]) => h.map(({ seconds, ...rest }) => rest);

function sparseData(rows: number, cols: number, outputs: number, seed: number): { X: Matrix; Y: Matrix } {
  const rng = createRandom(seed);
  const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => (rng.next() < 0.8 ? 0 : rng.uniform(0, 1))));
  const Y = matrix(rows, outputs);
  for (let i = 0; i < rows; i++) Y.data[i * outputs + Math.floor(rng.next() * outputs)] = 1;
  return { X, Y };
}

describe("the training engine", () => {
  const cases: { name: string; sizes: number[]; hidden: ActivationSpec; output: ActivationSpec; options: Partial<TrainOptions> }[] = [
    { name: "sigmoid, half squared error (workload A's kind)", sizes: [30, 7, 4], hidden: "sigmoid", output: "sigmoid", options: { loss: "halfSquared", learningRate: 0.5, batchSize: 8 } },
    { name: "ReLU, softmax + cross-entropy (workload B's kind)", sizes: [30, 9, 5, 4], hidden: "relu", output: "softmax", options: { loss: "crossEntropy", learningRate: 0.1, batchSize: 7 } },
    { name: "tanh, identity output, mse, full batch", sizes: [30, 6, 4], hidden: "tanh", output: "identity", options: { loss: "mse", learningRate: 0.01 } },
    { name: "leaky ReLU and elu, sigmoid + binary cross-entropy, batch 1", sizes: [30, 5, 3, 4], hidden: ["leakyRelu", "elu"] as unknown as ActivationSpec, output: "sigmoid", options: { loss: "binaryCrossEntropy", learningRate: { weights: 0.2, biases: 0.05 }, batchSize: 1 } },
    { name: "a softmax hidden layer, odd batches", sizes: [30, 3, 4], hidden: "softmax", output: "softmax", options: { loss: "crossEntropy", learningRate: 0.3, batchSize: 13 } },
  ];
  for (const c of cases) {
    it(`trains exactly as the readable loop: ${c.name}`, () => {
      const { X, Y } = sparseData(41, 30, 4, 5);
      const run = () => {
        const net = createNetwork({ sizes: c.sizes, hidden: c.hidden, output: c.output, seed: 2 });
        const batches: number[] = [];
        const r = train(net, X, Y, { epochs: 4, seed: 9, ...c.options, onBatch: (b) => void batches.push(b.cost) } as TrainOptions);
        return { r, batches };
      };
      const fast = run(), slow = onReadableLoop(run);
      expect(weights(fast.r.network)).toEqual(weights(slow.r.network));
      expect(withoutTime(fast.r.history)).toEqual(withoutTime(slow.r.history));
      expect(fast.batches).toEqual(slow.batches);
    });
  }

  it("is what `train` runs with the default kernels (it never calls the seam's affine)", () => {
    const { X, Y } = sparseData(41, 30, 4, 5);
    const spy = vi.spyOn(wasmKernels, "affine");
    try {
      const net = createNetwork({ sizes: [30, 7, 4], hidden: "relu", output: "softmax", seed: 2 });
      train(net, X, Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 2, seed: 1 });
      expect(spy).not.toHaveBeenCalled();
      const readableSpy = vi.spyOn(readable, "affine");
      onReadableLoop(() => train(net, X, Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 2, seed: 1 }));
      expect(readableSpy).toHaveBeenCalled();
      readableSpy.mockRestore();
    } finally {
      spy.mockRestore();
    }
  });

  it("allocates no Float64Array per mini-batch (only per run and per epoch)", () => {
    const { X, Y } = sparseData(96, 30, 4, 5);
    const Original = globalThis.Float64Array;
    let created = 0;
    const counting = new Proxy(Original, { construct: (target, args: unknown[]) => (created++, Reflect.construct(target, args)) });
    const count = (batchSize: number) => {
      const net = createNetwork({ sizes: [30, 7, 4], hidden: "sigmoid", output: "sigmoid", seed: 2 });
      created = 0;
      globalThis.Float64Array = counting;
      try {
        train(net, X, Y, { loss: "halfSquared", learningRate: 0.5, batchSize, epochs: 3, seed: 1 });
      } finally {
        globalThis.Float64Array = Original;
      }
      return created;
    };
    const few = count(48), many = count(4); // 2 and 24 batches per epoch
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it("hands the same network to onEpoch, early stopping and a stop from onBatch", () => {
    const { X, Y } = sparseData(50, 30, 4, 6);
    const valid = sparseData(20, 30, 4, 7);
    const run = () => {
      const seen: number[][][] = [];
      const net = createNetwork({ sizes: [30, 8, 4], hidden: "relu", output: "softmax", seed: 4 });
      const r = train(net, X, Y, {
        loss: "crossEntropy", learningRate: 0.2, batchSize: 8, epochs: 6, seed: 1, validation: valid, earlyStopping: { patience: 2 },
        onEpoch: (_rec, n) => void seen.push(weights(n)),
        onBatch: (b) => (b.update === 30 ? "stop" : undefined),
      });
      return { r, seen };
    };
    const fast = run(), slow = onReadableLoop(run);
    expect(fast.r.stopReason).toBe(slow.r.stopReason);
    expect(fast.seen).toEqual(slow.seen);
    expect(weights(fast.r.network)).toEqual(weights(slow.r.network));
  });

  it("fails like the readable loop when training diverges, keeping the last finite weights", () => {
    const { X, Y } = sparseData(40, 30, 4, 8);
    const run = () => {
      const net = createNetwork({ sizes: [30, 6, 4], hidden: "relu", output: "identity", seed: 3 });
      try {
        train(net, X, Y, { loss: "mse", learningRate: 1e6, batchSize: 4, epochs: 3, seed: 2 });
      } catch (error) {
        return error as TrainingDivergedError;
      }
      throw new Error("did not diverge");
    };
    const fast = run(), slow = onReadableLoop(run);
    expect(fast.message).toContain("the cost of batch");
    expect(fast).toBeInstanceOf(TrainingDivergedError);
    expect(fast.message).toBe(slow.message);
    expect(fast.epoch).toBe(slow.epoch);
    expect(weights(fast.lastFinite)).toEqual(weights(slow.lastFinite));
  });

  it("hands back the weights before an update that made them infinite, from the middle of an epoch", () => {
    const { X, Y } = sparseData(40, 30, 4, 8);
    // A rate that jumps after 7 updates: the 8th update (batch 3 of epoch 2) overflows the weights
    // while the cost before it is still finite, so the engine must replay batches 1-2 of epoch 2.
    const schedule: Schedule = { name: "jump", factor: (updates: number) => (updates < 7 ? 1 : Infinity) } as Schedule;
    const run = () => {
      const net = createNetwork({ sizes: [30, 6, 4], hidden: "sigmoid", output: "sigmoid", seed: 3 });
      try {
        train(net, X, Y, { loss: "halfSquared", learningRate: 0.5, batchSize: 8, epochs: 3, seed: 2, schedule });
      } catch (error) {
        return error as TrainingDivergedError;
      }
      throw new Error("did not diverge");
    };
    const fast = run(), slow = onReadableLoop(run);
    expect(fast.message).toContain("the weights became infinite or NaN after batch 3");
    expect(fast.message).toBe(slow.message);
    expect(fast.epoch).toBe(2);
    expect(weights(fast.lastFinite)).toEqual(weights(slow.lastFinite));
  });

  it("gives bit-identical weights on one thread and on two", () => {
    const d = loadDigits({ train: 400, test: 10, seed: 2 });
    const run = () => {
      const net = createNetwork({ sizes: [784, 64, 40, 10], hidden: "relu", output: "softmax", weights: "he", seed: 1 });
      return train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 64, epochs: 2, seed: 1 });
    };
    const rt = wasm(), threads = rt.threads;
    try {
      rt.threads = 1;
      const one = run();
      rt.threads = 2;
      const two = run();
      expect(weights(two.network)).toEqual(weights(one.network));
      expect(withoutTime(two.history)).toEqual(withoutTime(one.history));
    } finally {
      rt.threads = threads;
    }
  });

  it("trains the digits exactly as the readable loop, and the same whatever ran before", () => {
    const d = loadDigits({ train: 300, test: 10, seed: 1 });
    const run = () => {
      const net = createNetwork({ sizes: [784, 16, 10], hidden: "relu", output: "softmax", weights: "he", seed: 1 });
      return train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 32, epochs: 2, seed: 1 });
    };
    const first = run(), slow = onReadableLoop(run), again = run();
    expect(weights(first.network)).toEqual(weights(slow.network));
    expect(weights(again.network)).toEqual(weights(first.network));
  });
});

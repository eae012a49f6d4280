import { describe, expect, it, vi } from "vitest";
import {
  EpochRecord, Network, TrainOptions, TrainResult, TrainingDivergedError, createNetwork, createRandom, getKernels, loadDigits, matrix, train,
  adagrad, type ActivationSpec, type Matrix, type Schedule,
} from "../lib";
import { wasm, wasmKernels } from "../lib/backends/wasm/backend";

// `train` with the default (WebAssembly) kernels runs their fused training
// (lib/backends/wasm/fused-epoch.ts); `loop: "readable"` runs lib/train/epoch.ts's readable batches
// with the same kernels. The two must agree bit for bit, and each result says which ran.
type Loop = "fused" | "readable";

/** Runs `run` on both loops, checking that each really ran where asked. */
function onBothLoops<T>(run: (loop: Loop) => T, result: (t: T) => TrainResult = (t) => t as unknown as TrainResult): { fast: T; slow: T } {
  const fast = run("fused"), slow = run("readable");
  expect(result(fast).execution).toMatchObject({ kernels: "wasm-simd", loop: "fused" });
  expect(result(slow).execution).toMatchObject({ kernels: "wasm-simd", loop: "readable", reason: 'asked for (loop: "readable")' });
  return { fast, slow };
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

describe("fused training (the WebAssembly kernels' fused batches)", () => {
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
      const run = (loop: Loop) => {
        const net = createNetwork({ sizes: c.sizes, hidden: c.hidden, output: c.output, seed: 2 });
        const batches: number[] = [];
        const r = train(net, X, Y, { epochs: 4, seed: 9, ...c.options, loop, onBatch: (b) => void batches.push(b.cost) } as TrainOptions);
        return { r, batches };
      };
      const { fast, slow } = onBothLoops(run, (t) => t.r);
      expect(weights(fast.r.network)).toEqual(weights(slow.r.network));
      expect(withoutTime(fast.r.history)).toEqual(withoutTime(slow.r.history));
      expect(fast.batches).toEqual(slow.batches);
    });
  }

  it("is what `train` runs with the default kernels (it never calls the seam's affine); loop: \"readable\" runs the seam", () => {
    const { X, Y } = sparseData(41, 30, 4, 5);
    expect(getKernels()).toBe(wasmKernels);
    const spy = vi.spyOn(wasmKernels, "affine");
    try {
      const net = createNetwork({ sizes: [30, 7, 4], hidden: "relu", output: "softmax", seed: 2 });
      const fused = train(net, X, Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 2, seed: 1 });
      expect(spy).not.toHaveBeenCalled();
      expect(fused.execution).toMatchObject({ kernels: "wasm-simd", kernelsChoice: "the default", loop: "fused", reason: "the wasm-simd kernels' fused training" });
      const readable = train(net, X, Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 2, seed: 1, loop: "readable" });
      expect(spy).toHaveBeenCalledTimes(2 * 6 * 2); // 2 layers, 6 batches, 2 epochs
      expect(readable.execution.loop).toBe("readable");
    } finally {
      spy.mockRestore();
    }
  });

  it("takes the readable loop, and says why, where the fused training does not apply; refuses loop: \"fused\" there", () => {
    const { X, Y } = sparseData(41, 30, 4, 5);
    const options = { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 1, seed: 1 } as const;
    const maxout = createNetwork({ sizes: [30, 6, 4], hidden: { name: "maxout", pieces: 2 }, output: "softmax", seed: 2 });
    expect(train(maxout, X, Y, options).execution).toMatchObject({ loop: "readable", reason: "layer 1's activation, maxout(pieces=2), has no buffer-level forward and backward" });
    const net = createNetwork({ sizes: [30, 6, 4], hidden: "relu", output: "softmax", seed: 2 });
    const l2: TrainOptions = { ...options, regularization: { kind: "l2", lambda: 0.1, scale: "lambda/2m" } };
    expect(train(net, X, Y, l2).execution).toMatchObject({ loop: "readable", reason: "the fused training has no penalty term" });
    expect(train(net, X, Y, { ...options, optimizer: adagrad() }).execution).toMatchObject({ loop: "readable", reason: "the fused training implements the sgd update only" });
    expect(() => train(net, X, Y, { ...l2, loop: "fused" })).toThrow('train: loop: "fused" cannot run: the fused training has no penalty term');
    expect(() => train(net, X, Y, { ...options, loop: "fast" as "fused" })).toThrow('train: loop must be "fused" or "readable", got "fast"');
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
    const run = (loop: Loop) => {
      const seen: number[][][] = [];
      const net = createNetwork({ sizes: [30, 8, 4], hidden: "relu", output: "softmax", seed: 4 });
      const r = train(net, X, Y, {
        loss: "crossEntropy", learningRate: 0.2, batchSize: 8, epochs: 6, seed: 1, validation: valid, earlyStopping: { patience: 2 }, loop,
        onEpoch: (_rec, n) => void seen.push(weights(n)),
        onBatch: (b) => (b.update === 30 ? "stop" : undefined),
      });
      return { r, seen };
    };
    const { fast, slow } = onBothLoops(run, (t) => t.r);
    expect(fast.r.stopReason).toBe(slow.r.stopReason);
    expect(fast.seen).toEqual(slow.seen);
    expect(weights(fast.r.network)).toEqual(weights(slow.r.network));
  });

  it("fails like the readable loop when training diverges, keeping the last finite weights", () => {
    const { X, Y } = sparseData(40, 30, 4, 8);
    // loop: "fused" throws an InputError where the fused training cannot run, so reaching the
    // divergence proves it ran.
    const run = (loop: Loop) => {
      const net = createNetwork({ sizes: [30, 6, 4], hidden: "relu", output: "identity", seed: 3 });
      try {
        train(net, X, Y, { loss: "mse", learningRate: 1e6, batchSize: 4, epochs: 3, seed: 2, loop });
      } catch (error) {
        return error as TrainingDivergedError;
      }
      throw new Error("did not diverge");
    };
    const fast = run("fused"), slow = run("readable");
    expect(fast.message).toContain("the cost of batch");
    expect(fast).toBeInstanceOf(TrainingDivergedError);
    expect(fast.message).toBe(slow.message);
    expect(fast.epoch).toBe(slow.epoch);
    expect(weights(fast.lastFinite)).toEqual(weights(slow.lastFinite));
  });

  it("hands back the weights before an update that made them infinite, from the middle of an epoch", () => {
    const { X, Y } = sparseData(40, 30, 4, 8);
    // A rate that jumps after 7 updates: the 8th update (batch 3 of epoch 2) overflows the weights
    // while the cost before it is still finite, so the fused trainer must replay batches 1-2 of epoch 2.
    const schedule: Schedule = { name: "jump", factor: (updates: number) => (updates < 7 ? 1 : Infinity) } as Schedule;
    const run = (loop: Loop) => {
      const net = createNetwork({ sizes: [30, 6, 4], hidden: "sigmoid", output: "sigmoid", seed: 3 });
      try {
        train(net, X, Y, { loss: "halfSquared", learningRate: 0.5, batchSize: 8, epochs: 3, seed: 2, schedule, loop });
      } catch (error) {
        return error as TrainingDivergedError;
      }
      throw new Error("did not diverge");
    };
    const fast = run("fused"), slow = run("readable");
    expect(fast.message).toContain("the weights became infinite or NaN after batch 3");
    expect(fast.message).toBe(slow.message);
    expect(fast.epoch).toBe(2);
    expect(weights(fast.lastFinite)).toEqual(weights(slow.lastFinite));
  });

  it("gives bit-identical weights on one thread and on two, and the result says two threads ran", () => {
    const d = loadDigits({ train: 400, test: 10, seed: 2 });
    const run = () => {
      const net = createNetwork({ sizes: [784, 64, 40, 10], hidden: "relu", output: "softmax", weights: "he", seed: 1 });
      return train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 64, epochs: 2, seed: 1, loop: "fused" });
    };
    const threads = wasm().threads, setting = threads.setting;
    try {
      threads.setting = 1;
      const one = run();
      threads.setting = 2;
      const two = run();
      expect(one.execution).toMatchObject({ threads: 1, threadNote: "1" });
      // The helper claims chunks of every product it wakes up for in time; a helper that failed
      // would have thrown, not dropped to one thread.
      expect(two.execution).toMatchObject({ threads: 2, threadNote: "2" });
      expect(weights(two.network)).toEqual(weights(one.network));
      expect(withoutTime(two.history)).toEqual(withoutTime(one.history));
    } finally {
      threads.setting = setting;
    }
  });

  it("trains the digits exactly as the readable loop, and the same whatever ran before", () => {
    const d = loadDigits({ train: 300, test: 10, seed: 1 });
    const run = (loop: Loop) => {
      const net = createNetwork({ sizes: [784, 16, 10], hidden: "relu", output: "softmax", weights: "he", seed: 1 });
      return train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 32, epochs: 2, seed: 1, loop });
    };
    const { fast: first, slow } = onBothLoops(run), again = run("fused");
    expect(weights(first.network)).toEqual(weights(slow.network));
    expect(weights(again.network)).toEqual(weights(first.network));
  });
});

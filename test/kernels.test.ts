import { describe, expect, it } from "vitest";
import {
  Kernels, Matrix, activation, affine, affineBackward, columnSums, createNetwork, createRandom, forward, getKernels, matmul, matmulTransA,
  matrix, setKernels, train, transpose,
} from "../lib";
import { jsKernels } from "../lib/backends/js";
import { kernelsChoice } from "../lib/kernels";
import { sparseKernels } from "../lib/backends/sparse";
import { wasm, wasmKernels } from "../lib/backends/wasm/backend";

const rand = (rows: number, cols: number, seed: number): Matrix => {
  const rng = createRandom(seed);
  return matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.uniform(-1, 1)));
};

/** The textbook triple loop, C_ij = sum_p A_ip B_pj, as the reference. */
const naive = (A: Matrix, B: Matrix): Matrix => {
  const C = matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < B.cols; j++) {
    let s = 0;
    for (let p = 0; p < A.cols; p++) s += A.data[i * A.cols + p] * B.data[p * B.cols + j];
    C.data[i * B.cols + j] = s;
  }
  return C;
};

const expectClose = (a: Matrix, b: Matrix) => {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  a.data.forEach((v, k) => expect(v).toBeCloseTo(b.data[k], 12));
};

describe("kernels", () => {
  it("matmul, matmulTransA and affine agree with the textbook definitions", () => {
    const A = rand(7, 5, 1), B = rand(5, 3, 2), C = rand(7, 3, 3), W = rand(4, 5, 4);
    expectClose(matmul(A, B), naive(A, B));
    expectClose(matmulTransA(A, C), naive(transpose(A), C));
    const b = Float64Array.from([1, -2, 0.5, 3]);
    const expected = naive(A, transpose(W));
    for (let i = 0; i < 7; i++) for (let j = 0; j < 4; j++) expected.data[i * 4 + j] += b[j];
    expectClose(affine(A, W, b), expected);
  });

  it("columnSums adds each column", () => {
    expect([...columnSums(matrix(2, 3, Float64Array.from([1, 2, 3, 10, 20, 30])))]).toEqual([11, 22, 33]);
  });

  it("are replaceable in one place: forward propagation runs on whatever setKernels installed", () => {
    let calls = 0;
    const counting: Kernels = { ...jsKernels, name: "counting", affine: (A, W, b) => { calls++; return jsKernels.affine(A, W, b); } };
    const net = createNetwork({ sizes: [3, 4, 2], seed: 1 });
    const before = forward(net, [[1, 2, 3]]).a[2];
    const previous = setKernels(counting);
    try {
      expect(getKernels().name).toBe("counting");
      const after = forward(net, [[1, 2, 3]]).a[2];
      expect(calls).toBe(2);
      expect([...after.data]).toEqual([...before.data]);
    } finally {
      setKernels(previous);
    }
    expect(getKernels()).toBe(wasmKernels);
  });

  it("default to the fastest registered backend that runs here, and say how they were chosen", () => {
    expect(getKernels()).toBe(wasmKernels);
    expect(kernelsChoice()).toBe("the default");
    const previous = setKernels(sparseKernels);
    try {
      expect(previous).toBe(wasmKernels);
      expect(kernelsChoice()).toBe("set with setKernels");
    } finally {
      setKernels(previous);
    }
    expect(kernelsChoice()).toBe("the default");
  });
});

/** A random matrix where each entry is zero with probability `zeros`, and chosen entries are NaN or +-Infinity. */
const sample = (rows: number, cols: number, seed: number, zeros: number, special: readonly number[] = []): Matrix => {
  const rng = createRandom(seed);
  const M = matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => (rng.next() < zeros ? 0 : rng.uniform(-2, 2))));
  special.forEach((v, t) => (M.data[(t * 7919 + seed) % M.data.length] = v));
  return M;
};

// Odd sizes, 1-row and 1-column cases, and sizes past the WebAssembly kernels' register blocks
// (4 rows, 4 and 16 columns) and cache panels (128 summed terms, 256 columns).
const shapes = [[1, 1, 1], [1, 7, 3], [5, 1, 4], [3, 6, 1], [7, 13, 5], [16, 784, 9], [33, 17, 29], [2, 3, 8], [9, 300, 37], [6, 130, 261]] as const;

describe.each([sparseKernels, wasmKernels])("the $name kernels", (fast) => {
  /** Equal to 1e-12 relative (absolute near zero), with NaN and Infinity in the same places. */
  const agree = (fast: Matrix | Float64Array, ref: Matrix | Float64Array, what: string) => {
    const f = fast instanceof Float64Array ? fast : fast.data, r = ref instanceof Float64Array ? ref : ref.data;
    if (!(fast instanceof Float64Array) && !(ref instanceof Float64Array)) expect([fast.rows, fast.cols], what).toEqual([ref.rows, ref.cols]);
    expect(f.length, what).toBe(r.length);
    for (let k = 0; k < r.length; k++) {
      if (!Number.isFinite(r[k])) expect(f[k], `${what} [${k}]`).toBe(r[k]);
      else expect(Math.abs(f[k] - r[k]), `${what} [${k}]: ${f[k]} vs ${r[k]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(r[k])));
    }
  };
  const densities = [0, 0.5, 0.81, 0.97, 1];

  it("agree with the reference kernels to 1e-12 on odd, 1-row and 1-column shapes, dense to all-zero", () => {
    let seed = 1;
    for (const [m, n, k] of shapes) for (const zeros of densities) {
      const A = sample(m, n, seed++, zeros), W = sample(k, n, seed++, zeros * 0.5), B = sample(n, k, seed++, zeros), C = sample(m, k, seed++, zeros);
      const b = sample(1, k, seed++, 0).data;
      const tag = `${m}x${n}x${k} zeros ${zeros}`;
      agree(fast.affine(A, W, b), jsKernels.affine(A, W, b), `affine ${tag}`);
      agree(fast.matmul(A, B), jsKernels.matmul(A, B), `matmul ${tag}`);
      agree(fast.matmulTransA(A, C), jsKernels.matmulTransA(A, C), `matmulTransA ${tag}`);
      agree(fast.columnSums(A), jsKernels.columnSums(A), `columnSums ${tag}`);
    }
  });

  it("propagate NaN and Infinity exactly like the reference, also where the other operand has zeros", () => {
    let seed = 100;
    for (const [m, n, k] of shapes) for (const special of [[NaN], [Infinity], [-Infinity, NaN]]) {
      const A = sample(m, n, seed++, 0.8), W = sample(k, n, seed++, 0.8, special), B = sample(n, k, seed++, 0.8, special);
      const C = sample(m, k, seed++, 0.8, special), An = sample(m, n, seed++, 0.8, special);
      const b = new Float64Array(k);
      const tag = `${m}x${n}x${k} with ${special.join(",")}`;
      agree(fast.affine(A, W, b), jsKernels.affine(A, W, b), `affine ${tag}`);
      agree(fast.affine(An, W, b), jsKernels.affine(An, W, b), `affine (both) ${tag}`);
      agree(fast.matmul(A, B), jsKernels.matmul(A, B), `matmul ${tag}`);
      agree(fast.matmulTransA(A, C), jsKernels.matmulTransA(A, C), `matmulTransA ${tag}`);
      agree(fast.matmulTransA(An, A.cols === C.cols ? C : sample(m, k, seed++, 0.8)), jsKernels.matmulTransA(An, A.cols === C.cols ? C : sample(m, k, seed - 1, 0.8)), `matmulTransA (A special) ${tag}`);
    }
  });

  it("train to the same losses as the reference kernels (to 1e-12) and bit-identically run to run", () => {
    const X = sample(40, 30, 7, 0.8);
    const Y = matrix(40, 3, Float64Array.from({ length: 120 }, (_, t) => (t % 3 === Math.floor(t / 3) % 3 ? 1 : 0)));
    const run = () => {
      const net = createNetwork({ sizes: [30, 8, 3], hidden: "relu", output: "softmax", weights: "he", seed: 3 });
      return train(net, X, Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 8, epochs: 5, seed: 3 });
    };
    const withKernels = <T>(kernels: Kernels, f: () => T): T => {
      const previous = setKernels(kernels);
      try {
        return f();
      } finally {
        setKernels(previous);
      }
    };
    const trained = withKernels(fast, run), again = withKernels(fast, run);
    const ref = withKernels(jsKernels, run);
    expect(trained.execution).toMatchObject(fast.fusedTraining
      ? { kernels: fast.name, loop: "fused" }
      : { kernels: fast.name, loop: "readable", reason: `the ${fast.name} kernels have no fused training` });
    expect(ref.execution).toMatchObject({ kernels: "js", loop: "readable" });
    expect(trained.network.layers.map((l) => [...l.W.data])).toEqual(again.network.layers.map((l) => [...l.W.data]));
    trained.history.forEach((r, e) => expect(Math.abs(r.trainCost - ref.history[e].trainCost)).toBeLessThan(1e-12));
  });
});

describe("the WebAssembly kernels", () => {
  it("are exactly the reference sums (same order, no fused multiply-add) where nothing is skipped, on one thread or two", () => {
    let seed = 500;
    const rt = wasm().threads, threads = rt.setting;
    for (const [m, n, k] of shapes) for (const t of [1, 2] as const) {
      rt.setting = t;
      const A = sample(m, n, seed++, 0), W = sample(k, n, seed++, 0), B = sample(n, k, seed++, 0), C = sample(m, k, seed++, 0);
      const b = sample(1, k, seed++, 0).data;
      expect([...wasmKernels.affine(A, W, b).data]).toEqual([...jsKernels.affine(A, W, b).data]);
      expect([...wasmKernels.matmul(A, B).data]).toEqual([...jsKernels.matmul(A, B).data]);
      expect([...wasmKernels.matmulTransA(A, C).data]).toEqual([...jsKernels.matmulTransA(A, C).data]);
      // Sparse operands (the CSR products) skip zeros, so compare them across thread counts instead.
      const Z = sample(m, n, seed++, 0.8), D = sample(m, k, seed++, 0.5);
      rt.setting = 1;
      const one = [wasmKernels.affine(Z, W, b).data, wasmKernels.matmulTransA(Z, D).data];
      rt.setting = t;
      expect([[...wasmKernels.affine(Z, W, b).data], [...wasmKernels.matmulTransA(Z, D).data]]).toEqual(one.map((d) => [...d]));
    }
    rt.setting = threads;
  });


  it("compute a declared rectifier (relu, leakyRelu) exactly as its own forwardInto and backwardInto, NaN, -0 and infinities included", () => {
    const values = [-2.5, -0, 0, 1e-310, -1e-310, 3, NaN, Infinity, -Infinity, 0.7, -0.7];
    const exact = (v: number) => (Object.is(v, -0) ? "-0" : String(v)); // toEqual takes -0 for 0
    const count = values.length;
    const { rt } = wasm(), mark = rt.mark();
    try {
      const Z = rt.put(Float64Array.from(values)), dA = rt.put(Float64Array.from(values, (_, t) => (t % 3) - 1.5)), out = rt.alloc(8 * count);
      for (const act of [activation("relu"), activation({ name: "leakyRelu", slope: 0.1 })]) {
        const slope = act.rectifier!.slope;
        const A = new Float64Array(count), D = new Float64Array(count);
        act.forwardInto!(rt.f64(Z, count), A, 1, count);
        wasm().rectify(Z, out, count, slope);
        expect([...rt.f64(out, count)].map(exact), act.label).toEqual([...A].map(exact));
        act.backwardInto!(rt.f64(Z, count), A, rt.f64(dA, count), D, 1, count);
        wasm().rectifyBackward(Z, dA, out, count, slope);
        expect([...rt.f64(out, count)].map(exact), act.label).toEqual([...D].map(exact));
      }
    } finally {
      rt.release(mark);
    }
    // leakyRelu with slope 0 gives 0 * z = -0 below 0, not a rectifier's +0: it declares none.
    expect(activation({ name: "leakyRelu", slope: 0 }).rectifier).toBeUndefined();
  });

  it("hand part of a large product to a second thread, with the product unchanged", () => {
    const threads = wasm().threads, setting = threads.setting;
    const A = sample(256, 256, 900, 0), B = sample(256, 256, 901, 0);
    try {
      threads.setting = 1;
      const before = threads.helperChunks;
      const one = wasmKernels.matmul(A, B);
      expect(threads.helperChunks).toBe(before);
      threads.setting = 2;
      // A helper asleep between products may wake after this thread has taken every chunk of one
      // product; of ten it takes some.
      for (let r = 0; r < 10; r++) expect([...wasmKernels.matmul(A, B).data]).toEqual([...one.data]);
      expect(threads.helperChunks).toBeGreaterThan(before);
      expect(threads.note()).toBe("2");
    } finally {
      threads.setting = setting;
    }
  });
});

describe("affineBackward", () => {
  it("is the backward step of affine: central differences of sum(dZ .* affine(A, W, b)) give dW, db and dA", () => {
    const A = rand(4, 3, 11), W = rand(2, 3, 12), dZ = rand(4, 2, 13);
    const b = Float64Array.from([0.3, -0.2]);
    const objective = (A2: Matrix, W2: Matrix, b2: Float64Array) => affine(A2, W2, b2).data.reduce((s, z, k) => s + z * dZ.data[k], 0);
    const back = affineBackward(dZ, A, W, true);
    const h = 1e-6;
    const numeric = (M: Matrix | Float64Array, k: number, f: () => number) => {
      const data = M instanceof Float64Array ? M : M.data;
      const keep = data[k];
      data[k] = keep + h;
      const up = f();
      data[k] = keep - h;
      const down = f();
      data[k] = keep;
      return (up - down) / (2 * h);
    };
    W.data.forEach((_, k) => expect(back.dW.data[k]).toBeCloseTo(numeric(W, k, () => objective(A, W, b)), 8));
    b.forEach((_, k) => expect(back.db[k]).toBeCloseTo(numeric(b, k, () => objective(A, W, b)), 8));
    A.data.forEach((_, k) => expect(back.dA!.data[k]).toBeCloseTo(numeric(A, k, () => objective(A, W, b)), 8));
    expect(affineBackward(dZ, A, W, false).dA).toBeNull();
  });
});

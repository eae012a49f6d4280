import { describe, expect, it } from "vitest";
import {
  Kernels, Matrix, affine, columnSums, createNetwork, createRandom, forward, getKernels, jsKernels, matmul, matmulTransA,
  matrix, setKernels, transpose,
} from "../lib";

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
    expect(getKernels()).toBe(jsKernels);
  });
});

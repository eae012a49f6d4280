import type { Kernels } from "../kernels";
import { matrix } from "../matrix";

/**
 * The reference kernels: the textbook sums as plain loops over Float64Array, ordered so the inner
 * loop walks memory contiguously. Faster kernels (lib/backends/sparse.ts, lib/backends/wasm) must
 * agree with these. Always registered (lib/kernels.ts starts with them): they run everywhere.
 */
export const jsKernels: Kernels = {
  name: "js",
  affine(A, W, b) {
    const m = A.rows, n = A.cols, k = W.rows;
    const a = A.data, w = W.data, out = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      const ai = i * n;
      for (let j = 0; j < k; j++) {
        const wj = j * n;
        let s = b[j];
        for (let p = 0; p < n; p++) s += a[ai + p] * w[wj + p];
        out[i * k + j] = s;
      }
    }
    return matrix(m, k, out);
  },
  matmul(A, B) {
    // Row i of C gathers A[i][p] times row p of B, over p in order.
    const m = A.rows, n = A.cols, k = B.cols, out = new Float64Array(m * k);
    for (let i = 0; i < m; i++) for (let p = 0; p < n; p++) addScaledRow(out, i * k, A.data[i * n + p], B.data, p * k, k);
    return matrix(m, k, out);
  },
  matmulTransA(A, B) {
    // Row p of C = A^T B gathers A[i][p] times row i of B, over the examples i in order.
    const m = A.rows, n = A.cols, k = B.cols, out = new Float64Array(n * k);
    for (let i = 0; i < m; i++) for (let p = 0; p < n; p++) addScaledRow(out, p * k, A.data[i * n + p], B.data, i * k, k);
    return matrix(n, k, out);
  },
  columnSums(A) {
    const out = new Float64Array(A.cols);
    const d = A.data;
    for (let i = 0; i < A.rows; i++) {
      const r = i * A.cols;
      for (let j = 0; j < A.cols; j++) out[j] += d[r + j];
    }
    return out;
  },
};

/** out[at + j] += x * src[from + j] for j < k: one term of a row of a product, added in place. */
export function addScaledRow(out: Float64Array, at: number, x: number, src: Float64Array, from: number, k: number): void {
  for (let j = 0; j < k; j++) out[at + j] += x * src[from + j];
}

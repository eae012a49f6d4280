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
    const m = A.rows, n = A.cols, k = B.cols;
    const a = A.data, bd = B.data, out = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      const oi = i * k;
      for (let p = 0; p < n; p++) {
        const aip = a[i * n + p];
        const bp = p * k;
        for (let j = 0; j < k; j++) out[oi + j] += aip * bd[bp + j];
      }
    }
    return matrix(m, k, out);
  },
  matmulTransA(A, B) {
    const m = A.rows, n = A.cols, k = B.cols;
    const a = A.data, bd = B.data, out = new Float64Array(n * k);
    for (let i = 0; i < m; i++) {
      const bi = i * k;
      for (let p = 0; p < n; p++) {
        const aip = a[i * n + p];
        const op = p * k;
        for (let j = 0; j < k; j++) out[op + j] += aip * bd[bi + j];
      }
    }
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

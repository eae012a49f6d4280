/**
 * The WebAssembly backend: the seam's operations on the SIMD kernels, and fused training.
 *
 * Why: the same sums as lib/backends/js.ts run 5-10x faster as WebAssembly SIMD with a block of
 * the output held in registers, and the first layer's products skip the zero pixels of the digits
 * (about 81%). Each output element is summed in the reference order with a separate multiply and
 * add, so results equal jsKernels' bit for bit, except where a skipped exact zero would have
 * added a signed zero.
 *
 * The seam's operations take and return ordinary Float64Arrays, so they copy operands into the
 * module's memory and the result out (a small cost next to the product itself); fused training
 * (fused-epoch.ts) keeps its buffers in that memory for a whole run.
 */
import { registerKernels, type Kernels } from "../../kernels";
import { Matrix, Vector, matrix } from "../../matrix";
import { SPARSE_BELOW, allFinite, nonZeros, sparseKernels } from "../sparse";
import { prepareFusedTraining } from "./fused-epoch";
import { WasmKernels } from "./kernels";
import { WasmOutOfMemoryError, wasmAvailability, wasmRuntime, type WasmRuntime } from "./runtime";

let shared: WasmKernels | undefined;

/** The process's WebAssembly kernels and their threads; throws where WebAssembly cannot run. */
export function wasm(): WasmKernels {
  return (shared ??= new WasmKernels(wasmRuntime()));
}

/**
 * Runs `body` with the memory it reserves released afterwards, and copies out `rows x cols` at the
 * returned pointer. Operands too large for the module's memory are computed by sparseKernels.
 */
function scoped(rows: number, cols: number, body: (k: WasmKernels, rt: WasmRuntime) => number, otherwise: () => Matrix): Matrix {
  const k = wasm(), rt = k.rt, mark = rt.mark();
  try {
    const out = body(k, rt);
    return matrix(rows, cols, rt.f64(out, rows * cols).slice());
  } catch (error) {
    if (error instanceof WasmOutOfMemoryError) return otherwise();
    throw error;
  } finally {
    rt.release(mark);
  }
}

/** The CSR form of the rows x cols matrix at ptr, with nnz non-zeros, in newly reserved memory. */
function toCsr(k: WasmKernels, rt: WasmRuntime, ptr: number, rows: number, cols: number, nnz: number) {
  const csr = { ptr: rt.alloc(4 * (rows + 1)), idx: rt.alloc(4 * nnz), val: rt.alloc(8 * nnz) };
  k.csr(ptr, rows, cols, csr);
  return csr;
}

export const wasmKernels: Kernels = {
  name: "wasm-simd",
  affine(A: Matrix, W: Matrix, b: Vector): Matrix {
    const m = A.rows, n = A.cols, k = W.rows;
    return scoped(m, k, (kernels, rt) => {
      const a = rt.put(A.data), w = rt.put(W.data), bias = rt.put(b), out = rt.alloc(8 * m * k);
      const wt = rt.alloc(8 * n * k);
      kernels.transpose(w, k, n, wt); // rows of W^T are contiguous: SIMD runs along them
      const nnz = nonZeros(A.data);
      if (nnz < SPARSE_BELOW * A.data.length && allFinite(W.data)) {
        const csr = toCsr(kernels, rt, a, m, n, nnz);
        kernels.spmm({ rows: m, rowList: rt.identityRows(m), csr, B: wt, ldb: k, C: out, ldc: k, bias, cols: k, nonZeros: nnz });
      } else {
        kernels.gemm({ rows: m, depth: n, A: a, aRowStride: n, aDepthStride: 1, B: wt, ldb: k, C: out, ldc: k, bias, cols: k });
      }
      return out;
    }, () => sparseKernels.affine(A, W, b));
  },
  matmul(A: Matrix, B: Matrix): Matrix {
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(m, k, (kernels, rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * m * k);
      kernels.gemm({ rows: m, depth: n, A: a, aRowStride: n, aDepthStride: 1, B: b, ldb: k, C: out, ldc: k, bias: 0, cols: k });
      return out;
    }, () => sparseKernels.matmul(A, B));
  },
  matmulTransA(A: Matrix, B: Matrix): Matrix {
    // C = A^T B (n x k): C[p][j] sums A[i][p] B[i][j] over the examples i in order.
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(n, k, (kernels, rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * n * k);
      const nnz = nonZeros(A.data);
      if (nnz < SPARSE_BELOW * A.data.length && allFinite(B.data)) {
        // A's non-zeros by column: row p of C sums over column p's entries; rows of all-zero columns are 0.
        const csr = toCsr(kernels, rt, a, m, n, nnz);
        const columns = { count: rt.alloc(4 * (n + 1)), ptr: rt.alloc(4 * (n + 1)), row: rt.alloc(4 * nnz), val: rt.alloc(8 * nnz), touched: rt.alloc(4 * n) };
        const touched = kernels.batchColumns(m, rt.identityRows(m), csr, n, columns);
        rt.f64(out, n * k).fill(0);
        kernels.spmmTColumns({ count: touched, columns, D: b, ldd: k, C: out, ldc: k, cols: k, nonZeros: nnz });
      } else {
        kernels.gemm({ rows: n, depth: m, A: a, aRowStride: 1, aDepthStride: n, B: b, ldb: k, C: out, ldc: k, bias: 0, cols: k });
      }
      return out;
    }, () => sparseKernels.matmulTransA(A, B));
  },
  // One contiguous pass; nothing for WebAssembly to gain over the reference loop.
  columnSums: sparseKernels.columnSums,
  fusedTraining: { prepare: (run) => prepareFusedTraining(wasm(), run) },
  threadUse() {
    const threads = wasm().threads;
    return { helperChunks: threads.helperChunks, note: threads.note() };
  },
};

// The fastest where it runs: the default unless WebAssembly cannot run here (then sparseKernels).
registerKernels(wasmKernels, 2, () => wasmAvailability().unavailable);

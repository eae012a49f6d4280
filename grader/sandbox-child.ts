/**
 * Runs inside the sandboxed process, bundled with one student file. It loads the file, then
 * answers the grader's calls ("call your function X with these arguments") with what the
 * function returned or threw, and the arguments as they are afterwards (to see mutation). It
 * decides nothing: every comparison happens in the grader's own process.
 *
 * Channels: fd 3 carries frames to the grader; fd 4 brings calls (read asynchronously, so the
 * event loop runs between calls); fd 5 brings answers to callbacks, read synchronously while a
 * student function is running and calls a function it was given (a cost function, a Random).
 */
import fs from "node:fs";
import net from "node:net";
import { decode, encode, FrameReader, frame, type Wire } from "./wire";

const OUT = 3, CALLS = 4, REPLIES = 5;

/*
 * The student's code may patch built-ins (Math, JSON, Array.prototype, fs...). That must change
 * only the student's own results, not this harness's channel: the harness swaps the built-ins'
 * properties back to their state at start whenever it runs, and to the student's state whenever
 * the student's code runs. (Containment is the process's job; this only keeps the messages
 * intact.) Indexed loops and captured functions: iterators and methods may be the patched ones.
 */
const ownKeys = Reflect.ownKeys, describeProperty = Reflect.getOwnPropertyDescriptor;
const defineProperty = Reflect.defineProperty, deleteProperty = Reflect.deleteProperty;
const typedArray = Object.getPrototypeOf(Uint8Array) as object;
const GUARDED: object[] = [
  globalThis, JSON, Math, Object, Object.prototype, Array, Array.prototype, Function.prototype, String, String.prototype,
  Number, Number.prototype, Boolean.prototype, Symbol, Reflect, Error, Error.prototype, Map.prototype, Set.prototype, Promise.prototype,
  Buffer, Buffer.prototype, Uint8Array.prototype, typedArray, (typedArray as { prototype: object }).prototype, Float64Array.prototype, fs,
];

interface Globals { readonly keys: PropertyKey[][]; readonly descriptors: (PropertyDescriptor | undefined)[][] }

function snapshot(): Globals {
  const keys: PropertyKey[][] = [], descriptors: (PropertyDescriptor | undefined)[][] = [];
  for (let i = 0; i < GUARDED.length; i++) {
    const k = ownKeys(GUARDED[i]);
    const d: (PropertyDescriptor | undefined)[] = [];
    for (let j = 0; j < k.length; j++) d[j] = describeProperty(GUARDED[i], k[j]);
    keys[i] = k;
    descriptors[i] = d;
  }
  return { keys, descriptors };
}

const sameProperty = (a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean =>
  a !== undefined && b !== undefined && a.value === b.value && a.get === b.get && a.set === b.set &&
  a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;

function restore(state: Globals): void {
  for (let i = 0; i < GUARDED.length; i++) {
    const target = GUARDED[i], keys = state.keys[i], now = ownKeys(target);
    for (let j = 0; j < now.length; j++) {
      let known = false;
      for (let k = 0; k < keys.length && !known; k++) known = keys[k] === now[j];
      if (!known) deleteProperty(target, now[j]);
    }
    for (let j = 0; j < keys.length; j++) {
      const want = state.descriptors[i][j];
      if (want && !sameProperty(describeProperty(target, keys[j]), want)) defineProperty(target, keys[j], want);
    }
  }
}

const pristine = snapshot();
let students: Globals = pristine;

/** Runs the student's code with the student's built-ins, and returns to the harness's. */
function asStudent<T>(run: () => T): T {
  restore(students);
  try {
    return run();
  } finally {
    students = snapshot();
    restore(pristine);
  }
}
// Kept before the student's code runs, so that patching globals cannot break the channel itself.
const { writeSync, readSync } = fs;

function send(message: unknown): void {
  write(frame(message));
}

function write(bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(OUT, bytes, at, bytes.length - at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

function readExactly(n: number): Buffer {
  const out = Buffer.alloc(n);
  let at = 0;
  while (at < n) {
    try {
      const got = readSync(REPLIES, out, at, n - at, null);
      if (got === 0) throw new Error("the grader closed the callback channel");
      at += got;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
  return out;
}

/** Calls back into the grader (a function or method the student's code was handed) and waits. */
function callBack(handle: number, method: string | null, args: unknown[]): unknown {
  const mid = snapshot();
  restore(pristine);
  try {
    return askGrader(handle, method, args);
  } finally {
    restore(mid);
  }
}

function askGrader(handle: number, method: string | null, args: unknown[]): unknown {
  send({ t: "callback", handle, method, args: encode(args) });
  const size = readExactly(4).readUInt32LE(0);
  const reply = JSON.parse(readExactly(size).toString("utf8")) as { ok: boolean; value?: Wire; message?: string };
  if (!reply.ok) throw new Error(reply.message ?? "the callback failed");
  return decode(reply.value ?? null);
}

const remote = (handle: number, methods: readonly string[] | null): unknown => {
  if (methods === null) return (...args: unknown[]) => callBack(handle, null, args);
  const obj: Record<string, unknown> = {};
  for (const m of methods) obj[m] = (...args: unknown[]) => callBack(handle, m, args);
  return obj;
};

/** What a thrown value looks like to the grader: an Error's name and message, or the value itself. */
function thrown(error: unknown): Wire {
  try {
    if (error instanceof Error) {
      const e = error as NodeJS.ErrnoException & { permission?: string; resource?: string };
      if (e.code === "ERR_ACCESS_DENIED") {
        const what = `${e.permission ?? "access"}${e.resource ? ` of ${e.resource}` : ""}`;
        return { error: true, name: "Error", message: `the grading sandbox refused ${what}: code under grading may not read course files, write outside its scratch folder, or start processes or workers` };
      }
      return { error: true, name: String(error.name).slice(0, 200), message: String(error.message).slice(0, 4000) };
    }
    return { error: false, value: encode(error) };
  } catch {
    return { error: false, value: "(a value that could not be read)" };
  }
}

/** A fixed-seed Math.random (mulberry32), so that grading a submission twice gives the same result. */
function seedMathRandom(): void {
  let s = 0x6d2b79f5;
  Math.random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Loads the student's module and serves calls until the grader closes the call channel. */
export function serve(load: () => unknown): void {
  seedMathRandom();
  students = snapshot();
  restore(pristine);
  let mod: Record<string, unknown>;
  try {
    mod = asStudent(() => (load() ?? {}) as Record<string, unknown>);
  } catch (error) {
    send({ t: "loadError", error: thrown(error) });
    return;
  }
  const exports: Record<string, Wire> = {};
  for (const key of Object.keys(mod)) {
    try {
      const v = asStudent(() => mod[key]);
      exports[key] = { type: typeof v, length: typeof v === "function" ? v.length : -1 };
    } catch {
      exports[key] = { type: "unreadable", length: -1 };
    }
  }
  send({ t: "ready", exports });
  const reader = new FrameReader();
  const calls = new net.Socket({ fd: CALLS, readable: true, writable: false });
  calls.on("data", (chunk: Buffer) => {
    for (const message of reader.push(chunk) as { id: number; name: string; args: Wire }[]) answer(mod, message);
  });
  calls.on("end", () => process.exit(0));
}

function answer(mod: Record<string, unknown>, call: { id: number; name: string; args: Wire }): void {
  const args = decode(call.args, { remote }) as unknown[];
  let result: unknown;
  try {
    result = asStudent(() => (mod[call.name] as (...a: unknown[]) => unknown)(...args));
  } catch (error) {
    send({ t: "result", id: call.id, ok: false, error: thrown(error) });
    return;
  }
  let bytes: Buffer;
  try {
    bytes = frame({ t: "result", id: call.id, ok: true, value: encode(result), after: encode(args) });
  } catch (error) {
    bytes = frame({ t: "result", id: call.id, ok: true, unreadable: error instanceof Error ? error.message : "the value could not be read" });
  }
  write(bytes);
}

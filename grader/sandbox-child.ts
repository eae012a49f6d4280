/**
 * Runs inside the sandboxed process, bundled with a hand-in's files (one copy of a set's modules
 * per exercise, see lib/exercise/tools/bundle.ts). It loads an exercise's module when asked, then
 * answers the grader's calls ("call your function X with these arguments") with what the
 * function returned or threw, and the arguments as they are afterwards (to see mutation). It
 * decides nothing: every comparison happens in the grader's own process.
 *
 * Channels: fd 3 carries frames to the grader; fd 4 brings requests (read asynchronously, so the
 * event loop runs between calls); fd 5 brings answers to callbacks, read synchronously while a
 * student function is running and calls a function it was given (a cost function, a Random).
 */
import fs from "node:fs";
import net from "node:net";
import { describeThrown } from "../lib/exercise/session";
import { parseToChild, type ExportInfo, type FromChild, type ToChild } from "./protocol";
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

function send(message: FromChild): void {
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

/** What a thrown value looks like to the grader; a sandbox refusal is said in words the student can act on. */
function thrown(error: unknown) {
  const t = describeThrown(error);
  try {
    const e = error as NodeJS.ErrnoException & { permission?: string; resource?: string };
    if (t.kind === "error" && e.code === "ERR_ACCESS_DENIED") {
      const what = `${String(e.permission ?? "access")}${e.resource ? ` of ${String(e.resource)}` : ""}`;
      return { kind: "error" as const, name: "Error", message: `the grading sandbox refused ${what}: code under grading may not read course files, write outside its scratch folder, or start processes or workers` };
    }
  } catch {
    // A getter that throws: the description above stands.
  }
  return t;
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

/** Serves the grader's requests for the exercise modules in `modules` ("<set>/<exercise>" -> load it). */
export function serve(modules: Readonly<Record<string, () => unknown>>): void {
  seedMathRandom();
  students = snapshot();
  restore(pristine);
  const loaded = new Map<string, Record<string, unknown>>();
  const reader = new FrameReader();
  const requests = new net.Socket({ fd: CALLS, readable: true, writable: false });
  requests.on("data", (chunk: Buffer) => {
    for (const raw of reader.push(chunk)) {
      const request = parseToChild(raw);
      if (request === null) continue;
      if (request.t === "load") load(modules, loaded, request);
      else answer(loaded, request);
    }
  });
  requests.on("end", () => process.exit(0));
  send({ t: "ready" });
}

function load(modules: Readonly<Record<string, () => unknown>>, loaded: Map<string, Record<string, unknown>>, request: ToChild & { t: "load" }): void {
  const make = Object.prototype.hasOwnProperty.call(modules, request.key) ? modules[request.key] : undefined;
  if (!make) return send({ t: "loadError", id: request.id, error: { kind: "error", name: "Error", message: `no module ${request.key} in this bundle` } });
  let mod: Record<string, unknown>;
  try {
    mod = asStudent(() => (make() ?? {}) as Record<string, unknown>);
  } catch (error) {
    return send({ t: "loadError", id: request.id, error: thrown(error) });
  }
  loaded.set(request.key, mod);
  const exports: Record<string, ExportInfo> = {};
  for (const key of Object.keys(mod)) {
    try {
      const v = asStudent(() => mod[key]);
      exports[key] = { type: typeof v, length: typeof v === "function" ? v.length : -1 };
    } catch {
      exports[key] = { type: "unreadable", length: -1 };
    }
  }
  send({ t: "loaded", id: request.id, exports });
}

function answer(loaded: Map<string, Record<string, unknown>>, call: ToChild & { t: "call" }): void {
  const mod = loaded.get(call.key);
  const args = decode(call.args, { remote }) as unknown[];
  let result: unknown;
  try {
    if (!mod) throw new Error(`${call.key} is not loaded`);
    result = asStudent(() => (mod[call.name] as (...a: unknown[]) => unknown)(...args));
  } catch (error) {
    send({ t: "threw", id: call.id, error: thrown(error) });
    return;
  }
  let bytes: Buffer;
  try {
    bytes = frame({ t: "returned", id: call.id, value: encode(result), after: encode(args) } satisfies FromChild);
  } catch (error) {
    bytes = frame({ t: "unreadable", id: call.id, why: error instanceof Error ? error.message : "the value could not be read" } satisfies FromChild);
  }
  write(bytes);
}

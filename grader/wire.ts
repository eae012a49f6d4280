/**
 * What crosses between the grader and a sandboxed submission: values as tagged JSON, in
 * length-prefixed frames. The grader decodes whatever the sandbox sends as plain data with
 * limits (size, depth, count), never as code, so a hostile submission can at worst send a wrong
 * answer for the call it was asked.
 */

import { randomFromState, randomState } from "../lib/random";

/** A value on the wire: JSON with tags for what JSON cannot hold. */
export type Wire = null | boolean | number | string | Wire[] | { readonly [tag: string]: Wire };

/** The largest frame either side accepts: a result bigger than this is a wrong answer, not a crash. */
export const MAX_FRAME_BYTES = 64 << 20;
const MAX_DEPTH = 64;

const TYPED = ["Float64Array", "Float32Array", "Int32Array", "Int16Array", "Int8Array", "Uint32Array", "Uint16Array", "Uint8Array", "Uint8ClampedArray"] as const;
type TypedName = (typeof TYPED)[number];

function encodeNumber(x: number): Wire {
  if (Number.isNaN(x)) return { $n: "NaN" };
  if (x === Infinity) return { $n: "Infinity" };
  if (x === -Infinity) return { $n: "-Infinity" };
  if (Object.is(x, -0)) return { $n: "-0" };
  return x;
}

export interface EncodeOptions {
  /** Called for a function, or an object with methods: returns the handle the other side calls back. */
  readonly remote?: (value: object) => number;
}

/**
 * Encodes a value. Arrays, typed arrays, the library's Matrix (by its shape and data) and plain
 * objects keep their structure; a function becomes a remote handle when `remote` is given and
 * {$fn: name} otherwise; cycles and depth beyond 64 become markers instead of throwing.
 */
export function encode(value: unknown, options: EncodeOptions = {}, depth = 0, seen = new Set<object>()): Wire {
  if (value === null) return null;
  switch (typeof value) {
    case "number": return encodeNumber(value);
    case "string": case "boolean": return value;
    case "undefined": return { $u: 1 };
    case "bigint": return { $big: value.toString() };
    case "symbol": return { $sym: String(value.description ?? "") };
    case "function": return options.remote ? { $remote: options.remote(value), $call: 1 } : { $fn: String((value as { name?: unknown }).name ?? "") };
    default: break;
  }
  const obj = value as object;
  if (depth >= MAX_DEPTH) return { $deep: 1 };
  if (seen.has(obj)) return { $cycle: 1 };
  seen.add(obj);
  try {
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      const name = obj.constructor.name as TypedName;
      if (!TYPED.includes(name)) return { $unsupported: name };
      return { $typed: name, v: Array.from(obj as unknown as ArrayLike<number>, encodeNumber) };
    }
    if (Array.isArray(obj)) {
      const out: Wire[] = [];
      for (let k = 0; k < obj.length; k++) out.push(encode(obj[k], options, depth + 1, seen));
      return out;
    }
    const record = obj as Record<string, unknown>;
    if (typeof record.rows === "number" && typeof record.cols === "number" && record.data instanceof Float64Array) {
      return { $matrix: [record.rows, record.cols], v: Array.from(record.data, encodeNumber) };
    }
    // The library's generator travels by value (its state), not by 60000 callbacks.
    const rs = randomState(obj);
    if (rs) return { $random: rs.map(encodeNumber) };
    if (options.remote && hasMethods(obj)) return { $remote: options.remote(obj), $methods: methodNames(obj) };
    const fields: { [key: string]: Wire } = {};
    for (const key of Object.keys(obj)) fields[key] = encode(record[key], options, depth + 1, seen);
    return { $obj: fields };
  } finally {
    seen.delete(obj);
  }
}

/** The names of an object's methods, own and inherited (a class instance such as the library's Random). */
export function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = obj; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (d && typeof d.value === "function") names.add(key);
    }
  }
  return [...names].sort();
}

const hasMethods = (obj: object): boolean => methodNames(obj).length > 0;

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

export interface DecodeOptions {
  /** Builds what a remote handle stands for on this side (a function calling back). */
  readonly remote?: (handle: number, methods: readonly string[] | null) => unknown;
  /** Builds a Matrix from its shape and data; without it a matrix decodes as { rows, cols, data }. */
  readonly matrix?: (rows: number, cols: number, data: Float64Array) => unknown;
}

function decodeNumber(w: Wire): number {
  if (typeof w === "number") return w;
  if (w && typeof w === "object" && !Array.isArray(w) && typeof w.$n === "string") {
    const n = ({ NaN, Infinity, "-Infinity": -Infinity, "-0": -0 } as Record<string, number>)[w.$n];
    if (n !== undefined) return n;
  }
  throw new WireError("a number was expected");
}

const define = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** Decodes a Wire value into plain data (own properties only; "__proto__" stays a plain key). */
export function decode(w: Wire, options: DecodeOptions = {}, depth = 0): unknown {
  if (depth > MAX_DEPTH + 1) throw new WireError("nested too deeply");
  if (w === null || typeof w === "boolean" || typeof w === "string" || typeof w === "number") return w;
  if (Array.isArray(w)) return w.map((x) => decode(x, options, depth + 1));
  if ("$n" in w) return decodeNumber(w);
  if ("$u" in w) return undefined;
  if (typeof w.$big === "string") return BigInt(w.$big);
  if ("$sym" in w) return Symbol(String(w.$sym));
  if ("$fn" in w) {
    const name = String(w.$fn);
    return Object.defineProperty(() => { throw new Error(`the function ${name || "(anonymous)"} your code returned cannot be called by the grader`); }, "name", { value: name });
  }
  if ("$cycle" in w) return "[a reference back to itself]";
  if ("$deep" in w) return "[nested too deeply]";
  if (typeof w.$unsupported === "string") return `[a ${w.$unsupported}]`;
  if (Array.isArray(w.$random)) return randomFromState(w.$random.map(decodeNumber));
  if (typeof w.$remote === "number") {
    if (!options.remote) throw new WireError("a callback handle was not expected here");
    const methods = Array.isArray(w.$methods) ? w.$methods.map(String) : null;
    return options.remote(w.$remote, methods);
  }
  if (typeof w.$typed === "string" && Array.isArray(w.v)) {
    const name = w.$typed as TypedName;
    if (!TYPED.includes(name)) throw new WireError(`unknown typed array ${name}`);
    const Ctor = globalThis[name] as unknown as new (values: number[]) => unknown;
    return new Ctor(w.v.map(decodeNumber));
  }
  if (Array.isArray(w.$matrix) && Array.isArray(w.v)) {
    const [rows, cols] = w.$matrix.map(decodeNumber);
    const data = Float64Array.from(w.v.map(decodeNumber));
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows * cols !== data.length) throw new WireError("a matrix whose shape does not match its data");
    return options.matrix ? options.matrix(rows, cols, data) : { rows, cols, data };
  }
  if (w.$obj && typeof w.$obj === "object" && !Array.isArray(w.$obj)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(w.$obj)) define(out, key, decode(value, options, depth + 1));
    return out;
  }
  throw new WireError("an unknown value tag");
}

/** One frame: 4-byte little-endian length, then UTF-8 JSON. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  if (body.length > MAX_FRAME_BYTES) throw new WireError(`a message of ${body.length} bytes is over the limit of ${MAX_FRAME_BYTES}`);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Splits a byte stream into frames; throws WireError on an oversized or unreadable frame. */
export class FrameReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): unknown[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: unknown[] = [];
    while (this.buffer.length >= 4) {
      const size = this.buffer.readUInt32LE(0);
      if (size > MAX_FRAME_BYTES) throw new WireError(`a frame of ${size} bytes is over the limit`);
      if (this.buffer.length < 4 + size) break;
      const body = this.buffer.subarray(4, 4 + size).toString("utf8");
      this.buffer = this.buffer.subarray(4 + size);
      try {
        out.push(JSON.parse(body));
      } catch {
        throw new WireError("a frame that is not JSON");
      }
    }
    return out;
  }
}

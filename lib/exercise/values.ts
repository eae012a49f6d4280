/**
 * What a student's function returned, read as numbers in a shape, so that every expectation
 * compares and describes values the same way, in the notebook, `npm run check` and grading.
 * Accepted, and equal when their numbers are: numbers, plain arrays, typed arrays, nested arrays
 * (rectangular or not: a list of layers of different sizes), the library's Matrix, and lists of
 * any of these (a list of matrices, one per layer).
 */
import { isMatrix } from "../matrix";

/** The shape of a numeric value: a number, a list of numbers, or a list of shaped items. */
export type Shape = "number" | { readonly list: number } | { readonly items: readonly Shape[] };

export interface Shaped {
  readonly shape: Shape;
  /** Every number, in reading order. */
  readonly values: readonly number[];
}

/** A number as a reader expects it: 12 significant digits, so 0.1 + 0.01 prints as 0.11. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

const isTypedList = (v: unknown): v is ArrayLike<number> => ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
const isNumberList = (v: unknown): v is ArrayLike<number> => (Array.isArray(v) && v.every((x) => typeof x === "number")) || isTypedList(v);
const MAX_DEPTH = 16;

function read(value: unknown, values: number[], depth: number): Shape | null {
  if (typeof value === "number") {
    values.push(value);
    return "number";
  }
  if (depth > MAX_DEPTH) return null;
  if (isMatrix(value)) {
    for (let i = 0; i < value.data.length; i++) values.push(value.data[i]);
    return { items: Array.from({ length: value.rows }, () => ({ list: value.cols })) };
  }
  if (isNumberList(value)) {
    for (let i = 0; i < value.length; i++) values.push(value[i]);
    return { list: value.length };
  }
  if (Array.isArray(value) && value.length > 0) {
    const items: Shape[] = [];
    for (const item of value) {
      const s = read(item, values, depth + 1);
      if (s === null || s === "number") return null; // numbers mixed with lists, or not numeric
      items.push(s);
    }
    return { items };
  }
  return null;
}

/** Reads a value as numbers in a shape; null when it is not numeric (a string, an object, an empty or mixed list...). */
export function readShaped(value: unknown): Shaped | null {
  const values: number[] = [];
  const shape = read(value, values, 0);
  return shape === null ? null : { shape, values };
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === "number" || b === "number") return a === b;
  if ("list" in a || "list" in b) return "list" in a && "list" in b && a.list === b.list;
  return a.items.length === b.items.length && a.items.every((s, k) => sameShape(s, b.items[k]));
}

/** [rows, cols] when the shape is a rectangular table of numbers, else null. */
export function matrixDims(shape: Shape): [number, number] | null {
  if (shape === "number" || "list" in shape) return null;
  const first = shape.items[0];
  if (first === undefined || first === "number" || !("list" in first)) return null;
  return shape.items.every((s) => s !== "number" && "list" in s && s.list === first.list) ? [shape.items.length, first.list] : null;
}

export function shapeText(shape: Shape): string {
  if (shape === "number") return "a number";
  if ("list" in shape) return `a list of ${shape.list} numbers`;
  const dims = matrixDims(shape);
  if (dims) return `a ${dims[0]}x${dims[1]} matrix`;
  const parts = shape.items.map((s) => (s === "number" ? "number" : "list" in s ? `${s.list}` : matrixDims(s)?.join("x") ?? "list"));
  const allLists = shape.items.every((s) => s !== "number" && "list" in s);
  const allMatrices = shape.items.every((s) => matrixDims(s) !== null);
  const kind = allLists ? "lists" : allMatrices ? "matrices" : "items";
  return `a list of ${shape.items.length} ${kind} (${allLists ? `of ${parts.join(", ")} numbers` : parts.join(", ")})`;
}

/** The value as the student would write it: 0.81, [1, 2], [[1, 2], [3, 4]]; long values are cut. */
export function valueText(s: Shaped, limit = 16): string {
  let at = 0;
  const write = (shape: Shape): string => {
    if (shape === "number") return formatValue(s.values[at++]);
    if ("list" in shape) {
      const shown = s.values.slice(at, at + Math.max(0, Math.min(shape.list, limit - at)));
      const text = `[${shown.map(formatValue).join(", ")}${shown.length < shape.list ? `${shown.length > 0 ? ", " : ""}...` : ""}]`;
      at += shape.list;
      return text;
    }
    const out: string[] = [];
    let cut = false;
    for (const item of shape.items) {
      if (at >= limit) {
        cut = true;
        break;
      }
      out.push(write(item));
    }
    return `[${out.join(", ")}${cut ? ", ..." : ""}]`;
  };
  return write(s.shape);
}

/** Where the k-th number sits, as indices: [2] in a list, [1][0] in a matrix. */
export function positionText(shape: Shape, k: number): string {
  let rest = k;
  const walk = (s: Shape): string | null => {
    if (s === "number") return rest-- === 0 ? "" : null;
    if ("list" in s) {
      if (rest < s.list) return `[${rest}]`;
      rest -= s.list;
      return null;
    }
    for (let i = 0; i < s.items.length; i++) {
      const inner = walk(s.items[i]);
      if (inner !== null) return `[${i}]${inner}`;
    }
    return null;
  };
  return walk(shape) ?? `[${k}]`;
}

/** A short description of a value that is not numeric, for "expected ..., got ...". */
export function describeOther(value: unknown): string {
  if (value === undefined) return "undefined (did the function return its result?)";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "function") return "a function (did you return the function instead of calling it?)";
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array that is not a list of numbers, or of lists of numbers";
  return typeof value === "object" ? "an object that is not a number, list or matrix" : typeof value;
}

/** Equal shapes, and every value within tolerance (relative to the expected value's size, at least absolute). */
export function closeEnough(actual: Shaped, expected: Shaped, tolerance: number): boolean {
  if (!sameShape(actual.shape, expected.shape)) return false;
  return actual.values.every((a, k) => Math.abs(a - expected.values[k]) <= tolerance * Math.max(1, Math.abs(expected.values[k])));
}

/** The transpose of a matrix (for the "transposed" diagnosis); null for other shapes. */
export function transposed(s: Shaped): Shaped | null {
  const dims = matrixDims(s.shape);
  if (!dims) return null;
  const [rows, cols] = dims;
  const values: number[] = [];
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) values.push(s.values[i * cols + j]);
  return { shape: { items: Array.from({ length: cols }, () => ({ list: rows })) }, values };
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * The value with every typed array as a plain array and every Matrix as nested arrays, inside
 * arrays and plain objects too: what checks see of a student's result, so a check that indexes
 * `result[0][1]` works whichever accepted form the student returned.
 */
export function plainValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (isMatrix(value)) {
    const out: number[][] = [];
    for (let i = 0; i < value.rows; i++) out.push(Array.from(value.data.subarray(i * value.cols, (i + 1) * value.cols)));
    return out;
  }
  if (isTypedList(value)) return Array.from(value);
  // Arrays and objects are copied only when something inside changes: a check of how rows share
  // storage (changing one row must leave the others) sees the student's own arrays.
  if (Array.isArray(value)) {
    const items = value.map((v) => plainValue(v, depth + 1));
    return items.every((v, k) => v === value[k]) ? value : items;
  }
  if (!isPlainObject(value)) return value;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record).map((key) => [key, plainValue(record[key], depth + 1)] as const);
  return fields.every(([key, v]) => v === record[key]) ? value : Object.fromEntries(fields);
}

/**
 * Equality of values, not of their text: numbers (NaN equals NaN, 0 equals -0), strings,
 * booleans, null; lists in any accepted form (arrays, typed arrays, Matrix); plain objects with
 * the same keys in any order (a key whose value is undefined counts as absent, as in JSON).
 */
export function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const pa = plainValue(a), pb = plainValue(b);
  if (Array.isArray(pa) || Array.isArray(pb)) {
    return Array.isArray(pa) && Array.isArray(pb) && pa.length === pb.length && pa.every((x, k) => sameValue(x, pb[k], depth + 1));
  }
  if (!isPlainObject(pa as object) || !isPlainObject(pb as object)) return false;
  const ra = pa as Record<string, unknown>, rb = pb as Record<string, unknown>;
  const keys = (r: Record<string, unknown>) => Object.keys(r).filter((k) => r[k] !== undefined).sort();
  const ka = keys(ra), kb = keys(rb);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(ra[k], rb[k], depth + 1));
}

/** A value as JSON-like text for messages (typed arrays and matrices as lists, keys in order); never throws. */
export function plainText(value: unknown): string {
  try {
    const text = JSON.stringify(plainValue(value), (_k, x: unknown) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
    return text ?? String(value);
  } catch {
    return "(a value that cannot be shown)";
  }
}

/**
 * What a student's function returned, read as a number, a vector or a matrix, so that every
 * expectation compares and describes values the same way. Accepts what students naturally
 * return: numbers, plain arrays, typed arrays, nested arrays, and the library's Matrix.
 */
import { isMatrix } from "../matrix";

export interface Shaped {
  /** [] for a number, [n] for a vector, [rows, cols] for a matrix. */
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** A number as a reader expects it: 12 significant digits, so 0.1 + 0.01 prints as 0.11. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

const isNumberList = (v: unknown): v is ArrayLike<number> =>
  (Array.isArray(v) && v.every((x) => typeof x === "number")) ||
  (ArrayBuffer.isView(v) && !(v instanceof DataView));

/** Reads a value as a number, vector or matrix; null when it is none of them (a string, a ragged array...). */
export function readShaped(value: unknown): Shaped | null {
  if (typeof value === "number") return { shape: [], values: [value] };
  if (isMatrix(value)) return { shape: [value.rows, value.cols], values: Array.from(value.data) };
  if (isNumberList(value)) return { shape: [value.length], values: Array.from(value) };
  if (Array.isArray(value) && value.length > 0 && value.every(isNumberList)) {
    const rows = value as ArrayLike<number>[];
    const cols = rows[0].length;
    if (rows.some((r) => r.length !== cols)) return null;
    return { shape: [rows.length, cols], values: rows.flatMap((r) => Array.from(r)) };
  }
  return null;
}

export function shapeText(shape: readonly number[]): string {
  if (shape.length === 0) return "a number";
  if (shape.length === 1) return `a list of ${shape[0]} numbers`;
  return `a ${shape[0]}x${shape[1]} matrix`;
}

/** The value as the student would write it: 0.81, [1, 2], [[1, 2], [3, 4]]; long values are cut. */
export function valueText(s: Shaped, limit = 16): string {
  const f = (xs: readonly number[]) => xs.map(formatValue).join(", ");
  if (s.shape.length === 0) return formatValue(s.values[0]);
  const cut = s.values.length > limit;
  if (s.shape.length === 1) return `[${f(s.values.slice(0, limit))}${cut ? ", ..." : ""}]`;
  const [rows, cols] = s.shape;
  const out: string[] = [];
  for (let i = 0; i < rows && i * cols < limit; i++) out.push(`[${f(s.values.slice(i * cols, (i + 1) * cols))}]`);
  return `[${out.join(", ")}${out.length < rows ? ", ..." : ""}]`;
}

/** A short description of a value that is not numeric, for "expected ..., got ...". */
export function describeOther(value: unknown): string {
  if (value === undefined) return "undefined (did the function return its result?)";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "function") return "a function (did you return the function instead of calling it?)";
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array that is not a list or a rectangular table of numbers";
  return typeof value === "object" ? "an object that is not a number, list or matrix" : typeof value;
}

/** Equal shapes, and every value within tolerance (relative to the expected value's size, at least absolute). */
export function closeEnough(actual: Shaped, expected: Shaped, tolerance: number): boolean {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((n, k) => n !== expected.shape[k])) return false;
  return actual.values.every((a, k) => Math.abs(a - expected.values[k]) <= tolerance * Math.max(1, Math.abs(expected.values[k])));
}

/** The transpose of a matrix (for the "transposed" diagnosis); null for other shapes. */
export function transposed(s: Shaped): Shaped | null {
  if (s.shape.length !== 2) return null;
  const [rows, cols] = s.shape;
  const values: number[] = [];
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) values.push(s.values[i * cols + j]);
  return { shape: [cols, rows], values };
}

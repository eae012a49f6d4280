/**
 * Expectations for exercise checks. Each throws an Error whose message a student can act on: the
 * expected and the actual value (12 significant digits, no float noise), where they first differ,
 * and, when the wrong value is what a known mistake produces, that mistake by name.
 */
import { closeEnough, describeOther, formatValue, readShaped, shapeText, transposed, valueText, type Shaped } from "./values";

/** A wrong answer that a typical mistake gives, e.g. { name: "a - y written as y - a", value: [...] }. */
export interface KnownMistake {
  readonly name: string;
  /** The value that mistake produces for this case: a number, a list, nested lists or a Matrix. */
  readonly value: unknown;
}

export interface ExpectOptions {
  /** Allowed difference, relative to the expected value's size (absolute below 1); default 1e-9. */
  readonly tolerance?: number;
  /** Known mistakes whose results this case recognises. */
  readonly mistakes?: readonly KnownMistake[];
}

/** What kind of wrong a failed expectation found; hidden tests report only this and the mistake. */
export type FailureKind = "value" | "shape" | "not finite" | "property";

/** Thrown by a failed expectation; `mistake` names the recognised mistake, if any (graders read it). */
export class CheckFailure extends Error {
  constructor(message: string, readonly mistake: string | null = null, readonly kind: FailureKind = "property") {
    super(message);
    this.name = "CheckFailure";
  }
}

function firstDifference(actual: Shaped, expected: Shaped, tolerance: number): string {
  for (let k = 0; k < expected.values.length; k++) {
    const a = actual.values[k], e = expected.values[k];
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      const at = expected.shape.length === 2
        ? `[${Math.floor(k / expected.shape[1])}][${k % expected.shape[1]}]`
        : `[${k}]`;
      return ` (first difference at ${at}: expected ${formatValue(e)}, got ${formatValue(a)})`;
    }
  }
  return "";
}

function recognise(actual: Shaped, expected: Shaped, options: ExpectOptions, tolerance: number): string | null {
  for (const m of options.mistakes ?? []) {
    const value = readShaped(m.value);
    if (value && closeEnough(actual, value, tolerance)) return m.name;
  }
  const t = transposed(actual);
  if (t && expected.shape[0] !== expected.shape[1] && closeEnough(t, expected, tolerance)) {
    return "the result is transposed (rows and columns swapped)";
  }
  if (expected.values.some((v) => v !== 0)) {
    const negated: Shaped = { shape: actual.shape, values: actual.values.map((v) => -v) };
    if (closeEnough(negated, expected, tolerance)) return "the sign is flipped (e.g. y - a instead of a - y, or + instead of -)";
  }
  return null;
}

/**
 * Throws unless `actual` is a number, list or matrix of the same shape as `expected` with every
 * value within tolerance. The one comparison behind expectClose, expectValues and expectMatrix.
 */
export function expectShaped(actual: unknown, expected: unknown, options: ExpectOptions = {}): void {
  const tolerance = options.tolerance ?? 1e-9;
  const want = readShaped(expected);
  if (!want) throw new Error(`expectShaped: the expected value is not a number, list or matrix`);
  const got = readShaped(actual);
  if (!got) throw new CheckFailure(`expected ${shapeText(want.shape)} ${valueText(want)}, got ${describeOther(actual)}`, null, "shape");
  const bad = got.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new CheckFailure(`expected ${valueText(want)}, got ${valueText(got)}: it contains ${got.values[bad]} (an overflow, a division by zero, or log(0)?)`, null, "not finite");
  }
  if (closeEnough(got, want, tolerance)) return;
  const mistake = recognise(got, want, options, tolerance);
  const sameShape = got.shape.length === want.shape.length && got.shape.every((n, k) => n === want.shape[k]);
  let message = sameShape
    ? `expected ${valueText(want)}, got ${valueText(got)}${want.values.length > 1 ? firstDifference(got, want, tolerance) : ""}`
    : `expected ${shapeText(want.shape)} ${valueText(want)}, got ${shapeText(got.shape)} ${valueText(got)}`;
  if (mistake) message += `\nLikely mistake: ${mistake}.`;
  throw new CheckFailure(message, mistake, sameShape ? "value" : "shape");
}

/** Throws unless `actual` is a number within tolerance of `expected`. */
export function expectClose(actual: unknown, expected: number, options: ExpectOptions | number = {}): void {
  expectShaped(actual, expected, typeof options === "number" ? { tolerance: options } : options);
}

/** Throws unless `actual` is a list (array or typed array) of these values. */
export function expectValues(actual: unknown, expected: ArrayLike<number>, options: ExpectOptions = {}): void {
  expectShaped(actual, Array.from(expected), options);
}

/** Throws unless `actual` is a matrix (nested arrays or a Matrix) with these values. */
export function expectMatrix(actual: unknown, expected: unknown, options: ExpectOptions = {}): void {
  expectShaped(actual, expected, options);
}

/** Throws unless `actual` equals `expected` exactly (labels, counts, booleans, strings), compared as JSON. */
export function expectEqual(actual: unknown, expected: unknown, mistakes: readonly KnownMistake[] = []): void {
  const text = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) && !(x instanceof DataView) ? Array.from(x as unknown as ArrayLike<number>) : x)) ?? String(v);
  if (text(actual) === text(expected)) return;
  const mistake = mistakes.find((m) => text(m.value) === text(actual))?.name ?? null;
  throw new CheckFailure(
    `expected ${text(expected)}, got ${actual === undefined ? describeOther(actual) : text(actual)}${mistake ? `\nLikely mistake: ${mistake}.` : ""}`,
    mistake,
    "value",
  );
}

/** Fails the check with `message`, naming the recognised mistake when there is one. */
export function fail(message: string, mistake: string | null = null): never {
  throw new CheckFailure(mistake ? `${message}\nLikely mistake: ${mistake}.` : message, mistake);
}

/** Throws `message` unless `condition` holds (for properties: "the inputs are left unchanged"). */
export function expectTrue(condition: boolean, message: string, mistake: string | null = null): void {
  if (!condition) fail(message, mistake);
}

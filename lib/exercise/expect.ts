/**
 * Expectations for exercise checks. Each throws an Error whose message a student can act on: the
 * expected and the actual value (12 significant digits, no float noise), where they first differ,
 * and, when the wrong value is what a known mistake produces, that mistake by name.
 *
 * Every comparison with known mistakes is also reported to an observer (see observeMistakes): a
 * mistake is only named to the student when the other cases of the same exercise agree with it
 * (lib/exercise/session.ts), so a slip that matches a catalogued one on a single input by
 * coincidence is not given that name.
 */
import { closeEnough, describeOther, formatValue, matrixDims, plainText, positionText, readShaped, sameShape, sameValue, shapeText, transposed, valueText, type Shaped } from "./values";

/** A wrong answer that a typical mistake gives, e.g. { name: "a - y written as y - a", value: [...] }. */
export interface KnownMistake {
  readonly name: string;
  /** The value that mistake produces for this case: a number, a list, nested lists or a Matrix. */
  readonly value: unknown;
  /**
   * "case" when the mistake concerns this case's answer alone (each case asks for a separate
   * answer, e.g. the weights of one gate): it is then named without looking at the other cases.
   */
  readonly scope?: "case";
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
  constructor(
    /** What is wrong, without the mistake's name. */
    readonly detail: string,
    readonly mistake: string | null = null,
    readonly kind: FailureKind = "property",
  ) {
    super(mistake ? `${detail}\nLikely mistake: ${mistake}.` : detail);
    this.name = "CheckFailure";
  }

  /** The same failure naming `mistake` instead (or none): what the cases together bear out. */
  withMistake(mistake: string | null): CheckFailure {
    return new CheckFailure(this.detail, mistake, this.kind);
  }
}

/** One comparison of a result with a known mistake's value. */
export interface MistakeObservation {
  readonly name: string;
  /** The result equals what the mistake gives. */
  readonly matched: boolean;
  /** The mistake's value differs from the expected one: here the mistake shows. */
  readonly shows: boolean;
  /** The mistake concerns this case alone (KnownMistake.scope). */
  readonly scope?: "case";
}

let observer: ((o: MistakeObservation) => void) | null = null;

/** Runs `run`, passing every mistake comparison its expectations make to `sink`. */
export function observeMistakes<T>(run: () => T, sink: (o: MistakeObservation) => void): T {
  const outer = observer;
  observer = sink;
  try {
    return run();
  } finally {
    observer = outer;
  }
}

const observe = (o: MistakeObservation) => observer?.(o);

const TRANSPOSED = "the result is transposed (rows and columns swapped)";
const SIGN = "the sign is flipped (e.g. y - a instead of a - y, or + instead of -)";

function firstDifference(actual: Shaped, expected: Shaped, tolerance: number): string {
  for (let k = 0; k < expected.values.length; k++) {
    const a = actual.values[k], e = expected.values[k];
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      return ` (first difference at ${positionText(expected.shape, k)}: expected ${formatValue(e)}, got ${formatValue(a)})`;
    }
  }
  return "";
}

/** The generic diagnoses every numeric check knows: transposed, sign flipped. */
function generic(expected: Shaped, tolerance: number): KnownMistake[] {
  const out: KnownMistake[] = [];
  const dims = matrixDims(expected.shape);
  const t = transposed(expected);
  if (dims && dims[0] !== dims[1] && t) out.push({ name: TRANSPOSED, value: t });
  if (expected.values.some((v) => v !== 0)) out.push({ name: SIGN, value: { shape: expected.shape, values: expected.values.map((v) => -v) } satisfies Shaped });
  return out.filter((m) => !closeEnough(m.value as Shaped, expected, tolerance));
}

/** Compares with each known mistake, reports every comparison, and returns the first one matched. */
function recognise(actual: Shaped | null, expected: Shaped, options: ExpectOptions, tolerance: number): string | null {
  let found: string | null = null;
  const consider = (name: string, value: Shaped | null, scope?: "case") => {
    if (!value) return;
    const matched = actual !== null && closeEnough(actual, value, tolerance);
    observe({ name, matched, shows: !closeEnough(value, expected, tolerance), ...(scope ? { scope } : {}) });
    if (matched && found === null && !closeEnough(value, expected, tolerance)) found = name;
  };
  for (const m of options.mistakes ?? []) consider(m.name, readShaped(m.value), m.scope);
  for (const m of generic(expected, tolerance)) consider(m.name, m.value as Shaped);
  return found;
}

/**
 * Throws unless `actual` is numeric in the same shape as `expected` with every value within
 * tolerance. The one comparison behind expectClose, expectValues and expectMatrix.
 */
export function expectShaped(actual: unknown, expected: unknown, options: ExpectOptions = {}): void {
  const tolerance = options.tolerance ?? 1e-9;
  const want = readShaped(expected);
  if (!want) throw new Error(`expectShaped: the expected value is not a number or a list of numbers`);
  const got = readShaped(actual);
  const mistake = recognise(got, want, options, tolerance);
  if (!got) throw new CheckFailure(`expected ${shapeText(want.shape)} ${valueText(want)}, got ${describeOther(actual)}`, null, "shape");
  const bad = got.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new CheckFailure(`expected ${valueText(want)}, got ${valueText(got)}: it contains ${got.values[bad]} (an overflow, a division by zero, or log(0)?)`, null, "not finite");
  }
  if (closeEnough(got, want, tolerance)) return;
  const same = sameShape(got.shape, want.shape);
  const detail = same
    ? `expected ${valueText(want)}, got ${valueText(got)}${want.values.length > 1 ? firstDifference(got, want, tolerance) : ""}`
    : `expected ${shapeText(want.shape)} ${valueText(want)}, got ${shapeText(got.shape)} ${valueText(got)}`;
  throw new CheckFailure(detail, mistake, same ? "value" : "shape");
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

/**
 * Throws unless `actual` equals `expected` exactly (labels, counts, booleans, strings, records),
 * compared as values: keys in any order, typed arrays, plain arrays and matrices alike.
 */
export function expectEqual(actual: unknown, expected: unknown, mistakes: readonly KnownMistake[] = []): void {
  let found: string | null = null;
  for (const m of mistakes) {
    const matched = sameValue(actual, m.value);
    observe({ name: m.name, matched, shows: !sameValue(m.value, expected), ...(m.scope ? { scope: m.scope } : {}) });
    if (matched && found === null && !sameValue(m.value, expected)) found = m.name;
  }
  if (sameValue(actual, expected)) return;
  throw new CheckFailure(`expected ${plainText(expected)}, got ${actual === undefined ? describeOther(actual) : plainText(actual)}`, found, "value");
}

/** Fails the check with `message`, naming the recognised mistake when there is one. */
export function fail(message: string, mistake: string | null = null): never {
  throw new CheckFailure(message, mistake);
}

/** Throws `message` unless `condition` holds (for properties: "the inputs are left unchanged"). */
export function expectTrue(condition: boolean, message: string, mistake: string | null = null): void {
  if (!condition) fail(message, mistake);
}

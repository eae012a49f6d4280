/**
 * Every bad argument the library rejects throws an InputError whose message names the function,
 * the argument and the shapes involved, so a student can fix the call without reading the source.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Throws an InputError when `condition` is false. */
export function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InputError(message());
}

/** Checks that `value` is an integer >= 1 (layer sizes, batch sizes, piece counts). */
export function requirePositiveInteger(where: string, name: string, value: unknown): asserts value is number {
  check(
    typeof value === "number" && Number.isInteger(value) && value >= 1,
    () => `${where}: ${name} must be a positive integer, got ${describe(value)}`,
  );
}

/** Checks that `value` is a finite number (learning rates, lambdas, slopes). */
export function requireFiniteNumber(where: string, name: string, value: unknown): asserts value is number {
  check(
    typeof value === "number" && Number.isFinite(value),
    () => `${where}: ${name} must be a finite number, got ${describe(value)}`,
  );
}

/** Checks that an options argument is a plain object, so `options.n` cannot throw a TypeError. */
export function requireOptions(where: string, options: unknown, example = "{ n: 100, seed: 1 }"): asserts options is Record<string, unknown> {
  check(
    typeof options === "object" && options !== null && !Array.isArray(options),
    () => `${where}: options must be an object such as ${example}, got ${describe(options)}`,
  );
}

/** A seed: what createRandom accepts. Checked where it is given, so the message names that function. */
export function requireSeed(where: string, seed: unknown): asserts seed is number {
  check(
    typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0,
    () => `${where}: seed must be a non-negative integer (it makes the random choices reproducible), got ${describe(seed)}` +
      (seed === undefined ? "; add e.g. seed: 1" : ""),
  );
}

/** "1 unit", "3 units": counts in error messages. */
export function plural(n: number, noun: string, nouns = noun + "s"): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}

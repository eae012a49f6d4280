// Argument checks shared by the data modules. Internal: lib/data/index.ts does not re-export this
// file, so the public API stays what the data modules themselves offer.
import { check, describe } from "../errors";

/** Checks that an options argument is a plain object, so `options.n` cannot throw a TypeError. */
export function requireOptions(where: string, options: unknown): asserts options is Record<string, unknown> {
  check(
    typeof options === "object" && options !== null && !Array.isArray(options),
    () => `${where}: options must be an object such as { n: 100, seed: 1 }, got ${describe(options)}`,
  );
}

/** A seed is what createRandom accepts; checked here so the message names the data function. */
export function requireSeed(where: string, seed: unknown): asserts seed is number {
  check(
    typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0,
    () => `${where}: seed must be a non-negative integer (it makes the random choices reproducible), got ${describe(seed)}`,
  );
}

/** Checks a finite number >= 0 (noise levels, counts that may be zero). */
export function requireNonNegativeNumber(where: string, name: string, value: unknown): asserts value is number {
  check(
    typeof value === "number" && Number.isFinite(value) && value >= 0,
    () => `${where}: ${name} must be a finite number >= 0, got ${describe(value)}`,
  );
}

/** Checks an integer >= 0 (a count that may be zero). */
export function requireNonNegativeInteger(where: string, name: string, value: unknown): asserts value is number {
  check(
    typeof value === "number" && Number.isSafeInteger(value) && value >= 0,
    () => `${where}: ${name} must be an integer >= 0, got ${describe(value)}`,
  );
}

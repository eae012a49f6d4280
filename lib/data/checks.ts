// Argument checks shared by the data modules. Internal: lib/data/index.ts does not re-export this
// file, so the public API stays what the data modules themselves offer.
import { check, describe } from "../errors";

// The options and seed checks are the library-wide ones.
export { requireOptions, requireSeed } from "../errors";

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

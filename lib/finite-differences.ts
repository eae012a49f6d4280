// Finite-difference derivatives of a function of one number, for checking hand-derived derivatives
// (the chain-rule examples of file 003) and for showing why gradient checks use the central form.
import { InputError, requireFiniteNumber } from "./errors";

function checked(where: string, f: unknown, x: unknown, h: unknown): void {
  if (typeof f !== "function") throw new InputError(`${where}: f must be a function of one number`);
  requireFiniteNumber(where, "x", x);
  requireFiniteNumber(where, "h", h);
  if (!((h as number) > 0)) throw new InputError(`${where}: h must be positive, got ${h as number}`);
}

/** (f(x + h) - f(x - h)) / 2h: error O(h^2) from truncation, plus round-off of about 1e-16 |f| / h. */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  checked("centralDifference", f, x, h);
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** (f(x + h) - f(x)) / h: the one-sided difference, error O(h). */
export function forwardDifference(f: (x: number) => number, x: number, h: number): number {
  checked("forwardDifference", f, x, h);
  return (f(x + h) - f(x)) / h;
}

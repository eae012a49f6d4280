import { InputError, requireFiniteNumber, requirePositiveInteger } from "../errors";

/**
 * A learning-rate schedule: the factor f(t) that multiplies the base learning rates after t
 * updates (t = 0 for the first update), so eta_t = eta f(t) for weights and biases alike
 * (file 002: "learning rate should vary with the iteration").
 */
export interface Schedule {
  readonly name: string;
  factor(t: number): number;
}

function requireNonNegative(where: string, name: string, value: unknown): asserts value is number {
  requireFiniteNumber(where, name, value);
  if (value < 0) throw new InputError(`${where}: ${name} must be >= 0, got ${value}`);
}

/** f(t) = 1. */
export function constantRate(): Schedule {
  return { name: "constant", factor: () => 1 };
}

/** O(1/t): f(t) = 1 / (1 + decay t). */
export function inverseTimeDecay(decay: number): Schedule {
  requireNonNegative("inverseTimeDecay", "decay", decay);
  return { name: `1/(1 + ${decay} t)`, factor: (t) => 1 / (1 + decay * t) };
}

/** O(1/sqrt t): f(t) = 1 / sqrt(1 + decay t). */
export function inverseSqrtDecay(decay: number): Schedule {
  requireNonNegative("inverseSqrtDecay", "decay", decay);
  return { name: `1/sqrt(1 + ${decay} t)`, factor: (t) => 1 / Math.sqrt(1 + decay * t) };
}

/**
 * Polynomial decay from the base rate to `final` times the base rate over `steps` updates, then flat:
 * f(t) = (1 - final) (1 - min(t, steps) / steps)^power + final.
 */
export function polynomialDecay(options: { readonly steps: number; readonly power?: number; readonly final?: number }): Schedule {
  const where = "polynomialDecay";
  const { steps, power = 1, final = 0 } = options;
  requirePositiveInteger(where, "steps", steps);
  requireFiniteNumber(where, "power", power);
  if (power <= 0) throw new InputError(`${where}: power must be > 0, got ${power}`);
  requireNonNegative(where, "final", final);
  if (final > 1) throw new InputError(`${where}: final is a fraction of the base rate and must be <= 1, got ${final}`);
  return {
    name: `polynomial(steps=${steps}, power=${power}, final=${final})`,
    factor: (t) => (1 - final) * Math.pow(1 - Math.min(t, steps) / steps, power) + final,
  };
}

// One-dimensional targets for the universal-approximation demo: can a hidden layer of sigmoids
// (or ReLUs) bend itself into this curve?
import { InputError, check, describe, requirePositiveInteger } from "../errors";
import { matrix } from "../matrix";
import { Random, createRandom } from "../random";
import { requireNonNegativeNumber, requireOptions, requireSeed } from "./checks";
import { Dataset } from "./dataset";

export type RegressionTargetName = "sine" | "bump" | "step" | "abs" | "square";

export interface RegressionTarget {
  /** The formula, for plot titles. */
  readonly formula: string;
  readonly f: (x: number) => number;
}

/** The target functions, all on x in [-1, 1]. */
export const REGRESSION_TARGETS: Readonly<Record<RegressionTargetName, RegressionTarget>> = {
  // One full period: a smooth curve with a peak and a trough.
  sine: { formula: "sin(pi x)", f: (x) => Math.sin(Math.PI * x) },
  // A localized bump: the building block of the constructive proof (two shifted sigmoids).
  bump: { formula: "exp(-10 x^2)", f: (x) => Math.exp(-10 * x * x) },
  // A jump, which steep sigmoids approximate ever better but never exactly.
  step: { formula: "x >= 0 ? 1 : 0", f: (x) => (x >= 0 ? 1 : 0) },
  // A kink: exactly two ReLUs, |x| = relu(x) + relu(-x).
  abs: { formula: "|x|", f: (x) => Math.abs(x) },
  square: { formula: "x^2", f: (x) => x * x },
};

export const REGRESSION_TARGET_NAMES = Object.keys(REGRESSION_TARGETS) as readonly RegressionTargetName[];

export interface RegressionOptions {
  /** Number of points. */
  readonly n: number;
  /**
   * "grid" (default): n evenly spaced x from -1 to 1, both included (n = 1 gives x = -1).
   * "random": n uniform draws from [-1, 1), sorted ascending; needs a seed.
   */
  readonly spacing?: "grid" | "random";
  /** Standard deviation of Gaussian noise added to y (default 0); needs a seed when > 0. */
  readonly noise?: number;
  readonly seed?: number;
}

/**
 * Samples y = f(x) (+ noise) for a named target: X is n x 1 with x ascending, Y is n x 1. No
 * labels: this is regression, trained with the identity output and squared error.
 */
export function makeRegression(target: RegressionTargetName, options: RegressionOptions): Dataset {
  const where = "makeRegression";
  if (typeof target !== "string" || !Object.prototype.hasOwnProperty.call(REGRESSION_TARGETS, target)) {
    throw new InputError(
      `${where}: unknown target ${describe(target)}; valid targets are ${REGRESSION_TARGET_NAMES.join(", ")}`,
    );
  }
  requireOptions(where, options);
  const { n, spacing = "grid", noise = 0, seed } = options;
  requirePositiveInteger(where, "n", n);
  check(spacing === "grid" || spacing === "random", () =>
    `${where}: spacing must be "grid" or "random", got ${describe(spacing)}`,
  );
  requireNonNegativeNumber(where, "noise", noise);
  let random: Random | null = null;
  if (spacing === "random" || noise > 0) {
    requireSeed(where, seed);
    random = createRandom(seed);
  }

  const x = new Float64Array(n);
  if (random !== null && spacing === "random") {
    for (let i = 0; i < n; i++) x[i] = random.uniform(-1, 1);
    x.sort(); // a Float64Array sorts numerically
  } else {
    for (let i = 0; i < n; i++) x[i] = n === 1 ? -1 : -1 + (2 * i) / (n - 1);
  }
  const { f } = REGRESSION_TARGETS[target];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = random !== null && noise > 0 ? f(x[i]) + random.normal(0, noise) : f(x[i]);
  return { X: matrix(n, 1, x), Y: matrix(n, 1, y), featureNames: ["x"] };
}

// exercises/06-gradient-checking.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub d71dd16a3a05-a8682ce96044]
/**
 * Exercises of notebooks/06-gradient-checking.ipynb: backpropagation for a whole batch, built from
 * your own earlier functions, and the numerical gradient that checks it.
 *
 * Conventions (notebooks 05 and 06 explain them):
 * - a batch holds one example per ROW: X is m x n, Y is m x K;
 * - Theta^(l) is s_{l+1} x (s_l + 1) with the bias weights in column 0 (files 000 and 001);
 * - delta = dJ/dz, so a gradient step is Theta - alpha D.
 *
 * This file imports your forwardTheta (exercises/03) and your outputDelta and hiddenDelta
 * (exercises/05): in the notebook and `npm run check` they are your own; at grading each exercise
 * here is run with the reference versions of those, so one mistake there costs once.
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 06` in a terminal).
 */
import type { BugKind, SuspectName } from "../lib";
import { forwardTheta } from "./03-forward-propagation";
import { hiddenDelta, outputDelta } from "./05-backpropagation";

/**
 * Exercise 1: the gradient [D1, D2] of the regularized cross-entropy cost of file 001,
 *
 *     J = -(1/m) sum_s sum_k [ y_k log a_k + (1 - y_k) log(1 - a_k) ]  +  lambda/(2m) sum of Theta_ij^2 over j != 0,
 *
 * for a network with ONE sigmoid hidden layer and sigmoid outputs: thetas = [Theta1 (s2 x (n+1)),
 * Theta2 (K x (s2+1))]. Return [D1, D2], each the shape of its Theta, D^(l) = dJ/dTheta^(l).
 * Follow the notes' algorithm with accumulators (notebook 06, section 2), using your own
 * forwardTheta for the forward pass and your outputDelta and hiddenDelta for the errors.
 * Leave the arguments unchanged.
 * Do NOT use the library's `backprop`, `backpropPerExample`, `numericGradients` or `gradientCheck`.
 */
export function backpropGradients(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  throw new Error("not implemented yet: write backpropGradients in exercises/06-gradient-checking.ts");
}

/**
 * Exercise 2: the gradient of any function f at theta by central differences, one parameter at a
 * time (notebook 06, section 3). Return it as a new array of the same length as theta; `theta`
 * must be exactly as it was afterwards (if you change an entry to evaluate f, put it back).
 * Do NOT use the library's `numericGradients`, `gradientCheck` or `centralDifference`.
 */
export function numericalGradient(f: (theta: number[]) => number, theta: number[], eps: number): number[] {
  throw new Error("not implemented yet: write numericalGradient in exercises/06-gradient-checking.ts");
}

/**
 * Exercise 3: a gradient check LAYER BY LAYER, the tool of the bug hunt (notebook 06, section 6).
 *
 * - cost(thetas): the cost J for a list of Theta matrices;
 * - gradients(thetas): a gradient to check, [D1, D2, ...], each the shape of its Theta;
 * - thetas: where to check; eps: the step of your numericalGradient.
 *
 * For each layer l, compare gradients(thetas)[l] with the numerical gradient of cost with respect
 * to the entries of Theta^(l) alone (the other layers held fixed), and return the list of relative
 * differences ||D - N|| / (||D|| + ||N||) (Euclidean norms over the layer's entries; 0 when both
 * are zero), one per layer. Use your numericalGradient. Leave thetas unchanged.
 * Do NOT use the library's `numericGradients` or `gradientCheck`.
 */
export function layerGradientCheck(
  cost: (thetas: number[][][]) => number,
  gradients: (thetas: number[][][]) => number[][][],
  thetas: number[][][],
  eps: number,
): number[] {
  throw new Error("not implemented yet: write layerGradientCheck in exercises/06-gradient-checking.ts");
}

/** Where a suspect's gradient goes wrong: layer 1 (D1), layer 2 (D2) or both. */
export type BugLayer = 1 | 2 | "both";

/**
 * Exercise 4 (the bug hunt): the library's `backpropSuspects` A, B, C and D each compute [D1, D2]
 * like your backpropGradients, each with ONE bug. For each suspect, find with your
 * layerGradientCheck which layer's gradient is wrong (1, 2 or "both"), then read that part of
 * its code (lib/backprop-suspects.ts) and name the bug with one of the library's `BUG_KINDS`.
 * The public checks confirm the layers; the names are graded by hidden tests.
 */
export function bugReport(): { [K in SuspectName]: { layer: BugLayer; bug: BugKind } } {
  throw new Error("not implemented yet: write bugReport in exercises/06-gradient-checking.ts");
}

/**
 * Exercise 5 (predict, then run): how many times a central-difference gradient check evaluates
 * the cost J for a fully connected network with these layer sizes (input first, e.g. [400, 25, 10]
 * for file 001's digits), every weight and bias checked. Notebook 06 then times it.
 */
export function costEvaluations(sizes: number[]): number {
  throw new Error("not implemented yet: write costEvaluations in exercises/06-gradient-checking.ts");
}

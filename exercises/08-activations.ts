// exercises/08-activations.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 09daca0d5376-57897b5fa167]
/**
 * Exercises of notebooks/08-activations.ipynb: activations and their derivatives, written by hand.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 08` in a terminal). The library's own version of each function (and its
 * `activation`) may not be used.
 */

/**
 * Exercise 1: the leaky ReLU with a given slope.
 *
 * It passes positive inputs through unchanged and, for negative inputs, is the straight line of
 * slope `slope` through the origin (instead of ReLU's flat 0). File 001 writes it for slope 0.1 as
 * max(0.1 z, z). Your function must be right for every slope >= 0, also for slopes above 1 (a
 * parametric ReLU learns its slope, and nothing keeps it below 1): check whether the max form
 * still gives the function described in the first sentence then.
 *
 * Example: leakyRelu(-2, 0.1) = -0.2 and leakyRelu(3, 0.1) = 3.
 */
export function leakyRelu(z: number, slope: number): number {
  throw new Error("not implemented yet: write leakyRelu in exercises/08-activations.ts");
}

/**
 * Exercise 2: the derivative of your leaky ReLU with respect to z.
 *
 * At the kink z = 0 the derivative does not exist; this course uses the slope from the left there,
 * as it does for ReLU (file 002 writes ReLU's derivative as 1 "if z > 0", else 0).
 */
export function leakyReluPrime(z: number, slope: number): number {
  throw new Error("not implemented yet: write leakyReluPrime in exercises/08-activations.ts");
}

/**
 * Exercise 3: the derivative of tanh, tanh'(z), written with tanh(z) itself (no exponentials), so
 * that the backward pass can reuse the activation a = tanh(z) it already has.
 *
 * Derive it first, on paper: from tanh z = sinh z / cosh z with the quotient rule, or from
 * tanh z = 2 sigma(2z) - 1 and sigma' = sigma (1 - sigma). The argument is the weighted input z.
 * Check your formula: tanh'(0) = 1 (the steepest point), and tanh' is even (the same at z and -z).
 *
 * Math.tanh may be used (it does not overflow for large |z|).
 */
export function tanhPrime(z: number): number {
  throw new Error("not implemented yet: write tanhPrime in exercises/08-activations.ts");
}

/**
 * Exercise 4: a softmax that does not overflow.
 *
 *     softmax(z)_i = exp(z_i) / sum_j exp(z_j)
 *
 * Computed literally, exp(1000) is Infinity and Infinity / Infinity is NaN; exp(-1000) is 0 and
 * 0 / 0 is NaN. The notebook's section 2 shows which change of z leaves the softmax unchanged: use
 * it so that no exponent is large. Both [1, 2, 3] and [1000, 1001, 1002] must give
 * [0.0900, 0.2447, 0.6652].
 *
 * Return a new array and leave z unchanged.
 */
export function stableSoftmax(z: number[]): number[] {
  throw new Error("not implemented yet: write stableSoftmax in exercises/08-activations.ts");
}

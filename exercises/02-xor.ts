// exercises/02-xor.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 7a88a3f3a3ae-0741f1bbe758]
/**
 * Exercises of notebooks/02-xor.ipynb: XOR through other hidden units, counting polynomial
 * features, and universal approximation built by hand (a bump, then sin(pi x) from bumps).
 *
 * Networks are returned as the notes' Theta matrices, one per layer: row k holds the weights into
 * unit k of the next layer, bias weight first (column 0), then one weight per unit of the layer below.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 02` in a terminal).
 */

/**
 * Exercise 1: a 2-2-1 network of sigmoid units that computes XOR (every output within 0.01 of
 * 0 or 1 on the inputs (0,0), (0,1), (1,0), (1,1)), whose hidden units are NOT the notebook's
 * OR and NAND: hidden unit 1 must compute OR and hidden unit 2 AND (each within 0.01 of its
 * truth table). Return [Theta1, Theta2]: Theta1 is 2 x 3, Theta2 is 1 x 3.
 *
 * The hidden layer moves the four inputs to four points (a1, a2); find them, see which of them
 * XOR labels 1, and find one output unit (one line in the (a1, a2) plane) that picks those out.
 */
export function xorNetwork(): number[][][] {
  throw new Error("not implemented yet: write xorNetwork in exercises/02-xor.ts");
}

/**
 * Exercise 2: how many features a polynomial model of degree `degree` adds to n inputs: every
 * distinct monomial of degree 1 up to `degree` (x1, x1^2, x1 x2, x1^2 x3, ...; x1 x2 and x2 x1 are
 * one feature; the constant term does not count). For n = 2 and degree 2 that is 5: x1, x2, x1^2,
 * x1 x2, x2^2. The notebook counts the monomials of one exact degree; here all degrees up to
 * `degree` are wanted, for any degree. Do NOT use the library's `monomialCount`.
 */
export function polynomialFeatureCount(n: number, degree: number): number {
  throw new Error("not implemented yet: write polynomialFeatureCount in exercises/02-xor.ts");
}

/**
 * Exercise 3: a 1-2-1 network (input x, two sigmoid hidden units, a linear output) whose output
 * is a bump: about `height` for x between `left` and `right`, about 0 outside, and height / 2 at
 * `left` and at `right`. Both hidden units take x with the weight `steepness` (large: each unit is
 * nearly a step). Return [Theta1, Theta2]: Theta1 is 2 x 2 ([bias, weight on x] per hidden unit),
 * Theta2 is 1 x 3 ([bias, weight of a1, weight of a2]).
 *
 * The notebook shows where one steep sigmoid steps, and what two steps make together.
 */
export function bumpNetwork(left: number, right: number, height: number, steepness: number): number[][][] {
  throw new Error("not implemented yet: write bumpNetwork in exercises/02-xor.ts");
}

/**
 * Exercise 4: a 1-N-1 network (sigmoid hidden units, a linear output) built from n bumps side by
 * side that approximates f(x) = sin(pi x) on [-1, 1]: the largest error |output - f(x)| over
 * [-1, 1] must stay below 4 / n, with at most 2n hidden units. Return [Theta1, Theta2] as in
 * exercise 3 (Theta1 is N x 2, Theta2 is 1 x (N + 1)). You may build it from your `bumpNetwork`.
 *
 * Decide where the bumps go, how tall each one is, and how steep the steps are; the notebook's
 * slider over n shows what a good choice looks like.
 */
export function sineFromBumps(n: number): number[][][] {
  throw new Error("not implemented yet: write sineFromBumps in exercises/02-xor.ts");
}

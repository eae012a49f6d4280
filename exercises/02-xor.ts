// exercises/02-xor.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 63e1226c34cb-0f7d23d56682]
/**
 * Exercises of notebooks/02-xor.ipynb: XOR from a hidden layer, and counting polynomial features.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 02` in a terminal).
 */

/**
 * Exercise 1: the two weight matrices of a 2-2-1 network of sigmoid units that computes XOR,
 * each output within 0.01 of 0 or 1 on the inputs (0,0), (0,1), (1,0), (1,1).
 *
 * Return [Theta1, Theta2] in the notes' layout: Theta1 is 2 x 3 (one row per hidden unit:
 * [w0, w1, w2], bias first), Theta2 is 1 x 3 ([w0, w_a1, w_a2]). Idea: let one hidden unit be OR
 * and the other NAND; XOR is "OR and NAND". The notes build the network from gate neurons with
 * weights of size 10-30.
 */
export function xorNetwork(): number[][][] {
  throw new Error("not implemented yet: write xorNetwork in exercises/02-xor.ts");
}

/**
 * Exercise 2: how many distinct quadratic terms x_i x_j (i <= j, squares included) a model with n
 * input features gets. The notes' numbers: n = 100 gives about 5000. x1 x2 and x2 x1 are the same
 * term. Do NOT use the library's `monomialCount`.
 */
export function quadraticFeatureCount(n: number): number {
  throw new Error("not implemented yet: write quadraticFeatureCount in exercises/02-xor.ts");
}

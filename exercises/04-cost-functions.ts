// exercises/04-cost-functions.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 7835abbf3ecb-adf4cfc853ae]
/**
 * Exercises of notebooks/04-cost-functions.ipynb: the costs a network is trained to minimise.
 *
 * H holds the network's outputs and Y the targets, one example per row (m rows, K columns).
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 04` in a terminal).
 */

/**
 * Exercise 1: the regularized cross-entropy cost of files 000 and 001, for sigmoid outputs:
 *
 *     J = -1/m sum_i sum_k [ y_ik log(h_ik) + (1 - y_ik) log(1 - h_ik) ]
 *         + lambda / (2m) * (sum of the squares of every Theta entry NOT in column 0)
 *
 * `thetas` are the notes' Theta matrices (bias weights in column 0, which is not regularized).
 * Do NOT use the library's `cost`, `penalty` or `loss`.
 */
export function regularizedCrossEntropy(H: number[][], Y: number[][], thetas: number[][][], lambda: number): number {
  throw new Error("not implemented yet: write regularizedCrossEntropy in exercises/04-cost-functions.ts");
}

/**
 * Exercise 2: the mean squared error of file 001 for regression, J = 1/m sum_i sum_k (h_ik - y_ik)^2
 * (no 1/2 here: file 001's convention; files 000, 003 and 004 put a 1/2 in front, see the notebook).
 * Do NOT use the library's `cost` or `loss`.
 */
export function meanSquaredError(H: number[][], Y: number[][]): number {
  throw new Error("not implemented yet: write meanSquaredError in exercises/04-cost-functions.ts");
}

// exercises/05-backpropagation.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 241ad9bd7c0d-1e1c42b224a9]
/**
 * Exercises of notebooks/05-backpropagation.ipynb: the pieces of backpropagation, written by hand.
 *
 * Conventions (the notebook explains them):
 * - a batch holds one example per ROW: X is m x n, a delta matrix is m x (units of its layer);
 * - Theta^(l) is s_{l+1} x (s_l + 1) with the bias weights in column 0 (files 000 and 001);
 * - delta = dJ/dz, with the sign of files 000, 003 and 004: delta^(L) = a - y (not y - a).
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 05` in a terminal). You may use `sigmoid` from the library; each exercise
 * says which library function it may NOT use (the checks flag it).
 */
import { sigmoid } from "../lib";

/**
 * Exercise 1: the derivative of the sigmoid at each z.
 *
 *     g(z) = 1 / (1 + e^(-z)),     g'(z) = g(z) (1 - g(z))
 *
 * Return a new array (leave `z` unchanged). g'(0) = 0.25. For z = -1000 or 1000 the answer is 0,
 * not NaN: compute g(z) first (the library's `sigmoid` is safe), then g(z)(1 - g(z)).
 * Hint: the formula is g'(z) = a(1 - a) with a = g(z); applying it to a number that already IS an
 * activation (g'(a) = g(a)(1 - g(a))) is the classic slip.
 * Do NOT use the library's `sigmoidPrime`.
 */
export function sigmoidGradient(z: number[]): number[] {
  throw new Error("not implemented yet: write sigmoidGradient in exercises/05-backpropagation.ts");
}

/**
 * Exercise 2: the error of the output layer, delta^(L) = a^(L) - y, for a "fused" output
 * (a sigmoid output with the cross-entropy cost, or softmax with multi-class cross-entropy), where
 * the activation's derivative cancels against the cost's.
 *
 * `a` and `y` are m x K (one example per row); return the m x K matrix a - y as nested arrays,
 * leaving `a` and `y` unchanged.
 * Do NOT use the library's `outputDelta`.
 */
export function outputDelta(a: number[][], y: number[][]): number[][] {
  throw new Error("not implemented yet: write outputDelta in exercises/05-backpropagation.ts");
}

/**
 * Exercise 3: the error of a sigmoid hidden layer l, from the error of the layer above it:
 *
 *     delta^(l) = (Theta^(l))^T delta^(l+1) .* g'(z^(l)),   the bias row of the product dropped
 *
 * - theta: Theta^(l), s_{l+1} x (s_l + 1), bias weights in column 0;
 * - deltaNext: delta^(l+1), m x s_{l+1} (one example per row);
 * - z: z^(l), the hidden layer's weighted inputs, m x s_l.
 * Return delta^(l), m x s_l. Per example and hidden unit j (1-based as in Theta's columns):
 *
 *     delta_j = ( sum_i deltaNext_i * Theta[i][j] ) * g'(z_j)
 *
 * Column 0 of Theta holds the bias weights: the bias unit a_0 = 1 has no input, so it gets no delta.
 * g' is taken at z (not at the activation a = g(z)). Leave the arguments unchanged.
 * Do NOT use the library's `backprop` or `backpropPerExample`. For g'(z), your own
 * `sigmoidGradient` is the natural helper.
 */
export function hiddenDelta(theta: number[][], deltaNext: number[][], z: number[][]): number[][] {
  throw new Error("not implemented yet: write hiddenDelta in exercises/05-backpropagation.ts");
}

/**
 * Exercise 4: the gradient of a network with ONE hidden layer (sigmoid hidden units, sigmoid
 * outputs) in the Theta layout, for the regularized cross-entropy cost of file 001:
 *
 *     J = -(1/m) sum_s sum_k [ y_k log a_k + (1 - y_k) log(1 - a_k) ]  +  lambda/(2m) sum Theta_ij^2 (j != 0)
 *
 * thetas = [Theta1 (s2 x (n+1)), Theta2 (K x (s2+1))], X is m x n, Y is m x K.
 * Return [D1, D2], each the shape of its Theta, with D^(l) = dJ/dTheta^(l). The notes' algorithm:
 *
 *     Delta^(l) = 0
 *     for each example s:  forward (a^(1) = [1, x], a^(2) = [1, g(Theta1 a^(1))], a^(3) = g(Theta2 a^(2))),
 *                          delta^(3) = a^(3) - y,  delta^(2) = (Theta2^T delta^(3)) .* g'(z^(2)) without the bias row,
 *                          Delta^(l)_ij += delta^(l+1)_i a^(l)_j
 *     D^(l)_ij = Delta^(l)_ij / m + (lambda/m) Theta^(l)_ij  for j != 0,   D^(l)_i0 = Delta^(l)_i0 / m
 *
 * Leave the arguments unchanged. You may use your outputDelta, hiddenDelta and sigmoidGradient.
 * Do NOT use the library's `backprop`, `backpropPerExample`, `numericGradients` or `gradientCheck`.
 */
export function backpropGradients(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  throw new Error("not implemented yet: write backpropGradients in exercises/05-backpropagation.ts");
}

/**
 * Exercise 5: the gradient of any function f by central differences, one parameter at a time:
 *
 *     dJ/dtheta_k  ~  ( f(theta + eps e_k) - f(theta - eps e_k) ) / (2 eps)
 *
 * where e_k is 1 at position k and 0 elsewhere. The error of the central difference shrinks
 * like eps^2 (a one-sided difference only like eps). Return the gradient as a new array; `theta`
 * must be exactly as it was afterwards (if you change an entry to evaluate f, put it back).
 * Do NOT use the library's `numericGradients`, `gradientCheck` or `centralDifference`.
 */
export function numericalGradient(f: (theta: number[]) => number, theta: number[], eps: number): number[] {
  throw new Error("not implemented yet: write numericalGradient in exercises/05-backpropagation.ts");
}

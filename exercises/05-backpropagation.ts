// exercises/05-backpropagation.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 505120f872ac-28f926f5244b]
/**
 * Exercises of notebooks/05-backpropagation.ipynb: the error terms delta, derived and written by hand.
 *
 * Conventions (the notebook explains them):
 * - a batch holds one example per ROW: a delta matrix is m x (units of its layer);
 * - Theta^(l) is s_{l+1} x (s_l + 1) with the bias weights in column 0 (files 000 and 001);
 * - delta = dJ/dz, the sign of files 000, 003 and 004.
 *
 * The doc comments say WHAT to compute; HOW is for you to derive (the notebook's sections are
 * named). Replace each `throw` with your code, save, and re-run the check cell in the notebook
 * (or run `npm run check -- 05` in a terminal). You may use `sigmoid` from the library; each
 * exercise says which library functions it may NOT use (the checks flag them).
 */
import { sigmoid } from "../lib";

/**
 * Exercise 1: the derivative g'(z) of the sigmoid g(z) = 1 / (1 + e^(-z)), at each z.
 *
 * Return a new array (leave `z` unchanged). The answer must be finite for every z, including
 * z = -1000 and z = 1000 (where it is 0): some ways of writing g' overflow there.
 * Do NOT use the library's `sigmoidPrime`.
 */
export function sigmoidGradient(z: number[]): number[] {
  throw new Error("not implemented yet: write sigmoidGradient in exercises/05-backpropagation.ts");
}

/**
 * Exercise 2: the error delta^(L) = dJ/dz^(L) of a sigmoid output layer under the cross-entropy
 * cost (section 2 of the notebook: what happens to the sigmoid's derivative there?).
 *
 * `a` (the outputs) and `y` (the 0/1 targets) are m x K, one example per row; return the m x K
 * matrix of errors as nested arrays, leaving `a` and `y` unchanged.
 * Do NOT use the library's `outputDelta`.
 */
export function outputDelta(a: number[][], y: number[][]): number[][] {
  throw new Error("not implemented yet: write outputDelta in exercises/05-backpropagation.ts");
}

/**
 * Exercise 3: the error delta^(l) of a SIGMOID hidden layer l, from the error of the layer above
 * (the delta rule of section 2).
 *
 * - theta: Theta^(l), s_{l+1} x (s_l + 1), bias weights in column 0;
 * - deltaNext: delta^(l+1), m x s_{l+1} (one example per row);
 * - a: a^(l), the hidden layer's activations g(z^(l)), m x s_l, WITHOUT the bias unit (as your
 *   forwardTheta returns them). Section 2 shows how g'(z) follows from a alone.
 * Return delta^(l), m x s_l (the bias unit has no input, so no error). Leave the arguments unchanged.
 * Do NOT use the library's `backprop` or `backpropPerExample`.
 */
export function hiddenDelta(theta: number[][], deltaNext: number[][], a: number[][]): number[][] {
  throw new Error("not implemented yet: write hiddenDelta in exercises/05-backpropagation.ts");
}

/**
 * Exercise 4 (a derivation): the output error delta = dJ/dz of a TANH output layer under file
 * 004's half squared error J = 1/2 sum_k (a_k - y_k)^2, with file 004's labels -1 and +1 for tanh.
 *
 * `a` = tanh(z) and `y` are m x K, one example per row. Derive dJ/dz by the chain rule (section
 * 2), written with `a` (you are not given z), and return the m x K matrix. The checks compare it
 * with a numerical derivative of J. Leave the arguments unchanged.
 * Do NOT use the library's `tanhPrime`.
 */
export function tanhOutputDelta(a: number[][], y: number[][]): number[][] {
  throw new Error("not implemented yet: write tanhOutputDelta in exercises/05-backpropagation.ts");
}

/**
 * Exercise 5 (a derivation): one backward step through a softmax output h = softmax(z) of ONE
 * example: given upstream = dL/dh (any loss L), return dL/dz as the Jacobian-transpose product
 *
 *     dL/dz = J^T dL/dh,    J_ij = dh_i / dz_j
 *
 * Derive the entries of J from the softmax (section 2) and apply J^T to `upstream`; do not
 * assume a particular loss: the checks pass upstream gradients of several losses, among them the
 * cross-entropy's dL/dh = -y / h, for which the result must come out as h - y.
 * Compute the softmax from z safely (z may hold values like 1000). Leave the arguments unchanged.
 * Do NOT use the library's `softmax`, `softmaxJacobian` or `softmaxJvp`.
 */
export function softmaxBackward(z: number[], upstream: number[]): number[] {
  throw new Error("not implemented yet: write softmaxBackward in exercises/05-backpropagation.ts");
}

/**
 * Exercise 6 (a derivation): the error delta^(l) of a ReLU hidden layer, relu(z) = max(0, z),
 * from the error of the layer above (file 002's hidden layer with ReLU).
 *
 * - theta: Theta^(l), s_{l+1} x (s_l + 1), bias weights in column 0;
 * - deltaNext: delta^(l+1), m x s_{l+1};
 * - z: z^(l), the layer's weighted inputs, m x s_l.
 * Return delta^(l), m x s_l. At z = 0 exactly, take the derivative of relu as 0 (as the notes and
 * the library do). Leave the arguments unchanged.
 * Do NOT use the library's `reluPrime`, `backprop` or `backpropPerExample`.
 */
export function reluHiddenDelta(theta: number[][], deltaNext: number[][], z: number[][]): number[][] {
  throw new Error("not implemented yet: write reluHiddenDelta in exercises/05-backpropagation.ts");
}

/** Names of the eight weights of the worked example, as in M. Mazur's walkthrough (section 3). */
export type WorkedWeight = "w1" | "w2" | "w3" | "w4" | "w5" | "w6" | "w7" | "w8";

/**
 * Exercise 7 (predict, then run): two answers about the 2-2-2 worked example of section 3,
 * given before the notebook's table shows them. Predict them on paper (or with a few lines of
 * your own arithmetic), then run the section's cells and correct yourself.
 *
 * - largestGradient: which of the eight weights w1..w8 has the largest |dJ/dw| at the start;
 * - errorAfterOneStep: the error J after ONE gradient step with alpha = 0.5 on the eight weights
 *   (the biases kept, as the walkthrough does). Accepted within 1e-4: a first-order prediction
 *   from the gradient, J - alpha * sum (dJ/dw)^2, is close enough.
 */
export function workedExamplePredictions(): { largestGradient: WorkedWeight; errorAfterOneStep: number } {
  throw new Error("not implemented yet: write workedExamplePredictions in exercises/05-backpropagation.ts");
}

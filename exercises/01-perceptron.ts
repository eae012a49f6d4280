// exercises/01-perceptron.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub dee2fb8f2ca7-6f80db09f407]
/**
 * Exercises of notebooks/01-perceptron.ipynb: logic gates from one neuron, and the perceptron rule.
 *
 * Weights are written as in the notes' Theta rows: [w0, w1, ..., wn], where w0 multiplies the bias
 * unit x0 = 1 (so w0 = -theta, minus the threshold).
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 01` in a terminal).
 */

export type Gate = "AND" | "OR" | "NOT" | "NAND";

/**
 * Exercise 1: weights [w0, w1, w2] (for NOT: [w0, w1]) with which ONE sigmoid neuron
 * h = g(w0 + w1 x1 + w2 x2) computes the gate on inputs 0/1, each output within 0.01 of the
 * truth table. The notes use AND = [-30, 20, 20]; find OR, NOT and NAND the same way: pick the sign
 * of z for each row of the truth table, then make |z| large enough (|z| >= 5 gives g within 0.01).
 */
export function gateWeights(gate: Gate): number[] {
  throw new Error("not implemented yet: write gateWeights in exercises/01-perceptron.ts");
}

/**
 * Exercise 2: one step of the perceptron learning rule on one example.
 *
 *     yhat = step(w0 + w1 x1 + ... + wn xn)      (step(z) = 1 when z >= 0, else 0)
 *     w_i := w_i + rate (y - yhat) x_i           with x_0 = 1 for the bias weight
 *
 * `weights` is [w0, w1, ..., wn], `x` is [x1, ..., xn] (without the 1), y is 0 or 1. Return the new
 * weights as a new array and leave the arguments unchanged. When the prediction is right, nothing
 * changes. Do NOT use the library's `perceptronStep` or `trainPerceptron`.
 */
export function perceptronUpdate(weights: number[], x: number[], y: number, rate: number): number[] {
  throw new Error("not implemented yet: write perceptronUpdate in exercises/01-perceptron.ts");
}

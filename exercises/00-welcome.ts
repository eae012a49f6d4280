// exercises/00-welcome.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 2c182ec18d01-670dc5a3d1cd]
/**
 * Exercise 0 (notebooks/00-welcome.ipynb): the weighted input of one neuron.
 *
 * A neuron with weights w_1..w_n and bias b, given inputs x_1..x_n, computes
 *
 *     z = b + w_1 x_1 + w_2 x_2 + ... + w_n x_n
 *
 * Example from the lecture: weights [-0.1, 0.4, 0.6], bias 0.7 and inputs [0.3, -0.4, 0.5]
 * give z = 0.7 - 0.03 - 0.16 + 0.3 = 0.81.
 *
 * Replace the `throw` with your code, save, and re-run the check cell in the notebook
 * (or run `npm run check -- 00` in a terminal).
 */
export function neuronInput(weights: number[], bias: number, inputs: number[]): number {
  throw new Error("not implemented yet: write neuronInput in exercises/00-welcome.ts");
}

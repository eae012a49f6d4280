// exercises/04-cost-functions.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub a54f99a4e50b-aa1138c26ce2]
/**
 * Exercises of notebooks/04-cost-functions.ipynb: the cost a network is trained to minimise, the
 * step that makes L1-penalized weights exactly 0, and one cost worked out by hand.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 04` in a terminal).
 */
import { forwardTheta } from "./03-forward-propagation";

/**
 * Exercise 1: the regularized cost J(Theta) of a network of sigmoid units on a batch, the number
 * training makes small (the notebook's section "The cost of a network, regularized"): file 001's
 * cross-entropy, in which every output unit is its own yes/no question, averaged over the m
 * examples, plus the L2 penalty on the weights with files 000 and 001's scale lambda/(2m). The
 * bias weights (column 0 of every Theta) are not penalized.
 *
 * `thetas` are Theta matrices as in exercise 03 (Theta^(j) is s_{j+1} x (s_j + 1), bias weights
 * in column 0); X holds one example per row (m x s_1) and Y its 0/1 targets (m x K). Get each
 * example's outputs from your own forwardTheta (exercises/03-forward-propagation.ts, imported
 * above). Do NOT use the library's `forward`, `predict`, `cost`, `penalty` or `loss`.
 */
export function regularizedCrossEntropy(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number {
  throw new Error("not implemented yet: write regularizedCrossEntropy in exercises/04-cost-functions.ts");
}

/**
 * Exercise 2: one step of proximal gradient descent on the L1-penalized cost
 * J = data(Theta) + (lambda/m) * (sum of |Theta_ki| over every column except column 0), the step
 * that leaves weights at exactly 0 (the notebook's section "Exact zeros: the proximal step").
 *
 * `gradient` is the gradient of the data term alone (the same shape as `theta`), `alpha` the
 * learning rate and `m` the number of examples. Take the ordinary gradient step on the data term,
 * then the penalty's own step as the notebook derives it. The bias column is not penalized.
 * Return a new matrix; do NOT use the library's `softThreshold`.
 */
export function proximalL1Step(theta: number[][], gradient: number[][], alpha: number, lambda: number, m: number): number[][] {
  throw new Error("not implemented yet: write proximalL1Step in exercises/04-cost-functions.ts");
}

/**
 * Exercise 3 (predict, then run): the notes' XOR network of file 000,
 * Theta^(1) = [[-10, 20, 20], [30, -20, -20]] and Theta^(2) = [[-30, 20, 20]], on the four XOR
 * examples (0,0) -> 0, (0,1) -> 1, (1,0) -> 1, (1,1) -> 0, with the cost of exercise 1 and
 * lambda = 1. Before running anything, work out the two parts of J by hand:
 *
 *   dataTerm: the mean cross-entropy (how far is each output from its target?)
 *   penalty:  the L2 penalty
 *
 * and return them. A calculator for e^x is fine; within 2% counts. The checks say whether each
 * number is right, and name a recognised slip, without printing the answer; the notebook's next
 * cell then runs your regularizedCrossEntropy on this network.
 */
export function xorCostPrediction(): { dataTerm: number; penalty: number } {
  throw new Error("not implemented yet: write xorCostPrediction in exercises/04-cost-functions.ts");
}

// Your copy of this exercise, generated from solutions/10-multiclass-digits.ts by `npm run exercises` [solution 78b390a9ec46, stub 1e60981fc129]
/**
 * Exercises of notebooks/10-multiclass-digits.ipynb: classes from a network's outputs, what a
 * classifier confuses, the softmax's backward step, and an epoch of training built from your own
 * earlier functions.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 10` in a terminal). The imports below are YOUR functions from earlier
 * notebooks: use them. (At grading, a mistake in them costs points only where they are graded:
 * these exercises then get the reference versions.)
 */
import { forwardTheta } from "./03-forward-propagation";
import { backpropGradients } from "./05-backpropagation";
import { sgdStep, type LayerParams } from "./09-training";

/**
 * Exercise 1: the class a network predicts for each example.
 *
 * thetas are the notes' Theta matrices of a sigmoid network (bias weights in column 0), X holds one
 * example per row. The predicted class of an example is the output unit with the largest value
 * (classes are numbered from 0, like the output units; on a tie, the first of them). Use your
 * forwardTheta (notebook 03). Do NOT use the library's `argmaxRows`, `decideClasses`, `classify`
 * or `predict`.
 */
export function predictClasses(thetas: number[][][], X: number[][]): number[] {
  throw new Error("not implemented yet: write predictClasses in exercises/10-multiclass-digits.ts");
}

/**
 * Exercise 2: the confusion matrix C of K classes: C[a][p] counts the examples of actual class a
 * that were predicted as class p. Rows are ACTUAL classes, columns PREDICTED ones, so the diagonal
 * holds the correct answers and row a sums to the number of examples of class a.
 * Do NOT use the library's `confusionMatrix`.
 */
export function confusionCounts(actual: number[], predicted: number[], classes: number): number[][] {
  throw new Error("not implemented yet: write confusionCounts in exercises/10-multiclass-digits.ts");
}

/**
 * Exercise 3: the backward step through a softmax layer (derive it first; the notebook's
 * section 2 sets it up).
 *
 * h = softmax(z) holds one example's K output probabilities, and dJdh the gradient of some cost J
 * with respect to them, dJ/dh_i. Return dJ/dz, the gradient with respect to the softmax's inputs:
 * by the chain rule dJ/dz_j = sum_i (dh_i/dz_j) dJ/dh_i, the softmax's Jacobian (transposed) times
 * dJdh. Work out dh_i/dz_j from h_i = e^{z_i} / sum_k e^{z_k} (two cases: i = j and i != j) and
 * simplify the sum; you should not need z, nor any exponential.
 * Check your result: for the cross-entropy J = -sum_i y_i log h_i, dJ/dh_i = -y_i / h_i, and
 * dJ/dz must come out as h - y.
 * Do NOT use the library's `softmaxJacobian`, `softmaxJvp` or `backprop`.
 */
export function softmaxBackward(h: number[], dJdh: number[]): number[] {
  throw new Error("not implemented yet: write softmaxBackward in exercises/10-multiclass-digits.ts");
}

/** What one epoch of mini-batch gradient descent needs besides the data. */
export interface EpochSettings {
  /** Rows per mini-batch; the last batch holds what is left (it may be smaller). */
  batchSize: number;
  /** The learning rates for weights and for biases (your sgdStep's `rates`). */
  rates: { weights: number; biases: number };
  /** The penalty weight of the cost over ALL the rows given (see below). */
  lambda: number;
}

/**
 * Exercise 4: one epoch of mini-batch gradient descent for the one-hidden-layer sigmoid network
 * of exercise 05 (thetas = [Theta1, Theta2] in the notes' layout, bias weights in column 0),
 * built from your own backpropGradients (notebook 05) and sgdStep (notebook 09).
 *
 * Walk through the rows of X (and Y) in the order given, batchSize rows at a time (the last batch
 * takes what is left), and after EACH batch take one gradient-descent step from the current
 * Thetas. Return the Thetas after the last step; leave the arguments unchanged.
 *
 * Two things to work out:
 * - sgdStep takes each layer as { W, b } (W without the bias column, b the bias weights), while
 *   backpropGradients takes and returns Theta = [b | W]. Convert both ways.
 * - The cost being minimised is J over ALL m rows of X: the cross-entropy averaged over the m rows,
 *   plus lambda / (2m) times the sum of the squared non-bias Theta entries. backpropGradients on a
 *   batch of b rows averages over those b rows and adds (lambda' / b) Theta for the lambda' you
 *   pass it. Pass the lambda' that makes the penalty's part of each step the one of J.
 *
 * Do NOT use the library's `train`, `gradientStep`, `sgd`, `backprop` or `backpropPerExample`.
 */
export function trainEpoch(thetas: number[][][], X: number[][], Y: number[][], settings: EpochSettings): number[][][] {
  throw new Error("not implemented yet: write trainEpoch in exercises/10-multiclass-digits.ts");
}

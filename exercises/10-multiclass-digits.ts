// exercises/10-multiclass-digits.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub d3122dabb0c4-f7e1c78f1e23]
/**
 * Exercises of notebooks/10-multiclass-digits.ipynb: from output rows to classes, and counting
 * what a classifier confuses.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 10` in a terminal).
 */

/**
 * Exercise 1: the predicted class of each example: the index of the largest output in its row
 * (the first one on ties). H holds one row of K outputs per example (softmax probabilities, say).
 * Do NOT use the library's `argmaxRows`, `decideClasses` or `classify`.
 */
export function argmaxClasses(H: number[][]): number[] {
  throw new Error("not implemented yet: write argmaxClasses in exercises/10-multiclass-digits.ts");
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

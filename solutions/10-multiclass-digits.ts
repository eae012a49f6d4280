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
  // BEGIN SOLUTION
  return H.map((row) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
    return best;
  });
  // END SOLUTION
}

/**
 * Exercise 2: the confusion matrix C of K classes: C[a][p] counts the examples of actual class a
 * that were predicted as class p. Rows are ACTUAL classes, columns PREDICTED ones, so the diagonal
 * holds the correct answers and row a sums to the number of examples of class a.
 * Do NOT use the library's `confusionMatrix`.
 */
export function confusionCounts(actual: number[], predicted: number[], classes: number): number[][] {
  // BEGIN SOLUTION
  const C = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) C[actual[i]][predicted[i]] += 1;
  return C;
  // END SOLUTION
}

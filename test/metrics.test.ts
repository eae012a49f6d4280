import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { accuracy, confusionMatrix, precisionPerClass, recallPerClass } from "../lib/metrics";

// Seven examples of three classes.
//   index:      0  1  2  3  4  5  6
//   actual:     0  0  1  1  2  2  2
//   predicted:  0  1  1  1  2  0  2
const actual = [0, 0, 1, 1, 2, 2, 2];
const predicted = Int32Array.from([0, 1, 1, 1, 2, 0, 2]);

describe("metrics on a hand-computed example", () => {
  it("accuracy counts the matches: 0, 2, 3, 4, 6 -> 5 / 7", () => {
    expect(accuracy(predicted, actual)).toBe(5 / 7);
    expect(accuracy([1, 1], [1, 1])).toBe(1);
    expect(accuracy([0, 1], [1, 0])).toBe(0);
  });

  it("confusionMatrix has actual classes as rows and predicted classes as columns", () => {
    expect(confusionMatrix(predicted, actual, 3)).toEqual([
      // predicted: 0  1  2
      [1, 1, 0], // actual 0: example 0 right, example 1 taken for a 1
      [0, 2, 0], // actual 1: both right
      [1, 0, 2], // actual 2: examples 4 and 6 right, example 5 taken for a 0
    ]);
  });

  it("precision is TP / column sum and recall TP / row sum of that matrix", () => {
    expect(precisionPerClass(predicted, actual, 3)).toEqual([1 / 2, 2 / 3, 2 / 2]);
    expect(recallPerClass(predicted, actual, 3)).toEqual([1 / 2, 2 / 2, 2 / 3]);
  });

  it("reports 0/0 as NaN: a class never predicted has no precision, one never present no recall", () => {
    // With a 4th class that neither occurs nor is predicted, both are 0/0 for it.
    expect(precisionPerClass(predicted, actual, 4)[3]).toBeNaN();
    expect(recallPerClass(predicted, actual, 4)[3]).toBeNaN();
    // Class 1 is present but never predicted: precision 0/0 = NaN, recall 0/1 = 0.
    expect(precisionPerClass([0, 0], [0, 1], 2)).toEqual([0.5, NaN]);
    expect(recallPerClass([0, 0], [0, 1], 2)).toEqual([1, 0]);
  });
});

describe("metrics input checks", () => {
  const all = [
    ["accuracy", (p: number[], a: number[]) => accuracy(p, a)],
    ["confusionMatrix", (p: number[], a: number[]) => confusionMatrix(p, a, 3)],
    ["precisionPerClass", (p: number[], a: number[]) => precisionPerClass(p, a, 3)],
    ["recallPerClass", (p: number[], a: number[]) => recallPerClass(p, a, 3)],
  ] as const;

  it("reject mismatched lengths, empty input, non-integer, negative and non-finite labels", () => {
    for (const [name, f] of all) {
      expectInputError(() => f([0, 1, 2], [0, 1]), `${name}: predicted has 3 labels but actual has 2; they need one per example`);
      expectInputError(() => f([], []), `${name}: predicted and actual are empty; there is nothing to score`);
      expectInputError(() => f([0, 1.5], [0, 1]), `${name}: predicted[1] is 1.5; labels must be class indices (integers >= 0)`);
      expectInputError(() => f([0, 1], [-1, 1]), `${name}: actual[0] is -1; labels must be class indices (integers >= 0)`);
      expectInputError(() => f([0, NaN], [0, 1]), `${name}: predicted[1] is NaN`);
      expectInputError(() => f([0, 1], [0, Infinity]), `${name}: actual[1] is Infinity`);
    }
  });

  it("reject labels out of range of numClasses, and a bad numClasses", () => {
    expectInputError(() => confusionMatrix([0, 3], [0, 1], 3), "confusionMatrix: predicted[1] is 3 but there are 3 classes, so labels must be in 0..2");
    expectInputError(() => precisionPerClass([0, 1], [0, 5], 3), "precisionPerClass: actual[1] is 5 but there are 3 classes, so labels must be in 0..2");
    expectInputError(() => recallPerClass([0, 2], [0, 1], 2), "recallPerClass: predicted[1] is 2 but there are 2 classes, so labels must be in 0..1");
    expectInputError(() => confusionMatrix([0], [0], 0), "confusionMatrix: numClasses must be a positive integer, got 0");
    expectInputError(() => recallPerClass([0], [0], 2.5), "recallPerClass: numClasses must be a positive integer, got 2.5");
  });
});

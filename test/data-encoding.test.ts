import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { matrix, toArray } from "../lib/matrix";
import { argmaxRows, oneHot, toLabels } from "../lib/data";

describe("oneHot", () => {
  it("puts a single 1 in column labels[i] of row i", () => {
    expect(toArray(oneHot([2, 0, 1, 0], 3))).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(toArray(oneHot(Int32Array.from([1]), 4))).toEqual([[0, 1, 0, 0]]);
    expect(oneHot([], 3)).toEqual(matrix(0, 3));
  });

  it("rejects labels that are not class indices below numClasses", () => {
    expectInputError(() => oneHot([0, 3], 3), "oneHot: labels[1] is 3 but there are 3 classes, so labels must be in 0..2");
    expectInputError(() => oneHot([0, -1], 3), "oneHot: labels[1] is -1; labels must be class indices (integers >= 0)");
    expectInputError(() => oneHot([1.5], 3), "oneHot: labels[0] is 1.5; labels must be class indices");
    expectInputError(() => oneHot([NaN], 3), "oneHot: labels[0] is NaN");
    expectInputError(() => oneHot([Infinity], 3), "oneHot: labels[0] is Infinity");
    expectInputError(() => oneHot([0, 1], 0), "oneHot: numClasses must be a positive integer, got 0");
    expectInputError(() => oneHot("012" as unknown as number[], 3), 'oneHot: labels must be an Int32Array or an array of class indices, got "012"');
  });
});

describe("argmaxRows", () => {
  it("returns the column of each row's largest entry, the first one on ties", () => {
    const M = [
      [0.1, 0.7, 0.2],
      [0.5, 0.5, 0.0],
      [-3, -2, -1],
    ];
    expect(Array.from(argmaxRows(M))).toEqual([1, 0, 2]);
    expect(argmaxRows(oneHot([2, 0, 1], 3))).toEqual(Int32Array.from([2, 0, 1]));
    expect(argmaxRows(matrix(0, 2))).toEqual(new Int32Array(0));
  });

  it("rejects a single column and non-finite values", () => {
    expectInputError(() => argmaxRows([[0.9], [0.1]]), "argmaxRows: M is 2x1; it needs at least 2 columns");
    expectInputError(() => argmaxRows([[0.1, NaN]]), "argmaxRows: M[0][1] is NaN");
  });
});

describe("toLabels", () => {
  it("returns an Int32Array as is and copies arrays", () => {
    const y = Int32Array.from([0, 2]);
    expect(toLabels("f", "y", y)).toBe(y);
    expect(toLabels("f", "y", [1, 0], 2)).toEqual(Int32Array.from([1, 0]));
  });

  it("rejects other containers and non-numbers", () => {
    expectInputError(() => toLabels("f", "y", Float64Array.from([0, 1])), "f: y must be an Int32Array or an array of class indices, got an object");
    expectInputError(() => toLabels("f", "y", [0, "1"]), 'f: y[1] is "1"; labels must be class indices');
  });
});

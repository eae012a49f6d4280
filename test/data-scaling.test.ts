import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { matrix, toArray } from "../lib/matrix";
import { applyScaler, fitScaler } from "../lib/data";

const expectClose = (actual: number[][], expected: number[][]): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v, `[${i}][${j}]`).toBeCloseTo(expected[i][j], 12)));
};

// Column 0 is 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, sd sqrt(1.25) = sqrt(5) / 2.
// Column 1 is constant 10.
const train = [
  [1, 10],
  [2, 10],
  [3, 10],
  [4, 10],
];
const test = [[5, 12]];

describe("fitScaler / applyScaler", () => {
  it("standardize: training statistics give mean 0 and sd 1 on the training set", () => {
    const scaler = fitScaler(train, "standardize");
    expect(Array.from(scaler.offset)).toEqual([2.5, 10]);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(scaler.scale[1]).toBe(1); // a constant column is only shifted
    const s5 = Math.sqrt(5);
    expectClose(toArray(applyScaler(scaler, train)), [
      [-3 / s5, 0],
      [-1 / s5, 0],
      [1 / s5, 0],
      [3 / s5, 0],
    ]);
    const z = toArray(applyScaler(scaler, train)).map((r) => r[0]);
    expect(z.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(0, 14);
    expect(Math.sqrt(z.reduce((a, b) => a + b * b, 0) / 4)).toBeCloseTo(1, 14);
  });

  it("standardize: test data uses the training statistics, not its own", () => {
    const scaler = fitScaler(train, "standardize");
    // (5 - 2.5) / (sqrt 5 / 2) = sqrt 5; (12 - 10) / 1 = 2. Fitted on [[5, 12]] alone it would be [0, 0].
    expectClose(toArray(applyScaler(scaler, test)), [[Math.sqrt(5), 2]]);
  });

  it("minmax: training columns span [0, 1]; test data may fall outside", () => {
    const scaler = fitScaler(train, "minmax");
    expect(Array.from(scaler.offset)).toEqual([1, 10]);
    expect(Array.from(scaler.scale)).toEqual([3, 1]);
    expectClose(toArray(applyScaler(scaler, train)), [
      [0, 0],
      [1 / 3, 0],
      [2 / 3, 0],
      [1, 0],
    ]);
    expectClose(toArray(applyScaler(scaler, test)), [[4 / 3, 2]]);
  });

  it("accepts a Matrix and leaves it untouched", () => {
    const X = matrix(2, 1, Float64Array.from([0, 2]));
    const out = applyScaler(fitScaler(X, "standardize"), X);
    expect(Array.from(out.data)).toEqual([-1, 1]);
    expect(Array.from(X.data)).toEqual([0, 2]);
  });

  it("rejects bad input with clear messages", () => {
    expectInputError(() => fitScaler(matrix(0, 3), "standardize"), "fitScaler: X is 0x3; statistics need at least one row");
    expectInputError(() => fitScaler([], "minmax"), "fitScaler: X is 0x0; statistics need at least one row");
    expectInputError(() => fitScaler([[1, NaN]], "minmax"), "fitScaler: X[0][1] is NaN");
    expectInputError(() => fitScaler(train, "normalize" as "minmax"), 'fitScaler: unknown method "normalize"; valid methods are standardize, minmax');
    const scaler = fitScaler(train, "standardize");
    expectInputError(() => applyScaler(scaler, [[1, 2, 3]]), "applyScaler: X is 1x3 but the scaler was fitted on 2 columns");
    expectInputError(() => applyScaler(scaler, [[1, Infinity]]), "applyScaler: X[0][1] is Infinity");
    expectInputError(() => applyScaler({} as typeof scaler, train), "applyScaler: scaler must come from fitScaler");
  });
});

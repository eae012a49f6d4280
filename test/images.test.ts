// Tiling images and finding confident mistakes, checked on tiny hand-made examples.
import { describe, expect, it } from "vitest";
import { confidentMistakes, tileImages } from "../lib/images";
import { matrix } from "../lib/matrix";

describe("tileImages", () => {
  it("places 2x2 images side by side with null gaps, in the order given", () => {
    const X = matrix(3, 4, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(tileImages(X, [2, 0, 1], { perRow: 2, side: 2, gap: 1 })).toEqual([
      [9, 10, null, 1, 2],
      [11, 12, null, 3, 4],
      [null, null, null, null, null],
      [5, 6, null, null, null],
      [7, 8, null, null, null],
    ]);
  });
  it("rejects rows that are not square images and indices outside X", () => {
    const X = matrix(1, 4, new Float64Array(4));
    expect(() => tileImages(X, [0], { perRow: 1, side: 3 })).toThrow("tileImages: rows of X have 4 values, but 3 x 3 images need 9");
    expect(() => tileImages(X, [1], { perRow: 1, side: 2 })).toThrow("tileImages: index 1 is not a row of X (0..0)");
  });
});

describe("confidentMistakes", () => {
  it("lists the wrong predictions, surest first", () => {
    const H = matrix(4, 3, Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.2, 0.5, 0.3, 0.05, 0.9, 0.05]));
    expect(confidentMistakes(H, [0, 0, 1, 2], 5)).toEqual([
      { index: 3, actual: 2, predicted: 1, confidence: 0.9 },
      { index: 1, actual: 0, predicted: 2, confidence: 0.8 },
    ]);
    expect(confidentMistakes(H, [0, 0, 1, 2], 1).map((m) => m.index)).toEqual([3]);
    expect(() => confidentMistakes(H, [0], 1)).toThrow("confidentMistakes: 1 labels for 4 rows of outputs");
  });
});

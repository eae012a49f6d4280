import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { ClassificationDataset, makeBlobs, makeCircle, makeSpirals, makeXorQuadrants } from "../lib/data";

const point = (d: ClassificationDataset, i: number): [number, number] => [d.X.data[2 * i], d.X.data[2 * i + 1]];
const classSizes = (d: ClassificationDataset): number[] => [0, 1].map((c) => d.labels.filter((y) => y === c).length);

const makers = [
  ["makeBlobs", makeBlobs],
  ["makeCircle", makeCircle],
  ["makeXorQuadrants", makeXorQuadrants],
  ["makeSpirals", makeSpirals],
] as const;

describe("planar data sets", () => {
  it("have n x 2 inputs, a 0/1 target column equal to the labels, and balanced classes", () => {
    for (const [name, make] of makers) {
      const d = make({ n: 100, noise: 0.1, seed: 3 });
      expect(d.X.rows, name).toBe(100);
      expect(d.X.cols, name).toBe(2);
      expect(d.Y.cols, name).toBe(1);
      expect(Array.from(d.Y.data), name).toEqual(Array.from(d.labels));
      expect(classSizes(d), name).toEqual([50, 50]);
      // Odd n: the classes alternate 0, 1, 0, ... so class 0 has the extra point.
      expect(classSizes(make({ n: 7, seed: 3 })), name).toEqual([4, 3]);
      expect(d.featureNames).toEqual(["x1", "x2"]);
    }
  });

  it("are reproducible: same seed, same data; another seed, other data", () => {
    for (const [name, make] of makers) {
      expect(make({ n: 50, noise: 0.2, seed: 11 }).X.data, name).toEqual(make({ n: 50, noise: 0.2, seed: 11 }).X.data);
      expect(make({ n: 50, noise: 0.2, seed: 11 }).X.data, name).not.toEqual(make({ n: 50, noise: 0.2, seed: 12 }).X.data);
    }
  });

  it("blobs without noise sit exactly on their centres", () => {
    const d = makeBlobs({ n: 10, noise: 0, seed: 1 });
    for (let i = 0; i < 10; i++) expect(point(d, i)).toEqual(d.labels[i] === 0 ? [-1, -1] : [1, 1]);
    const e = makeBlobs({ n: 4, noise: 0, seed: 1, centers: [[0, 2], [3, -1]] });
    expect([point(e, 0), point(e, 1)]).toEqual([[0, 2], [3, -1]]);
  });

  it("blobs spread around their centres with sd = noise (default 0.5)", () => {
    const d = makeBlobs({ n: 4000, seed: 5 });
    let sum = 0, squares = 0;
    for (let i = 0; i < 4000; i++) {
      const e = point(d, i)[0] - (d.labels[i] === 0 ? -1 : 1);
      sum += e;
      squares += e * e;
    }
    expect(Math.abs(sum / 4000)).toBeLessThan(0.05);
    expect(Math.sqrt(squares / 4000)).toBeCloseTo(0.5, 1);
  });

  it("circle without noise: class 1 inside the disc r <= 0.5, class 0 in the ring 0.7 <= r <= 1", () => {
    const d = makeCircle({ n: 500, seed: 2 });
    expect(d.classNames).toEqual(["outside", "inside"]);
    for (let i = 0; i < 500; i++) {
      const r = Math.hypot(...point(d, i));
      if (d.labels[i] === 1) expect(r).toBeLessThanOrEqual(0.5);
      else {
        expect(r).toBeGreaterThanOrEqual(0.7 - 1e-12);
        expect(r).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
    const e = makeCircle({ n: 200, seed: 2, discRadius: 1, ringRadii: [2, 3] });
    for (let i = 0; i < 200; i++) {
      const r = Math.hypot(...point(e, i));
      expect(e.labels[i] === 1 ? r <= 1 : r >= 2 - 1e-12 && r <= 3 + 1e-12).toBe(true);
    }
  });

  it("XOR quadrants without noise: label 1 exactly when x1 and x2 differ in sign, |x| in [margin, 1]", () => {
    const d = makeXorQuadrants({ n: 400, seed: 4, margin: 0.2 });
    const quadrants = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const [x1, x2] = point(d, i);
      expect(d.labels[i]).toBe((x1 > 0) !== (x2 > 0) ? 1 : 0);
      for (const x of [x1, x2]) {
        expect(Math.abs(x)).toBeGreaterThanOrEqual(0.2);
        expect(Math.abs(x)).toBeLessThanOrEqual(1);
      }
      quadrants.add(`${Math.sign(x1)},${Math.sign(x2)}`);
    }
    expect(quadrants.size).toBe(4);
  });

  it("spirals without noise lie on their arm: radius t at angle 2 pi turns t + pi label", () => {
    const d = makeSpirals({ n: 300, seed: 6, turns: 2 });
    for (let i = 0; i < 300; i++) {
      const [x1, x2] = point(d, i);
      const t = Math.hypot(x1, x2);
      const angle = 2 * Math.PI * 2 * t + Math.PI * d.labels[i];
      expect(x1).toBeCloseTo(t * Math.cos(angle), 12);
      expect(x2).toBeCloseTo(t * Math.sin(angle), 12);
    }
  });

  it("rejects bad arguments with clear messages", () => {
    for (const [name, make] of makers) {
      expectInputError(() => make({ n: 0, seed: 1 }), `${name}: n must be a positive integer, got 0`);
      expectInputError(() => make({ n: -5, seed: 1 }), `${name}: n must be a positive integer, got -5`);
      expectInputError(() => make({ n: 2.5, seed: 1 }), `${name}: n must be a positive integer, got 2.5`);
      expectInputError(() => make({ n: 10, noise: -1, seed: 1 }), `${name}: noise must be a finite number >= 0, got -1`);
      expectInputError(() => make({ n: 10, noise: Infinity, seed: 1 }), `${name}: noise must be a finite number >= 0, got Infinity`);
      expectInputError(() => make({ n: 10 } as { n: number; seed: number }), `${name}: seed must be a non-negative integer`);
      expectInputError(() => make(undefined as unknown as { n: number; seed: number }), `${name}: options must be an object`);
    }
    expectInputError(() => makeBlobs({ n: 10, seed: 1, centers: [[0, NaN], [1, 1]] }), "makeBlobs: centers[0] must be a pair of finite numbers");
    expectInputError(
      () => makeCircle({ n: 10, seed: 1, discRadius: 0.8, ringRadii: [0.7, 1] }),
      "makeCircle: need 0 < discRadius <= ringRadii[0] < ringRadii[1], got discRadius 0.8 and ringRadii [0.7, 1]",
    );
    expectInputError(() => makeXorQuadrants({ n: 10, seed: 1, margin: 1 }), "makeXorQuadrants: margin must be a number in [0, 1), got 1");
    expectInputError(() => makeSpirals({ n: 10, seed: 1, turns: 0 }), "makeSpirals: turns must be a finite number > 0, got 0");
  });
});

/** Common mistakes in exercises/02-xor.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/02-xor";

/** C(n + k - 1, k) for k = from..to, summed. */
const monomials = (n: number, from: number, to: number) => {
  let exact = 1, total = 0;
  for (let k = 1; k <= to; k++) {
    exact = (exact * (n + k - 1)) / k;
    if (k >= from) total += exact;
  }
  return total;
};

/** A bump built with the given rows; s is the steepness. */
const bump = (rows: (l: number, r: number, s: number) => number[][], out: (h: number) => number[]) =>
  (l: number, r: number, h: number, s: number) => [rows(l, r, s), [out(h)]];
const rightRows = (l: number, r: number, s: number) => [[-s * l, s], [-s * r, s]];

/** sin(pi x) from n bumps with a slip: heights at the left ends, signs flipped, gentle steps, or bumps half as wide. */
const sineWith = (slip: "left" | "negative" | "gentle" | "half") => (n: number) => {
  const width = (slip === "half" ? 1 : 2) / n;
  const rows: number[][] = [];
  const out = [0];
  for (let k = 0; k < n; k++) {
    const l = -1 + k * width, r = l + width;
    const h = (slip === "negative" ? -1 : 1) * Math.sin(Math.PI * (slip === "left" ? l : (l + r) / 2));
    const s = slip === "gentle" ? 2 : 10 * n;
    rows.push([-s * l, s], [-s * r, s]);
    out.push(h, -h);
  }
  return [rows, [out]];
};

export const mistakes: MistakeCatalogue<Exercises> = {
  xorNetwork: [
    { diagnosis: "hidden unit 2 computes NAND, as in the notebook's network", implementation: () => [[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]] },
    { diagnosis: "the hidden units are in the wrong order", implementation: () => [[[-30, 20, 20], [-10, 20, 20]], [[-10, -20, 20]]] },
    { diagnosis: "an AND output over OR and AND gives AND again", implementation: () => [[[-10, 20, 20], [-30, 20, 20]], [[-30, 20, 20]]] },
    { diagnosis: "this network computes XNOR", implementation: () => [[[-10, 20, 20], [-30, 20, 20]], [[10, -20, 20]]] },
    { diagnosis: "Theta1 is transposed", implementation: () => [[[-10, -30], [20, 20], [20, 20]], [[-10, 20, -20]]] },
  ],
  polynomialFeatureCount: [
    { diagnosis: "only the monomials of exactly this degree were counted", implementation: (n, d) => monomials(n, d, d) },
    { diagnosis: "the constant term was counted", implementation: (n, d) => monomials(n, 1, d) + 1 },
    { diagnosis: "ordered products were counted", implementation: (n, d) => Array.from({ length: d }, (_, k) => n ** (k + 1)).reduce((a, b) => a + b, 0) },
    {
      diagnosis: "the powers of a single input (x1^2, x1^2 x2, ...) were left out",
      implementation: (n, d) => {
        let total = 0, c = 1;
        for (let k = 1; k <= d; k++) { c = (c * (n - k + 1)) / k; total += c; }
        return total;
      },
    },
    { diagnosis: "the n inputs themselves (degree 1) were left out", implementation: (n, d) => monomials(n, 2, d) },
  ],
  bumpNetwork: [
    { diagnosis: "the steps sit at x = +b / w", implementation: bump((l, r, s) => [[s * l, s], [s * r, s]], (h) => [0, h, -h]) },
    { diagnosis: "the bias is -left instead of -steepness * left", implementation: bump((l, r, s) => [[-l, s], [-r, s]], (h) => [0, h, -h]) },
    { diagnosis: "the two steps are added", implementation: bump(rightRows, (h) => [0, h, h]) },
    { diagnosis: "the bump is upside down", implementation: bump(rightRows, (h) => [0, -h, h]) },
    { diagnosis: "Theta1 is transposed", implementation: bump((l, r, s) => [[-s * l, -s * r], [s, s]], (h) => [0, h, -h]) },
  ],
  sineFromBumps: [
    { diagnosis: "each bump is as tall as f at its LEFT end", implementation: sineWith("left") },
    { diagnosis: "the heights have the wrong sign", implementation: sineWith("negative") },
    { diagnosis: "the peaks are flattened", implementation: sineWith("gentle") },
    { diagnosis: "part of [-1, 1] has no bump", implementation: sineWith("half") },
  ],
};

/**
 * The bug hunt of notebook 06: four backpropagations of a one-hidden-layer sigmoid network (Theta
 * layout, bias in column 0; regularized cross-entropy, lambda/(2m) on every column but the bias),
 * each with one bug from the mistakes students make most. Which bug, and where, is for the student
 * to find with per-layer gradient checks: the code below is written plainly on purpose.
 */

/** What a suspect computes: [D1, D2], each the shape of its Theta. */
export type ThetaGradients = (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => number[][][];

/** The kinds of bug a bug report may name. */
export const BUG_KINDS = [
  "hidden delta without g'(z)",
  "g'(a) instead of g'(z)",
  "bias column regularized",
  "1/m missing",
  "sign of delta flipped",
  "sigmoid derivative in the output delta",
  "= instead of += in the accumulation",
  "Theta not transposed",
] as const;

export type BugKind = (typeof BUG_KINDS)[number];

/** The suspects' names. */
export const SUSPECT_NAMES = ["A", "B", "C", "D"] as const;

export type SuspectName = (typeof SUSPECT_NAMES)[number];

const g = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const times = (theta: number[][], a: number[]): number[] => theta.map((row) => row.reduce((s, w, j) => s + w * a[j], 0));
const zerosLike = (theta: number[][]): number[][] => theta.map((row) => row.map(() => 0));

function suspectA(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  const [T1, T2] = thetas;
  const m = X.length;
  const Delta1 = zerosLike(T1), Delta2 = zerosLike(T2);
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const a2 = [1, ...times(T1, a1).map(g)];
    const a3 = times(T2, a2).map(g);
    const d3 = a3.map((a, k) => a - Y[s][k]);
    const d2 = a2.slice(1).map((_a, j) => d3.reduce((sum, d, k) => sum + d * T2[k][j + 1], 0));
    Delta1.forEach((row, i) => row.forEach((_v, j) => (row[j] += d2[i] * a1[j])));
    Delta2.forEach((row, i) => row.forEach((_v, j) => (row[j] += d3[i] * a2[j])));
  }
  const D1 = Delta1.map((row, i) => row.map((v, j) => v / m + (j > 0 ? (lambda / m) * T1[i][j] : 0)));
  const D2 = Delta2.map((row, i) => row.map((v, j) => v / m + (j > 0 ? (lambda / m) * T2[i][j] : 0)));
  return [D1, D2];
}

function suspectB(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  const m = X.length;
  const Delta = thetas.map(zerosLike);
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const a2 = [1, ...times(thetas[0], a1).map(g)];
    const a3 = times(thetas[1], a2).map(g);
    const d3 = a3.map((a, k) => a - Y[s][k]);
    const d2 = a2.slice(1).map((a, j) => d3.reduce((sum, d, k) => sum + d * thetas[1][k][j + 1], 0) * a * (1 - a));
    const deltas = [d2, d3], inputs = [a1, a2];
    Delta.forEach((D, l) => D.forEach((row, i) => row.forEach((_v, j) => (row[j] += deltas[l][i] * inputs[l][j]))));
  }
  return Delta.map((D, l) => D.map((row, i) => row.map((v, j) => v / m + (lambda / m) * thetas[l][i][j])));
}

function suspectC(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  const [T1, T2] = thetas;
  const m = X.length;
  const Delta1 = zerosLike(T1), Delta2 = zerosLike(T2);
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const a2 = [1, ...times(T1, a1).map(g)];
    const a3 = times(T2, a2).map(g);
    const d3 = a3.map((a, k) => a - Y[s][k]);
    const d2 = a2.slice(1).map((a, j) => d3.reduce((sum, d, k) => sum + d * T2[k][j + 1], 0) * a * (1 - a));
    Delta1.forEach((row, i) => row.forEach((_v, j) => (row[j] += d2[i] * a1[j])));
    Delta2.forEach((row, i) => row.forEach((_v, j) => (row[j] += d3[i] * a2[j])));
  }
  const D1 = Delta1.map((row, i) => row.map((v, j) => v / m + (j > 0 ? (lambda / m) * T1[i][j] : 0)));
  const D2 = Delta2.map((row, i) => row.map((v, j) => v + (j > 0 ? (lambda / m) * T2[i][j] : 0)));
  return [D1, D2];
}

function suspectD(thetas: number[][][], X: number[][], Y: number[][], lambda: number): number[][][] {
  const m = X.length;
  const Delta = thetas.map(zerosLike);
  for (let s = 0; s < m; s++) {
    const a1 = [1, ...X[s]];
    const a2 = [1, ...times(thetas[0], a1).map(g)];
    const a3 = times(thetas[1], a2).map(g);
    const d3 = a3.map((a, k) => (a - Y[s][k]) * a * (1 - a));
    const d2 = a2.slice(1).map((a, j) => d3.reduce((sum, d, k) => sum + d * thetas[1][k][j + 1], 0) * a * (1 - a));
    const deltas = [d2, d3], inputs = [a1, a2];
    Delta.forEach((D, l) => D.forEach((row, i) => row.forEach((_v, j) => (row[j] += deltas[l][i] * inputs[l][j]))));
  }
  return Delta.map((D, l) => D.map((row, i) => row.map((v, j) => v / m + (j > 0 ? (lambda / m) * thetas[l][i][j] : 0))));
}

/** The four suspects of the bug hunt, each with exactly one bug. */
export const backpropSuspects: { readonly [K in SuspectName]: ThetaGradients } = { A: suspectA, B: suspectB, C: suspectC, D: suspectD };

// Right answers as typed arrays: the classes as an Int32Array, the counts as Int32Array rows.

export function argmaxClasses(H: number[][]): Int32Array {
  return Int32Array.from(H, (row) => row.reduce((best, v, k) => (v > row[best] ? k : best), 0));
}

export function confusionCounts(actual: number[], predicted: number[], classes: number): Int32Array[] {
  const C = Array.from({ length: classes }, () => new Int32Array(classes));
  actual.forEach((a, i) => C[a][predicted[i]]++);
  return C;
}

// A slip outside the mistake catalogue: dividing by m K (every entry) instead of m. With K = 2
// outputs it equals "a factor 1/2 was added": that name may not be given on that coincidence.
export function meanSquaredError(H: number[][], Y: number[][]): number {
  let s = 0;
  for (let i = 0; i < H.length; i++) for (let k = 0; k < H[i].length; k++) s += (H[i][k] - Y[i][k]) ** 2;
  return s / (H.length * H[0].length);
}

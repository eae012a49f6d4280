/** Common mistakes in exercises/04-cost-functions.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/04-cost-functions";


const ce = (H: number[][], Y: number[][], thetas: number[][][], lambda: number, o: { bias?: boolean; mean?: boolean; scale?: number; neg?: boolean } = {}) => {
  let data = 0;
  H.forEach((r, i) => r.forEach((h, k) => {
    const y = Y[i][k];
    data -= y * Math.log(h) + (o.neg === false ? 0 : (1 - y) * Math.log(1 - h));
  }));
  let sq = 0;
  for (const t of thetas) for (const row of t) row.forEach((v, j) => { if (j > 0 || o.bias) sq += v * v; });
  return (o.mean === false ? data : data / H.length) + (o.scale ?? 0.5) * (lambda / H.length) * sq;
};

export const mistakes: MistakeCatalogue<Exercises> = {
  regularizedCrossEntropy: [
    { diagnosis: "the bias column (column 0 of each Theta) was regularized too", implementation: (H, Y, T, l) => ce(H, Y, T, l, { bias: true }) },
    { diagnosis: "the data term is a sum, not a mean", implementation: (H, Y, T, l) => ce(H, Y, T, l, { mean: false }) },
    { diagnosis: "the notes' L2 term is lambda/(2m)", implementation: (H, Y, T, l) => ce(H, Y, T, l, { scale: 1 }) },
    { diagnosis: "the (1 - y) log(1 - h) term is missing", implementation: (H, Y, T, l) => ce(H, Y, T, l, { neg: false }) },
    { diagnosis: "the sign is flipped", implementation: (H, Y, T, l) => -ce(H, Y, T, l) },
  ],
  meanSquaredError: [
    { diagnosis: "a factor 1/2 was added", implementation: (H, Y) => H.reduce((s, r, i) => s + r.reduce((t, h, k) => t + 0.5 * (h - Y[i][k]) ** 2, 0), 0) / H.length },
    { diagnosis: "the sum was not divided by m", implementation: (H, Y) => H.reduce((s, r, i) => s + r.reduce((t, h, k) => t + (h - Y[i][k]) ** 2, 0), 0) },
    { diagnosis: "the differences were not squared", implementation: (H, Y) => H.reduce((s, r, i) => s + r.reduce((t, h, k) => t + Math.abs(h - Y[i][k]), 0), 0) / H.length },
  ],
};

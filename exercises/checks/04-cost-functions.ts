/** Public checks of exercises/04-cost-functions.ts (the notebook's check cell and `npm run check -- 04`). */
import { defineExercises, expectClose, expectTrue } from "../../lib/exercise";

export type Exercises = {
  regularizedCrossEntropy: (H: number[][], Y: number[][], thetas: number[][][], lambda: number) => number;
  meanSquaredError: (H: number[][], Y: number[][]) => number;
};

type Slip = { biasToo?: boolean; noMean?: boolean; lambdaOverM?: boolean; noNegatives?: boolean; flipped?: boolean };

function crossEntropy(H: number[][], Y: number[][], thetas: number[][][], lambda: number, s: Slip = {}): number {
  const m = H.length;
  let data = 0;
  H.forEach((row, i) => row.forEach((h, k) => {
    const y = Y[i][k];
    data -= (y === 0 ? 0 : y * Math.log(h)) + (s.noNegatives || y === 1 ? 0 : (1 - y) * Math.log(1 - h));
  }));
  let squares = 0;
  for (const t of thetas) for (const r of t) r.forEach((v, j) => { if (j > 0 || s.biasToo) squares += v * v; });
  const total = (s.noMean ? data : data / m) + (s.lambdaOverM ? lambda / m : lambda / (2 * m)) * squares;
  return s.flipped ? -total : total;
}

const SLIPS: [string, Slip][] = [
  ["the bias column (column 0 of each Theta) was regularized too", { biasToo: true }],
  ["the data term is a sum, not a mean: divide by m", { noMean: true }],
  ["the penalty is lambda/m times the sum of squares; the notes' L2 term is lambda/(2m)", { lambdaOverM: true }],
  ["the (1 - y) log(1 - h) term is missing: wrong answers with y = 0 cost nothing", { noNegatives: true }],
  ["the sign is flipped: the cost is minus the sum of y log h + (1 - y) log(1 - h)", { flipped: true }],
];

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export const checks = defineExercises<Exercises>("04-cost-functions", {
  regularizedCrossEntropy: {
    forbidden: ["cost", "penalty", "loss", "dataLoss"],
    cases: (f) => {
      const example = (name: string, H: number[][], Y: number[][], thetas: number[][][], lambda: number) => ({
        name: `${name} gives ${Number(crossEntropy(H, Y, thetas, lambda).toPrecision(10))}`,
        run: () => expectClose(f(copy(H), copy(Y), copy(thetas), lambda), crossEntropy(H, Y, thetas, lambda), {
          mistakes: SLIPS.map(([n, s]) => ({ name: n, value: crossEntropy(H, Y, thetas, lambda, s) })),
        }),
      });
      const thetas = [[[0.5, 1, -2], [-1, 0.25, 0.75]], [[2, -1.5, 0.5]]];
      return [
        example("one example, h = 0.8, y = 1, no penalty: -log(0.8)", [[0.8]], [[1]], [[[0.3, 0.2]]], 0),
        example("three examples, two outputs, lambda = 0", [[0.9, 0.2], [0.3, 0.6], [0.5, 0.5]], [[1, 0], [0, 1], [1, 0]], thetas, 0),
        example("the same with lambda = 0.6 (a 2-2-1 network's Theta(1) and Theta(2))", [[0.9, 0.2], [0.3, 0.6], [0.5, 0.5]], [[1, 0], [0, 1], [1, 0]], thetas, 0.6),
        example("four examples, one output, lambda = 2", [[0.1], [0.7], [0.95], [0.4]], [[0], [1], [1], [0]], [[[3, -1, 4]]], 2),
        {
          name: "the arguments are left unchanged",
          run: () => {
            const H = [[0.9, 0.2]], Y = [[1, 0]], T = copy(thetas);
            f(H, Y, T, 1);
            expectTrue(JSON.stringify([H, Y, T]) === JSON.stringify([[[0.9, 0.2]], [[1, 0]], thetas]), "an argument was changed", "an input array was changed in place");
          },
        },
      ];
    },
  },
  meanSquaredError: {
    forbidden: ["cost", "loss", "dataLoss"],
    cases: (f) => {
      const mse = (H: number[][], Y: number[][], half = false, noMean = false, abs = false) => {
        let s = 0;
        H.forEach((r, i) => r.forEach((h, k) => (s += abs ? Math.abs(h - Y[i][k]) : (h - Y[i][k]) ** 2)));
        return (half ? 0.5 : 1) * (noMean ? s : s / H.length);
      };
      const example = (name: string, H: number[][], Y: number[][]) => ({
        name: `${name} gives ${Number(mse(H, Y).toPrecision(10))}`,
        run: () => expectClose(f(copy(H), copy(Y)), mse(H, Y), {
          mistakes: [
            { name: "a factor 1/2 was added: that is files 000/003/004's squared error; this exercise is file 001's MSE", value: mse(H, Y, true) },
            { name: "the sum was not divided by m (the number of examples)", value: mse(H, Y, false, true) },
            { name: "the differences were not squared", value: mse(H, Y, false, false, true) },
          ],
        }),
      });
      return [
        example("h = (2, 4), y = (1, 1): (1 + 9) / 2", [[2], [4]], [[1], [1]]),
        example("two outputs per example, three examples", [[0.5, 1], [2, -1], [0, 0.25]], [[1, 1], [1.5, 0], [-0.5, 0.5]]),
        example("a perfect fit costs 0", [[3, -2]], [[3, -2]]),
      ];
    },
  },
});

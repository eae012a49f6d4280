/** Public checks of exercises/02-xor.ts (the notebook's check cell and `npm run check -- 02`). */
import { sigmoid } from "../../lib";
import { defineExercises, fail, expectClose, expectTrue, expectValues } from "../../lib/exercise";

export type Exercises = {
  xorNetwork: () => number[][][];
  quadraticFeatureCount: (n: number) => number;
};

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

function isMatrix(m: unknown, rows: number, cols: number): m is number[][] {
  return Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols && r.every((v) => typeof v === "number" && Number.isFinite(v)));
}

/** The network's output on the four inputs, after checking the two matrices' shapes. */
function xorOutputs(thetas: unknown): number[] {
  if (!Array.isArray(thetas) || thetas.length !== 2) fail(`xorNetwork() must return [Theta1, Theta2], got ${JSON.stringify(thetas)}`);
  const [t1, t2] = thetas as unknown[];
  if (isMatrix(t1, 3, 2)) {
    fail("Theta1 is 3 x 2 but must be 2 x 3: one row [w0, w1, w2] per hidden unit (s2 x (s1 + 1))", "Theta1 is transposed (one row per hidden unit, bias in column 0)");
  }
  if (!isMatrix(t1, 2, 3)) fail(`Theta1 must be 2 x 3 (one row [w0, w1, w2] per hidden unit), got ${JSON.stringify(t1)}`);
  if (isMatrix(t2, 3, 1)) fail("Theta2 is 3 x 1 but must be 1 x 3: [[w0, w_a1, w_a2]]", "Theta2 is transposed");
  if (!isMatrix(t2, 1, 3)) fail(`Theta2 must be 1 x 3 ([[w0, w_a1, w_a2]]), got ${JSON.stringify(t2)}`);
  return INPUTS.map(([x1, x2]) => {
    const a = t1.map((r) => sigmoid(r[0] + r[1] * x1 + r[2] * x2));
    return sigmoid(t2[0][0] + t2[0][1] * a[0] + t2[0][2] * a[1]);
  });
}

export const checks = defineExercises<Exercises>("02-xor", {
  xorNetwork: {
    cases: (xorNetwork) => [
      {
        name: "the network's outputs on (0,0), (0,1), (1,0), (1,1) are within 0.01 of XOR's 0, 1, 1, 0",
        run: () =>
          expectValues(xorOutputs(xorNetwork()), [0, 1, 1, 0], {
            tolerance: 0.01,
            mistakes: [
              { name: "this network computes XNOR (the output is inverted)", value: [1, 0, 0, 1] },
              { name: "this network computes OR: the two hidden units must be combined with AND", value: [0, 1, 1, 1] },
              { name: "this network computes AND", value: [0, 0, 0, 1] },
              { name: "this network computes NAND", value: [1, 1, 1, 0] },
              ...[0, 1].map((c) => ({ name: "the output does not depend on the inputs: check the output unit (OR and NAND combine with AND)", value: [c, c, c, c] })),
            ],
          }),
      },
      {
        name: "the same network every call (no randomness), with weights large enough to saturate",
        run: () => {
          const a = JSON.stringify(xorNetwork()), b = JSON.stringify(xorNetwork());
          expectTrue(a === b, "xorNetwork() returned different weights on two calls");
        },
      },
    ],
  },
  quadraticFeatureCount: {
    forbidden: ["monomialCount"],
    cases: (count) => {
      const slips = (n: number) => [
        { name: "ordered pairs were counted: x1 x2 and x2 x1 are the same term", value: n * n },
        { name: "the squares x_i^2 were left out", value: (n * (n - 1)) / 2 },
        { name: "the n linear terms were added too: count only the quadratic terms", value: (n * (n + 1)) / 2 + n },
      ];
      return [2, 3, 100, 2500].map((n) => ({
        name: `n = ${n} features give ${(n * (n + 1)) / 2} quadratic terms${n === 100 ? " (the notes' 'about 5000')" : n === 2500 ? " (50 x 50 pixels)" : ""}`,
        run: () => expectClose(count(n), (n * (n + 1)) / 2, { mistakes: slips(n) }),
      }));
    },
  },
});

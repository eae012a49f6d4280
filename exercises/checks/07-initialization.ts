/** Public checks of exercises/07-initialization.ts (run by the notebook's check cell and `npm run check -- 07`). */
import { createRandom, type Random } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue } from "../../lib/exercise";

export type Exercises = {
  xavierLimit: (fanIn: number, fanOut: number) => number;
  xavierUniform: (fanIn: number, fanOut: number, rng: Random) => number[][];
};

const FORBIDDEN = ["initializer", "createNetwork"];

// The names of the typical slips, shared by both exercises so the report speaks one language.
const FAN_IN_ONLY = "only fanIn is used, sqrt(6 / fanIn) (a He/LeCun-style fan-in rule, not Xavier's average of fanIn and fanOut)";
const FAN_OUT_ONLY = "only fanOut is used, sqrt(6 / fanOut)";
const ONE_NOT_SIX = "sqrt(1 / (fanIn + fanOut)) instead of sqrt(6 / (fanIn + fanOut))";
const NO_ROOT = "the square root is missing (6 / (fanIn + fanOut) is r squared)";
const NORMAL_SD = "sqrt(2 / (fanIn + fanOut)) is the standard deviation of Xavier's normal version, not the uniform limit";
const TRANSPOSED = "the shape is transposed: W needs fanOut rows (one per unit) and fanIn columns (one per input)";
const POSITIVE_ONLY = "only positive weights: U[0, r] instead of U[-r, r]";
const UNSEEDED = "Math.random() (or another unseeded source) is used instead of the generator passed in";

/** What a limit formula gives: the value a slip produces, to name it. */
const limits = (fanIn: number, fanOut: number) => [
  { name: FAN_IN_ONLY, value: Math.sqrt(6 / fanIn) },
  { name: FAN_OUT_ONLY, value: Math.sqrt(6 / fanOut) },
  { name: ONE_NOT_SIX, value: Math.sqrt(1 / (fanIn + fanOut)) },
  { name: NO_ROOT, value: 6 / (fanIn + fanOut) },
  { name: NORMAL_SD, value: Math.sqrt(2 / (fanIn + fanOut)) },
];

/** A rows x cols array filled row by row with rng.uniform(low, high) from a fresh generator. */
function filled(rows: number, cols: number, seed: number, low: number, high: number): number[][] {
  const rng = createRandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(low, high)));
}

/** The entries of an array of rows, or null when the value is not one. */
function entries(value: unknown): number[] | null {
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) return null;
  return (value as ArrayLike<number>[]).flatMap((row) => Array.from(row));
}

function meanVariance(values: number[]): [number, number] {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return [mean, values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length];
}

export const checks = defineExercises<Exercises>("07-initialization", {
  xavierLimit: {
    forbidden: FORBIDDEN,
    cases: (xavierLimit) => [
      {
        name: "fanIn 100, fanOut 50: r = sqrt(6 / 150) = 0.2",
        run: () => expectClose(xavierLimit(100, 50), 0.2, { mistakes: limits(100, 50) }),
      },
      {
        name: "fanIn 2, fanOut 2 (a layer of the notes' 2-2-2 network): r = sqrt(6 / 4) = 1.2247",
        run: () => expectClose(xavierLimit(2, 2), Math.sqrt(1.5), { mistakes: limits(2, 2).filter((m) => m.name !== FAN_IN_ONLY && m.name !== FAN_OUT_ONLY) }),
      },
      {
        name: "fanIn 784, fanOut 100 (the first layer of a digits network): r = sqrt(6 / 884) = 0.08239",
        run: () => expectClose(xavierLimit(784, 100), Math.sqrt(6 / 884), { mistakes: limits(784, 100) }),
      },
    ],
  },
  xavierUniform: {
    forbidden: FORBIDDEN,
    cases: (xavierUniform) => {
      const r = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut));
      return [
        {
          name: "fanIn 3, fanOut 2: W has 2 rows (units) of 3 entries (inputs)",
          run: () => {
            const W = xavierUniform(3, 2, createRandom(1));
            expectTrue(Array.isArray(W), `expected an array of 2 rows, got ${typeof W}`);
            const shape = `${W.length} rows of ${Array.isArray(W[0]) ? W[0].length : "?"} entries`;
            const transposed = W.length === 3 && W.every((row) => Array.isArray(row) && row.length === 2);
            expectTrue(W.length === 2 && W.every((row) => Array.isArray(row) && row.length === 3), `expected 2 rows of 3 entries, got ${shape}`, transposed ? TRANSPOSED : null);
          },
        },
        {
          name: "fanIn 3, fanOut 2, createRandom(1): the entries are rng.uniform(-r, r) drawn row by row, r = sqrt(6/5)",
          run: () => {
            const R = r(3, 2);
            expectMatrix(xavierUniform(3, 2, createRandom(1)), filled(2, 3, 1, -R, R), {
              mistakes: [
                { name: TRANSPOSED, value: filled(3, 2, 1, -R, R) },
                { name: POSITIVE_ONLY, value: filled(2, 3, 1, 0, R) },
                ...limits(3, 2).map((m) => ({ name: m.name, value: filled(2, 3, 1, -m.value, m.value) })),
              ],
            });
          },
        },
        {
          name: "fanIn 200, fanOut 300 (60000 weights): every |w| < r = sqrt(6/500) = 0.1095",
          run: () => {
            const w = entries(xavierUniform(200, 300, createRandom(5)));
            expectTrue(w !== null && w.length === 60000, "expected 300 rows of 200 numbers");
            const largest = (w as number[]).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
            const mistake = limits(200, 300).find((m) => m.value > r(200, 300) && largest < m.value && largest > 0.98 * m.value);
            expectTrue(largest < r(200, 300), `the largest |w| is ${largest}, above the limit ${r(200, 300)}`, mistake ? mistake.name : null);
          },
        },
        {
          name: "fanIn 200, fanOut 300 (60000 weights): the sample mean is about 0",
          run: () => {
            const w = entries(xavierUniform(200, 300, createRandom(6)));
            expectTrue(w !== null && w.length > 0, "expected rows of numbers");
            expectClose(meanVariance(w as number[])[0], 0, { tolerance: 0.002, mistakes: [{ name: POSITIVE_ONLY, value: r(200, 300) / 2 }] });
          },
        },
        {
          name: "fanIn 200, fanOut 300 (60000 weights): the sample variance is about 2 / (fanIn + fanOut) = 0.004",
          run: () => {
            const w = entries(xavierUniform(200, 300, createRandom(7)));
            expectTrue(w !== null && w.length > 0, "expected rows of numbers");
            // U[-a, a] has variance a^2 / 3; U[0, a] has a^2 / 12. The sampling error here is about 0.4 %.
            expectClose(meanVariance(w as number[])[1], 0.004, {
              tolerance: 0.0002,
              mistakes: [
                ...limits(200, 300).map((m) => ({ name: m.name, value: (m.value * m.value) / 3 })),
                { name: POSITIVE_ONLY, value: 0.012 / 12 },
              ],
            });
          },
        },
        {
          name: "the same seed gives the same weights (two calls with createRandom(11))",
          run: () => {
            const a = JSON.stringify(xavierUniform(4, 3, createRandom(11)));
            const b = JSON.stringify(xavierUniform(4, 3, createRandom(11)));
            expectTrue(a === b, `two calls with createRandom(11) gave different weights:\n${a}\n${b}`, UNSEEDED);
          },
        },
      ];
    },
  },
});

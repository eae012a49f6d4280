/** Public checks of exercises/07-initialization.ts (run by the notebook's check cell and `npm run check -- 07`). */
import { createRandom, type Random } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue } from "../../lib/exercise";

export type Exercises = {
  xavierLimit: (fanIn: number, fanOut: number) => number;
  xavierUniform: (fanIn: number, fanOut: number, rng: Random) => number[][];
  predictedSpread: (n: number, weightVariance: number, layer: number, activation: "linear" | "relu") => number;
};

const FORBIDDEN = ["initializer", "createNetwork"];

// The names of the typical slips, shared by both Xavier exercises so the report speaks one language.
const FAN_IN_ONLY = "only fanIn is used, sqrt(6 / fanIn) (a fan-in rule like LeCun's or He's, not Xavier's harmonic mean of fanIn and fanOut)";
const FAN_OUT_ONLY = "only fanOut is used, sqrt(6 / fanOut)";
const STD_NOT_BOUND = "the standard deviation sqrt(2 / (fanIn + fanOut)) was returned: U[-r, r] has variance r^2 / 3, so its bound r is sqrt(3) times larger";
const DIVIDED_BY_3 = "r^2 / 3 = Var was solved as r = sqrt(Var / 3); it gives r = sqrt(3 Var)";
const WIDTH_R = "the variance of U[-r, r] was taken as r^2 / 12: the (b - a)^2 / 12 rule needs the width b - a = 2r, which gives r^2 / 3";
const NO_ROOT = "the square root is missing (3 Var(w) = 6 / (fanIn + fanOut) is r squared)";
const ARITHMETIC_MEAN = "the arithmetic mean of 1/fanIn and 1/fanOut was used as the variance; Xavier's 2 / (fanIn + fanOut) is their harmonic mean";
const TRANSPOSED = "the shape is transposed: W needs fanOut rows (one per unit) and fanIn columns (one per input)";
const POSITIVE_ONLY = "only positive weights: U[0, r] instead of U[-r, r]";
const UNSEEDED = "Math.random() (or another unseeded source) is used instead of the generator passed in";

/** What a limit formula gives: the value a slip produces, to name it. */
const limits = (fanIn: number, fanOut: number) => [
  { name: FAN_IN_ONLY, value: Math.sqrt(6 / fanIn) },
  { name: FAN_OUT_ONLY, value: Math.sqrt(6 / fanOut) },
  { name: STD_NOT_BOUND, value: Math.sqrt(2 / (fanIn + fanOut)) },
  { name: DIVIDED_BY_3, value: Math.sqrt(2 / (3 * (fanIn + fanOut))) },
  { name: WIDTH_R, value: Math.sqrt(24 / (fanIn + fanOut)) },
  { name: NO_ROOT, value: 6 / (fanIn + fanOut) },
  { name: ARITHMETIC_MEAN, value: Math.sqrt(1.5 * (1 / fanIn + 1 / fanOut)) },
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

// The slips of the spread prediction.
const RELU_AS_LINEAR = "the ReLU's halving is missing: a ReLU passes on only half of E[z^2] (the negative half of z becomes 0)";
const HALVES_INPUT = "the input was halved too: the inputs are N(0, 1) themselves (E[x^2] = 1), not the output of a ReLU";
const VARIANCE = "the variance was returned, not the standard deviation";
const LAYER_TOO_MANY = "one layer too many: z^(2), the first hidden layer's input, already has variance n Var(w)";
const LAYER_TOO_FEW = "one layer too few: z^(2) already has variance n Var(w), and every further layer multiplies it once more";
const VAR_FOR_SQUARE = "a ReLU's variance Var(a) was used where the rule needs its mean square E[a^2]: a ReLU's output is never negative, its mean is not 0";

/** The standard deviation of z^(layer) by the closed forms: (n v)^((l-1)/2), or sqrt(n v) (n v / 2)^((l-2)/2) for ReLU. */
function spread(n: number, v: number, layer: number, activation: "linear" | "relu"): number {
  return activation === "linear" ? (n * v) ** ((layer - 1) / 2) : Math.sqrt(n * v) * ((n * v) / 2) ** ((layer - 2) / 2);
}

/** What the slips give for the same question (a slip that gives another's value there is not named: lib/exercise/session). */
function spreadSlips(n: number, v: number, layer: number, activation: "linear" | "relu") {
  // Var(ReLU(z)) = E[z^2] (1/2 - 1/(2 pi)) for a zero-mean Gaussian z.
  const varFactor = 0.5 - 1 / (2 * Math.PI);
  const right = spread(n, v, layer, activation);
  return [
    { name: VARIANCE, value: right * right },
    { name: LAYER_TOO_MANY, value: spread(n, v, layer + 1, activation) },
    ...(layer > 2 ? [{ name: LAYER_TOO_FEW, value: spread(n, v, layer - 1, activation) }] : []),
    ...(activation === "relu"
      ? [
        { name: RELU_AS_LINEAR, value: spread(n, v, layer, "linear") },
        { name: HALVES_INPUT, value: ((n * v) / 2) ** ((layer - 1) / 2) },
        { name: VAR_FOR_SQUARE, value: Math.sqrt(n * v) * (n * v * varFactor) ** ((layer - 2) / 2) },
      ]
      : []),
  ];
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
        name: "fanIn 100, fanOut 50: Var(w) = 2/150, r = 0.2",
        run: () => expectClose(xavierLimit(100, 50), 0.2, { mistakes: limits(100, 50) }),
      },
      {
        name: "fanIn 2, fanOut 2 (a layer of the notes' 2-2-2 network): r = sqrt(1.5) = 1.2247",
        run: () => expectClose(xavierLimit(2, 2), Math.sqrt(1.5), { mistakes: limits(2, 2) }),
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
          name: "fanIn 3, fanOut 2, createRandom(1): the entries are rng.uniform(-r, r) drawn row by row, r = xavierLimit(3, 2)",
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
          name: "fanIn 200, fanOut 300 (60000 weights): every |w| < r = xavierLimit(200, 300) = 0.1095",
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
  predictedSpread: {
    forbidden: ["deepNetworkStatistics", "layerStatistics"],
    cases: (f) => {
      const example = (n: number, v: number, layer: number, activation: "linear" | "relu", what: string) => ({
        name: `${what}: n ${n}, Var(w) ${v}, ${activation}, z^(${layer}) has standard deviation ${spread(n, v, layer, activation).toPrecision(4)}`,
        run: () => expectClose(f(n, v, layer, activation), spread(n, v, layer, activation), { mistakes: spreadSlips(n, v, layer, activation) }),
      });
      return [
        example(100, 0.0001, 2, "linear", "the first hidden layer, N(0, 0.01^2) weights (file 004)"),
        example(100, 0.0001, 11, "linear", "ten layers deep, the same small weights: the signal vanishes"),
        example(100, 0.01, 7, "relu", "ReLU with Xavier's variance: it shrinks"),
        example(100, 0.02, 11, "relu", "ReLU with He's variance 2/n: it keeps"),
        example(64, 1 / 32, 2, "relu", "the first ReLU layer: its input is N(0, 1), not a ReLU output"),
        example(50, 0.05, 4, "linear", "n Var(w) = 2.5 per layer: the signal grows"),
      ];
    },
  },
});

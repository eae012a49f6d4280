/** Public checks of exercises/08-activations.ts (run by the notebook's check cell and `npm run check -- 08`). */
import { defineExercises, expectClose, expectTrue, expectValues } from "../../lib/exercise";

export type Exercises = {
  leakyRelu: (z: number, slope: number) => number;
  leakyReluPrime: (z: number, slope: number) => number;
  tanhPrime: (z: number) => number;
  stableSoftmax: (z: number[]) => number[];
};

const SLOPE_ON_POSITIVES = "the slope is applied to positive z instead of negative z (for z > 0 the leaky ReLU is z itself)";
const RELU = "negative z give 0: that is the plain ReLU; the leaky ReLU keeps slope * z";
const FIXED_SLOPE = "the slope argument is ignored (0.1 is hard-coded)";
// With a slope above 1, file 001's max form and "the slope on the wrong side" are the same function: one name for both.
const MAX_FORM = "slope * z for positive z (and z for negative z): the slope is applied to positive z; with a slope above 1, file 001's form max(slope * z, z) does exactly that (it is the leaky ReLU only for slopes up to 1)";
const MAX_FORM_PRIME = "the slope for positive z: the slope is applied to positive z; with a slope above 1, the derivative of file 001's form max(slope * z, z) does exactly that (for z > 0 the leaky ReLU is z, with slope 1)";
const RELU_PRIME = "negative z give 0: that is ReLU's derivative; the leaky ReLU's is the slope";
const VALUE_NOT_DERIVATIVE = "the function value leakyRelu(z) is returned instead of its derivative";
// At z = 0, "from the right" and "the slope on the wrong side" both give 1: one name for both.
const RIGHT_AT_ZERO = "1 at z = 0: the derivative at z = 0 is taken from the right, or the slope is applied to positive z instead of negative z; this course takes the left slope at the kink, as ReLU'(0) = 0 (file 002: 1 only if z > 0)";
const NO_SQUARE = "the square is missing: 1 - tanh(z) instead of 1 - tanh(z)^2";
const SIGMOID_FORMULA = "the sigmoid's derivative formula g (1 - g) is used for tanh";
const A_FOR_Z = "1 - z^2: the formula 1 - a^2 (with a = tanh(z)) applied to z itself, g'(a) instead of g'(z)";
const HALF = "half of tanh'(z): from tanh z = 2 sigma(2z) - 1 the chain rule gives two factors 2 (the outer 2 and the inner 2z), 4 sigma'(2z) in all";
const QUARTER = "sigma'(2z) without the factor 4: tanh z = 2 sigma(2z) - 1 gives tanh'(z) = 2 * sigma'(2z) * 2";
const TANH_OVERFLOW = "tanh computed from exponentials, (e^z - e^-z) / (e^z + e^-z), overflows to Infinity / Infinity = NaN for large z; use Math.tanh";
const UNSTABLE = "an unstable softmax overflowing: exp(1000) is Infinity and Infinity / Infinity is NaN; subtract the largest z before exponentiating";
const UNSTABLE_LOW = "an unstable softmax underflowing: exp(-1000) is 0 and 0 / 0 is NaN; subtract the largest z before exponentiating";
const NOT_NORMALIZED = "the exponentials are not divided by their sum, so the outputs do not sum to 1";
const NO_EXP = "the exponential is missing: z divided by the sum of z";

const softmaxOf = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
// softmax([1, 2, 3]) from e^0, e^1, e^2 over their sum 1 + e + e^2.
const S123 = [1, Math.E, Math.E ** 2].map((v) => v / (1 + Math.E + Math.E ** 2));

/** Fails with a named mistake when the output has NaN or Infinity (expectValues would not name it). */
function finite(values: unknown, mistake: string): void {
  const list = Array.isArray(values) ? (values as unknown[]) : [];
  const bad = list.find((v) => typeof v !== "number" || !Number.isFinite(v));
  expectTrue(bad === undefined, `expected finite probabilities, got [${list.join(", ")}]`, mistake);
}

export const checks = defineExercises<Exercises>("08-activations", {
  leakyRelu: {
    forbidden: ["leakyRelu", "activation"],
    cases: (f) => [
      { name: "z = 3, slope 0.1: positive z pass unchanged, 3", run: () => expectClose(f(3, 0.1), 3, { mistakes: [{ name: SLOPE_ON_POSITIVES, value: 0.3 }] }) },
      {
        name: "z = -2, slope 0.1: negative z are scaled by the slope, -0.2",
        run: () => expectClose(f(-2, 0.1), -0.2, { mistakes: [{ name: RELU, value: 0 }, { name: SLOPE_ON_POSITIVES, value: -2 }] }),
      },
      {
        name: "z = -2, slope 0.01: the slope is the argument, -0.02",
        run: () => expectClose(f(-2, 0.01), -0.02, { mistakes: [{ name: FIXED_SLOPE, value: -0.2 }, { name: RELU, value: 0 }, { name: SLOPE_ON_POSITIVES, value: -2 }] }),
      },
      { name: "z = 0, slope 0.1: 0", run: () => expectClose(f(0, 0.1), 0) },
      { name: "z = 0.5, slope 0.3: 0.5", run: () => expectClose(f(0.5, 0.3), 0.5, { mistakes: [{ name: SLOPE_ON_POSITIVES, value: 0.15 }] }) },
      { name: "z = 2, slope 1.5 (a slope above 1): positive z still pass unchanged, 2", run: () => expectClose(f(2, 1.5), 2, { mistakes: [{ name: MAX_FORM, value: 3 }] }) },
      { name: "z = -2, slope 1.5: -3", run: () => expectClose(f(-2, 1.5), -3, { mistakes: [{ name: MAX_FORM, value: -2 }, { name: FIXED_SLOPE, value: -0.2 }, { name: RELU, value: 0 }] }) },
    ],
  },
  leakyReluPrime: {
    forbidden: ["leakyReluPrime", "activation"],
    cases: (f) => [
      {
        name: "z = 2, slope 0.1: derivative 1 for positive z",
        run: () => expectClose(f(2, 0.1), 1, { mistakes: [{ name: SLOPE_ON_POSITIVES, value: 0.1 }, { name: VALUE_NOT_DERIVATIVE, value: 2 }] }),
      },
      {
        name: "z = -3, slope 0.1: derivative 0.1 (the slope) for negative z",
        run: () => expectClose(f(-3, 0.1), 0.1, {
          mistakes: [{ name: RELU_PRIME, value: 0 }, { name: VALUE_NOT_DERIVATIVE, value: -0.3 }, { name: SLOPE_ON_POSITIVES, value: 1 }],
        }),
      },
      {
        name: "z = -3, slope 0.2: the slope is the argument, 0.2",
        run: () => expectClose(f(-3, 0.2), 0.2, {
          mistakes: [{ name: FIXED_SLOPE, value: 0.1 }, { name: RELU_PRIME, value: 0 }, { name: SLOPE_ON_POSITIVES, value: 1 }, { name: VALUE_NOT_DERIVATIVE, value: -0.6 }],
        }),
      },
      {
        name: "z = 0, slope 0.1: at the kink this course takes the left slope, 0.1",
        run: () => expectClose(f(0, 0.1), 0.1, { mistakes: [{ name: RIGHT_AT_ZERO, value: 1 }, { name: RELU_PRIME, value: 0 }] }),
      },
      { name: "z = 1e-9, slope 0.1: just right of the kink, 1", run: () => expectClose(f(1e-9, 0.1), 1, { mistakes: [{ name: SLOPE_ON_POSITIVES, value: 0.1 }] }) },
      { name: "z = 2, slope 1.5 (a slope above 1): 1 for positive z", run: () => expectClose(f(2, 1.5), 1, { mistakes: [{ name: MAX_FORM_PRIME, value: 1.5 }, { name: VALUE_NOT_DERIVATIVE, value: 2 }] }) },
    ],
  },
  tanhPrime: {
    forbidden: ["tanhPrime", "activation"],
    cases: (f) => {
      const slips = (z: number) => {
        const t = Math.tanh(z);
        return [
          { name: NO_SQUARE, value: 1 - t },
          { name: SIGMOID_FORMULA, value: t * (1 - t) },
          { name: A_FOR_Z, value: 1 - z * z },
          { name: HALF, value: (1 - t * t) / 2 },
          { name: QUARTER, value: (1 - t * t) / 4 },
        ];
      };
      return [
        { name: "z = 0: the steepest point, tanh'(0) = 1", run: () => expectClose(f(0), 1, { mistakes: slips(0) }) },
        { name: "z = 0.5: 0.786448", run: () => expectClose(f(0.5), 1 - Math.tanh(0.5) ** 2, { mistakes: slips(0.5) }) },
        { name: "z = -2: the same as at z = 2, 0.070651", run: () => expectClose(f(-2), 1 - Math.tanh(2) ** 2, { mistakes: slips(-2) }) },
        { name: "z = 3: saturated, 0.009866", run: () => expectClose(f(3), 1 - Math.tanh(3) ** 2, { mistakes: slips(3) }) },
        {
          name: "z = 800: fully saturated, 0 (no NaN; e^800 overflows)",
          run: () => {
            const d = f(800);
            expectTrue(typeof d === "number" && Number.isFinite(d), `expected 0, got ${d}`, TANH_OVERFLOW);
            expectClose(d, 0, { mistakes: slips(800) });
          },
        },
      ];
    },
  },
  stableSoftmax: {
    forbidden: ["softmax", "activation"],
    cases: (f) => [
      {
        name: "z = [1, 2, 3]: [0.0900, 0.2447, 0.6652]",
        run: () => expectValues(f([1, 2, 3]), S123, {
          mistakes: [
            { name: NOT_NORMALIZED, value: [Math.exp(-2), Math.exp(-1), 1] },
            { name: NOT_NORMALIZED, value: [Math.E, Math.E ** 2, Math.E ** 3] },
            { name: NO_EXP, value: [1 / 6, 2 / 6, 3 / 6] },
          ],
        }),
      },
      {
        name: "large inputs z = [1000, 1001, 1002]: the same [0.0900, 0.2447, 0.6652], no NaN",
        run: () => {
          const s = f([1000, 1001, 1002]);
          finite(s, UNSTABLE);
          expectValues(s, S123, { mistakes: [{ name: NOT_NORMALIZED, value: [Math.exp(-2), Math.exp(-1), 1] }] });
        },
      },
      {
        name: "very negative inputs z = [-1000, -1001, -1002]: [0.6652, 0.2447, 0.0900], no NaN",
        run: () => {
          const s = f([-1000, -1001, -1002]);
          finite(s, UNSTABLE_LOW);
          expectValues(s, [...S123].reverse());
        },
      },
      {
        name: "z = [0.5, -1.2, 3.3, 0, 2]: probabilities that sum to 1",
        run: () => {
          const z = [0.5, -1.2, 3.3, 0, 2];
          const expected = softmaxOf(z);
          const s = f(z);
          finite(s, UNSTABLE);
          expectClose(Array.isArray(s) ? s.reduce((a, b) => a + b, 0) : NaN, 1, {
            mistakes: [{ name: NOT_NORMALIZED, value: z.map((v) => Math.exp(v - 3.3)).reduce((a, b) => a + b, 0) }],
          });
          expectValues(s, expected);
        },
      },
      {
        name: "z = [3, 1, 2] is left unchanged (the result is a new array)",
        run: () => {
          const z = [3, 1, 2];
          f(z);
          expectTrue(z[0] === 3 && z[1] === 1 && z[2] === 2, `z was changed to [${z.join(", ")}]`, "the input array is modified in place (e.g. z[i] -= max); work on a copy");
        },
      },
      { name: "one entry z = [5]: [1]", run: () => expectValues(f([5]), [1]) },
    ],
  },
});

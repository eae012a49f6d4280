/**
 * The catalogue of common mistakes in exercises/07-initialization.ts: each is a wrong implementation
 * and the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { Random } from "../../lib";
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/07-initialization";

/** The right fill with a wrong limit or range. */
const fill = (rows: number, cols: number, rng: Random, low: number, high: number) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(low, high)));

/** The right fill of U[-r, r] with r from a wrong limit formula. */
const withLimit = (limit: (fanIn: number, fanOut: number) => number) => (fanIn: number, fanOut: number, rng: Random) =>
  fill(fanOut, fanIn, rng, -limit(fanIn, fanOut), limit(fanIn, fanOut));

/** A spread prediction written as a loop over layers, with a wrong step. */
const spreadBy = (first: (nv: number) => number, next: (nv: number, variance: number, relu: boolean) => number, last: (variance: number) => number = Math.sqrt) =>
  (n: number, v: number, layer: number, activation: "linear" | "relu") => {
    let variance = first(n * v);
    for (let l = 3; l <= layer; l++) variance = next(n * v, variance, activation === "relu");
    return last(variance);
  };
const rightStep = (nv: number, variance: number, relu: boolean) => nv * (relu ? variance / 2 : variance);

export const mistakes: MistakeCatalogue<Exercises> = {
  xavierLimit: [
    { diagnosis: "only fanIn is used", implementation: (fanIn) => Math.sqrt(6 / fanIn) },
    { diagnosis: "only fanOut is used", implementation: (_fanIn, fanOut) => Math.sqrt(6 / fanOut) },
    { diagnosis: "the standard deviation sqrt(2 / (fanIn + fanOut)) was returned", implementation: (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)) },
    { diagnosis: "solved as r = sqrt(Var / 3)", implementation: (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut) / 3) },
    { diagnosis: "the width b - a = 2r", implementation: (fanIn, fanOut) => Math.sqrt(12 * (2 / (fanIn + fanOut))) },
    { diagnosis: "the square root is missing", implementation: (fanIn, fanOut) => 6 / (fanIn + fanOut) },
    { diagnosis: "the arithmetic mean of 1/fanIn and 1/fanOut", implementation: (fanIn, fanOut) => Math.sqrt(3 * ((1 / fanIn + 1 / fanOut) / 2)) },
  ],
  xavierUniform: [
    { diagnosis: "only fanIn is used", implementation: withLimit((fanIn) => Math.sqrt(6 / fanIn)) },
    { diagnosis: "the standard deviation sqrt(2 / (fanIn + fanOut)) was returned", implementation: withLimit((fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut))) },
    { diagnosis: "the shape is transposed", implementation: (fanIn, fanOut, rng) => fill(fanIn, fanOut, rng, -Math.sqrt(6 / (fanIn + fanOut)), Math.sqrt(6 / (fanIn + fanOut))) },
    { diagnosis: "only positive weights: U[0, r] instead of U[-r, r]", implementation: (fanIn, fanOut, rng) => fill(fanOut, fanIn, rng, 0, Math.sqrt(6 / (fanIn + fanOut))) },
    {
      diagnosis: "Math.random() (or another unseeded source) is used",
      implementation: (fanIn, fanOut) => {
        const r = Math.sqrt(6 / (fanIn + fanOut));
        return Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => (2 * Math.random() - 1) * r));
      },
    },
  ],
  predictedSpread: [
    { diagnosis: "the ReLU's halving is missing", implementation: spreadBy((nv) => nv, (nv, variance) => nv * variance) },
    { diagnosis: "the input was halved too", implementation: spreadBy((nv) => nv / 2, (nv, variance, relu) => (relu ? (nv * variance) / 2 : nv * variance)) },
    { diagnosis: "the variance was returned, not the standard deviation", implementation: spreadBy((nv) => nv, rightStep, (variance) => variance) },
    {
      diagnosis: "one layer too many",
      implementation: (n, v, layer, activation) => spreadBy((nv) => nv, rightStep)(n, v, layer + 1, activation),
    },
    {
      diagnosis: "one layer too few",
      implementation: (n, v, layer, activation) => spreadBy((nv) => nv, rightStep)(n, v, layer - 1, activation),
    },
    {
      diagnosis: "a ReLU's variance Var(a) was used where the rule needs its mean square E[a^2]",
      implementation: spreadBy((nv) => nv, (nv, variance, relu) => nv * (relu ? variance * (0.5 - 1 / (2 * Math.PI)) : variance)),
    },
  ],
};

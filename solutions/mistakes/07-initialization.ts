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

export const mistakes: MistakeCatalogue<Exercises> = {
  xavierLimit: [
    { diagnosis: "only fanIn is used", implementation: (fanIn) => Math.sqrt(6 / fanIn) },
    { diagnosis: "sqrt(1 / (fanIn + fanOut)) instead of sqrt(6 / (fanIn + fanOut))", implementation: (fanIn, fanOut) => Math.sqrt(1 / (fanIn + fanOut)) },
    { diagnosis: "the square root is missing", implementation: (fanIn, fanOut) => 6 / (fanIn + fanOut) },
    { diagnosis: "standard deviation of Xavier's normal version", implementation: (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)) },
  ],
  xavierUniform: [
    {
      diagnosis: "only fanIn is used",
      implementation: (fanIn, fanOut, rng) => fill(fanOut, fanIn, rng, -Math.sqrt(6 / fanIn), Math.sqrt(6 / fanIn)),
    },
    {
      diagnosis: "sqrt(1 / (fanIn + fanOut)) instead of sqrt(6 / (fanIn + fanOut))",
      implementation: (fanIn, fanOut, rng) => fill(fanOut, fanIn, rng, -Math.sqrt(1 / (fanIn + fanOut)), Math.sqrt(1 / (fanIn + fanOut))),
    },
    {
      diagnosis: "the shape is transposed",
      implementation: (fanIn, fanOut, rng) => fill(fanIn, fanOut, rng, -Math.sqrt(6 / (fanIn + fanOut)), Math.sqrt(6 / (fanIn + fanOut))),
    },
    {
      diagnosis: "only positive weights: U[0, r] instead of U[-r, r]",
      implementation: (fanIn, fanOut, rng) => fill(fanOut, fanIn, rng, 0, Math.sqrt(6 / (fanIn + fanOut))),
    },
    {
      diagnosis: "Math.random() (or another unseeded source) is used",
      implementation: (fanIn, fanOut) => {
        const r = Math.sqrt(6 / (fanIn + fanOut));
        return Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => (2 * Math.random() - 1) * r));
      },
    },
  ],
};

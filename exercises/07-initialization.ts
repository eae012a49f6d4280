// exercises/07-initialization.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 22229190fba4-9c6a6e2ba394]
import type { Random } from "../lib";

/**
 * Exercise 6.1 (notebooks/07-initialization.ipynb): the Xavier (Glorot) uniform limit.
 *
 * Xavier initialization draws every weight of a layer with fanIn inputs and fanOut units from
 * U[-r, r] with
 *
 *     r = sqrt(6 / (fanIn + fanOut))
 *
 * The variance of U[-r, r] is r^2 / 3 = 2 / (fanIn + fanOut): the average of 1/fanIn (keeps the
 * forward signal's variance) and 1/fanOut (keeps the backward gradient's variance).
 * Example: fanIn 100, fanOut 50 give r = sqrt(6 / 150) = 0.2.
 *
 * Write it yourself: the library's `initializer` (and `createNetwork`) may not be used.
 */
export function xavierLimit(fanIn: number, fanOut: number): number {
  throw new Error("not implemented yet: write xavierLimit in exercises/07-initialization.ts");
}

/**
 * Exercise 6.2: a Xavier-uniform weight matrix W for a layer with fanIn inputs and fanOut units.
 *
 * W has the library's layout (the notes' W^(l)): fanOut rows (one per unit of the layer) and fanIn
 * columns (one per input), so that z = W a + b. Fill it row by row, left to right, each entry
 * `rng.uniform(-r, r)` with r = xavierLimit(fanIn, fanOut): the same seed then gives the same
 * matrix on every machine. Use only the generator you are given (not Math.random).
 *
 * Example: xavierUniform(3, 2, createRandom(1)) is a 2 x 3 array, entries in [-1.095, 1.095].
 *
 * Hint: Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => ...)) fills rows in order.
 * The library's `initializer` and `createNetwork` may not be used.
 */
export function xavierUniform(fanIn: number, fanOut: number, rng: Random): number[][] {
  throw new Error("not implemented yet: write xavierUniform in exercises/07-initialization.ts");
}

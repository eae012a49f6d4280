// exercises/07-initialization.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub 3d6b704ff212-cd2c1b5fe7a2]
/**
 * Exercises of notebooks/07-initialization.ipynb: how wide the random starting weights should be.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 07` in a terminal). The library's `initializer` and `createNetwork` may not be
 * used in them.
 */
import type { Random } from "../lib";

/**
 * Exercise 1: the bound r of Xavier's uniform distribution U[-r, r].
 *
 * Glorot and Bengio want the weights of a layer with fanIn inputs and fanOut units to have the
 * variance
 *
 *     Var(w) = 2 / (fanIn + fanOut),
 *
 * the harmonic mean of 1/fanIn (which keeps the forward signal's variance) and 1/fanOut (which
 * keeps the backward error's). Return the r for which U[-r, r] has exactly this variance. Work out
 * the variance of U[-r, r] first: its density is 1/(2r) on [-r, r] and its mean is 0.
 *
 * Example: fanIn 100, fanOut 50 give r = 0.2.
 */
export function xavierLimit(fanIn: number, fanOut: number): number {
  throw new Error("not implemented yet: write xavierLimit in exercises/07-initialization.ts");
}

/**
 * Exercise 2: a Xavier-uniform weight matrix W for a layer with fanIn inputs and fanOut units.
 *
 * W has the library's layout (the notes' W^(l)): one row per unit of the layer and one column per
 * input, so that z = W a + b. Every entry is `rng.uniform(-r, r)` with r = xavierLimit(fanIn,
 * fanOut), drawn row by row, left to right: the same seed then gives the same matrix on every
 * machine. Use only the generator you are given (not Math.random).
 *
 * Example: xavierUniform(3, 2, createRandom(1)) has 2 rows of 3 entries, each in [-1.095, 1.095].
 */
export function xavierUniform(fanIn: number, fanOut: number, rng: Random): number[][] {
  throw new Error("not implemented yet: write xavierUniform in exercises/07-initialization.ts");
}

/**
 * Exercise 3 (predict, then run): the spread of the weighted inputs z^(l) deep in a network, before
 * you measure it.
 *
 * The network of the notebook's section 3: every layer has n units (the input too), biases 0,
 * weights drawn independently with mean 0 and variance `weightVariance`, and the inputs are
 * independent N(0, 1). Layer 1 is the input; z^(2) is the first hidden layer's weighted input.
 * Predict the standard deviation of z^(layer), for layer >= 2, with the rule
 * Var(z) = n Var(w) E[a^2] of the notebook (it needs E[a^2], the mean of the SQUARED activation of
 * the layer below, which for the input is 1) and this model of the activation:
 *
 * - "linear": a = z (tanh behaves so while its inputs stay small);
 * - "relu":   a = max(0, z), with z symmetric around 0 (a zero-mean Gaussian, say).
 *
 * Return the standard deviation (not the variance). The notebook then compares your prediction
 * with deepNetworkStatistics' measured zStd, layer by layer.
 */
export function predictedSpread(n: number, weightVariance: number, layer: number, activation: "linear" | "relu"): number {
  throw new Error("not implemented yet: write predictedSpread in exercises/07-initialization.ts");
}

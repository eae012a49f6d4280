// exercises/09-training.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub b6224cb33cec-b65045d421ad]
/**
 * Exercises of notebooks/09-training.ipynb: the update a training loop repeats, and when to stop it.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 09` in a terminal).
 */

/** One layer's parameters (or their gradients) in the W, b notation: W is units x inputs. */
export interface LayerParams {
  W: number[][];
  b: number[];
}

/**
 * Exercise 1: one gradient-descent step over every layer, with separate rates for weights and
 * biases (file 002's eta_l and eta_l0):
 *
 *     W := W - rates.weights * dW,    b := b - rates.biases * db
 *
 * `grads[l]` has the same shapes as `params[l]`. Return NEW parameters; leave the arguments
 * unchanged (training code keeps the old network, e.g. for early stopping).
 * Do NOT use the library's `gradientStep` or `sgd`.
 */
export function sgdStep(params: LayerParams[], grads: LayerParams[], rates: { weights: number; biases: number }): LayerParams[] {
  throw new Error("not implemented yet: write sgdStep in exercises/09-training.ts");
}

/**
 * Exercise 2: early stopping (file 002). Given the validation loss after each epoch (epoch 1
 * first), training stops at the first epoch where `patience` epochs in a row have passed without
 * the loss improving on the BEST loss so far by more than `minDelta`; the weights kept are those
 * of the best epoch. An epoch improves when loss < best - minDelta.
 *
 * Return { stop, best }: the epoch (1-based) at which training stops, or null when it never does
 * within these losses, and the best epoch up to the stop (or overall, when there is no stop).
 * Example: losses [5, 4, 4.5, 4.2, 4.1], patience 3, minDelta 0: best is epoch 2 (4.0); epochs
 * 3, 4, 5 do not beat it, so training stops at epoch 5.
 * Do NOT use the library's `train` for this.
 */
export function earlyStoppingEpoch(losses: number[], patience: number, minDelta: number): { stop: number | null; best: number } {
  throw new Error("not implemented yet: write earlyStoppingEpoch in exercises/09-training.ts");
}

// Realistic hand-in (cleo: updates the parameters in place).
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
  params.forEach((p, l) => {
    p.W.forEach((row, i) => row.forEach((w, j) => (row[j] = w - rates.weights * grads[l].W[i][j])));
    p.b.forEach((bi, i) => (p.b[i] = bi - rates.biases * grads[l].b[i]));
  });
  return params;
}

/** Exercise 2: the smallest rate of the grid for which descent on 1/2 sum c_i theta_i^2 diverges. */
export function firstDivergingRate(curvatures: number[], rates: number[]): number | null {
  let steepest = 0;
  for (const c of curvatures) if (c > steepest) steepest = c;
  let answer: number | null = null;
  for (const eta of [...rates].sort((a, b) => a - b)) {
    if (eta * steepest > 2) {
      answer = eta;
      break;
    }
  }
  return answer;
}

/**
 * Exercise 3: early stopping (file 002). Given the validation loss after each epoch (epoch 1
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
  let best = 0;
  let since = 0;
  for (let e = 0; e < losses.length; e++) {
    if (e === 0 || losses[e] < losses[best] - minDelta) {
      best = e;
      since = 0;
    } else if (++since >= patience) {
      return { stop: e + 1, best: best + 1 };
    }
  }
  return { stop: null, best: best + 1 };
}

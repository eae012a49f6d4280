/**
 * Exercises of notebooks/09-training.ipynb: the update a training loop repeats, which learning
 * rates make it blow up, and when to stop it.
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
  // BEGIN SOLUTION
  return params.map((p, l) => ({
    W: p.W.map((row, i) => row.map((w, j) => w - rates.weights * grads[l].W[i][j])),
    b: p.b.map((bi, i) => bi - rates.biases * grads[l].b[i]),
  }));
  // END SOLUTION
}

/**
 * Exercise 2 (predict, then run): which learning rate of a grid makes gradient descent diverge?
 *
 * Take the cost J(theta) = 1/2 sum_i c_i theta_i^2, a bowl whose curvature along axis i is
 * c_i >= 0 (near a minimum, any smooth cost looks like this, with the Hessian's eigenvalues as the
 * c_i). Gradient descent with rate eta starts from a point with every theta_i != 0. Work out what
 * one step does to each theta_i, then return the SMALLEST rate in `rates` (given in any order) for
 * which |theta| grows without bound (rates are > 0), or null when no rate of the grid diverges.
 *
 * Careful at the boundary: a rate at which some theta_i keeps its size forever while changing sign
 * neither converges nor diverges; it does not count as diverging here.
 * The notebook then runs gradient descent with every rate of the grid and compares.
 */
export function firstDivergingRate(curvatures: number[], rates: number[]): number | null {
  // BEGIN SOLUTION
  // One step: theta_i := theta_i - eta c_i theta_i = (1 - eta c_i) theta_i, so theta_i grows
  // when |1 - eta c_i| > 1, i.e. eta c_i > 2: the steepest axis (largest c) limits the rate.
  const steepest = Math.max(0, ...curvatures);
  const diverging = rates.filter((eta) => Math.abs(1 - eta * steepest) > 1);
  return diverging.length === 0 ? null : Math.min(...diverging);
  // END SOLUTION
}

/**
 * Exercise 3: early stopping. Given the validation loss after each epoch (epoch 1 first), training
 * stops at the first epoch where `patience` epochs in a row have passed without the loss improving
 * on the BEST loss so far by more than `minDelta`; the weights kept are those of the best epoch.
 * An epoch improves when loss < best - minDelta. (File 002 stops when performance on held-out data
 * stops improving; the notebook says why the held-out data here is a validation set, not the test set.)
 *
 * Return { stop, best }: the epoch (1-based) at which training stops, or null when it never does
 * within these losses, and the best epoch up to the stop (or overall, when there is no stop).
 * Example: losses [5, 4, 4.5, 4.2, 4.1], patience 3, minDelta 0: best is epoch 2 (4.0); epochs
 * 3, 4, 5 do not beat it, so training stops at epoch 5.
 * Do NOT use the library's `train` for this.
 */
export function earlyStoppingEpoch(losses: number[], patience: number, minDelta: number): { stop: number | null; best: number } {
  // BEGIN SOLUTION
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
  // END SOLUTION
}

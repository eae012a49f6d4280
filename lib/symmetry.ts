// The symmetry problem of files 000, 001 and 004: units that start with identical weights get
// identical gradients, so gradient descent never tells them apart.
import { CostOptions, checkBatch } from "./cost";
import { checkLearningRates } from "./descent";
import { InputError, requirePositiveInteger } from "./errors";
import { Matrix, MatrixLike, copy } from "./matrix";
import { Network } from "./network";
import { train } from "./train";

/**
 * The largest difference between the incoming weights (rows of W) of any two units of a layer.
 * 0 means every unit of the layer computes the same function of its inputs.
 */
export function unitSpread(W: Matrix): number {
  let spread = 0;
  for (let j = 0; j < W.cols; j++) {
    let low = Infinity, high = -Infinity;
    for (let i = 0; i < W.rows; i++) {
      const w = W.data[i * W.cols + j];
      low = Math.min(low, w);
      high = Math.max(high, w);
    }
    spread = Math.max(spread, high - low);
  }
  return spread;
}

export interface WeightHistoryOptions extends CostOptions {
  /** Full-batch gradient-descent steps to take. */
  readonly steps: number;
  readonly learningRate: number;
  /** Which weight matrix to record: 0 for W^(1) (into the first hidden layer, the default). */
  readonly layer?: number;
}

/**
 * Trains by full-batch gradient descent and returns W^(layer+1) before the first step and after
 * every step: steps + 1 matrices, for charts of how each unit's weights move.
 */
export function weightHistory(net: Network, X: MatrixLike, Y: MatrixLike, options: WeightHistoryOptions): Matrix[] {
  const where = "weightHistory";
  if (typeof options !== "object" || options === null) throw new InputError(`${where}: options must be an object like { loss, learningRate, steps }`);
  // Checked here so that errors name this function rather than the train() it calls.
  checkBatch(where, net, X, Y, options);
  checkLearningRates(where, options.learningRate);
  requirePositiveInteger(where, "steps", options.steps);
  const layer = options.layer ?? 0;
  if (!Number.isInteger(layer) || layer < 0 || layer >= net.layers.length) {
    throw new InputError(`${where}: layer must be an integer from 0 to ${net.layers.length - 1} (the network has ${net.layers.length} weight layers), got ${layer}`);
  }
  const history = [copy(net.layers[layer].W)];
  train(net, X, Y, {
    loss: options.loss,
    regularization: options.regularization,
    learningRate: options.learningRate,
    epochs: options.steps,
    seed: 0, // full batch: nothing is shuffled
    onEpoch: (_record, current) => {
      history.push(copy(current.layers[layer].W));
    },
  });
  return history;
}

// What the signal looks like layer by layer: the spread of the activations on the way forward
// (notebook 07: vanishing and exploding activations per initialization) and the size of the
// weight gradients on the way back (notebook 08: vanishing gradients per activation).
import { backpropUnchecked } from "./backprop";
import { CostOptions, checkBatch } from "./cost";
import { InputError, requirePositiveInteger } from "./errors";
import { checkInputs, checkNetwork, forwardUnchecked } from "./forward";
import { ActivationSpec } from "./activations";
import { InitSpec } from "./init";
import { Matrix, MatrixLike, matrix } from "./matrix";
import { Network, createNetwork } from "./network";
import { createRandom } from "./random";

/** Mean and standard deviation of every activation of one layer over a batch. */
export interface LayerStatistics {
  /** The layer in the notes' numbering: 2 for the first hidden layer (layer 1 is the input). */
  readonly layer: number;
  readonly mean: number;
  /** The population standard deviation (divided by the count, not count - 1) over all units and examples. */
  readonly std: number;
  /** The standard deviation of the weighted inputs z^(l): far above 1, a sigmoid or tanh layer saturates. */
  readonly zStd: number;
}

function meanStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  const mean = sum / values.length;
  let squares = 0;
  for (let k = 0; k < values.length; k++) squares += (values[k] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

/** The mean and spread of the activations a^(l) (and of z^(l)) of every layer after the input, for the batch X. */
export function layerStatistics(net: Network, X: MatrixLike): LayerStatistics[] {
  checkNetwork("layerStatistics", net);
  const trace = forwardUnchecked(net, checkInputs("layerStatistics", net, X));
  return trace.a.slice(1).map((a, k) => ({ layer: k + 2, ...meanStd(a.data), zStd: meanStd(trace.z[k].data).std }));
}

/** A batch of `rows` examples with `cols` inputs, each entry drawn from N(0, 1): inputs with unit variance. */
export function standardNormalBatch(rows: number, cols: number, seed: number): Matrix {
  requirePositiveInteger("standardNormalBatch", "rows", rows);
  requirePositiveInteger("standardNormalBatch", "cols", cols);
  const rng = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = rng.normal();
  return matrix(rows, cols, data);
}

export interface DeepNetworkOptions {
  /** Weight layers, e.g. 10. */
  readonly depth: number;
  /** Units in every layer, the input included. */
  readonly width: number;
  /** The activation of every layer (the last one included: all layers are alike here). */
  readonly activation: ActivationSpec;
  /** How the weights are drawn; biases start at zero. */
  readonly weights: InitSpec;
  /** Examples in the N(0, 1) input batch. */
  readonly examples: number;
  readonly seed: number;
}

/**
 * Builds a deep, equally wide network and returns the statistics of its activations on a batch of
 * N(0, 1) inputs: the experiment behind "keep the mean at 0 and the variance equal across layers".
 */
export function deepNetworkStatistics(options: DeepNetworkOptions): LayerStatistics[] {
  const where = "deepNetworkStatistics";
  if (typeof options !== "object" || options === null) throw new InputError(`${where}: options must be an object`);
  requirePositiveInteger(where, "depth", options.depth);
  requirePositiveInteger(where, "width", options.width);
  requirePositiveInteger(where, "examples", options.examples);
  let net: Network;
  try {
    net = createNetwork({
      sizes: new Array<number>(options.depth + 1).fill(options.width),
      hidden: options.activation,
      output: options.activation,
      weights: options.weights,
      seed: options.seed,
    });
  } catch (e) {
    // Bad activation, initializer or seed: the same message, naming this function.
    if (e instanceof InputError) throw new InputError(e.message.replace(/^createNetwork/, where));
    throw e;
  }
  // The inputs get their own stream, so they are the same for every initializer compared.
  return layerStatistics(net, standardNormalBatch(options.examples, options.width, options.seed + 1));
}

/**
 * The size of the cost's gradient for each layer's weights, ||dJ/dW^(l)|| (Frobenius norm: the
 * square root of the sum of squares), first layer first. Small norms in the first layers are the
 * vanishing-gradient problem: those weights barely move.
 */
export function gradientNorms(net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): number[] {
  const batch = checkBatch("gradientNorms", net, X, Y, options);
  return backpropUnchecked(net, batch.X, batch.Y, options).gradients.W.map((g) => {
    let squares = 0;
    for (let k = 0; k < g.data.length; k++) squares += g.data[k] * g.data[k];
    return Math.sqrt(squares);
  });
}

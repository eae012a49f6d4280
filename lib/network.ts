import { Activation, ActivationSpec, activation } from "./activations";
import { InputError, check, describe, plural, requireOptions, requirePositiveInteger, requireSeed } from "./errors";
import { InitSpec, initializer } from "./init";
import { Matrix, MatrixLike, Vector, VectorLike, matrix, shapeOf, toMatrix, toVector } from "./matrix";
import { createRandom } from "./random";

/**
 * One layer of weights in the W, b notation (files 002-004): W[i][j] is the weight from unit j of
 * the layer below to unit i of this layer, b[i] the bias of unit i, so z = W a + b for one example.
 * A maxout layer with k pieces has k rows of W (and k biases) per unit.
 */
export interface Layer {
  readonly W: Matrix;
  readonly b: Vector;
  readonly activation: Activation;
}

/**
 * A fully connected network. sizes lists the units per layer, input first: [s_1, ..., s_L].
 * layers[k] holds W^(k+1), b^(k+1), which map layer k+1 to layer k+2 in the notes' numbering.
 */
export interface Network {
  readonly sizes: readonly number[];
  readonly layers: readonly Layer[];
}

/** The activations of a network: one for every hidden layer (or one for all) and one for the output. */
export interface ActivationOptions {
  /** Hidden-layer activation(s); default "sigmoid", the notes' g. */
  readonly hidden?: ActivationSpec | readonly ActivationSpec[];
  /** Output activation; default "sigmoid". */
  readonly output?: ActivationSpec;
}

export interface NetworkOptions extends ActivationOptions {
  /** Units per layer, input first, e.g. [2, 2, 1] for the XOR network. */
  readonly sizes: readonly number[];
  /** Weight initializer; default "xavierUniform". */
  readonly weights?: InitSpec;
  /** Bias initializer; default "zeros" (file 002). */
  readonly biases?: InitSpec;
  /** Seed of every random choice made while initializing. */
  readonly seed: number;
}

/** Parameters without activations, in the W, b notation: what training updates. */
export interface Parameters {
  readonly W: Matrix;
  readonly b: Vector;
}

function layerActivations(where: string, count: number, options: ActivationOptions): Activation[] {
  const hidden = options.hidden ?? "sigmoid";
  const output = options.output ?? "sigmoid";
  const hiddenCount = count - 1;
  let specs: ActivationSpec[];
  if (Array.isArray(hidden)) {
    if (hidden.length !== hiddenCount) {
      throw new InputError(`${where}: hidden lists ${plural(hidden.length, "activation")} but the network has ${plural(hiddenCount, "hidden layer")}`);
    }
    specs = [...(hidden as readonly ActivationSpec[]), output];
  } else {
    specs = [...new Array<ActivationSpec>(hiddenCount).fill(hidden as ActivationSpec), output];
  }
  return specs.map((spec, k) => {
    try {
      return activation(spec);
    } catch (e) {
      const which = k === hiddenCount ? "output" : `hidden layer ${k + 1}`;
      throw new InputError(`${where}: ${which}: ${(e as Error).message}`);
    }
  });
}

function checkSizes(where: string, sizes: unknown): asserts sizes is readonly number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new InputError(`${where}: sizes must list at least an input and an output layer, e.g. [2, 2, 1]; got ${describe(sizes)}`);
  }
  sizes.forEach((s, k) => requirePositiveInteger(where, `sizes[${k}]`, s));
}

/** A network with freshly initialized weights; the same options and seed give the same weights. */
export function createNetwork(options: NetworkOptions): Network {
  const where = "createNetwork";
  requireOptions(where, options, '{ sizes: [2, 2, 1], seed: 1 }');
  checkSizes(where, options.sizes);
  requireSeed(where, options.seed);
  const sizes = [...options.sizes];
  const acts = layerActivations(where, sizes.length - 1, options);
  const rng = createRandom(options.seed);
  const initW = initializer(`${where}: weights`, options.weights ?? "xavierUniform");
  const initB = initializer(`${where}: biases`, options.biases ?? "zeros");
  const layers = acts.map((act, k): Layer => {
    const fanIn = sizes[k], units = sizes[k + 1], rows = units * act.pieces;
    return {
      W: matrix(rows, fanIn, initW(rows * fanIn, fanIn, units, rng)),
      b: initB(rows, fanIn, units, rng),
      activation: act,
    };
  });
  return { sizes, layers };
}

/**
 * A network from weights set by hand in the W, b notation, e.g. the notes' AND neuron:
 * networkFromWeights([{ W: [[20, 20]], b: [-30] }], { output: "sigmoid" }).
 */
export function networkFromWeights(
  params: readonly { readonly W: MatrixLike; readonly b: VectorLike }[],
  options: ActivationOptions = {},
): Network {
  const where = "networkFromWeights";
  if (!Array.isArray(params) || params.length === 0) {
    throw new InputError(`${where}: give at least one layer as { W, b }, got ${describe(params)}`);
  }
  const acts = layerActivations(where, params.length, options);
  const layers: Layer[] = [];
  const sizes: number[] = [];
  params.forEach((p, k) => {
    const W = toMatrix(where, `layer ${k + 1} W`, p.W);
    const b = toVector(where, `layer ${k + 1} b`, p.b);
    const act = acts[k];
    if (W.rows === 0 || W.cols === 0) throw new InputError(`${where}: layer ${k + 1} W is ${shapeOf(W)}; it needs at least one row and one column`);
    if (b.length !== W.rows) {
      throw new InputError(`${where}: layer ${k + 1} b has ${b.length} entries but W is ${shapeOf(W)}; b needs one entry per row of W`);
    }
    if (W.rows % act.pieces !== 0) {
      throw new InputError(`${where}: layer ${k + 1} is ${act.label}, so W needs a multiple of ${act.pieces} rows, got ${shapeOf(W)}`);
    }
    if (k === 0) sizes.push(W.cols);
    else if (W.cols !== sizes[k]) {
      throw new InputError(
        `${where}: layer ${k + 1} W is ${shapeOf(W)} but layer ${k} has ${plural(sizes[k], "unit")}; W needs ${plural(sizes[k], "column")}`,
      );
    }
    sizes.push(W.rows / act.pieces);
    layers.push({ W: matrix(W.rows, W.cols, Float64Array.from(W.data)), b: Float64Array.from(b), activation: act });
  });
  return { sizes, layers };
}

/**
 * Splits Theta^(l) = [b | W] (s_{l+1} x (s_l + 1), bias in column 0, files 000-001) into W and b.
 * The values are copied exactly, so thetaToWeights and weightsToTheta are inverse to each other.
 */
export function thetaToWeights(theta: MatrixLike): Parameters {
  const T = toMatrix("thetaToWeights", "Theta", theta);
  if (T.cols < 2 || T.rows < 1) {
    throw new InputError(`thetaToWeights: Theta is ${shapeOf(T)}; it needs a bias column and at least one weight column`);
  }
  const W = new Float64Array(T.rows * (T.cols - 1));
  const b = new Float64Array(T.rows);
  for (let i = 0; i < T.rows; i++) {
    b[i] = T.data[i * T.cols];
    for (let j = 1; j < T.cols; j++) W[i * (T.cols - 1) + j - 1] = T.data[i * T.cols + j];
  }
  return { W: matrix(T.rows, T.cols - 1, W), b };
}

/** Joins W and b into Theta = [b | W], the bias in column 0. */
export function weightsToTheta(W: Matrix, b: Vector): Matrix {
  check(b.length === W.rows, () => `weightsToTheta: b has ${b.length} entries but W is ${shapeOf(W)}`);
  const cols = W.cols + 1;
  const T = new Float64Array(W.rows * cols);
  for (let i = 0; i < W.rows; i++) {
    T[i * cols] = b[i];
    for (let j = 0; j < W.cols; j++) T[i * cols + j + 1] = W.data[i * W.cols + j];
  }
  return matrix(W.rows, cols, T);
}

/**
 * A network from Theta matrices set by hand (files 000-001), e.g. the notes' XOR network:
 * networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]).
 */
export function networkFromThetas(thetas: readonly MatrixLike[], options: ActivationOptions = {}): Network {
  if (!Array.isArray(thetas) || thetas.length === 0) {
    throw new InputError(`networkFromThetas: give at least one Theta matrix, got ${describe(thetas)}`);
  }
  const params = thetas.map((t, k) => {
    try {
      return thetaToWeights(t);
    } catch (e) {
      throw new InputError(`networkFromThetas: Theta^(${k + 1}): ${(e as Error).message.replace(/^thetaToWeights: /, "")}`);
    }
  });
  try {
    return networkFromWeights(params, options);
  } catch (e) {
    throw new InputError((e as Error).message.replace(/^networkFromWeights/, "networkFromThetas"));
  }
}

/** The Theta matrices of a network, one per layer. */
export function toThetas(net: Network): Matrix[] {
  requireNetwork("toThetas", net);
  return net.layers.map((l) => weightsToTheta(l.W, l.b));
}

/** Checks the shape of a Network value (a plain object with layers), so misuse gets a message, not a TypeError. */
export function requireNetwork(where: string, net: unknown): asserts net is Network {
  const n = net as Partial<Network> | null;
  if (typeof net !== "object" || n === null || !Array.isArray(n.layers) || !Array.isArray(n.sizes)) {
    throw new InputError(`${where}: net must be a Network (from createNetwork, networkFromWeights or networkFromThetas), got ${describe(net)}`);
  }
}

/** The parameters of a network (copies), layer by layer. */
export function parametersOf(net: Network): Parameters[] {
  requireNetwork("parametersOf", net);
  return net.layers.map((l) => ({ W: matrix(l.W.rows, l.W.cols, Float64Array.from(l.W.data)), b: Float64Array.from(l.b) }));
}

/** The same network with new parameters of the same shapes (what a training step produces). */
export function withParameters(net: Network, params: readonly Parameters[]): Network {
  if (params.length !== net.layers.length) {
    throw new InputError(`withParameters: the network has ${net.layers.length} layers but ${params.length} were given`);
  }
  const layers = net.layers.map((l, k): Layer => {
    const p = params[k];
    if (p.W.rows !== l.W.rows || p.W.cols !== l.W.cols || p.b.length !== l.b.length) {
      throw new InputError(
        `withParameters: layer ${k + 1} needs W ${shapeOf(l.W)} and b of ${l.b.length}, got W ${shapeOf(p.W)} and b of ${p.b.length}`,
      );
    }
    return { W: p.W, b: p.b, activation: l.activation };
  });
  return { sizes: net.sizes, layers };
}

/** The number of weights and biases. */
export function parameterCount(net: Network): number {
  return net.layers.reduce((n, l) => n + l.W.data.length + l.b.length, 0);
}

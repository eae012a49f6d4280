import { InputError } from "./errors";
import { affine } from "./kernels";
import { Matrix, MatrixLike, isMatrix, requireFiniteMatrix, rowArgmax, shapeOf, toMatrix } from "./matrix";
import { Network, requireNetwork } from "./network";

/**
 * Everything forward propagation computed, for students to inspect.
 * With L layers (input included) and the notes' numbering:
 * - a[k] is a^(k+1): a[0] is the input batch x, a[L-1] the output h(x);
 * - z[k] is z^(k+2), the weighted input of the layer whose activation is a[k+1].
 * Every matrix holds one example per row.
 */
export interface ForwardTrace {
  readonly a: readonly Matrix[];
  readonly z: readonly Matrix[];
}

function unitAt(where: string, trace: ForwardTrace, list: "a" | "z", j: number, i: number, example: number): number {
  const first = list === "a" ? 1 : 2;
  const last = trace.a.length;
  const symbol = list === "a" ? "a" : "z";
  if (!Number.isInteger(j) || j < first || j > last) {
    throw new InputError(`${where}: layer j = ${j} does not exist; ${symbol}^(j) runs from j = ${first} ${list === "a" ? "(the input)" : "(the first layer with weights)"} to j = ${last} (the output)`);
  }
  const m = list === "a" ? trace.a[j - 1] : trace.z[j - 2];
  if (!Number.isInteger(i) || i < 0 || i > m.cols) throw new InputError(`${where}: unit i = ${i} does not exist in layer ${j}; it has units 1..${m.cols}`);
  if (!Number.isInteger(example) || example < 0 || example >= m.rows) throw new InputError(`${where}: example ${example} does not exist; the batch has examples 0..${m.rows - 1}`);
  if (i === 0) {
    if (list === "a" && j < last) return 1; // the bias unit a_0^(j) = 1
    throw new InputError(`${where}: unit 0 is the bias unit, which layer ${j} ${list === "a" ? "(the output) does not have" : "has no weighted input for"}; units run 1..${m.cols}`);
  }
  return m.data[example * m.cols + i - 1];
}

/**
 * a_i^(j) in the notes' numbering: unit i (1-based; i = 0 is the bias unit, always 1) of layer
 * j (1 = the input layer), for one example of the batch (0-based row, default the first).
 */
export function unitActivation(trace: ForwardTrace, j: number, i: number, example = 0): number {
  return unitAt("unitActivation", trace, "a", j, i, example);
}

/** z_i^(j) in the notes' numbering: the weighted input of unit i (1-based) of layer j (2 = the first layer with weights). */
export function unitInput(trace: ForwardTrace, j: number, i: number, example = 0): number {
  return unitAt("unitInput", trace, "z", j, i, example);
}

/**
 * The trace of ONE example from per-layer lists, e.g. what the exercise forwardTheta returns
 * (a = [a^(1), ..., a^(L)]) and, optionally, z = [z^(2), ..., z^(L)]: then unitActivation and
 * unitInput read a hand-made pass with the notes' indices, as they read forward's.
 */
export function exampleTrace(a: readonly (readonly number[])[], z: readonly (readonly number[])[] = []): ForwardTrace {
  if (!Array.isArray(a) || a.length === 0) throw new InputError("exampleTrace: a must list each layer's activations, [a^(1), ..., a^(L)]");
  if (z.length !== 0 && z.length !== a.length - 1) {
    throw new InputError(`exampleTrace: z must list z^(2), ..., z^(${a.length}) (${a.length - 1} layers) or be left out, got ${z.length}`);
  }
  z.forEach((layer, k) => {
    if (layer.length !== a[k + 1].length) throw new InputError(`exampleTrace: z^(${k + 2}) has ${layer.length} units but a^(${k + 2}) has ${a[k + 1].length}`);
  });
  const asRow = (where: string, layer: readonly number[]) => toMatrix("exampleTrace", where, [layer]);
  return { a: a.map((layer, k) => asRow(`a^(${k + 1})`, layer)), z: z.map((layer, k) => asRow(`z^(${k + 2})`, layer)) };
}

/**
 * Theta^(j)_ki in the notes' numbering: the weight from unit i of layer j (i = 0 is the bias unit,
 * column 0) to unit k of layer j + 1 (1-based), read from the Theta matrix of that layer.
 */
export function thetaWeight(theta: Matrix, k: number, i: number): number {
  if (!isMatrix(theta)) throw new InputError(`thetaWeight: theta must be a Theta matrix (from toThetas), got ${typeof theta}`);
  if (!Number.isInteger(k) || k < 1 || k > theta.rows) {
    throw new InputError(`thetaWeight: unit k = ${k} of the layer above does not exist; Theta is ${shapeOf(theta)}, so k runs 1..${theta.rows}`);
  }
  if (!Number.isInteger(i) || i < 0 || i >= theta.cols) {
    throw new InputError(`thetaWeight: unit i = ${i} of the layer below does not exist; Theta is ${shapeOf(theta)}, so i runs 0 (the bias unit)..${theta.cols - 1}`);
  }
  return theta.data[(k - 1) * theta.cols + i];
}

/** Checks a network's structure and that every weight and bias is finite. */
export function checkNetwork(where: string, net: Network): void {
  requireNetwork(where, net);
  net.layers.forEach((l, k) => {
    if (!isMatrix(l.W) || !(l.b instanceof Float64Array)) throw new InputError(`${where}: layer ${k + 1} has no W matrix and b vector`);
    requireFiniteMatrix(where, `layer ${k + 1} W`, l.W);
    for (let i = 0; i < l.b.length; i++) {
      if (!Number.isFinite(l.b[i])) throw new InputError(`${where}: layer ${k + 1} b[${i}] is ${l.b[i]}; weights must be finite`);
    }
  });
}

/** Converts and checks an input batch: a non-empty matrix with one column per input unit. */
export function checkInputs(where: string, net: Network, X: MatrixLike): Matrix {
  const M = toMatrix(where, "X", X);
  if (M.rows === 0) throw new InputError(`${where}: X is an empty batch (0 rows); give at least one example`);
  if (M.cols !== net.sizes[0]) {
    throw new InputError(`${where}: X is ${shapeOf(M)} but the network has ${net.sizes[0]} inputs; X needs one column per input (${net.sizes[0]})`);
  }
  return M;
}

/** Forward propagation without checks, for loops that checked their data once (training, gradient checks). */
export function forwardUnchecked(net: Network, X: Matrix): ForwardTrace {
  const a: Matrix[] = [X];
  const z: Matrix[] = [];
  for (const layer of net.layers) {
    const Z = affine(a[a.length - 1], layer.W, layer.b);
    z.push(Z);
    a.push(layer.activation.forward(Z));
  }
  return { a, z };
}

/**
 * Throws when a weighted input overflowed (|z| beyond the largest float, or Infinity - Infinity),
 * naming the layer: from there on activations are NaN or meaningless, and a softmax of an
 * infinite z is 0/0.
 */
function checkFiniteTrace(where: string, trace: ForwardTrace): ForwardTrace {
  trace.z.forEach((Z, k) => {
    for (let i = 0; i < Z.data.length; i++) {
      if (!Number.isFinite(Z.data[i])) {
        const r = Math.floor(i / Z.cols), c = i % Z.cols;
        throw new InputError(
          `${where}: layer ${k + 1}'s weighted input z[${r}][${c}] is ${Z.data[i]}: the sum of inputs times weights overflowed. ` +
            `Scale the inputs (e.g. fitScaler) or use smaller weights`,
        );
      }
    }
  });
  return trace;
}

/** Forward propagation over a batch X (one example per row), keeping every z^(l) and a^(l). */
export function forward(net: Network, X: MatrixLike): ForwardTrace {
  checkNetwork("forward", net);
  return checkFiniteTrace("forward", forwardUnchecked(net, checkInputs("forward", net, X)));
}

/** The network's outputs h(x), one row per example. */
export function predict(net: Network, X: MatrixLike): Matrix {
  checkNetwork("predict", net);
  const trace = checkFiniteTrace("predict", forwardUnchecked(net, checkInputs("predict", net, X)));
  return trace.a[trace.a.length - 1];
}

/**
 * The decision rule from outputs to classes: with one output column, 1 when h >= threshold
 * (0.5 by default, the notes' rule for a logistic output), else 0; with several, the index of
 * the largest output (the first one on ties).
 */
export function decideClasses(H: Matrix, threshold = 0.5): Int32Array {
  const out = new Int32Array(H.rows);
  for (let i = 0; i < H.rows; i++) {
    if (H.cols === 1) {
      out[i] = H.data[i] >= threshold ? 1 : 0;
      continue;
    }
    out[i] = rowArgmax(H, i);
  }
  return out;
}

/** Class predictions for a batch, by decideClasses' rule. */
export function classify(net: Network, X: MatrixLike, threshold = 0.5): Int32Array {
  return decideClasses(predict(net, X), threshold);
}

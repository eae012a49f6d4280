import { Activation } from "./activations";
import { InputError, describe } from "./errors";
import { Matrix, matrix, shapeOf } from "./matrix";

/**
 * Losses per example, averaged over the m examples of a batch:
 * - halfSquared: 1/2 ||h - y||^2, the notes' J(W, b; x, y) (files 000, 003, 004)
 * - mse: ||h - y||^2, the notes' regression cost (file 001), summed over outputs
 * - binaryCrossEntropy: -sum_k [y_k log h_k + (1 - y_k) log(1 - h_k)] (file 001)
 * - crossEntropy: -sum_k y_k log h_k, for one-hot targets (file 002)
 */
export type LossName = "halfSquared" | "mse" | "binaryCrossEntropy" | "crossEntropy";

export const LOSS_NAMES: readonly LossName[] = ["halfSquared", "mse", "binaryCrossEntropy", "crossEntropy"];

export interface Loss {
  readonly name: LossName;
  /** The mean over rows of the per-example loss. */
  value(H: Matrix, Y: Matrix): number;
  /** d loss_i / d h_i for every example i (row), not divided by m: derivativeAt at every entry. */
  derivative(H: Matrix, Y: Matrix): Matrix;
  /** d loss / d h for one output h and its target y (the loss sums over outputs, so entries do not mix). */
  derivativeAt(h: number, y: number): number;
  /**
   * The output activation this loss is made for, if any: with it, the activation's derivative
   * cancels against the loss's, delta = a - y (file 001's delta^(L)), and the loss is computed from
   * Z, which stays finite when an output saturates to exactly 0 or 1.
   */
  readonly fusedWith?: "sigmoid" | "softmax";
  /** The mean loss from the output layer's weighted inputs Z, for the fused activation. */
  valueFromZ?(Z: Matrix, Y: Matrix): number;
}

function map2(H: Matrix, Y: Matrix, f: (h: number, y: number) => number): Matrix {
  const out = new Float64Array(H.data.length);
  for (let k = 0; k < out.length; k++) out[k] = f(H.data[k], Y.data[k]);
  return matrix(H.rows, H.cols, out);
}

function meanOfSum(H: Matrix, Y: Matrix, f: (h: number, y: number) => number): number {
  let s = 0;
  for (let k = 0; k < H.data.length; k++) s += f(H.data[k], Y.data[k]);
  return s / H.rows;
}

/** derivativeAt, and derivative as it at every entry. */
function withDerivative(derivativeAt: (h: number, y: number) => number): Pick<Loss, "derivative" | "derivativeAt"> {
  return { derivativeAt, derivative: (H, Y) => map2(H, Y, derivativeAt) };
}

// log(0) = -Infinity is the mathematically right loss for a confident wrong answer; 0 * log(0) is 0.
const xlogy = (y: number, h: number): number => (y === 0 ? 0 : y * Math.log(h));

/** softplus(z) = log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

const LOSSES: Record<LossName, Loss> = {
  halfSquared: {
    name: "halfSquared",
    value: (H, Y) => meanOfSum(H, Y, (h, y) => 0.5 * (h - y) * (h - y)),
    ...withDerivative((h, y) => h - y),
  },
  mse: {
    name: "mse",
    value: (H, Y) => meanOfSum(H, Y, (h, y) => (h - y) * (h - y)),
    ...withDerivative((h, y) => 2 * (h - y)),
  },
  binaryCrossEntropy: {
    name: "binaryCrossEntropy",
    value: (H, Y) => meanOfSum(H, Y, (h, y) => -(xlogy(y, h) + xlogy(1 - y, 1 - h))),
    ...withDerivative((h, y) => (h - y) / (h * (1 - h))),
    fusedWith: "sigmoid",
    // -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z
    valueFromZ: (Z, Y) => meanOfSum(Z, Y, (z, y) => softplus(z) - y * z),
  },
  crossEntropy: {
    name: "crossEntropy",
    value: (H, Y) => meanOfSum(H, Y, (h, y) => -xlogy(y, h)),
    ...withDerivative((h, y) => (y === 0 ? 0 : -y / h)),
    fusedWith: "softmax",
    // -sum_k y_k log softmax(z)_k = -sum_k y_k (z_k - logsumexp(z))
    valueFromZ: (Z, Y) => {
      let s = 0;
      for (let i = 0; i < Z.rows; i++) {
        const r = i * Z.cols;
        let max = -Infinity;
        for (let j = 0; j < Z.cols; j++) max = Math.max(max, Z.data[r + j]);
        let sumExp = 0;
        for (let j = 0; j < Z.cols; j++) sumExp += Math.exp(Z.data[r + j] - max);
        const logSumExp = max + Math.log(sumExp);
        for (let j = 0; j < Z.cols; j++) {
          const y = Y.data[r + j];
          if (y !== 0) s -= y * (Z.data[r + j] - logSumExp);
        }
      }
      return s / Z.rows;
    },
  },
};

export function loss(name: LossName): Loss {
  const found = typeof name === "string" ? (LOSSES as Record<string, Loss | undefined>)[name] : undefined;
  if (!found) throw new InputError(`loss: unknown loss ${describe(name)}; use one of ${LOSS_NAMES.join(", ")}`);
  return found;
}

/**
 * Checks that a loss can be used with an output activation and with these targets, so that a
 * mismatch is reported up front instead of surfacing later as NaN.
 */
export function checkLossPairing(where: string, lossName: LossName, output: Activation): void {
  if (!(LOSS_NAMES as readonly unknown[]).includes(lossName)) {
    throw new InputError(`${where}: unknown loss ${describe(lossName)}; use one of ${LOSS_NAMES.join(", ")}`);
  }
  if ((lossName === "binaryCrossEntropy" || lossName === "crossEntropy") && output.name !== "sigmoid" && output.name !== "softmax") {
    throw new InputError(
      `${where}: ${lossName} takes the log of the outputs, which must lie in (0, 1); ` +
        `use a sigmoid or softmax output layer, not ${output.label}`,
    );
  }
  // The other two pairings are defined, but neither is what the loss means, and both overflow
  // (log 0) as soon as an output saturates, which training then blames on the learning rate.
  if (lossName === "crossEntropy" && output.name === "sigmoid") {
    throw new InputError(
      `${where}: crossEntropy (multi-class) needs a softmax output layer, whose outputs are class probabilities summing to 1; ` +
        `with sigmoid outputs it ignores every wrong class. Use output: "softmax", or loss: "binaryCrossEntropy" for independent yes/no outputs`,
    );
  }
  if (lossName === "binaryCrossEntropy" && output.name === "softmax") {
    throw new InputError(
      `${where}: binaryCrossEntropy treats each output as its own yes/no probability, but softmax outputs are tied together (they sum to 1). ` +
        `Use output: "sigmoid" with binaryCrossEntropy, or loss: "crossEntropy" with the softmax output`,
    );
  }
}

export function checkTargets(where: string, lossName: LossName, Y: Matrix): void {
  if (lossName !== "binaryCrossEntropy" && lossName !== "crossEntropy") return;
  for (let i = 0; i < Y.rows; i++) {
    let sum = 0;
    for (let j = 0; j < Y.cols; j++) {
      const y = Y.data[i * Y.cols + j];
      if (y < 0 || y > 1) {
        throw new InputError(`${where}: ${lossName} needs targets in [0, 1], but Y[${i}][${j}] is ${y} (Y is ${shapeOf(Y)})`);
      }
      sum += y;
    }
    if (lossName === "crossEntropy" && Math.abs(sum - 1) > 1e-9) {
      throw new InputError(
        `${where}: crossEntropy needs one-hot targets (each row summing to 1), but row ${i} of Y sums to ${sum}`,
      );
    }
  }
}



/**
 * The mean data loss of a batch, from the output layer's weighted inputs Z and outputs H: from Z
 * for the loss's fused output activation (finite and exact even for saturated outputs), else from H.
 */
export function dataLoss(lossName: LossName, output: Activation, Z: Matrix, H: Matrix, Y: Matrix): number {
  const l = loss(lossName);
  return l.valueFromZ && l.fusedWith === output.name ? l.valueFromZ(Z, Y) : l.value(H, Y);
}

/**
 * delta of the output layer, dloss_i/dz_i for every example (not divided by m): a - y at the
 * loss's fused activation (file 001's delta^(L) = a^(L) - y), otherwise the chain rule, dloss/dh
 * through the activation's backward step (files 003/004).
 */
export function outputDelta(lossName: LossName, output: Activation, Z: Matrix, H: Matrix, Y: Matrix): Matrix {
  const l = loss(lossName);
  return l.fusedWith === output.name ? map2(H, Y, (h, y) => h - y) : output.backward(Z, H, l.derivative(H, Y));
}

/**
 * outputDelta on buffers the caller owns, over the first rows x cols entries (dH is scratch for
 * dloss/dh), with the same arithmetic; for an output activation with buffer-level methods.
 */
export function outputDeltaInto(
  l: Loss, output: Activation & Required<Pick<Activation, "backwardInto">>,
  Z: Float64Array, H: Float64Array, Y: Float64Array, dH: Float64Array, out: Float64Array, rows: number, cols: number,
): void {
  const size = rows * cols;
  if (l.fusedWith === output.name) {
    for (let t = 0; t < size; t++) out[t] = H[t] - Y[t];
    return;
  }
  for (let t = 0; t < size; t++) dH[t] = l.derivativeAt(H[t], Y[t]);
  output.backwardInto(Z, H, dH, out, rows, cols);
}

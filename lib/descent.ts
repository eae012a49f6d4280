import { Gradients } from "./backprop";
import { InputError, describe, requireFiniteNumber } from "./errors";
import { checkNetwork } from "./forward";
import { matrix, shapeOf } from "./matrix";
import { Network, Parameters, withParameters } from "./network";

/** Separate learning rates for weights and biases, the notes' eta_l and eta_l0 (file 002). */
export interface LearningRates {
  readonly weights: number;
  readonly biases: number;
}

export function checkLearningRates(where: string, rate: number | LearningRates): LearningRates {
  const rates = typeof rate === "number" ? { weights: rate, biases: rate } : rate;
  if (typeof rates !== "object" || rates === null) {
    throw new InputError(`${where}: the learning rate must be a number or { weights, biases }`);
  }
  for (const key of ["weights", "biases"] as const) {
    requireFiniteNumber(where, `learning rate for ${key}`, rates[key]);
    if (rates[key] < 0) throw new InputError(`${where}: learning rate for ${key} must be >= 0, got ${rates[key]}`);
  }
  return rates;
}

/**
 * The lecture's update, theta := theta - alpha dJ/dtheta, for every layer: W - rate_W dW and
 * b - rate_b db (file 002's separate rates). New arrays; the arguments are left alone. Unchecked:
 * gradientStep checks its arguments and calls this; the sgd optimizer is this update.
 */
export function descend(params: readonly Parameters[], gradients: Gradients, rates: LearningRates): Parameters[] {
  return params.map((p, k) => {
    const W = new Float64Array(p.W.data.length);
    for (let i = 0; i < W.length; i++) W[i] = p.W.data[i] - rates.weights * gradients.W[k].data[i];
    const b = new Float64Array(p.b.length);
    for (let i = 0; i < b.length; i++) b[i] = p.b[i] - rates.biases * gradients.b[k][i];
    return { W: matrix(p.W.rows, p.W.cols, W), b };
  });
}

/** One gradient-descent update theta := theta - alpha dJ/dtheta (checked), returning a new network. */
export function gradientStep(net: Network, gradients: Gradients, rate: number | LearningRates): Network {
  const rates = checkLearningRates("gradientStep", rate);
  checkNetwork("gradientStep", net);
  const g = gradients as Partial<Gradients> | null | undefined;
  if (typeof g !== "object" || g === null || !Array.isArray(g.W) || !Array.isArray(g.b)) {
    throw new InputError(`gradientStep: gradients must be { W, b } as returned in backprop(...).gradients, got ${describe(gradients)}`);
  }
  if (gradients.W.length !== net.layers.length || gradients.b.length !== net.layers.length) {
    throw new InputError(`gradientStep: the network has ${net.layers.length} layers but the gradients have ${gradients.W.length}`);
  }
  net.layers.forEach((layer, k) => {
    const gW = gradients.W[k], gb = gradients.b[k];
    if (gW.rows !== layer.W.rows || gW.cols !== layer.W.cols || gb.length !== layer.b.length) {
      throw new InputError(
        `gradientStep: layer ${k + 1} has W ${shapeOf(layer.W)} and b of ${layer.b.length}, ` +
          `but its gradient has W ${shapeOf(gW)} and b of ${gb.length}`,
      );
    }
  });
  return withParameters(net, descend(net.layers, gradients, rates));
}

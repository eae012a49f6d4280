import type { Gradients } from "../backprop";
import { descend, type LearningRates } from "../descent";
import { InputError, requireFiniteNumber } from "../errors";
import { matrix } from "../matrix";
import { Parameters } from "../network";

/**
 * An update rule. `start` is called once per training run and returns the step function, which
 * keeps whatever state the rule needs (AdaGrad's sums of squared gradients) in its closure, so
 * every run starts fresh and the training loop never sees the state. Momentum or Adam are new
 * Optimizers of the same shape; the loop does not change.
 */
export interface Optimizer {
  readonly name: string;
  start(): OptimizerStep;
}

/** One update: the new parameters from the current ones, their gradients and this step's rates. */
export type OptimizerStep = (params: readonly Parameters[], gradients: Gradients, rates: LearningRates) => Parameters[];

/** Plain gradient descent: theta := theta - eta g, the lecture's update (descend), as an optimizer. */
export function sgd(): Optimizer {
  return { name: "sgd", start: () => descend };
}

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): each parameter gets its own rate eta / (sqrt(G) + epsilon),
 * where G sums that parameter's squared gradients so far, so often-updated parameters slow down.
 */
export function adagrad(options: { readonly epsilon?: number } = {}): Optimizer {
  const epsilon = options.epsilon ?? 1e-8;
  requireFiniteNumber("adagrad", "epsilon", epsilon);
  if (epsilon <= 0) throw new InputError(`adagrad: epsilon must be > 0, got ${epsilon}`);
  return {
    name: "adagrad",
    start: () => {
      let sumW: Float64Array[] | null = null;
      let sumB: Float64Array[] | null = null;
      return (params, g, rates) => {
        sumW = sumW ?? params.map((p) => new Float64Array(p.W.data.length));
        sumB = sumB ?? params.map((p) => new Float64Array(p.b.length));
        const sW = sumW, sB = sumB;
        return params.map((p, k) => {
          const W = new Float64Array(p.W.data.length);
          for (let i = 0; i < W.length; i++) {
            const gi = g.W[k].data[i];
            sW[k][i] += gi * gi;
            W[i] = p.W.data[i] - (rates.weights * gi) / (Math.sqrt(sW[k][i]) + epsilon);
          }
          const b = new Float64Array(p.b.length);
          for (let i = 0; i < b.length; i++) {
            const gi = g.b[k][i];
            sB[k][i] += gi * gi;
            b[i] = p.b[i] - (rates.biases * gi) / (Math.sqrt(sB[k][i]) + epsilon);
          }
          return { W: matrix(p.W.rows, p.W.cols, W), b };
        });
      };
    },
  };
}

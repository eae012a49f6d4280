/**
 * One epoch of training: a pass over the examples in (shuffled) batches, each batch one
 * backpropagation and one update. `train` runs epochs and applies the stopping rules around them.
 */
import { backpropUnchecked } from "../backprop";
import type { CostOptions } from "../cost";
import type { LearningRates } from "../descent";
import { Matrix, selectRows } from "../matrix";
import { Network, Parameters, withParameters } from "../network";
import { countCorrect } from "./evaluate";
import type { OptimizerStep } from "./optimizers";
import type { Schedule } from "./schedules";

/** Fixed for a whole run: the data, the update rule and schedule, and how to report a failure. */
export interface EpochContext {
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly batchSize: number;
  readonly costOptions: CostOptions;
  readonly schedule: Schedule;
  readonly step: OptimizerStep;
  readonly base: LearningRates;
  readonly classification: boolean;
  readonly onBatch?: (record: { epoch: number; batch: number; update: number; size: number; cost: number; learningRate: LearningRates }) => void | "stop";
  readonly diverged: (epoch: number, detail: string) => Error;
}

/** What the epochs advance: the network, the update count and the current rates. */
export interface RunState {
  network: Network;
  updates: number;
  rates: LearningRates;
}

/** Sums over the examples an epoch trained on (all of them unless onBatch stopped it). */
export interface EpochSums {
  readonly cost: number;
  readonly loss: number;
  readonly correct: number;
  readonly examples: number;
  /** True when onBatch returned "stop". */
  readonly stopped: boolean;
}

// A plain loop: Array.prototype.every with a callback per weight cost more than the update itself.
function isFiniteParameters(params: readonly Parameters[]): boolean {
  for (const p of params) {
    for (const d of [p.W.data, p.b]) for (let k = 0; k < d.length; k++) if (d[k] - d[k] !== 0) return false; // NaN, +-Infinity
  }
  return true;
}

/** Trains one epoch in the given order (null: the whole set as one batch, in its own order). */
export function runEpoch(ctx: EpochContext, state: RunState, epoch: number, order: Uint32Array | null): EpochSums {
  const n = ctx.X.rows;
  let cost = 0, loss = 0, correct = 0, batch = 0;
  for (let start = 0; start < n; start += ctx.batchSize) {
    batch++;
    const end = Math.min(start + ctx.batchSize, n);
    const Xb = order ? selectRows(ctx.X, order.subarray(start, end)) : ctx.X;
    const Yb = order ? selectRows(ctx.Y, order.subarray(start, end)) : ctx.Y;
    const r = backpropUnchecked(state.network, Xb, Yb, ctx.costOptions, n);
    if (!Number.isFinite(r.cost.total)) throw ctx.diverged(epoch, `the cost of batch ${batch} became ${r.cost.total}`);
    cost += r.cost.total * Xb.rows;
    loss += r.cost.data * Xb.rows;
    if (ctx.classification) correct += countCorrect(r.trace.a[r.trace.a.length - 1], Yb);
    const f = ctx.schedule.factor(state.updates);
    state.rates = { weights: ctx.base.weights * f, biases: ctx.base.biases * f };
    const params = ctx.step(state.network.layers, r.gradients, state.rates);
    if (!isFiniteParameters(params)) throw ctx.diverged(epoch, `the weights became infinite or NaN after batch ${batch}`);
    state.network = withParameters(state.network, params);
    state.updates++;
    const answer = ctx.onBatch?.({ epoch, batch, update: state.updates, size: Xb.rows, cost: r.cost.total, learningRate: state.rates });
    if (answer === "stop") return { cost, loss, correct, examples: end, stopped: true };
  }
  return { cost, loss, correct, examples: n, stopped: false };
}

/**
 * One epoch of training: a pass over the examples in (shuffled) batches, each batch one
 * backpropagation and one update. `train` runs epochs and applies the stopping rules around them.
 *
 * The batches come from a BatchTrainer (lib/kernels.ts): the readable one below (backprop, then
 * the optimizer's step, on new arrays each batch) or a kernel backend's fused one. The loop here,
 * the same for both, keeps the sums, the schedule, the callbacks and the divergence checks.
 */
import { backpropUnchecked, type Gradients } from "../backprop";
import type { CostOptions } from "../cost";
import type { LearningRates } from "../descent";
import type { BatchOutcome, BatchTrainer } from "../kernels";
import { Matrix, selectRows } from "../matrix";
import { Network, Parameters, withParameters } from "../network";
import { countCorrectRows } from "./evaluate";
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

/** The readable batches: lib/backprop.ts on the selected rows, then the optimizer's step into new arrays. */
export class ReadableTrainer implements BatchTrainer {
  private current!: Network;
  private order: Uint32Array | null = null;
  private gradientsOfLast: Gradients | null = null;

  constructor(private readonly ctx: EpochContext) {}

  startEpoch(network: Network, order: Uint32Array | null): void {
    this.current = network;
    this.order = order;
  }

  gradients(first: number, m: number): BatchOutcome {
    const ctx = this.ctx, order = this.order;
    const Xb = order ? selectRows(ctx.X, order.subarray(first, first + m)) : ctx.X;
    const Yb = order ? selectRows(ctx.Y, order.subarray(first, first + m)) : ctx.Y;
    const r = backpropUnchecked(this.current, Xb, Yb, ctx.costOptions, ctx.X.rows);
    this.gradientsOfLast = r.gradients;
    // A delta that is not finite shows as weights that are not, after the update.
    return { data: r.cost.data, total: r.cost.total, H: r.trace.a[r.trace.a.length - 1], Y: Yb, finiteDelta: true };
  }

  update(rates: LearningRates): boolean {
    const params = this.ctx.step(this.current.layers, this.gradientsOfLast as Gradients, rates);
    if (!isFiniteParameters(params)) return false;
    this.current = withParameters(this.current, params);
    return true;
  }

  network(): Network {
    return this.current;
  }

  close(): void {}
}

/** Trains one epoch in the given order (null: the whole set as one batch, in its own order). */
export function runEpoch(ctx: EpochContext, trainer: BatchTrainer, state: RunState, epoch: number, order: Uint32Array | null): EpochSums {
  const n = ctx.X.rows;
  const fail = (detail: string): Error => {
    state.network = trainer.network();
    return ctx.diverged(epoch, detail);
  };
  trainer.startEpoch(state.network, order);
  let cost = 0, loss = 0, correct = 0, batch = 0;
  for (let first = 0; first < n; first += ctx.batchSize) {
    batch++;
    const end = Math.min(first + ctx.batchSize, n), m = end - first;
    const r = trainer.gradients(first, m);
    if (!Number.isFinite(r.total)) throw fail(`the cost of batch ${batch} became ${r.total}`);
    cost += r.total * m;
    loss += r.data * m;
    if (ctx.classification) correct += countCorrectRows(r.H, r.Y);
    if (!r.finiteDelta) throw fail(`the weights became infinite or NaN after batch ${batch}`);
    const f = ctx.schedule.factor(state.updates);
    state.rates = { weights: ctx.base.weights * f, biases: ctx.base.biases * f };
    // On failure the trainer's network is still the one before this update.
    if (!trainer.update(state.rates)) throw fail(`the weights became infinite or NaN after batch ${batch}`);
    state.updates++;
    const answer = ctx.onBatch?.({ epoch, batch, update: state.updates, size: m, cost: r.total, learningRate: state.rates });
    if (answer === "stop") {
      state.network = trainer.network();
      return { cost, loss, correct, examples: end, stopped: true };
    }
  }
  state.network = trainer.network();
  return { cost, loss, correct, examples: n, stopped: false };
}

import { CostOptions, checkBatch } from "../cost";
import { LearningRates, checkLearningRates, descend } from "../descent";
import { InputError, describe, requireFiniteNumber, requirePositiveInteger, requireSeed } from "../errors";
import { getKernels, kernelsChoice, type BatchTrainer } from "../kernels";
import { loss } from "../losses";
import { MatrixLike } from "../matrix";
import { Network } from "../network";
import { createRandom } from "../random";
import { EpochContext, EpochSums, ReadableTrainer, RunState, runEpoch } from "./epoch";
import { evaluateUnchecked, isClassificationTarget } from "./evaluate";
import { Optimizer, sgd } from "./optimizers";
import { Schedule, constantRate } from "./schedules";
import { EarlyStopping, converged, worsened } from "./stopping";

export interface TrainOptions extends CostOptions {
  /** The most epochs to run; each epoch goes once through every training example. */
  readonly epochs: number;
  /** The base learning rate, or separate ones for weights and biases (file 002's eta_l and eta_l0). */
  readonly learningRate: number | LearningRates;
  /** "full" (batch gradient descent, the default), 1 (stochastic) or any mini-batch size up to the set size. */
  readonly batchSize?: number | "full";
  /** Seed of the shuffling: the training set is reshuffled every epoch when batches are smaller than the set. */
  readonly seed: number;
  /** The update rule; default sgd(). */
  readonly optimizer?: Optimizer;
  /** How the learning rate changes with the update count; default constantRate(). */
  readonly schedule?: Schedule;
  /** Stop when the mean cost changes by less than this from one epoch to the next (file 002's first criterion). */
  readonly tolerance?: number;
  /** A validation set, evaluated after every epoch (and needed for early stopping). */
  readonly validation?: { readonly X: MatrixLike; readonly Y: MatrixLike };
  /**
   * Stop when the validation loss has not improved by more than minDelta for `patience` epochs,
   * and return the weights of the best epoch.
   */
  readonly earlyStopping?: { readonly patience: number; readonly minDelta?: number };
  /** Called after every epoch with its record and the current network; return "stop" to end training. */
  readonly onEpoch?: (record: EpochRecord, network: Network) => void | "stop";
  /** Called after every update; return "stop" to end training after this update. */
  readonly onBatch?: (record: BatchRecord) => void | "stop";
  /**
   * "readable": the readable loop (lib/train/epoch.ts with lib/backprop.ts) whatever the kernels;
   * "fused": the kernels' fused training, or an error saying why it cannot run. By default the
   * fused training where the kernels offer it and it applies, else the readable loop: the same
   * results either way. `result.execution` says which ran.
   */
  readonly loop?: "fused" | "readable";
}

export interface EpochRecord {
  /** 1 for the first epoch. */
  readonly epoch: number;
  /** The mean over the epoch's examples of the cost J (data loss + penalty) of their batches, as they were trained. */
  readonly trainCost: number;
  /** The same mean of the data loss alone. */
  readonly trainLoss: number;
  /** Fraction of training examples classified right by the batch outputs, or null when targets are not 0/1. */
  readonly trainAccuracy: number | null;
  /** Data loss on the validation set with the weights at the end of the epoch, or null without one. */
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  /** The rates of the epoch's last update. */
  readonly learningRate: LearningRates;
  /** Updates made since training started. */
  readonly updates: number;
  /** Wall-clock seconds since training started: the one field that differs between identical runs. */
  readonly seconds: number;
}

export interface BatchRecord {
  readonly epoch: number;
  /** 1 for the first batch of each epoch. */
  readonly batch: number;
  /** 1 for the first update of the run. */
  readonly update: number;
  readonly size: number;
  /** The batch's cost J before the update. */
  readonly cost: number;
  readonly learningRate: LearningRates;
}

export type StopReason = "epochs" | "converged" | "earlyStopping" | "callback";

export interface TrainResult {
  /** The trained network: the best epoch's when early stopping was on, otherwise the last one. */
  readonly network: Network;
  readonly history: readonly EpochRecord[];
  readonly stopReason: StopReason;
  /** The epoch whose weights were returned under early stopping, else null. */
  readonly bestEpoch: number | null;
  /** Which kernels and which loop trained, and why. */
  readonly execution: Execution;
}

export interface Execution {
  /** The kernels' name (getKernels().name), and how they were chosen (with why faster ones were passed over). */
  readonly kernels: string;
  readonly kernelsChoice: string;
  /** "fused": the kernels' own batches (e.g. lib/backends/wasm/fused-epoch.ts); "readable": lib/train/epoch.ts. */
  readonly loop: "fused" | "readable";
  /** Why this loop, e.g. "the kernels' fused training" or "asked for (loop: \"readable\")". */
  readonly reason: string;
  /** 2 when a second thread computed part of the products, else 1. */
  readonly threads: 1 | 2;
  /** The kernels' thread setting and, when a second thread cannot run, why ("" for single-threaded kernels). */
  readonly threadNote: string;
}

/** Thrown when the cost or the weights stop being finite; keeps what was learned before. */
export class TrainingDivergedError extends Error {
  declare readonly history: readonly EpochRecord[];
  /** The network before the update that failed. */
  declare readonly lastFinite: Network;

  constructor(message: string, readonly epoch: number, history: readonly EpochRecord[], lastFinite: Network) {
    super(message);
    this.name = "TrainingDivergedError";
    // Not enumerable: printing the error (console.log, a notebook's error cell) shows its message,
    // not every epoch record and weight.
    Object.defineProperty(this, "history", { value: history, enumerable: false });
    Object.defineProperty(this, "lastFinite", { value: lastFinite, enumerable: false });
  }
}

/** Checks the options that do not depend on the data; returns the batch size and the base rates. */
function checkOptions(where: string, options: TrainOptions, n: number): { batchSize: number; base: LearningRates } {
  if (typeof options !== "object" || options === null) throw new InputError(`${where}: options must be an object`);
  requirePositiveInteger(where, "epochs", options.epochs);
  requireSeed(where, options.seed);
  const base = checkLearningRates(where, options.learningRate);
  const size = options.batchSize ?? "full";
  if (size !== "full" && !(Number.isInteger(size) && size >= 1 && size <= n)) {
    throw new InputError(
      `${where}: batchSize must be "full" or an integer from 1 to the number of training examples (${n}), got ${describe(size)}`,
    );
  }
  if (options.tolerance !== undefined) {
    requireFiniteNumber(where, "tolerance", options.tolerance);
    if (options.tolerance <= 0) throw new InputError(`${where}: tolerance must be > 0, got ${options.tolerance}`);
  }
  if (options.loop !== undefined && options.loop !== "fused" && options.loop !== "readable") {
    throw new InputError(`${where}: loop must be "fused" or "readable", got ${describe(options.loop)}`);
  }
  if (options.earlyStopping !== undefined) {
    if (!options.validation) throw new InputError(`${where}: earlyStopping watches the validation loss; give a validation set`);
    requirePositiveInteger(where, "earlyStopping.patience", options.earlyStopping.patience);
    const minDelta = options.earlyStopping.minDelta ?? 0;
    requireFiniteNumber(where, "earlyStopping.minDelta", minDelta);
    if (minDelta < 0) throw new InputError(`${where}: earlyStopping.minDelta must be >= 0, got ${minDelta}`);
  }
  return { batchSize: size === "full" ? n : size, base };
}

/**
 * Trains a network by gradient descent on (X, Y): full batch, stochastic or mini-batch, with the
 * given optimizer, schedule and stopping criteria. A pure function of its arguments: the same call
 * gives bit-identical weights and history (apart from the wall-clock `seconds`).
 */
export function train(net: Network, X: MatrixLike, Y: MatrixLike, options: TrainOptions): TrainResult {
  const where = "train";
  const data = checkBatch(where, net, X, Y, options);
  const n = data.X.rows;
  const { batchSize, base } = checkOptions(where, options, n);
  const valid = options.validation ? checkBatch(`${where}: validation`, net, options.validation.X, options.validation.Y, options) : null;
  const schedule = options.schedule ?? constantRate();
  const step = (options.optimizer ?? sgd()).start();
  const rng = createRandom(options.seed);
  const classification = isClassificationTarget(data.Y);
  const started = Date.now();
  const costOptions: CostOptions = { loss: options.loss, regularization: options.regularization };

  const history: EpochRecord[] = [];
  let stopReason: StopReason = "epochs";
  const early = options.earlyStopping ? new EarlyStopping(options.earlyStopping.patience, options.earlyStopping.minDelta ?? 0) : null;
  const state: RunState = { network: net, updates: 0, rates: base };

  const diverged = (epoch: number, detail: string): TrainingDivergedError => {
    const smaller = Number((base.weights / 10).toPrecision(2));
    return new TrainingDivergedError(
      `${where}: training diverged in epoch ${epoch}: ${detail}. The learning rate ` +
        `(weights ${base.weights}, biases ${base.biases}) is probably too large; try a smaller one, e.g. ${smaller}.`,
      epoch, history.slice(), state.network,
    );
  };
  const context: EpochContext = { X: data.X, Y: data.Y, batchSize, costOptions, schedule, step, base, classification, onBatch: options.onBatch, diverged };

  function record(epoch: number, sums: EpochSums): EpochRecord {
    let validationLoss: number | null = null, validationAccuracy: number | null = null;
    if (valid) {
      const e = evaluateUnchecked(state.network, valid.X, valid.Y, costOptions);
      if (!Number.isFinite(e.loss)) throw diverged(epoch, `the validation loss became ${e.loss}`);
      validationLoss = e.loss;
      validationAccuracy = e.accuracy;
    }
    return {
      epoch, trainCost: sums.cost / sums.examples, trainLoss: sums.loss / sums.examples,
      trainAccuracy: classification ? sums.correct / sums.examples : null, validationLoss, validationAccuracy,
      learningRate: state.rates, updates: state.updates, seconds: (Date.now() - started) / 1000,
    };
  }

  const kernels = getKernels(), threadsBefore = kernels.threadUse?.().helperChunks ?? 0;
  const { trainer, loop, reason } = chooseTrainer(context, net, options.loop);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      // Full batch: the whole set in its given order; otherwise reshuffled every epoch.
      const order = batchSize < n ? rng.permutation(n) : null;
      const sums = runEpoch(context, trainer, state, epoch, order);
      const rec = record(epoch, sums);
      history.push(rec);
      if (sums.stopped || options.onEpoch?.(rec, state.network) === "stop") {
        stopReason = "callback";
        break;
      }
      if (early && rec.validationLoss !== null && early.stopAfter(epoch, rec.validationLoss, state.network)) {
        stopReason = "earlyStopping";
        break;
      }
      if (converged(history[history.length - 2]?.trainCost, rec.trainCost, options.tolerance)) {
        stopReason = "converged";
        break;
      }
    }
  } finally {
    trainer.close();
  }
  const threadUse = kernels.threadUse?.();
  const execution: Execution = {
    kernels: kernels.name, kernelsChoice: kernelsChoice(), loop, reason,
    threads: (threadUse?.helperChunks ?? 0) > threadsBefore ? 2 : 1, threadNote: threadUse?.note ?? "",
  };

  const failure = worsened(history.map((h) => h.trainCost));
  if (failure) throw diverged(history.length, failure);
  if (early?.best) return { network: early.best.network, history, stopReason, bestEpoch: early.best.epoch, execution };
  return { network: state.network, history, stopReason, bestEpoch: null, execution };
}

/**
 * The kernels' fused training when they offer it and it applies (the sgd update; the kernels say
 * what else they need), else the readable loop; with the reason, for the result.
 */
function chooseTrainer(ctx: EpochContext, net: Network, asked: "fused" | "readable" | undefined): { trainer: BatchTrainer; loop: "fused" | "readable"; reason: string } {
  const readable = (why: string) => {
    if (asked === "fused") throw new InputError(`train: loop: "fused" cannot run: ${why}`);
    return { trainer: new ReadableTrainer(ctx), loop: "readable" as const, reason: why };
  };
  if (asked === "readable") return readable(`asked for (loop: "readable")`);
  const kernels = getKernels();
  if (!kernels.fusedTraining) return readable(`the ${kernels.name} kernels have no fused training`);
  // The fused batches implement lib/descent.ts's update, the one the sgd optimizer steps with.
  if (ctx.step !== descend) return readable("the fused training implements the sgd update only");
  const prepared = kernels.fusedTraining.prepare({
    network: net, X: ctx.X, Y: ctx.Y, batchSize: ctx.batchSize, loss: loss(ctx.costOptions.loss), regularization: ctx.costOptions.regularization,
  });
  return typeof prepared === "string" ? readable(prepared) : { trainer: prepared, loop: "fused", reason: `the ${kernels.name} kernels' fused training` };
}

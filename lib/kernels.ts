import { jsKernels } from "./backends/js";
import type { LearningRates } from "./descent";
import { InputError } from "./errors";
import type { Loss } from "./losses";
import { Matrix, Vector, shapeOf } from "./matrix";
import type { Network } from "./network";
import type { Regularization } from "./regularization";

/**
 * The few operations that dominate training time. Forward and backward propagation call only
 * these for their matrix work, so a faster implementation (WebAssembly, SIMD, a native addon)
 * replaces them in one place with `setKernels`, and everything else stays as written.
 *
 * Every operation returns a new matrix and leaves its arguments untouched. The implementations
 * live in lib/backends/ (js: the reference loops; sparse: plain TypeScript that skips zeros; wasm:
 * WebAssembly SIMD), each registering itself here.
 */
export interface Kernels {
  readonly name: string;
  /** Z = A W^T + 1 b^T: the weighted inputs of a layer for a batch (A is m x n, W is k x n, b has k entries). */
  affine(A: Matrix, W: Matrix, b: Vector): Matrix;
  /** C = A B (A is m x n, B is n x k): carries deltas back through a layer, delta W. */
  matmul(A: Matrix, B: Matrix): Matrix;
  /** C = A^T B (A is m x n, B is m x k): the weight gradient delta^T a summed over the batch. */
  matmulTransA(A: Matrix, B: Matrix): Matrix;
  /** The sum of each column (the bias gradient summed over the batch). */
  columnSums(A: Matrix): Vector;
  /**
   * Optional: training batches in the backend's own memory, which `train` uses instead of its
   * readable loop (lib/train/epoch.ts) unless told otherwise. It must give the readable loop's
   * results bit for bit, with these same kernels.
   */
  readonly fusedTraining?: FusedTraining;
  /** Optional, for backends that can use a second thread: what it has done so far (see ThreadUse). */
  threadUse?(): ThreadUse;
}

/** What a backend's helper threads have done, for `train` to record. */
export interface ThreadUse {
  /** Chunks of products computed by a thread other than the caller's, since the process started. */
  readonly helperChunks: number;
  /** The thread setting and, when only one thread can run, why. */
  readonly note: string;
}

/** A training run as `train` hands it to a backend's fused training. */
export interface TrainingRun {
  /** The starting network: its shapes and activations (its parameters arrive with each epoch). */
  readonly network: Network;
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly batchSize: number;
  readonly loss: Loss;
  readonly regularization: Regularization | undefined;
}

export interface FusedTraining {
  /**
   * Reserves what the run needs, or returns why this backend cannot train it (an activation
   * without buffer-level methods, a penalty, not enough memory): `train` then runs its readable
   * loop and records the reason.
   */
  prepare(run: TrainingRun): BatchTrainer | string;
}

/**
 * One run's mini-batches, driven by the epoch loop of lib/train/epoch.ts (which keeps the sums,
 * the schedule, the callbacks and the divergence checks, the same for every path).
 */
export interface BatchTrainer {
  /** Starts an epoch from these parameters, visiting the examples in this order (null: as given). */
  startEpoch(network: Network, order: Uint32Array | null): void;
  /** Forward and backward propagation of examples first .. first + m - 1 of the epoch's order. */
  gradients(first: number, m: number): BatchOutcome;
  /**
   * The update with the last gradients; false when a weight became infinite or NaN, and then
   * `network()` is still the network before this update.
   */
  update(rates: LearningRates): boolean;
  /** The current parameters, as a new network. */
  network(): Network;
  /** Frees what the run reserved. */
  close(): void;
}

export interface BatchOutcome {
  /** The batch's mean data loss and its cost J (data + penalty), before the update. */
  readonly data: number;
  readonly total: number;
  /** The batch's outputs and targets (valid until the next call), for its accuracy. */
  readonly H: Matrix;
  readonly Y: Matrix;
  /** False when a delta is infinite or NaN, so that the update would make the weights so. */
  readonly finiteDelta: boolean;
}

// The registry. The reference kernels are always there; faster ones register themselves when
// lib/backends is loaded (lib/index.ts loads it), each with its rank and its availability.
interface Registered {
  readonly kernels: Kernels;
  readonly rank: number;
  /** Null when the kernels can run in this process, else why not (decided once by the backend). */
  readonly unavailable: () => string | null;
}
const registry: Registered[] = [{ kernels: jsKernels, rank: 0, unavailable: () => null }];
let current: Kernels | null = null;
let defaultKernels: Kernels | null = null;
let defaultChoice = "";

/** Offers kernels as a default: the available ones of highest rank are used until setKernels says otherwise. */
export function registerKernels(kernels: Kernels, rank: number, unavailable: () => string | null = () => null): void {
  registry.push({ kernels, rank, unavailable });
  registry.sort((a, b) => b.rank - a.rank);
}

/** Replaces the kernels used by the whole library; returns the previous ones so callers can restore them. */
export function setKernels(kernels: Kernels): Kernels {
  const previous = getKernels();
  current = kernels;
  return previous;
}

export function getKernels(): Kernels {
  if (!current) {
    const passed: string[] = [];
    for (const r of registry) {
      const why = r.unavailable();
      if (why === null) {
        current = defaultKernels = r.kernels;
        break;
      }
      passed.push(`${r.kernels.name} cannot run here: ${why}`);
    }
    defaultChoice = passed.length ? `the default (${passed.join("; ")})` : "the default";
  }
  return current as Kernels;
}

/** How the current kernels were chosen: "the default", with why faster ones were passed over, or "set with setKernels". */
export function kernelsChoice(): string {
  return getKernels() === defaultKernels ? defaultChoice : "set with setKernels";
}

// The wrappers below check shapes (cheap, O(1)) so that every backend gets the same clear errors.

export function affine(A: Matrix, W: Matrix, b: Vector): Matrix {
  if (A.cols !== W.cols || b.length !== W.rows) {
    throw new InputError(`affine: A is ${shapeOf(A)}, W is ${shapeOf(W)} and b has ${b.length} entries; ` +
      `A W^T + b needs A.cols = W.cols and b.length = W.rows`);
  }
  return getKernels().affine(A, W, b);
}

/**
 * The backward step of `affine` (Z = A W^T + b), given dZ = dJ/dZ: dW = dZ^T A, db = the column
 * sums of dZ, and, unless the layer's input is the data, dA = dZ W to carry the error further back.
 * Sums over the batch, not divided by m. (cs231n pairs affine_forward with affine_backward the same way.)
 */
export function affineBackward(dZ: Matrix, A: Matrix, W: Matrix, needInputGradient: boolean): { dA: Matrix | null; dW: Matrix; db: Vector } {
  if (dZ.rows !== A.rows || dZ.cols !== W.rows || A.cols !== W.cols) {
    throw new InputError(`affineBackward: dZ is ${shapeOf(dZ)}, A is ${shapeOf(A)} and W is ${shapeOf(W)}; they must come from the same affine(A, W, b)`);
  }
  const k = getKernels();
  return { dA: needInputGradient ? k.matmul(dZ, W) : null, dW: k.matmulTransA(dZ, A), db: k.columnSums(dZ) };
}

export function matmul(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.rows) throw new InputError(`matmul: A is ${shapeOf(A)} and B is ${shapeOf(B)}; A B needs A.cols = B.rows`);
  return getKernels().matmul(A, B);
}

export function matmulTransA(A: Matrix, B: Matrix): Matrix {
  if (A.rows !== B.rows) {
    throw new InputError(`matmulTransA: A is ${shapeOf(A)} and B is ${shapeOf(B)}; A^T B needs A.rows = B.rows`);
  }
  return getKernels().matmulTransA(A, B);
}

export function columnSums(A: Matrix): Vector {
  return getKernels().columnSums(A);
}

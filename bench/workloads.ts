/**
 * The benchmark's two training workloads (issue 10), defined once for every implementation:
 * the same digits, initial weights and per-epoch sample order go to our library, to the NumPy
 * reference and to tfjs, so their epoch times and losses compare like for like.
 */
import { createNetwork, createRandom, loadDigits, type Network } from "../lib";
import type { LossName } from "../lib/losses";
import type { ActivationName } from "../lib/activations";

export interface Workload {
  readonly id: "A" | "B";
  readonly label: string;
  readonly sizes: readonly number[];
  readonly hidden: ActivationName;
  readonly output: ActivationName;
  readonly loss: LossName;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly weights: "xavierUniform" | "he";
}

export const WORKLOADS: readonly Workload[] = [
  { id: "A", label: "784-64-10 sigmoid, half squared error, SGD batch 32, lr 0.5", sizes: [784, 64, 10], hidden: "sigmoid", output: "sigmoid", loss: "halfSquared", batchSize: 32, learningRate: 0.5, weights: "xavierUniform" },
  { id: "B", label: "784-128-64-10 ReLU, softmax + cross-entropy, batch 64, lr 0.1", sizes: [784, 128, 64, 10], hidden: "relu", output: "softmax", loss: "crossEntropy", batchSize: 64, learningRate: 0.1, weights: "he" },
];

export const TRAIN_DIGITS = 8000;
export const TEST_DIGITS = 2000;
export const SEED = 7;

export function digits() {
  return loadDigits({ train: TRAIN_DIGITS, test: TEST_DIGITS, seed: SEED });
}

export function initialNetwork(w: Workload): Network {
  return createNetwork({ sizes: w.sizes, hidden: w.hidden, output: w.output, weights: w.weights, seed: SEED });
}

/** The sample order of each epoch, exactly as `train` draws it for this seed and set size. */
export function epochOrders(n: number, epochs: number, seed = SEED): Uint32Array[] {
  const rng = createRandom(seed);
  return Array.from({ length: epochs }, () => rng.permutation(n));
}

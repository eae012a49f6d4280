/**
 * When training stops (file 002's criteria), apart from running out of epochs: the cost has stopped
 * changing, the validation loss has stopped improving (early stopping), and, as a check that
 * training did what it should, a final cost far above the first epoch's.
 */
import type { Network } from "../network";

/** Early stopping: remembers the best validation loss and its network, and counts epochs without improvement. */
export class EarlyStopping {
  private bestLoss = Infinity;
  private since = 0;
  /** The best epoch and its network so far, or null before the first observation. */
  best: { readonly epoch: number; readonly network: Network } | null = null;

  constructor(private readonly patience: number, private readonly minDelta: number) {}

  /** Records an epoch's validation loss; true when `patience` epochs have passed without improving by more than minDelta. */
  stopAfter(epoch: number, validationLoss: number, network: Network): boolean {
    if (this.best === null || validationLoss < this.bestLoss - this.minDelta) {
      this.bestLoss = validationLoss;
      this.best = { epoch, network };
      this.since = 0;
      return false;
    }
    return ++this.since >= this.patience;
  }
}

/** The notes' first criterion: the mean training cost changed by less than `tolerance` from one epoch to the next. */
export function converged(previous: number | undefined, current: number, tolerance: number | undefined): boolean {
  return tolerance !== undefined && previous !== undefined && Math.abs(current - previous) < tolerance;
}

/** How many times its first-epoch value the final cost may be before training counts as diverged. */
export const WORSENED_FACTOR = 100;

/**
 * A rate so large that the weights blow up without overflowing (saturated outputs, finite but huge
 * cost) ends without an error; a final cost far above the first epoch's says training failed.
 * Returns the explanation, or null when the cost did not end that much worse.
 */
export function worsened(costs: readonly number[]): string | null {
  if (costs.length === 0) return null;
  const first = costs[0], last = costs[costs.length - 1];
  if (!(last > WORSENED_FACTOR * Math.max(first, 0.01))) return null;
  return `the cost ended at ${Number(last.toPrecision(3))}, over ${WORSENED_FACTOR} times its ${Number(first.toPrecision(3))} after epoch 1, so training made the network worse`;
}

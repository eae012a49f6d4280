// Realistic hand-in (ben: the perceptron error with the sign flipped; his epoch loop has its own, right, update).
/**
 * Exercises of notebooks/01-perceptron.ipynb: gates from one neuron, the perceptron rule, one
 * epoch of it, and a prediction about a run.
 *
 * Weights are written as in the notes' Theta rows: [w0, w1, ..., wn], where w0 multiplies the bias
 * unit x0 = 1 (so w0 = -theta, minus the threshold).
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 01` in a terminal).
 */

/** The gates of exercise 1; none of them is built in the notebook. */
export type Gate = "NAND" | "NOR" | "x1 AND NOT x2" | "MAJORITY";

/**
 * Exercise 1: weights with which ONE sigmoid neuron h = g(w0 + w1 x1 + ...) computes the gate on
 * inputs 0 and 1, every output within 0.01 of the truth table:
 *
 * - "NAND": 0 only when both inputs are 1;
 * - "NOR": 1 only when both inputs are 0;
 * - "x1 AND NOT x2": 1 only at x1 = 1, x2 = 0;
 * - "MAJORITY": three inputs x1, x2, x3; 1 when at least two of them are 1.
 *
 * Return [w0, w1, w2], or [w0, w1, w2, w3] for MAJORITY. The notebook built AND, OR and NOT; work
 * these out the same way: for each row of the truth table decide which sign z must have, find
 * weights that give every row its sign, then scale them until the sigmoid is close enough to 0 and
 * 1 (the notebook's table of g(z) shows how large |z| must be).
 */
export function gateWeights(gate: Gate): number[] {
  switch (gate) {
    case "NAND": return [30, -20, -20];
    case "NOR": return [10, -20, -20];
    case "x1 AND NOT x2": return [-10, 20, -20];
    case "MAJORITY": return [-30, 20, 20, 20];
  }
  throw new Error(`gateWeights: unknown gate ${String(gate)}; the gates are NAND, NOR, "x1 AND NOT x2" and MAJORITY`);
}

/**
 * Exercise 2: one step of the perceptron learning rule (the notebook's section "Learning the
 * weights") on one example: `weights` is [w0, w1, ..., wn], `x` is [x1, ..., xn] (without the
 * bias unit), `y` is the label 0 or 1, `rate` the learning rate. Return the new weights as a new
 * array and leave the arguments unchanged. Do NOT use the library's `perceptronStep` or
 * `trainPerceptron`.
 */
export function perceptronUpdate(weights: number[], x: number[], y: number, rate: number): number[] {
  // Before you write: which input does w0 multiply, and what should happen when the neuron's
  // answer is already right? At z = 0 the step answers 1, as in the notes.
  let z = weights[0];
  for (let i = 0; i < x.length; i++) z += weights[i + 1] * x[i];
  const yhat = z >= 0 ? 1 : 0;
  const error = yhat - y;
  return weights.map((w, i) => w + rate * error * (i === 0 ? 1 : x[i - 1]));
}

/** What one epoch of the perceptron rule did. */
export interface EpochResult {
  /** The weights after the last example. */
  weights: number[];
  /** The examples (0-based row indices of X, in the order met) the neuron got wrong when it met them. */
  mistakes: number[];
}

/**
 * Exercise 3: one epoch of the perceptron rule: visit the examples (the rows of X, labels y) in
 * order, applying the rule to each one, and say which examples the neuron got wrong when it met
 * them. The notebook's tables list, per epoch, how many mistakes there were and the weights after
 * it: your function should reproduce every row. Use your own `perceptronUpdate`; do NOT use the
 * library's `perceptronStep`, `perceptronPath` or `trainPerceptron`. Leave the arguments unchanged.
 */
export function perceptronEpoch(weights: number[], X: number[][], y: number[], rate: number): EpochResult {
  // Before you write: which weights judge example i, those the epoch started with, or those the
  // update for example i - 1 left behind? And is "wrong" decided before or after the update?
  let w = [...weights];
  const mistakes: number[] = [];
  X.forEach((x, i) => {
    let z = w[0];
    for (let k = 0; k < x.length; k++) z += w[k + 1] * x[k];
    const error = y[i] - (z >= 0 ? 1 : 0);
    if (error !== 0) mistakes.push(i);
    w = w.map((wk, k) => wk + rate * error * (k === 0 ? 1 : x[k - 1]));
  });
  return { weights: w, mistakes };
}

/** A prediction about a run of the perceptron rule (exercise 4). */
export interface RunPrediction {
  /** How many epochs `trainPerceptron` reports, the last one (without mistakes) included. */
  epochs: number;
  /** The weights [w0, w1, w2] the run ends with. */
  weights: number[];
}

/**
 * Exercise 4, predict then run: in the notebook the rule learned AND from zero weights with rate 1
 * in 6 epochs (the sixth without a mistake), ending at (-3, 2, 1). Predict, WITHOUT running
 * anything: with rate 0.5 instead (the same zero start, the same order of examples), how many
 * epochs does `trainPerceptron` report, and which weights does it end with? Return your answer,
 * then run the notebook's cell below the question to see the run. Reason from the table of the
 * rate-1 run: what does halving the rate do to the first update, and to the neuron's answers?
 */
export function predictHalfRateRun(): RunPrediction {
  // From zero weights every update is rate * (+-x), so every weight is rate times the rate-1 run's,
  // and step(z) only sees the sign of z: the same answers, the same epochs, half the weights.
  return { epochs: 6, weights: [-1.5, 1, 0.5] };
}

// exercises/03-forward-propagation.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub d79f86e241ae-0e33139201a9]
/**
 * Exercises of notebooks/03-forward-propagation.ipynb: forward propagation in the notes' Theta
 * layout, and one-hot targets.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 03` in a terminal).
 */
import { sigmoid } from "../lib";

/**
 * Exercise 1: forward propagation of ONE example x through a network of sigmoid units given by
 * the notes' Theta matrices (files 000 and 001): Theta^(j) is s_{j+1} x (s_j + 1) and its column 0
 * holds the weights from the bias unit a_0^(j) = 1 (the notebook's sections "Notation" and "The
 * same pass as matrix products").
 *
 * Return every layer's activations [a^(1), a^(2), ..., a^(L)] without the bias units, a^(1) being
 * x itself. Notebook 04's cost and the backpropagation exercises build on this function. You may
 * use the library's `sigmoid`; do NOT use `forward`, `predict` or `networkFromThetas`.
 */
export function forwardTheta(thetas: number[][][], x: number[]): number[][] {
  throw new Error("not implemented yet: write forwardTheta in exercises/03-forward-propagation.ts");
}

/**
 * Exercise 2: the targets of a K-class problem for a network with K output units (the notebook's
 * section "Several outputs: one-hot targets"), one row per label; labels are 0..K-1, K = `classes`.
 * A label that is not one of the classes is refused with an Error that names it. Do NOT use the
 * library's `oneHot`.
 */
export function oneHotRows(labels: number[], classes: number): number[][] {
  throw new Error("not implemented yet: write oneHotRows in exercises/03-forward-propagation.ts");
}

// exercises/03-forward-propagation.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub bf3fe9228f76-1f9077418398]
/**
 * Exercises of notebooks/03-forward-propagation.ipynb: forward propagation in the notes' Theta
 * layout, and one-hot targets.
 *
 * Replace each `throw` with your code, save, and re-run the check cell in the notebook (or run
 * `npm run check -- 03` in a terminal).
 */
import { sigmoid } from "../lib";

/**
 * Exercise 1: forward propagation for ONE example x through sigmoid layers given as the notes'
 * Theta matrices: Theta^(j) is s_{j+1} x (s_j + 1), its column 0 multiplies the bias unit a_0 = 1.
 *
 *     a^(1) = x,   z^(j+1) = Theta^(j) [1; a^(j)],   a^(j+1) = g(z^(j+1))
 *
 * Return every layer's activations [a^(1), a^(2), ..., a^(L)] WITHOUT the bias units (a^(1) is x
 * itself, unchanged). You may use the library's `sigmoid`; do NOT use `forward`, `predict` or
 * `networkFromThetas`.
 */
export function forwardTheta(thetas: number[][][], x: number[]): number[][] {
  throw new Error("not implemented yet: write forwardTheta in exercises/03-forward-propagation.ts");
}

/**
 * Exercise 2: one-hot targets. Class labels 0..classes-1 become rows with a single 1 in the column
 * of the label: with 4 classes (pedestrian, car, motorcycle, truck), label 1 (car) is [0, 1, 0, 0].
 * Return an m x classes array (one row per label). Do NOT use the library's `oneHot`.
 */
export function oneHotRows(labels: number[], classes: number): number[][] {
  throw new Error("not implemented yet: write oneHotRows in exercises/03-forward-propagation.ts");
}

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
  // BEGIN SOLUTION
  const layers: number[][] = [x.slice()];
  for (const theta of thetas) {
    const a = layers[layers.length - 1];
    layers.push(theta.map((row) => {
      if (row.length !== a.length + 1) throw new Error(`forwardTheta: a Theta row has ${row.length} entries but the layer below has ${a.length} units (+1 bias)`);
      let z = row[0];
      for (let i = 0; i < a.length; i++) z += row[i + 1] * a[i];
      return sigmoid(z);
    }));
  }
  return layers;
  // END SOLUTION
}

/**
 * Exercise 2: the targets of a K-class problem for a network with K output units (the notebook's
 * section "Several outputs: one-hot targets"), one row per label; labels are 0..K-1, K = `classes`.
 * A label that is not one of the classes is refused with an Error that names it. Do NOT use the
 * library's `oneHot`.
 */
export function oneHotRows(labels: number[], classes: number): number[][] {
  // BEGIN SOLUTION
  return labels.map((label) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) throw new Error(`oneHotRows: label ${label} is not a class 0..${classes - 1}`);
    const row = new Array<number>(classes).fill(0);
    row[label] = 1;
    return row;
  });
  // END SOLUTION
}

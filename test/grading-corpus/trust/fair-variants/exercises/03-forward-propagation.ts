// Right answers in forms the checks accept: each layer's activations as a Float64Array.
import { sigmoid } from "../lib";

export function forwardTheta(thetas: number[][][], x: number[]): Float64Array[] {
  const layers = [Float64Array.from(x)];
  for (const theta of thetas) {
    const a = layers[layers.length - 1];
    layers.push(Float64Array.from(theta, (row) => sigmoid(row[0] + a.reduce((s, ai, i) => s + row[i + 1] * ai, 0))));
  }
  return layers;
}

export function oneHotRows(labels: number[], classes: number): Int32Array[] {
  return labels.map((label) => {
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new RangeError(`label ${label} is outside 0..${classes - 1}`);
    const row = new Int32Array(classes);
    row[label] = 1;
    return row;
  });
}

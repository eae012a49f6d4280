/**
 * A network's answer over a grid of 2-D inputs, for heatmaps of decision regions (the
 * TensorFlow-Playground picture): one forward pass over all grid points, done here so notebook
 * cells stay free of loops.
 */
import { InputError, requirePositiveInteger } from "./errors";
import { forward, predict, unitActivation } from "./forward";
import { matrix } from "./matrix";
import { Network } from "./network";

export interface GridOptions {
  /** [min, max] of the first input, on the chart's x axis (default [-0.5, 1.5]). */
  readonly x?: readonly [number, number];
  /** [min, max] of the second input, on the y axis (default [-0.5, 1.5]). */
  readonly y?: readonly [number, number];
  /** Points per axis (default 60). */
  readonly steps?: number;
  /** Which output unit to show (default 0). */
  readonly output?: number;
}

/** Grid coordinates and the network's output at each point: z[i][j] is the output at (x[j], y[i]). */
export interface DecisionGrid {
  readonly x: number[];
  readonly y: number[];
  readonly z: number[][];
}

export function decisionGrid(net: Network, options: GridOptions = {}): DecisionGrid {
  const where = "decisionGrid";
  if (net?.sizes?.[0] !== 2) throw new InputError(`${where}: the network needs exactly 2 inputs to draw on a plane, got ${net?.sizes?.[0]}`);
  const [x0, x1] = options.x ?? [-0.5, 1.5];
  const [y0, y1] = options.y ?? [-0.5, 1.5];
  const steps = options.steps ?? 60;
  requirePositiveInteger(where, "steps", steps);
  if (steps < 2) throw new InputError(`${where}: steps must be at least 2, got ${steps}`);
  const output = options.output ?? 0;
  const outputs = net.sizes[net.sizes.length - 1];
  if (!Number.isInteger(output) || output < 0 || output >= outputs) throw new InputError(`${where}: output must be 0..${outputs - 1}, got ${output}`);
  const axis = (a: number, b: number) => Array.from({ length: steps }, (_, k) => a + ((b - a) * k) / (steps - 1));
  const xs = axis(x0, x1), ys = axis(y0, y1);
  const points = new Float64Array(steps * steps * 2);
  ys.forEach((yv, i) => xs.forEach((xv, j) => {
    points[(i * steps + j) * 2] = xv;
    points[(i * steps + j) * 2 + 1] = yv;
  }));
  const H = predict(net, matrix(steps * steps, 2, points));
  const z = ys.map((_, i) => xs.map((__, j) => H.data[(i * steps + j) * outputs + output]));
  return { x: xs, y: ys, z };
}

/**
 * The activation a_i^(j) of one unit (the notes' numbering: layer j >= 2, unit i >= 1) over the
 * same grid as decisionGrid: what a hidden unit has learned to detect, as one heatmap per unit
 * (the TensorFlow-Playground picture). The output layer's units give decisionGrid's values.
 */
export function unitGrid(net: Network, j: number, i: number, options: Omit<GridOptions, "output"> = {}): DecisionGrid {
  const where = "unitGrid";
  if (net?.sizes?.[0] !== 2) throw new InputError(`${where}: the network needs exactly 2 inputs to draw on a plane, got ${net?.sizes?.[0]}`);
  const layers = net.sizes.length;
  if (!Number.isInteger(j) || j < 2 || j > layers) throw new InputError(`${where}: layer j must be 2..${layers} (1 is the input), got ${j}`);
  if (!Number.isInteger(i) || i < 1 || i > net.sizes[j - 1]) throw new InputError(`${where}: layer ${j} has units 1..${net.sizes[j - 1]}, got i = ${i}`);
  const [x0, x1] = options.x ?? [-0.5, 1.5];
  const [y0, y1] = options.y ?? [-0.5, 1.5];
  const steps = options.steps ?? 60;
  requirePositiveInteger(where, "steps", steps);
  if (steps < 2) throw new InputError(`${where}: steps must be at least 2, got ${steps}`);
  const axis = (a: number, b: number) => Array.from({ length: steps }, (_, k) => a + ((b - a) * k) / (steps - 1));
  const xs = axis(x0, x1), ys = axis(y0, y1);
  const points = new Float64Array(steps * steps * 2);
  ys.forEach((yv, r) => xs.forEach((xv, c) => {
    points[(r * steps + c) * 2] = xv;
    points[(r * steps + c) * 2 + 1] = yv;
  }));
  const trace = forward(net, matrix(steps * steps, 2, points));
  return { x: xs, y: ys, z: ys.map((_, r) => xs.map((__, c) => unitActivation(trace, j, i, r * steps + c))) };
}

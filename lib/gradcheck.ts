import { Gradients, backpropUnchecked } from "./backprop";
import { CostOptions, checkBatch, costOfTrace } from "./cost";
import { InputError } from "./errors";
import { forwardUnchecked } from "./forward";
import { Matrix, MatrixLike, Vector, matrix } from "./matrix";
import { Network, parametersOf, withParameters } from "./network";

export interface GradientCheckOptions extends CostOptions {
  /** The finite-difference step h; default 1e-5. */
  readonly epsilon?: number;
}

/** One parameter's two gradients. layer counts from 1, like W^(1); i, j index W (j = 0 for a bias). */
export interface GradientCheckEntry {
  readonly layer: number;
  readonly parameter: "W" | "b";
  readonly i: number;
  readonly j: number;
  readonly backprop: number;
  readonly numeric: number;
}

export interface GradientCheckResult {
  /** ||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||) over all parameters; 0 when both vanish. */
  readonly relativeError: number;
  /** The parameter where the two gradients differ most. */
  readonly worst: GradientCheckEntry;
  readonly backprop: Gradients;
  readonly numeric: Gradients;
  /** How many parameters were checked (each costs two forward passes). */
  readonly parameters: number;
}

/**
 * The gradient of the cost by central differences, (J(theta + h) - J(theta - h)) / 2h for every
 * weight and bias: slow (two forward passes per parameter) but independent of backpropagation.
 */
export function numericGradients(net: Network, X: MatrixLike, Y: MatrixLike, options: GradientCheckOptions): Gradients {
  const batch = checkBatch("numericGradients", net, X, Y, options);
  const h = options.epsilon ?? 1e-5;
  if (!(h > 0) || !Number.isFinite(h)) throw new InputError(`numericGradients: epsilon must be a positive number, got ${h}`);
  const params = parametersOf(net);
  const work = withParameters(net, params);
  const J = (): number => costOfTrace(work, forwardUnchecked(work, batch.X), batch.Y, options).total;
  const differentiate = (values: Float64Array): Float64Array => {
    const g = new Float64Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const saved = values[k];
      values[k] = saved + h;
      const plus = J();
      values[k] = saved - h;
      const minus = J();
      values[k] = saved;
      g[k] = (plus - minus) / (2 * h);
    }
    return g;
  };
  const W: Matrix[] = params.map((p) => matrix(p.W.rows, p.W.cols, differentiate(p.W.data)));
  const b: Vector[] = params.map((p) => differentiate(p.b));
  return { W, b };
}

/** Compares backpropagation's gradient with the numeric one over every parameter. */
export function gradientCheck(net: Network, X: MatrixLike, Y: MatrixLike, options: GradientCheckOptions): GradientCheckResult {
  const batch = checkBatch("gradientCheck", net, X, Y, options);
  const analytic = backpropUnchecked(net, batch.X, batch.Y, options).gradients;
  const numeric = numericGradients(net, batch.X, batch.Y, options);
  let diff2 = 0, a2 = 0, n2 = 0, count = 0;
  let worst: GradientCheckEntry = { layer: 1, parameter: "W", i: 0, j: 0, backprop: 0, numeric: 0 };
  let worstGap = -1;
  const visit = (layer: number, parameter: "W" | "b", cols: number, a: Float64Array, n: Float64Array) => {
    for (let k = 0; k < a.length; k++) {
      const d = a[k] - n[k];
      diff2 += d * d; a2 += a[k] * a[k]; n2 += n[k] * n[k]; count++;
      if (Math.abs(d) > worstGap) {
        worstGap = Math.abs(d);
        worst = { layer, parameter, i: Math.floor(k / cols), j: k % cols, backprop: a[k], numeric: n[k] };
      }
    }
  };
  analytic.W.forEach((gW, k) => visit(k + 1, "W", gW.cols, gW.data, numeric.W[k].data));
  analytic.b.forEach((gb, k) => visit(k + 1, "b", 1, gb, numeric.b[k]));
  const denominator = Math.sqrt(a2) + Math.sqrt(n2);
  return {
    relativeError: denominator === 0 ? 0 : Math.sqrt(diff2) / denominator,
    worst, backprop: analytic, numeric, parameters: count,
  };
}

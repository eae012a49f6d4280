import { InputError, describe, requireFiniteNumber, requirePositiveInteger } from "./errors";
import { Matrix, matrix } from "./matrix";

// ---------------------------------------------------------------------------------------------
// Scalar functions: what the notes write, one number at a time (for notebooks, charts, exercises).
// ---------------------------------------------------------------------------------------------

/** Unit step (the perceptron): 1 if z >= 0, else 0 (notes 003). */
export function step(z: number): number {
  return z >= 0 ? 1 : 0;
}

/** The step's derivative: 0 wherever it exists, which is why backpropagation cannot train perceptrons. */
export function stepPrime(_z: number): number {
  return 0;
}

export function identity(z: number): number {
  return z;
}

export function identityPrime(_z: number): number {
  return 1;
}

/**
 * The logistic sigmoid g(z) = 1 / (1 + e^-z). The two branches never exponentiate a large positive
 * number, so no Infinity appears for |z| > 700 and small results keep their relative precision.
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** g'(z) = g(z) (1 - g(z)). */
export function sigmoidPrime(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

export function tanh(z: number): number {
  return Math.tanh(z);
}

/** tanh'(z) = 1 - tanh(z)^2. */
export function tanhPrime(z: number): number {
  const t = Math.tanh(z);
  return 1 - t * t;
}

/** ReLU max(0, z). */
export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** ReLU'(z): 1 for z > 0, and 0 for z <= 0 (the subgradient 0 at the kink, as the notes use). */
export function reluPrime(z: number): number {
  return z > 0 ? 1 : 0;
}

/** Leaky ReLU max(slope z, z) for 0 <= slope < 1; the notes use slope 0.1. */
export function leakyRelu(z: number, slope = 0.1): number {
  return z > 0 ? z : slope * z;
}

export function leakyReluPrime(z: number, slope = 0.1): number {
  return z > 0 ? 1 : slope;
}

/** ELU: z for z >= 0, alpha (e^z - 1) below; expm1 keeps precision near 0. */
export function elu(z: number, alpha = 1): number {
  return z >= 0 ? z : alpha * Math.expm1(z);
}

export function eluPrime(z: number, alpha = 1): number {
  return z >= 0 ? 1 : alpha * Math.exp(z);
}

/** Softmax of a vector, shifted by its maximum so that no exponential overflows. */
export function softmax(z: ArrayLike<number>): Float64Array {
  const out = new Float64Array(z.length);
  softmaxInto(z, 0, z.length, out, 0);
  return out;
}

/**
 * The softmax Jacobian-vector product J v, with J = diag(s) - s s^T for s = softmax(z):
 * (J v)_i = s_i (v_i - s . v). J is symmetric, so this is also J^T v, the backward step.
 */
export function softmaxJvp(s: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  if (s.length !== v.length) {
    throw new InputError(`softmaxJvp: s has ${s.length} entries but v has ${v.length}`);
  }
  const out = new Float64Array(s.length);
  softmaxJvpInto(s, v, 0, s.length, out);
  return out;
}

/** (J v)_i = s_i (v_i - s . v) over entries from .. from + n - 1 of s and v, written to out at the same place. */
export function softmaxJvpInto(s: ArrayLike<number>, v: ArrayLike<number>, from: number, n: number, out: Float64Array): void {
  let dot = 0;
  for (let i = from; i < from + n; i++) dot += s[i] * v[i];
  for (let i = from; i < from + n; i++) out[i] = s[i] * (v[i] - dot);
}

/** The full softmax Jacobian diag(s) - s s^T, for display; backpropagation uses softmaxJvp instead. */
export function softmaxJacobian(s: ArrayLike<number>): Matrix {
  const n = s.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = (i === j ? s[i] : 0) - s[i] * s[j];
  }
  return matrix(n, n, out);
}

export function softmaxInto(z: ArrayLike<number>, from: number, n: number, out: Float64Array, at: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(z[from + i] - max);
    out[at + i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[at + i] /= sum;
}

// ---------------------------------------------------------------------------------------------
// Layer activations: what a network layer applies to a batch of weighted inputs.
// ---------------------------------------------------------------------------------------------

export type ActivationName =
  | "step" | "identity" | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "elu" | "softmax" | "maxout";

export const ACTIVATION_NAMES: readonly ActivationName[] = [
  "step", "identity", "sigmoid", "tanh", "relu", "leakyRelu", "elu", "softmax", "maxout",
];

/**
 * How a layer's activation is named. Parameterized ones take an object; their bare names use the
 * notes' values: leakyRelu slope 0.1, elu alpha 1, maxout with 2 pieces.
 */
export type ActivationSpec =
  | ActivationName
  | { readonly name: "leakyRelu"; readonly slope: number }
  | { readonly name: "elu"; readonly alpha: number }
  | { readonly name: "maxout"; readonly pieces: number };

export interface Activation {
  readonly name: ActivationName;
  /** A readable name with parameters, e.g. "leakyRelu(slope=0.1)". */
  readonly label: string;
  /** Weighted inputs per unit: k for a maxout unit with k linear pieces, 1 for every other activation. */
  readonly pieces: number;
  /** Applies the activation to a batch Z (one example per row). */
  forward(Z: Matrix): Matrix;
  /**
   * Backward step: given Z, A = forward(Z) and dA = dJ/dA, returns dJ/dZ (row by row, the
   * Jacobian-transpose times dA). For elementwise activations this is dA .* g'(Z).
   */
  backward(Z: Matrix, A: Matrix, dA: Matrix): Matrix;
  /**
   * forward on buffers the caller owns: A = g(Z) over the first rows x cols entries (one example
   * per row), with the same arithmetic. For training loops that allocate nothing per batch; absent
   * where A is not the shape of Z (maxout).
   */
  readonly forwardInto?: (Z: Float64Array, A: Float64Array, rows: number, cols: number) => void;
  /** backward on buffers the caller owns: out = dJ/dZ over the first rows x cols entries. */
  readonly backwardInto?: (Z: Float64Array, A: Float64Array, dA: Float64Array, out: Float64Array, rows: number, cols: number) => void;
  /**
   * Set when the activation is a rectifier: g(z) = z > 0 ? z : slope * z (slope 0: exactly +0,
   * also for NaN) and g'(z) = z > 0 ? 1 : slope. A shape a backend can compute with vector
   * instructions and no branch per entry (lib/backends/wasm), giving forwardInto's and
   * backwardInto's numbers bit for bit.
   */
  readonly rectifier?: { readonly slope: number };
}

/** An activation applied entry by entry, with its scalar function and derivative. */
export interface ElementwiseActivation extends Activation {
  readonly f: (z: number) => number;
  readonly df: (z: number) => number;
  readonly forwardInto: NonNullable<Activation["forwardInto"]>;
  readonly backwardInto: NonNullable<Activation["backwardInto"]>;
}

type BufferMethods = Pick<ElementwiseActivation, "forwardInto" | "backwardInto">;

/** An activation with A the shape of Z, its Matrix forms computed by its buffer forms. */
function fromBuffers(fields: BufferMethods & { readonly name: ActivationName; readonly label: string }): Activation & BufferMethods {
  const { forwardInto, backwardInto } = fields;
  return {
    ...fields, pieces: 1,
    forward(Z: Matrix) {
      const out = new Float64Array(Z.data.length);
      forwardInto(Z.data, out, Z.rows, Z.cols);
      return matrix(Z.rows, Z.cols, out);
    },
    backward(Z: Matrix, A: Matrix, dA: Matrix) {
      const out = new Float64Array(Z.data.length);
      backwardInto(Z.data, A.data, dA.data, out, Z.rows, Z.cols);
      return matrix(Z.rows, Z.cols, out);
    },
  };
}

function elementwise(name: ActivationName, label: string, f: (z: number) => number, df: (z: number) => number, buffers?: BufferMethods): ElementwiseActivation {
  const generic: BufferMethods = {
    forwardInto(Z, A, rows, cols) {
      for (let t = 0; t < rows * cols; t++) A[t] = f(Z[t]);
    },
    backwardInto(Z, _A, dA, out, rows, cols) {
      for (let t = 0; t < rows * cols; t++) out[t] = dA[t] * df(Z[t]);
    },
  };
  return { ...fromBuffers({ name, label, ...(buffers ?? generic) }), f, df };
}

// Direct calls in the loops below, which V8 inlines: these two are the hidden layers of most
// training runs, where a call through f per entry would cost more than the products around it.
const sigmoidActivation = elementwise("sigmoid", "sigmoid", sigmoid, sigmoidPrime, {
  forwardInto(Z, A, rows, cols) {
    for (let t = 0; t < rows * cols; t++) A[t] = sigmoid(Z[t]);
  },
  // g' = a (1 - a) reuses the forward result, as the notes' implementation remark suggests.
  backwardInto(_Z, A, dA, out, rows, cols) {
    for (let t = 0; t < rows * cols; t++) out[t] = dA[t] * A[t] * (1 - A[t]);
  },
});

const reluActivation: ElementwiseActivation = {
  ...elementwise("relu", "relu", relu, reluPrime, {
    forwardInto(Z, A, rows, cols) {
      for (let t = 0; t < rows * cols; t++) A[t] = Z[t] > 0 ? Z[t] : 0;
    },
    backwardInto(Z, _A, dA, out, rows, cols) {
      for (let t = 0; t < rows * cols; t++) out[t] = dA[t] * (Z[t] > 0 ? 1 : 0);
    },
  }),
  rectifier: { slope: 0 },
};

const softmaxActivation: Activation = fromBuffers({
  name: "softmax", label: "softmax",
  forwardInto(Z, A, rows, cols) {
    for (let i = 0; i < rows; i++) softmaxInto(Z, i * cols, cols, A, i * cols);
  },
  // Each row's backward step is the Jacobian-vector product with that row's softmax.
  backwardInto(_Z, A, dA, out, rows, cols) {
    for (let i = 0; i < rows; i++) softmaxJvpInto(A, dA, i * cols, cols, out);
  },
});

/** Maxout: unit u outputs the largest of its k weighted inputs, columns u*k .. u*k+k-1 of Z. */
function maxoutActivation(pieces: number): Activation {
  return {
    name: "maxout", label: `maxout(pieces=${pieces})`, pieces,
    forward(Z) {
      const units = Z.cols / pieces;
      const out = new Float64Array(Z.rows * units);
      for (let i = 0; i < Z.rows; i++) {
        for (let u = 0; u < units; u++) {
          const base = i * Z.cols + u * pieces;
          let best = Z.data[base];
          for (let p = 1; p < pieces; p++) best = Math.max(best, Z.data[base + p]);
          out[i * units + u] = best;
        }
      }
      return matrix(Z.rows, units, out);
    },
    // The gradient flows only to the winning piece (the first one on ties).
    backward(Z, _A, dA) {
      const units = Z.cols / pieces;
      const out = new Float64Array(Z.data.length);
      for (let i = 0; i < Z.rows; i++) {
        for (let u = 0; u < units; u++) {
          const base = i * Z.cols + u * pieces;
          let arg = 0;
          for (let p = 1; p < pieces; p++) if (Z.data[base + p] > Z.data[base + arg]) arg = p;
          out[base + arg] = dA.data[i * units + u];
        }
      }
      return matrix(Z.rows, Z.cols, out);
    },
  };
}

/** Turns an activation spec into the activation, rejecting unknown names and bad parameters. */
export function activation(spec: ActivationSpec): Activation {
  const name: unknown = typeof spec === "string" ? spec : (spec as { name?: unknown } | null)?.name;
  const where = "activation";
  switch (name) {
    case "step": return elementwise("step", "step", step, stepPrime);
    case "identity": return elementwise("identity", "identity", identity, identityPrime);
    case "sigmoid": return sigmoidActivation;
    case "tanh": return elementwise("tanh", "tanh", tanh, tanhPrime);
    case "relu": return reluActivation;
    case "softmax": return softmaxActivation;
    case "leakyRelu": {
      const slope = typeof spec === "string" ? 0.1 : (spec as { slope: number }).slope;
      requireFiniteNumber(where, "leakyRelu slope", slope);
      if (slope < 0 || slope >= 1) throw new InputError(`${where}: leakyRelu slope must be in [0, 1), got ${slope}`);
      const leaky = elementwise("leakyRelu", `leakyRelu(slope=${slope})`, (z) => leakyRelu(z, slope), (z) => leakyReluPrime(z, slope));
      // (With slope 0 it gives slope * z = -0 below 0, not the rectifier's +0.)
      return slope > 0 ? { ...leaky, rectifier: { slope } } : leaky;
    }
    case "elu": {
      const alpha = typeof spec === "string" ? 1 : (spec as { alpha: number }).alpha;
      requireFiniteNumber(where, "elu alpha", alpha);
      if (alpha <= 0) throw new InputError(`${where}: elu alpha must be positive, got ${alpha}`);
      return elementwise("elu", `elu(alpha=${alpha})`, (z) => elu(z, alpha), (z) => eluPrime(z, alpha));
    }
    case "maxout": {
      const pieces = typeof spec === "string" ? 2 : (spec as { pieces: number }).pieces;
      requirePositiveInteger(where, "maxout pieces", pieces);
      if (pieces < 2) throw new InputError(`${where}: maxout needs at least 2 pieces, got ${pieces}`);
      return maxoutActivation(pieces);
    }
    default:
      throw new InputError(
        `${where}: unknown activation ${describe(typeof spec === "object" && spec !== null ? name : spec)}; ` +
          `use one of ${ACTIVATION_NAMES.join(", ")}`,
      );
  }
}

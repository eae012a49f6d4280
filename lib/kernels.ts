import { InputError } from "./errors";
import { wasmKernels } from "./kernels-wasm";
import { Matrix, Vector, shapeOf } from "./matrix";

/**
 * The few operations that dominate training time. Forward and backward propagation call only
 * these for their matrix work, so a faster implementation (WebAssembly, SIMD, a native addon)
 * replaces them in one place with `setKernels`, and everything else stays as written.
 *
 * Every operation returns a new matrix and leaves its arguments untouched.
 */
export interface Kernels {
  readonly name: string;
  /** Z = A W^T + 1 b^T: the weighted inputs of a layer for a batch (A is m x n, W is k x n, b has k entries). */
  affine(A: Matrix, W: Matrix, b: Vector): Matrix;
  /** C = A B (A is m x n, B is n x k): carries deltas back through a layer, delta W. */
  matmul(A: Matrix, B: Matrix): Matrix;
  /** C = A^T B (A is m x n, B is m x k): the weight gradient delta^T a summed over the batch. */
  matmulTransA(A: Matrix, B: Matrix): Matrix;
  /** The sum of each column (the bias gradient summed over the batch). */
  columnSums(A: Matrix): Vector;
}

// The reference kernels live in lib/kernels-js.ts (so that faster kernels can reuse pieces of them
// without importing this module, which imports them back to pick the default).
export { jsKernels } from "./kernels-js";

// The WebAssembly SIMD kernels by default (the reference sums, 5-10x faster, and skipping the
// digits' zero pixels); `train` then runs on lib/train/engine.ts. setKernels(jsKernels) switches
// back to the reference loops (and `train` to its readable loop); sparseKernels are the plain-
// TypeScript middle ground.
let current: Kernels = wasmKernels;

/** Replaces the kernels used by the whole library; returns the previous ones so callers can restore them. */
export function setKernels(kernels: Kernels): Kernels {
  const previous = current;
  current = kernels;
  return previous;
}

export function getKernels(): Kernels {
  return current;
}

// The wrappers below check shapes (cheap, O(1)) so that every backend gets the same clear errors.

export function affine(A: Matrix, W: Matrix, b: Vector): Matrix {
  if (A.cols !== W.cols || b.length !== W.rows) {
    throw new InputError(`affine: A is ${shapeOf(A)}, W is ${shapeOf(W)} and b has ${b.length} entries; ` +
      `A W^T + b needs A.cols = W.cols and b.length = W.rows`);
  }
  return current.affine(A, W, b);
}

/**
 * The backward step of `affine` (Z = A W^T + b), given dZ = dJ/dZ: dW = dZ^T A, db = the column
 * sums of dZ, and, unless the layer's input is the data, dA = dZ W to carry the error further back.
 * Sums over the batch, not divided by m. (cs231n pairs affine_forward with affine_backward the same way.)
 */
export function affineBackward(dZ: Matrix, A: Matrix, W: Matrix, needInputGradient: boolean): { dA: Matrix | null; dW: Matrix; db: Vector } {
  if (dZ.rows !== A.rows || dZ.cols !== W.rows || A.cols !== W.cols) {
    throw new InputError(`affineBackward: dZ is ${shapeOf(dZ)}, A is ${shapeOf(A)} and W is ${shapeOf(W)}; they must come from the same affine(A, W, b)`);
  }
  return { dA: needInputGradient ? current.matmul(dZ, W) : null, dW: current.matmulTransA(dZ, A), db: current.columnSums(dZ) };
}

export function matmul(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.rows) throw new InputError(`matmul: A is ${shapeOf(A)} and B is ${shapeOf(B)}; A B needs A.cols = B.rows`);
  return current.matmul(A, B);
}

export function matmulTransA(A: Matrix, B: Matrix): Matrix {
  if (A.rows !== B.rows) {
    throw new InputError(`matmulTransA: A is ${shapeOf(A)} and B is ${shapeOf(B)}; A^T B needs A.rows = B.rows`);
  }
  return current.matmulTransA(A, B);
}

export function columnSums(A: Matrix): Vector {
  return current.columnSums(A);
}

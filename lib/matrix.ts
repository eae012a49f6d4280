import { InputError, describe, check } from "./errors";

/**
 * A dense matrix of float64 values stored row-major: entry (i, j) is data[i * cols + j].
 * Batches are row-major too: one example per row.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * What public functions accept where a matrix is expected: a Matrix, or nested arrays whose rows may
 * be plain arrays or Float64Arrays. A flat list of numbers is accepted by the type too, so that the
 * common slip `forward(net, [0, 1])` reaches the library's own message ("wrap a single example as
 * [[...]]") instead of a TypeScript error about readonly number[].
 */
export type MatrixLike = Matrix | readonly (readonly number[] | Float64Array)[] | readonly number[];

/** A vector (a bias, a row of a batch) is a plain Float64Array. */
export type Vector = Float64Array;

/** What public functions accept where a vector is expected. */
export type VectorLike = Vector | readonly number[];

export function isMatrix(value: unknown): value is Matrix {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Matrix).data instanceof Float64Array &&
    Number.isInteger((value as Matrix).rows) &&
    Number.isInteger((value as Matrix).cols)
  );
}

/** Creates a rows x cols matrix; without `data` it is all zeros. `data` is used as is, not copied. */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  check(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 0, () =>
    `matrix: rows and cols must be non-negative integers, got ${describe(rows)} x ${describe(cols)}`,
  );
  const values = data ?? new Float64Array(rows * cols);
  check(values.length === rows * cols, () =>
    `matrix: data has ${values.length} values but a ${rows}x${cols} matrix needs ${rows * cols}`,
  );
  return { rows, cols, data: values };
}

export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

/** "3x2": how shapes appear in error messages. */
export function shapeOf(m: Matrix): string {
  return `${m.rows}x${m.cols}`;
}

/** The entry in row i, column j (0-based, as for arrays). */
export function get(m: Matrix, i: number, j: number): number {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= m.rows || j >= m.cols) {
    throw new InputError(`get: (${i}, ${j}) is outside a ${shapeOf(m)} matrix; rows run 0..${m.rows - 1}, columns 0..${m.cols - 1}`);
  }
  return m.data[i * m.cols + j];
}

export function copy(m: Matrix): Matrix {
  return matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/** Row i as a new vector. */
export function row(m: Matrix, i: number): Vector {
  return m.data.slice(i * m.cols, (i + 1) * m.cols);
}

/** Column j as a new vector. */
export function column(m: Matrix, j: number): Vector {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** The column of the largest entry of row i (the first one on ties): the one argmax of the library. */
export function rowArgmax(m: Matrix, i: number): number {
  const base = i * m.cols;
  let best = 0;
  for (let j = 1; j < m.cols; j++) if (m.data[base + j] > m.data[base + best]) best = j;
  return best;
}

/** The rows at the given indices, in that order, as a new matrix (mini-batches, splits). */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    out.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols);
  }
  return matrix(indices.length, m.cols, out);
}

/** The transpose as a new matrix (for display and for the notes' column-vector formulas). */
export function transpose(m: Matrix): Matrix {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  }
  return matrix(m.cols, m.rows, out);
}

export function toArray(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/**
 * Converts nested arrays (or a Matrix) to a Matrix, checking that the value is a non-ragged
 * 2-D array of finite numbers. `where` and `name` appear in the error: "forward: X row 2 ...".
 * A Matrix is returned as is after the finiteness check; arrays are copied.
 */
export function toMatrix(where: string, name: string, value: unknown): Matrix {
  if (isMatrix(value)) {
    check(value.data.length === value.rows * value.cols, () =>
      `${where}: ${name} claims to be ${shapeOf(value)} but holds ${value.data.length} values`,
    );
    requireFiniteMatrix(where, name, value);
    return value;
  }
  if (!Array.isArray(value)) {
    throw new InputError(`${where}: ${name} must be a Matrix or a 2-D array of numbers, got ${describe(value)}`);
  }
  const rows = value.length;
  // A row may be a plain array or a typed array (what row() returns).
  const isRow = (r: unknown): r is ArrayLike<unknown> => Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView));
  if (rows > 0 && !isRow(value[0])) {
    throw new InputError(
      `${where}: ${name} must be a 2-D array (one example per row), got a 1-D array of length ${rows}; ` +
        `wrap a single example as [[...]]`,
    );
  }
  const cols = rows === 0 ? 0 : (value[0] as ArrayLike<unknown>).length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r: unknown = value[i];
    if (!isRow(r)) throw new InputError(`${where}: ${name} row ${i} is not an array (got ${describe(r)})`);
    if (r.length !== cols) {
      throw new InputError(`${where}: ${name} is ragged: row 0 has ${cols} entries but row ${i} has ${r.length}`);
    }
    for (let j = 0; j < cols; j++) {
      const x: unknown = r[j];
      if (typeof x !== "number") {
        throw new InputError(`${where}: ${name}[${i}][${j}] must be a number, got ${describe(x)}`);
      }
      data[i * cols + j] = x;
    }
  }
  const m = matrix(rows, cols, data);
  requireFiniteMatrix(where, name, m);
  return m;
}

/** Converts an array (or Float64Array) to a vector, checking every entry is a finite number. */
export function toVector(where: string, name: string, value: unknown): Vector {
  let v: Float64Array;
  if (value instanceof Float64Array) v = value;
  else if (Array.isArray(value)) {
    v = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x !== "number") throw new InputError(`${where}: ${name}[${i}] must be a number, got ${describe(x)}`);
      v[i] = x;
    }
  } else {
    throw new InputError(`${where}: ${name} must be an array of numbers, got ${describe(value)}`);
  }
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new InputError(`${where}: ${name}[${i}] is ${v[i]}; values must be finite`);
  }
  return v;
}

/** Throws naming the first NaN or Infinity and its position. */
export function requireFiniteMatrix(where: string, name: string, m: Matrix): void {
  const d = m.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      const i = Math.floor(k / m.cols);
      const j = k - i * m.cols;
      throw new InputError(`${where}: ${name}[${i}][${j}] is ${d[k]} (${name} is ${shapeOf(m)}); values must be finite`);
    }
  }
}

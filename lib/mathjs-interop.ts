import { Matrix as MathMatrix, format, isMatrix as isMathMatrix, matrix as mathMatrix, parse } from "mathjs";
import { InputError, describe } from "./errors";
import { Matrix, toArray, toMatrix } from "./matrix";

/** A library matrix as a dense mathjs matrix (for mathjs's printing, TeX and linear algebra). */
export function toMathjs(m: Matrix): MathMatrix {
  return mathMatrix(toArray(m));
}

/** A 2-D mathjs matrix (or nested arrays) as a library matrix, with the usual shape and finiteness checks. */
export function fromMathjs(value: MathMatrix | readonly (readonly number[])[]): Matrix {
  if (isMathMatrix(value)) {
    const size = value.size();
    if (size.length !== 2) {
      throw new InputError(`fromMathjs: expected a 2-D mathjs matrix, got one of size [${size.join(", ")}]`);
    }
    return toMatrix("fromMathjs", "value", value.toArray());
  }
  if (Array.isArray(value)) return toMatrix("fromMathjs", "value", value);
  throw new InputError(`fromMathjs: expected a mathjs matrix or a 2-D array, got ${describe(value)}`);
}

/** A matrix as TeX (\begin{bmatrix} ... \end{bmatrix}), numbers rounded to `precision` significant digits by mathjs. */
export function matrixToTex(m: Matrix, precision = 4): string {
  if (!Number.isInteger(precision) || precision < 1) {
    throw new InputError(`matrixToTex: precision must be a positive integer, got ${describe(precision)}`);
  }
  return parse(format(toMathjs(m), { precision })).toTex();
}

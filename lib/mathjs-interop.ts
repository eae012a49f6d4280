import { Matrix as MathMatrix, isMatrix as isMathMatrix, matrix as mathMatrix } from "mathjs";
import { InputError, describe } from "./errors";
import { Matrix, toArray, toMatrix } from "./matrix";

/** A library matrix as a dense mathjs matrix (for mathjs's printing and linear algebra; TeX is lib/notebook's matrixTex). */
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

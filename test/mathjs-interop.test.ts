import { matrix as mathMatrix, multiply } from "mathjs";
import { describe, expect, it } from "vitest";
import { InputError, fromMathjs, matmul, toArray, toMathjs, toMatrix } from "../lib";

describe("conversion to and from mathjs", () => {
  const A = toMatrix("test", "A", [[1, 2, 3], [4, 5, 6]]);

  it("round-trips exactly", () => {
    expect(toArray(fromMathjs(toMathjs(A)))).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toMathjs(A).size()).toEqual([2, 3]);
  });

  it("agrees with mathjs's own matrix product", () => {
    const B = toMatrix("test", "B", [[1, 0], [0, 1], [2, -1]]);
    const ours = toArray(matmul(A, B));
    const theirs = (multiply(toMathjs(A), toMathjs(B)) as ReturnType<typeof mathMatrix>).toArray();
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([[7, -1], [16, -1]]);
  });

  it("accepts plain arrays and rejects what is not 2-D", () => {
    expect(toArray(fromMathjs([[1, 2]]))).toEqual([[1, 2]]);
    expect(() => fromMathjs(mathMatrix([1, 2, 3]))).toThrow("fromMathjs: expected a 2-D mathjs matrix, got one of size [3]");
    expect(() => fromMathjs(mathMatrix([[1, NaN]]))).toThrow(InputError);
  });
});

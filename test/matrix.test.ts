import { describe, expect, it } from "vitest";
import { InputError, get, matrix, row, selectRows, shapeOf, toArray, toMatrix, toVector, transpose } from "../lib";

describe("matrices", () => {
  it("are row-major: entry (i, j) is data[i * cols + j]", () => {
    const m = toMatrix("t", "m", [[1, 2, 3], [4, 5, 6]]);
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(get(m, 1, 0)).toBe(4);
    expect(shapeOf(m)).toBe("2x3");
    expect([...row(m, 1)]).toEqual([4, 5, 6]);
    expect(toArray(transpose(m))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(toArray(selectRows(m, [1, 1, 0]))).toEqual([[4, 5, 6], [4, 5, 6], [1, 2, 3]]);
  });

  it("copy nested arrays, so later edits to the arrays do not leak in", () => {
    const a = [[1, 2]];
    const m = toMatrix("t", "m", a);
    a[0][0] = 7;
    expect(m.data[0]).toBe(1);
  });

  it("reject data of the wrong length and bad vectors", () => {
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow("matrix: data has 3 values but a 2x2 matrix needs 4");
    expect(() => toVector("f", "b", [1, "2"])).toThrow('f: b[1] must be a number, got "2"');
    expect(() => toVector("f", "b", [1, NaN])).toThrow("f: b[1] is NaN; values must be finite");
    expect(() => toMatrix("f", "A", { rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(InputError);
  });
});

describe("reading by index", () => {
  it("get reads (i, j) and refuses a place outside the matrix; column reads down a column", async () => {
    const { column } = await import("../lib");
    const m = matrix(2, 3, Float64Array.from([1, 2, 3, 4, 5, 6]));
    expect(get(m, 1, 2)).toBe(6);
    expect(() => get(m, 2, 0)).toThrow("get: (2, 0) is outside a 2x3 matrix; rows run 0..1, columns 0..2");
    expect(() => get(m, 0, 3)).toThrow(InputError);
    expect([...column(m, 1)]).toEqual([2, 5]);
  });
});

// A cell that builds on the student's functions gets their results in the plain form the checks
// saw: a forwardTheta whose layers are Float64Arrays and a backpropGradients that returns library
// Matrix layers (both accepted by the checks) reach the cell as nested arrays, so the cell's
// array code (row.slice, theta.map) works with every accepted form.
import { describe, expect, it } from "vitest";
import { matrix } from "../lib";
import { ownCode } from "../lib/exercise";
import { checks as checks03 } from "../exercises/checks/03-forward-propagation";
import { checks as checks06 } from "../exercises/checks/06-gradient-checking";
import * as forward from "../solutions/03-forward-propagation";
import * as backprop from "../solutions/06-gradient-checking";

describe("ownCode hands a cell plain arrays", () => {
  it("typed-array layers and Matrix gradients come back as nested arrays, with the same values", () => {
    const typed = { ...forward, forwardTheta: (thetas: number[][][], x: number[]) => forward.forwardTheta(thetas, x).map((a) => Float64Array.from(a)) };
    const asMatrices = {
      ...backprop,
      backpropGradients: (thetas: number[][][], X: number[][], Y: number[][], lambda: number) =>
        backprop.backpropGradients(thetas, X, Y, lambda).map((D) => matrix(D.length, D[0].length, Float64Array.from(D.flat()))),
    };
    const f = ownCode(checks03, typed, ["forwardTheta"]).functions;
    const b = ownCode(checks06, asMatrices, ["backpropGradients"]).functions;
    expect(f).not.toBeNull();
    expect(b).not.toBeNull();
    const thetas = [[[0.1, 0.2], [-0.3, 0.4]], [[0.5, -0.6, 0.7]]];
    const layers = f?.forwardTheta(thetas, [2]) ?? [];
    expect(layers.every((a) => Array.isArray(a))).toBe(true);
    expect(layers).toEqual(forward.forwardTheta(thetas, [2]));
    const D = b?.backpropGradients(thetas, [[2], [-1]], [[1], [0]], 0.5) ?? [];
    expect(D.map((layer) => Array.isArray(layer) && layer.every((row) => Array.isArray(row)))).toEqual([true, true]);
    expect(D).toEqual(backprop.backpropGradients(thetas, [[2], [-1]], [[1], [0]], 0.5));
  });
});

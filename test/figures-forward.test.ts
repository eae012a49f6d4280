// Notebook 03's figures: the network in the notes' notation (units a_i^(j), edges Theta^(j)_ki,
// a slider over the units whose weighted sum is written out, with the notes' XOR network's
// numbers worked by hand), hidden units along one input, and class outputs as bars.
import { describe, expect, it } from "vitest";
import { forward, matrix, networkFromThetas, sigmoid, toThetas, unitActivation } from "../lib";
import { classOutputsFigure, notationNetworkFigure, unitSweepFigure, type Trace } from "../lib/notebook";

type Step = { label: string; args: [string[], unknown] };
const texts = (t: Trace) => t.text as string[];

describe("notationNetworkFigure in symbols (the notes' 3-3-1 network)", () => {
  const fig = notationNetworkFigure([3, 3, 1], { title: "notation" });
  const steps = (fig.layout?.sliders as { steps: Step[] }[])[0].steps;

  it("draws 9 units (3 + bias, 3 + bias, 1 output) and 16 edges (4 into each of 3 hidden units, 4 into the output)", () => {
    expect(texts(fig.data[2])).toEqual([
      "a<sub>0</sub><sup>(1)</sup>", "a<sub>1</sub><sup>(1)</sup>", "a<sub>2</sub><sup>(1)</sup>", "a<sub>3</sub><sup>(1)</sup>",
      "a<sub>0</sub><sup>(2)</sup>", "a<sub>1</sub><sup>(2)</sup>", "a<sub>2</sub><sup>(2)</sup>", "a<sub>3</sub><sup>(2)</sup>",
      "a<sub>1</sub><sup>(3)</sup>",
    ]);
    expect((fig.data[0].x as unknown[]).length).toBe(16 * 3);
    expect(texts(fig.data[3])).toEqual(["= 1", "= x<sub>1</sub>", "= x<sub>2</sub>", "= x<sub>3</sub>", "= 1", "", "", "", ""]);
  });

  it("has one slider step per unit above the input, each switching to a frame that exists", () => {
    expect(steps.map((s) => s.label)).toEqual(["a₁⁽²⁾", "a₂⁽²⁾", "a₃⁽²⁾", "a₁⁽³⁾"]);
    const names = (fig.frames ?? []).map((f) => f.name);
    for (const s of steps) expect(names).toContain(s.args[0][0]);
  });

  it("labels the edges into the chosen unit Theta^(j)_k0 ... Theta^(j)_ks and writes its sum as in the notes", () => {
    const second = (fig.frames ?? []).find((f) => f.name === "2:2");
    expect(texts(second!.data[1])).toEqual(["Θ<sup>(1)</sup><sub>20</sub>", "Θ<sup>(1)</sup><sub>21</sub>", "Θ<sup>(1)</sup><sub>22</sub>", "Θ<sup>(1)</sup><sub>23</sub>"]);
    expect(texts(second!.data[2])[0]).toBe(
      "z<sub>2</sub><sup>(2)</sup> = Θ<sup>(1)</sup><sub>20</sub>a<sub>0</sub><sup>(1)</sup> + Θ<sup>(1)</sup><sub>21</sub>a<sub>1</sub><sup>(1)</sup> + " +
      "Θ<sup>(1)</sup><sub>22</sub>a<sub>2</sub><sup>(1)</sup> + Θ<sup>(1)</sup><sub>23</sub>a<sub>3</sub><sup>(1)</sup>,   a<sub>2</sub><sup>(2)</sup> = g(z<sub>2</sub><sup>(2)</sup>)",
    );
    // The figure starts on the first step, drawing the first frame's traces.
    expect(fig.data[4]).toEqual(fig.frames![0].data[1]);
  });
});

describe("notationNetworkFigure with the notes' XOR network at x = (1, 0)", () => {
  const thetas = [[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]];
  const net = networkFromThetas(thetas);
  const trace = forward(net, [[1, 0]]);
  const activations = [1, 2, 3].map((j) => Array.from({ length: net.sizes[j - 1] }, (_, i) => unitActivation(trace, j, i + 1)));
  const fig = notationNetworkFigure(net.sizes, { title: "XOR", thetas: toThetas(net), activations });

  it("writes each unit's activation: a^(1) = (1, 0), a^(2) = (g(10), g(10)) = 0.99995, bias units 1", () => {
    const notes = texts(fig.data[3]);
    expect(notes.slice(0, 3)).toEqual(["= 1", "= 1", "= 0"]);
    // g(10) = 0.99995460 and the output g(-30 + 40 g(10)) = g(9.998184) = 0.99995452, to five digits.
    expect(notes.slice(3)).toEqual(["= 1", "= 0.99995", "= 0.99995", "= 0.99995"]);
  });

  it("spells out z_1^(3) = -30 + 20 g(10) + 20 g(10) = 9.998 with the weights on the edges", () => {
    const out = (fig.frames ?? []).find((f) => f.name === "3:1")!;
    expect(texts(out.data[1])).toEqual([
      "Θ<sup>(2)</sup><sub>10</sub> = -30", "Θ<sup>(2)</sup><sub>11</sub> = 20", "Θ<sup>(2)</sup><sub>12</sub> = 20",
    ]);
    expect(texts(out.data[2])[0]).toContain("<br>z<sub>1</sub><sup>(3)</sup> = (-30)·1 + 20·0.99995 + 20·0.99995 = 9.9982,");
    expect(texts(out.data[2])[0]).toContain("= g(9.9982) = 0.99995");
    expect(-30 + 40 * sigmoid(10)).toBeCloseTo(9.998184, 6);
    const hidden = (fig.frames ?? []).find((f) => f.name === "2:2")!;
    expect(texts(hidden.data[2])[0]).toContain("= 30·1 + (-20)·1 + (-20)·0 = 10,");
  });

  it("refuses Theta matrices of the wrong shape and activations without weights", () => {
    expect(() => notationNetworkFigure([2, 3, 1], { title: "t", thetas: toThetas(net) })).toThrow(/Theta\^\(1\) must be 3x3/);
    expect(() => notationNetworkFigure([2, 2, 1], { title: "t", activations })).toThrow(/only with the thetas/);
    expect(() => notationNetworkFigure([2], { title: "t" })).toThrow(/at least two layers/);
  });
});

describe("unitSweepFigure", () => {
  it("draws a_1^(2) = g(x1) and the output g(2 a_1^(2)) along x1, read with unitActivation", () => {
    const net = networkFromThetas([[[0, 1, 0]], [[0, 2]]]);
    const x1s = [-1, 0, 1];
    const fig = unitSweepFigure(x1s, forward(net, x1s.map((x1) => [x1, 5])), { title: "t", xTitle: "x1" });
    expect(fig.data.map((t) => t.name)).toEqual(["hidden a₁⁽²⁾", "output a₁⁽³⁾"]);
    expect(fig.data[0].y).toEqual([sigmoid(-1), 0.5, sigmoid(1)]);
    expect((fig.data[1].y as number[])[1]).toBeCloseTo(sigmoid(1), 12); // g(2 * 0.5)
  });
});

describe("classOutputsFigure", () => {
  it("draws one group of bars per example with that example's outputs", () => {
    const fig = classOutputsFigure(["a", "b"], matrix(2, 2, Float64Array.of(0.1, 0.9, 0.7, 0.2)), ["first", "second"], "t");
    expect(Array.from(fig.data[1].y as Float64Array)).toEqual([0.7, 0.2]);
    expect(() => classOutputsFigure(["a"], matrix(1, 2), ["x"], "t")).toThrow(/1 class names for 2 outputs/);
  });
});

// The graph drawings: every node and edge is drawn, the numbers written on them are the library's
// values for the 2-2-2 worked example (published: a_o1 = 0.75136507, dE/dw5 = 0.082167041), and
// bad graphs are rejected.
import { describe, expect, it } from "vitest";
import { backprop, evaluateGraph, networkFromThetas, sigmoidNeuronGates } from "../lib";
import { computationalGraphFigure, graphFigure, networkGraphFigure } from "../lib/notebook";

const notes = (layout: Record<string, unknown> | undefined) =>
  ((layout?.annotations ?? []) as { text: string }[]).map((a) => a.text);

describe("graphFigure", () => {
  it("draws each edge as a line segment and each node as a labelled marker", () => {
    const fig = graphFigure(
      [{ id: "a", x: 0, y: 0, label: "A", note: "1" }, { id: "b", x: 1, y: 1, label: "B" }],
      [{ from: "a", to: "b", label: "w" }],
      { title: "t", xTitle: "x" },
    );
    expect(fig.data[0].x).toEqual([0, 1, null]);
    expect(fig.data[0].y).toEqual([0, 1, null]);
    expect(fig.data[1].text).toEqual(["A", "B"]);
    expect(notes(fig.layout)).toEqual(["w", "1"]);
  });

  it("rejects an edge to a missing node and duplicate ids", () => {
    expect(() => graphFigure([{ id: "a", x: 0, y: 0, label: "A" }], [{ from: "a", to: "z" }], { title: "t", xTitle: "x" })).toThrow(/edge's to "z" is not a node/);
    expect(() => graphFigure([{ id: "a", x: 0, y: 0, label: "A" }, { id: "a", x: 1, y: 0, label: "A" }], [], { title: "t", xTitle: "x" })).toThrow(/used twice/);
  });
});

describe("networkGraphFigure on the worked example", () => {
  const net = networkFromThetas([[[0.35, 0.15, 0.2], [0.35, 0.25, 0.3]], [[0.6, 0.4, 0.45], [0.6, 0.5, 0.55]]]);
  const r = backprop(net, [[0.05, 0.1]], [[0.01, 0.99]], { loss: "halfSquared" });
  const fig = networkGraphFigure(net, r, "worked example");

  it("has 6 units, 2 bias units and 12 weights (8 weights, 4 biases)", () => {
    expect((fig.data[1].x as number[]).length).toBe(8);
    expect((fig.data[0].x as (number | null)[]).length).toBe(12 * 3);
  });

  it("writes the published forward value and gradient on the drawing", () => {
    const texts = notes(fig.layout).join("\n");
    expect(texts).toContain("a = 0.7514"); // out_o1 = 0.75136507
    expect(texts).toContain("∂J/∂w 0.08217"); // dE/dw5 = 0.082167041
    expect(texts).toContain("∂J/∂w 0.0004386"); // dE/dw1 = 0.000438568
    expect(texts).toContain("a = 0.5933"); // out_h1 = 0.593269992
  });

  it("refuses a batch of more than one example", () => {
    const two = backprop(net, [[0.05, 0.1], [0, 0]], [[0.01, 0.99], [0, 1]], { loss: "halfSquared" });
    expect(() => networkGraphFigure(net, two, "t")).toThrow(/one example at a time/);
  });
});

describe("computationalGraphFigure", () => {
  it("draws all 13 gates of file 002's example with value and gradient", () => {
    const fig = computationalGraphFigure(evaluateGraph(sigmoidNeuronGates([2, -3, -3], [-1, -2])), "f");
    expect((fig.data[1].x as number[]).length).toBe(13);
    const texts = notes(fig.layout).join("\n");
    expect(texts).toContain("0.7311"); // f = sigmoid(1)
    expect(texts).toContain("-0.5344"); // gradient at 1 + exp(-z): -1/1.3679^2
  });
});

// Notebook 02's figure builders, against values worked out by hand: the notes' XOR network moves
// the inputs to (0,1), (1,1), (1,1), (1,0) in hidden space where -30 + 20 a1 + 20 a2 = 0 separates
// them; each unit's heatmap is that unit's sigmoid; a steep sigmoid steps at -b/w; n bumps
// approximate sin(pi x) within the exercise's 4 / n.
import { describe, expect, it } from "vitest";
import { createNetwork, decisionGrid, networkFromThetas, predict, sigmoid, unitGrid } from "../lib";
import {
  bumpFigure, hiddenSpaceFigure, sineBumpsFigure, sineBumpsNetwork, sineError, stepSlidersFigure, trainingScrubberFigure, unitHeatmapsFigure, type Frame,
} from "../lib/notebook";

const xorNet = networkFromThetas([[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]]);
const title = (f: { layout?: Record<string, unknown> }) => (f.layout?.title as { text: string } | string | undefined);
const titleText = (f: { layout?: Record<string, unknown> }) => { const t = title(f); return typeof t === "string" ? t : t?.text ?? ""; };

describe("hiddenSpaceFigure on the notes' XOR network", () => {
  const fig = hiddenSpaceFigure(xorNet, { title: "t", unitNames: ["OR", "NAND"] });
  const marks = fig.data[2];

  it("puts (0,0) at (0, 1), both (0,1) and (1,0) at (1, 1), and (1,1) at (1, 0)", () => {
    const at = (marks.x as number[]).map((x, k) => [Math.round(x), Math.round((marks.y as number[])[k])]);
    expect(at).toEqual([[0, 1], [1, 1], [1, 0]]);
    expect(marks.text).toEqual(["x = (0,0)", "x = (0,1) and (1,0)", "x = (1,1)"]);
    expect((marks.marker as { color: string[] }).color).toEqual(["#b00020", "#1b7f3b", "#b00020"]);
  });

  it("draws the output unit's line -30 + 20 a1 + 20 a2 = 0: a2 = 1.5 - a1 inside [-0.25, 1.25]", () => {
    const line = fig.data[1];
    const ends = (line.x as number[]).map((x, k) => [x, (line.y as number[])[k]]).sort((a, b) => a[0] - b[0]);
    expect(ends).toEqual([[0.25, 1.25], [1.25, 0.25]]);
    expect(line.name).toBe("the output unit's line -30 + 20 a1 + 20 a2 = 0");
  });

  it("refuses a network that is not 2-2-1", () => {
    expect(() => hiddenSpaceFigure(createNetwork({ sizes: [2, 3, 1], seed: 1 }), { title: "t" })).toThrow(/2-2-1/);
  });
});

describe("unit heatmaps", () => {
  it("unitGrid gives a_i^(j) over the plane: the OR unit is g(-10) at (0,0); the output layer's is decisionGrid", () => {
    const or = unitGrid(xorNet, 2, 1, { steps: 41 });
    expect(or.x[10]).toBeCloseTo(0, 12);
    expect(or.z[10][10]).toBeCloseTo(sigmoid(-10), 15);
    expect(or.z[30][30]).toBeCloseTo(sigmoid(30), 15); // (1, 1)
    expect(unitGrid(xorNet, 3, 1, { steps: 7 }).z).toEqual(decisionGrid(xorNet, { steps: 7 }).z);
    expect(() => unitGrid(xorNet, 1, 1)).toThrow(/layer j must be 2..3/);
    expect(() => unitGrid(xorNet, 2, 3)).toThrow(/units 1..2/);
  });

  it("one heatmap per hidden unit, then the output, on their own axes, with the examples drawn on each", () => {
    const fig = unitHeatmapsFigure(xorNet, { title: "t", unitNames: ["OR", "NAND", "XOR"] });
    const maps = fig.data.filter((t) => t.type === "heatmap");
    expect(maps.map((t) => [t.xaxis, t.yaxis])).toEqual([["x", "y"], ["x2", "y2"], ["x3", "y3"]]);
    // At (1, 1): OR on, NAND off, XOR off (3 decimals).
    expect(maps.map((t) => (t.z as number[][])[30][30])).toEqual([1, 0, 0]);
    expect(maps.map((t) => (t.z as number[][])[30][10])).toEqual([1, 1, 1]); // (0, 1): x is the column
    expect(fig.data.filter((t) => t.type === "scatter").length).toBe(3);
  });

  it("trainingScrubberFigure: one frame per snapshot, each frame the heatmaps of that snapshot's network", () => {
    const a = createNetwork({ sizes: [2, 2, 1], hidden: "sigmoid", output: "sigmoid", seed: 1 });
    const fig = trainingScrubberFigure([{ epoch: 0, net: a, loss: 0.7 }, { epoch: 100, net: xorNet, loss: 0.01 }], { title: "XOR" });
    const frames = fig.frames as readonly Frame[];
    expect(frames.length).toBe(2);
    expect((fig.layout?.sliders as { steps: { label: string }[] }[])[0].steps.map((s) => s.label)).toEqual(["0", "100"]);
    expect(titleText(frames[0] as { layout?: Record<string, unknown> })).toBe("XOR: epoch 0, cost 0.7");
    const first = frames[0].data[2].z as number[][];
    // A 17 x 17 grid, to 2 decimals (31 frames of three maps must fit a page under 500 kB).
    expect(first.length).toBe(17);
    expect(first[5][5]).toBe(Math.round(unitGrid(a, 3, 1, { steps: 17 }).z[5][5] * 100) / 100);
    expect((fig.layout?.updatemenus as { buttons: { args: unknown[] }[] }[])[0].buttons[0].args[0]).toEqual(["at 0", "at 1"]);
  });
});

describe("universal approximation, built", () => {
  it("stepSlidersFigure: with w = 100 and -b/w = 0.4 (b = -40) the sigmoid is 0 at 0.3, 1/2 at 0.4 and 1 at 0.5", () => {
    const fig = stepSlidersFigure();
    const frame = (fig.frames as readonly Frame[]).find((f) => titleText(f as { layout?: Record<string, unknown> }).includes("w = 100, b = -40")) as Frame;
    const y = frame.data[0].y as number[];
    // x runs from -1 in steps of 0.01: index 130 is x = 0.3.
    expect([y[130], y[140], y[150]]).toEqual([0, 0.5, 1]);
    expect(frame.data[1].x).toEqual([0.4, 0.4]);
  });

  it("bumpFigure: height inside, 0 outside, half the height at the edges", () => {
    const sum = bumpFigure(0.2, 0.6, 0.8, 100).data[2].y as number[];
    expect([sum[100], sum[120], sum[140], sum[160], sum[180]]).toEqual([0, 0.4, 0.8, 0.4, 0]); // x = 0, 0.2, 0.4, 0.6, 0.8
  });

  it("sineBumpsNetwork(4) is sin(pi x) at each bump's middle; n bumps stay within the exercise's 4 / n", () => {
    const out = Array.from(predict(sineBumpsNetwork(4), [[-0.75], [-0.25], [0.25], [0.75]]).data);
    out.forEach((o, k) => expect(o).toBeCloseTo(Math.sin(Math.PI * (-0.75 + 0.5 * k)), 3));
    for (const n of [5, 10, 40]) expect(sineError(sineBumpsNetwork(n))).toBeLessThan(4 / n);
    expect(() => sineBumpsNetwork(0)).toThrow(/positive integer/);
  });

  it("sineBumpsFigure: a frame per n, whose title gives that network's largest error", () => {
    const fig = sineBumpsFigure([2, 8]);
    const frames = fig.frames as readonly Frame[];
    expect(frames.map((f) => titleText(f as { layout?: Record<string, unknown> }))).toEqual([
      `2 bumps (4 hidden units): largest error ${Number(sineError(sineBumpsNetwork(2)).toPrecision(3))}`,
      `8 bumps (16 hidden units): largest error ${Number(sineError(sineBumpsNetwork(8)).toPrecision(3))}`,
    ]);
  });
});

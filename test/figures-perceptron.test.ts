// Notebook 01's figure builders: the neuron diagram carries the notes' worked numbers, the gate
// figure's region and line are the hand-computed ones, and its three sliders combine (every
// frame's steps lead to the frame that changes only that slider's weight).
import { describe, expect, it } from "vitest";
import { makeLogicGate, perceptronPath, trainPerceptron } from "../lib";
import { gateOutputs, gateSlidersFigure, halfPlaneInBox, lineInBox, mistakesFigure, neuronDiagram, weightPathFigure, type Frame } from "../lib/notebook";

const texts = (layout: Record<string, unknown> | undefined) => ((layout?.annotations ?? []) as { text: string }[]).map((a) => a.text);
const points = (xy: { x: number[]; y: number[] }) => xy.x.map((x, k) => [Number(x.toFixed(9)), Number(xy.y[k].toFixed(9))]);
const sorted = (ps: number[][]) => [...ps].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe("neuronDiagram", () => {
  it("draws the bias unit, the inputs, the sum, the activation and the output, with the notes' z = 0.81", () => {
    const fig = neuronDiagram({ weights: [0.7, -0.1, 0.4, 0.6], input: [0.3, -0.4, 0.5] });
    expect(fig.data[1].text).toEqual(["x0 = 1", "x1", "x2", "x3", "Σ", "g", "h(x)"]);
    const notes = texts(fig.layout);
    expect(notes).toEqual(expect.arrayContaining(["w0 = 0.7", "w1 = -0.1", "w2 = 0.4", "w3 = 0.6", "z = 0.81", "step(z) = 1", "x2 = -0.4"]));
    // Four weighted edges into the sum, then sum -> g -> h: six segments.
    expect((fig.data[0].x as unknown[]).length).toBe(6 * 3);
  });

  it("writes symbols without numbers, and refuses inputs that do not match the weights", () => {
    expect(texts(neuronDiagram().layout)).toEqual(expect.arrayContaining(["w0", "w1", "w2", "z = Σ wi xi"]));
    expect(() => neuronDiagram({ weights: [1, 2], input: [1, 2] })).toThrow(/2 weights need 1 inputs/);
    expect(() => neuronDiagram({ input: [1] })).toThrow(/give the weights/);
  });
});

describe("the gate line and its half-plane", () => {
  it("AND's line x1 + x2 = 1.5 cuts the box [-0.5, 1.5] at (0, 1.5) and (1.5, 0); the neuron says 1 above it", () => {
    expect(sorted(points(lineInBox([-1.5, 1, 1])))).toEqual([[0, 1.5], [1.5, 0]]);
    const region = points(halfPlaneInBox([-1.5, 1, 1]));
    expect(region[0]).toEqual(region[region.length - 1]); // closed
    expect(sorted(region.slice(1))).toEqual([[0, 1.5], [1.5, 0], [1.5, 1.5]]);
    expect(gateOutputs([-1.5, 1, 1])).toEqual([0, 0, 0, 1]);
  });

  it("a vertical line, a line that misses the box, and w1 = w2 = 0 (no line: all or nothing)", () => {
    expect(sorted(points(lineInBox([-0.5, 1, 0])))).toEqual([[0.5, -0.5], [0.5, 1.5]]);
    expect(lineInBox([-5, 1, 1])).toEqual({ x: [], y: [] });
    expect(halfPlaneInBox([-5, 1, 1])).toEqual({ x: [], y: [] });
    expect(lineInBox([1, 0, 0])).toEqual({ x: [], y: [] });
    expect(points(halfPlaneInBox([1, 0, 0])).length).toBe(5); // the whole box
  });
});

describe("gateSlidersFigure", () => {
  const fig = gateSlidersFigure();
  const frames = fig.frames as readonly Frame[];
  const byName = new Map(frames.map((f) => [f.name, f]));
  const title = (f: Frame) => (f.layout?.title as { text: string }).text;
  const find = (w: number[]) => frames.find((f) => title(f).startsWith(`w = (${w.join(", ")})`)) as Frame;

  it("has a frame per combination: 6 values of w0 and 5 each of w1, w2 (small enough for an exported page)", () => {
    expect(frames.length).toBe(6 * 5 * 5);
    expect(JSON.stringify(fig).length).toBeLessThan(400_000);
    expect((fig.layout?.sliders as unknown[]).length).toBe(3);
  });

  it("starts at OR (-0.5, 1, 1); at (-1.5, 1, 1) the line is x1 + x2 = 1.5, the inputs read 0, 0, 0, 1 and the title says AND", () => {
    expect((fig.layout?.title as { text: string }).text).toBe("w = (-0.5, 1, 1): outputs 0, 1, 1, 1 = OR");
    const and = find([-1.5, 1, 1]);
    expect(title(and)).toBe("w = (-1.5, 1, 1): outputs 0, 0, 0, 1 = AND");
    expect(sorted(points(and.data[1] as { x: number[]; y: number[] }))).toEqual([[0, 1.5], [1.5, 0]]);
    expect((and.data[2].marker as { color: string[] }).color).toEqual(["#b00020", "#b00020", "#b00020", "#1b7f3b"]);
  });

  it("from any frame, a slider's step changes that weight only (the sliders combine)", () => {
    for (const w of [[-1.5, 1, 1], [1.5, -2, 0], [-2.5, 2, -1]]) {
      const here = find(w);
      const sliders = here.layout?.sliders as { steps: { label: string; args: [string[]] }[] }[];
      sliders.forEach((slider, s) => slider.steps.forEach((step) => {
        const expected = [...w];
        expected[s] = Number(step.label);
        expect(title(byName.get(step.args[0][0]) as Frame).startsWith(`w = (${expected.join(", ")})`), `${w} slider ${s} step ${step.label}`).toBe(true);
      }));
    }
  });
});

describe("the perceptron run figures", () => {
  it("mistakesFigure plots mistakes per epoch; weightPathFigure marks the end of each epoch", () => {
    const and = makeLogicGate("AND");
    const run = trainPerceptron(and.X, Array.from(and.labels));
    expect(mistakesFigure({ AND: run }, "t").data[0].y).toEqual([2, 3, 3, 2, 1, 0]);
    const path = perceptronPath(and.X, Array.from(and.labels), { epochs: 3 });
    const fig = weightPathFigure(path, 4, "t");
    expect(fig.data.map((t) => t.name)).toEqual(["w0 (bias)", "w1", "w2"]);
    expect(fig.data[0].y).toEqual(path.map((w) => w[0]));
    expect((fig.layout?.shapes as { x0: number }[]).map((s) => s.x0)).toEqual([4, 8, 12]);
    expect(() => weightPathFigure([[0, 0, 0]], 4, "t")).toThrow(/at least one update/);
  });
});

// Sliders in the browser without a kernel: one frame per combination of values, each frame's
// steps lead to the frame that moves only that slider, and the first view is merged into the
// figure's traces the way Plotly merges a frame.
import { describe, expect, it } from "vitest";
import { sliderFrameName, slidersFigure, type Frame } from "../lib/notebook";

describe("slidersFigure", () => {
  const base = { data: [{ x: [0, 1], y: [0, 0], marker: { size: 9, color: "red" } }, { x: [0], y: [1] }] };
  const fig = slidersFigure(base, [{ prefix: "a = ", values: [1, 2, 3], start: 2 }, { prefix: "b = ", values: [10, 20] }], ([a, b]) => ({
    data: [{ y: [a, b], marker: { color: a > 1 ? "blue" : "red" } }],
    title: `a ${a} b ${b}`,
  }));
  const frames = fig.frames as readonly Frame[];

  it("makes a frame per combination, named by the positions, showing view(values)", () => {
    expect(frames.map((f) => f.name)).toEqual(["at 0 0", "at 0 1", "at 1 0", "at 1 1", "at 2 0", "at 2 1"]);
    expect(frames[3].data[0].y).toEqual([2, 20]);
    expect((frames[3].layout?.title as { text: string }).text).toBe("a 2 b 20");
  });

  it("starts at the start values, with nested attributes merged (the marker keeps its size)", () => {
    expect(fig.data[0]).toEqual({ x: [0, 1], y: [2, 10], marker: { size: 9, color: "blue" } });
    expect(fig.data[1]).toEqual({ x: [0], y: [1] });
    expect((fig.layout?.sliders as { active: number }[]).map((s) => s.active)).toEqual([1, 0]);
  });

  it("in every frame, slider s's step m leads to the frame with position s = m and the others unchanged", () => {
    for (const f of frames) {
      const at = f.name.split(" ").slice(1).map(Number);
      const sliders = f.layout?.sliders as { steps: { args: [string[]] }[] }[];
      sliders.forEach((slider, s) => slider.steps.forEach((step, m) => {
        const want = [...at];
        want[s] = m;
        expect(step.args[0][0]).toBe(sliderFrameName(want));
      }));
    }
  });

  it("a single slider needs no relinking: its frames carry no slider steps", () => {
    const one = slidersFigure(base, [{ prefix: "a = ", values: [1, 2] }], ([a]) => ({ data: [{ y: [a, a] }] }));
    expect(one.frames?.map((f) => f.layout?.sliders)).toEqual([undefined, undefined]);
  });

  it("refuses no axes, an empty axis and a start that is not a value", () => {
    expect(() => slidersFigure(base, [], () => ({ data: [] }))).toThrow(/at least one slider/);
    expect(() => slidersFigure(base, [{ prefix: "a", values: [] }], () => ({ data: [] }))).toThrow(/has no values/);
    expect(() => slidersFigure(base, [{ prefix: "a", values: [1], start: 2 }], () => ({ data: [] }))).toThrow(/starts at 2/);
  });
});

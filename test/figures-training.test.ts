// The figure builders of notebooks 07-10 (lib/notebook/figures-training.ts): what each chart
// holds, read back from the Plotly figure, and the learning-rate slider's steps, which restyle the
// traces in the browser with no kernel.
import { describe, expect, it } from "vitest";
import { matrix, type Matrix } from "../lib/matrix";
import type { LayerStatistics } from "../lib/layer-statistics";
import {
  activationPanelsFigure, classScatterFigure, confusionFigure, imageTilesFigure, layerSpreadFigure, learningRateSelectorFigure,
  trainingProgressFigure, unitWeightsFigure, type RateCurve,
} from "../lib/notebook/figures-training";
import type { Trace } from "../lib/notebook/figure";

const m = (rows: number[][]): Matrix => matrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));

describe("learningRateSelectorFigure", () => {
  const curves: RateCurve[] = [
    { rate: 0.01, losses: [1, 0.9, 0.8], divergedAt: null },
    { rate: 0.1, losses: [1, 0.5, 0.01], divergedAt: null },
    { rate: 3, losses: [1, 40, 1e6, Infinity], divergedAt: 4 },
  ];
  type Step = { label: string; method: string; args: [Record<string, (string | number)[]>, Record<string, string>] };
  const slider = (f: ReturnType<typeof learningRateSelectorFigure>) =>
    (f.layout?.sliders as { active: number; steps: Step[] }[])[0];

  it("draws one trace per rate and a slider with one step per rate, starting at the initial rate", () => {
    const f = learningRateSelectorFigure(curves, { title: "t", yTitle: "loss", initial: 0.1 });
    expect(f.data.map((t) => t.name)).toEqual(["η = 0.01", "η = 0.1", "η = 3"]);
    expect(slider(f).steps.map((s) => s.label)).toEqual(["0.01", "0.1", "3"]);
    expect(slider(f).active).toBe(1);
    // Only the initial curve is drawn bold.
    expect(f.data.map((t) => (t.line as { width: number }).width)).toEqual([1.5, 4, 1.5]);
    expect(f.layout?.title).toBe("η = 0.1: loss 0.0100 after 3 epochs");
  });

  it("each step restyles the traces in the browser: the picked curve bold, the title says what that rate did", () => {
    const f = learningRateSelectorFigure(curves, { title: "t", yTitle: "loss" });
    slider(f).steps.forEach((s, k) => {
      expect(s.method).toBe("update");
      const widths = s.args[0]["line.width"];
      expect(widths).toHaveLength(3);
      expect(widths.map((w, j) => (w === 4) === (j === k))).toEqual([true, true, true]);
      expect(new Set(s.args[0]["line.color"]).size).toBe(2);
    });
    expect(slider(f).steps[2].args[1]["title.text"]).toBe("η = 3: diverged in epoch 4");
    expect(slider(f).steps[0].args[1]["title.text"]).toBe("η = 0.01: loss 0.800 after 3 epochs");
  });

  it("keeps the y axis fixed on a log scale, leaves overflowed losses out, and refuses an unknown initial rate", () => {
    const f = learningRateSelectorFigure(curves, { title: "t", yTitle: "loss" });
    const y = f.layout?.yaxis as { type: string; range: [number, number] };
    expect(y.type).toBe("log");
    expect(y.range[0]).toBeCloseTo(Math.log10(0.01) - 0.2, 12);
    expect(y.range[1]).toBeCloseTo(Math.log10(100), 12);
    expect(f.data[2].y).toEqual([1, 40, 1e6, null]);
    expect(() => learningRateSelectorFigure(curves, { title: "t", yTitle: "loss", initial: 0.5 })).toThrow("the initial rate 0.5 is not one of the curves' rates");
    expect(() => learningRateSelectorFigure([], { title: "t", yTitle: "loss" })).toThrow("at least one curve");
  });
});

describe("unitWeightsFigure", () => {
  it("follows W[unit][input] of every unit along the steps, the first run's lines in decreasing widths", () => {
    const history = [m([[1, 2], [3, 4]]), m([[5, 6], [7, 8]])];
    const f = unitWeightsFigure([{ name: "a", history }, { name: "b", history }], 1, [0, 1], "title");
    expect(f.data.map((t) => t.name)).toEqual(["a: unit 1", "a: unit 2", "b: unit 1", "b: unit 2"]);
    expect(f.data[0].y).toEqual([2, 6]);
    expect(f.data[1].y).toEqual([4, 8]);
    expect((f.data[0].line as { width: number }).width).toBeGreaterThan((f.data[1].line as { width: number }).width);
    expect((f.data[2].line as { dash: string }).dash).toBe("dot");
    expect((f.layout?.yaxis as { title: string }).title).toBe("W⁽¹⁾ weight from x₂");
  });
});

describe("layerSpreadFigure", () => {
  const layers: LayerStatistics[] = [{ layer: 2, mean: 0, std: 0.5, zStd: 1 }, { layer: 3, mean: 0, std: 0.25, zStd: 0.5 }];
  it("draws the spread of a (or z) per layer, and a dashed prediction in the same colour when given", () => {
    expect(layerSpreadFigure([{ name: "s", layers }], { title: "t" }).data[0].y).toEqual([0.5, 0.25]);
    const f = layerSpreadFigure([{ name: "s", layers }], { title: "t", of: "z", predicted: [[1, 0.7]] });
    expect(f.data.map((t) => t.name)).toEqual(["s: measured", "s: predicted"]);
    expect(f.data[0].y).toEqual([1, 0.5]);
    expect(f.data[1].y).toEqual([1, 0.7]);
    expect((f.data[1].line as { dash: string; color: string }).dash).toBe("dash");
    expect((f.data[1].line as { color: string }).color).toBe((f.data[0].line as { color: string }).color);
    expect(() => layerSpreadFigure([{ name: "s", layers }], { title: "t", predicted: [[1]] })).toThrow("1 predicted values for 2 layers");
  });
});

describe("activationPanelsFigure", () => {
  it("gives each activation its own axes with g and g′, one legend entry for all panels", () => {
    const f = activationPanelsFigure([
      { name: "identity", g: (z) => z, gPrime: () => 1 },
      { name: "square", g: (z) => z * z, gPrime: (z) => 2 * z },
    ], [-1, 0, 2], { title: "t", columns: 1 });
    expect(f.data).toHaveLength(4);
    expect(f.data.map((t) => [t.xaxis, t.yaxis])).toEqual([["x", "y"], ["x", "y"], ["x2", "y2"], ["x2", "y2"]]);
    expect(f.data[2].y).toEqual([1, 0, 4]);
    expect(f.data[3].y).toEqual([-2, 0, 4]);
    expect(f.data.filter((t) => t.showlegend).length).toBe(2);
    expect(f.layout?.grid).toMatchObject({ rows: 2, columns: 1 });
    expect((f.layout?.annotations as { text: string }[]).map((a) => a.text)).toEqual(["<b>identity</b>", "<b>square</b>"]);
  });
});

describe("classScatterFigure", () => {
  it("plots each class's rows (x₁, x₂) as one trace and refuses data with other than two inputs", () => {
    const data = { X: m([[0, 1], [2, 3], [4, 5]]), Y: m([[1], [0], [1]]), labels: Int32Array.from([1, 0, 1]), classNames: ["out", "in"] };
    const f = classScatterFigure(data, "t");
    expect(f.data.map((t: Trace) => [t.name, t.x, t.y])).toEqual([["out", [2], [3]], ["in", [0, 4], [1, 5]]]);
    expect(() => classScatterFigure({ ...data, X: m([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) }, "t")).toThrow("need 2 inputs");
  });
});

describe("imageTilesFigure, confusionFigure, trainingProgressFigure", () => {
  it("tiles 28 x 28 rows into one heatmap, grey for digits and centred at 0 for weights", () => {
    const X = matrix(2, 784, Float64Array.from({ length: 1568 }, (_, k) => (k < 784 ? 1 : -1)));
    const digits = imageTilesFigure(X, [0, 1], { title: "t", perRow: 2, height: 100, kind: "digits" });
    const z = digits.data[0].z as (number | null)[][];
    expect(z).toHaveLength(28);
    expect(z[0]).toHaveLength(58); // 28 + 2 (gap) + 28
    expect([z[5][3], z[5][28], z[5][40]]).toEqual([1, null, -1]);
    expect(digits.data[0].colorscale).toBe("Greys");
    const weights = imageTilesFigure(X, [1], { title: "t", perRow: 1, height: 100, kind: "weights" }).data[0];
    expect([weights.zmin, weights.zmax]).toEqual([-100, 100]); // centred at 0 ...
    expect(weights.colorscale).toEqual([[0, "rgb(33,102,172)"], [0.5, "rgb(255,255,255)"], [1, "rgb(178,24,43)"]]); // ... which is white
  });

  it("draws weights in whole percent of each unit's largest |weight|, pixels to 2 decimals, and names a bad index", () => {
    // Unit 0's weights are small (largest 0.004), unit 1's large (largest 2): both span -100..100.
    const data = new Float64Array(1568);
    data.set([0.004, -0.002, 0.0013], 0);
    data.set([-2, 1, 0.333], 784);
    const X = matrix(2, 784, data);
    const w = imageTilesFigure(X, [0, 1], { title: "t", perRow: 2, height: 100, kind: "weights" });
    const z = w.data[0].z as (number | null)[][];
    expect(z[0].slice(0, 3)).toEqual([100, -50, 33]);
    expect(z[0].slice(30, 33)).toEqual([-100, 50, 17]);
    expect([w.data[0].zmin, w.data[0].zmax]).toEqual([-100, 100]);
    const d = imageTilesFigure(matrix(1, 784, Float64Array.from({ length: 784 }, (_, k) => (k === 0 ? 0.123456 : 0.999))), [0], { title: "t", perRow: 1, height: 100, kind: "digits" });
    expect((d.data[0].z as number[][])[0].slice(0, 2)).toEqual([0.12, 1]);
    expect(() => imageTilesFigure(X, [2], { title: "t", perRow: 1, height: 100, kind: "digits" })).toThrow("imageTilesFigure: index 2 is not a row of X (0..1)");
  });

  it("writes the counts into the confusion heatmap and refuses a matrix of the wrong size", () => {
    const f = confusionFigure([[3, 1], [0, 2]], ["a", "b"], "t");
    expect(f.data[0].text).toEqual([["3", "1"], ["0", "2"]]);
    expect(() => confusionFigure([[1, 2]], ["a", "b"], "t")).toThrow("2 x 2 matrix");
  });

  it("draws the cost on the left axis and the accuracy in percent on the right, with gaps where it was not measured", () => {
    const f = trainingProgressFigure({ at: [0, 0.5, 1], loss: [2, 1, 0.5], accuracy: [0.1, null, 0.9] }, { title: "t", xTitle: "epoch" });
    expect(f.data[0].y).toEqual([2, 1, 0.5]);
    expect(f.data[1].y).toEqual([10, null, 90]);
    expect(f.data[1].yaxis).toBe("y2");
    expect(f.layout?.yaxis2).toMatchObject({ overlaying: "y", side: "right", range: [0, 100] });
  });
});

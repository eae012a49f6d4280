import { describe, expect, it } from "vitest";
import {
  TrainingDivergedError, createNetwork, evaluate, gridSearch, heatmapTable, makeBlobs, splitDataset, train, tuneOneAtATime,
} from "../lib";

// A score with a known minimum at learningRate 0.1, hidden 4: (log10 lr + 1)^2 + (hidden - 4)^2 / 4.
const bowl = (p: { learningRate: number; hidden: number }) => (Math.log10(p.learningRate) + 1) ** 2 + (p.hidden - 4) ** 2 / 4;
const grid = { learningRate: [0.01, 0.1, 1], hidden: [2, 4, 8] } as const;

describe("exhaustive grid search", () => {
  it("evaluates every combination once, in grid order, and finds the minimum", () => {
    const calls: string[] = [];
    const r = gridSearch(grid, (p) => { calls.push(`${p.learningRate}/${p.hidden}`); return bowl(p); });
    expect(calls).toEqual(["0.01/2", "0.01/4", "0.01/8", "0.1/2", "0.1/4", "0.1/8", "1/2", "1/4", "1/8"]);
    expect(r.rows).toHaveLength(9);
    expect(r.best.params).toEqual({ learningRate: 0.1, hidden: 4 });
    expect(r.best.score).toBe(0);
  });

  it("maximizes when asked (accuracies)", () => {
    const r = gridSearch(grid, (p) => -bowl(p), { goal: "maximize" });
    expect(r.best.params).toEqual({ learningRate: 0.1, hidden: 4 });
  });

  it("gives a table for a heatmap: z[i][j] for y = ys[i], x = xs[j]", () => {
    const h = heatmapTable(gridSearch(grid, bowl), "learningRate", "hidden");
    expect(h.x).toEqual([0.01, 0.1, 1]);
    expect(h.y).toEqual([2, 4, 8]);
    expect(h.z[1]).toEqual([1, 0, 1]); // hidden 4: (log10 lr + 1)^2 = 1, 0, 1
    expect(h.z[0][1]).toBe(1); // hidden 2, lr 0.1: (2 - 4)^2 / 4
  });

  it("marks diverged runs with NaN and their message, and never picks them", () => {
    const r = gridSearch(grid, (p) => {
      if (p.learningRate === 1) throw new TrainingDivergedError("train: training diverged in epoch 2", 2, [], createNetwork({ sizes: [1, 1], seed: 1 }));
      return bowl(p);
    });
    const diverged = r.rows.filter((row) => Number.isNaN(row.score));
    expect(diverged).toHaveLength(3);
    expect(diverged[0].error).toBe("train: training diverged in epoch 2");
    expect(r.best.params).toEqual({ learningRate: 0.1, hidden: 4 });
    expect(heatmapTable(r, "learningRate", "hidden").z[0][2]).toBeNull();
  });

  it("rejects empty grids, empty value lists and scores that are not numbers", () => {
    expect(() => gridSearch({}, () => 0)).toThrow("gridSearch: grid has no parameters");
    expect(() => gridSearch({ a: [] }, () => 0)).toThrow("gridSearch: grid.a must be a non-empty list of values, got an array of length 0");
    expect(() => gridSearch({ a: [1] }, () => NaN)).toThrow('gridSearch: evaluate must return a number, got NaN for {"a":1}');
  });
});

describe("tuning one parameter at a time (file 002's greedy grid method)", () => {
  it("fixes the others, tunes each in turn, and repeats until a round changes nothing", () => {
    const seen: string[] = [];
    const r = tuneOneAtATime(grid, (p) => { seen.push(`${p.learningRate}/${p.hidden}`); return bowl(p); });
    // Round 1: lr over {0.01, 0.1, 1} with hidden 2 -> 0.1; hidden over {2, 4, 8} with lr 0.1 -> 4
    // (0.1/2 is remembered). Round 2 tries the other rates with hidden 4, changes nothing and stops.
    expect(seen).toEqual(["0.01/2", "0.1/2", "1/2", "0.1/4", "0.1/8", "0.01/4", "1/4"]);
    expect(r.rounds).toBe(2);
    expect(r.path).toEqual([{ learningRate: 0.1, hidden: 4 }, { learningRate: 0.1, hidden: 4 }]);
    expect(r.best.params).toEqual({ learningRate: 0.1, hidden: 4 });
    expect(r.rows.length).toBeLessThan(9);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("starts where told and rejects a start outside the grid", () => {
    const r = tuneOneAtATime(grid, bowl, { start: { learningRate: 1, hidden: 8 } });
    expect(r.best.params).toEqual({ learningRate: 0.1, hidden: 4 });
    expect(() => tuneOneAtATime(grid, bowl, { start: { learningRate: 0.5, hidden: 8 } as never })).toThrow(
      "tuneOneAtATime: start.learningRate = 0.5 is not one of grid.learningRate",
    );
  });

  it("tunes a real network's learning rate and width on a validation split", () => {
    const data = makeBlobs({ n: 120, noise: 0.9, seed: 5 });
    const { train: tr, validation } = splitDataset(data, { fractions: { train: 0.7, validation: 0.3 }, seed: 1 });
    const r = tuneOneAtATime({ learningRate: [0.001, 0.3], hidden: [1, 6] }, (p) => {
      const net = createNetwork({ sizes: [2, p.hidden, 1], hidden: "tanh", output: "sigmoid", seed: 1 });
      const fit = train(net, tr.X, tr.Y, { loss: "binaryCrossEntropy", learningRate: p.learningRate, epochs: 40, batchSize: 8, seed: 1 });
      return evaluate(fit.network, validation.X, validation.Y, { loss: "binaryCrossEntropy" }).loss;
    });
    // A learning rate of 0.001 barely moves in 40 epochs; 0.3 is clearly better on validation.
    expect(r.best.params.learningRate).toBe(0.3);
    expect(r.best.score).toBeLessThan(r.rows.find((row) => row.params.learningRate === 0.001)?.score ?? 0);
  });
});

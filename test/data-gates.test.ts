import { describe, expect, it } from "vitest";
import { expectInputError } from "./support/errors";
import { toArray } from "../lib/matrix";
import { GATE_NAMES, makeLogicGate } from "../lib/data";

// Truth tables as written in the lecture notes (000: OR, AND, XOR tables; 001: NOT table), rows
// x1 x2 = 00, 01, 10, 11. NAND, NOR and XNOR are the negations of AND, OR and XOR.
const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const TABLES: Record<string, number[]> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  XOR: [0, 1, 1, 0],
  NAND: [1, 1, 1, 0],
  NOR: [1, 0, 0, 0],
  XNOR: [1, 0, 0, 1],
};

describe("makeLogicGate", () => {
  it("gives the exact two-input truth tables in the notes' row order", () => {
    for (const [gate, outputs] of Object.entries(TABLES)) {
      const d = makeLogicGate(gate as "AND");
      expect(toArray(d.X), gate).toEqual(INPUTS);
      expect(toArray(d.Y), gate).toEqual(outputs.map((y) => [y]));
      expect(Array.from(d.labels), gate).toEqual(outputs);
      expect(d.classNames).toEqual(["0", "1"]);
      expect(d.featureNames).toEqual(["x1", "x2"]);
    }
  });

  it("gives NOT with one input: x1 = 0 -> 1, x1 = 1 -> 0", () => {
    const d = makeLogicGate("NOT");
    expect(toArray(d.X)).toEqual([[0], [1]]);
    expect(toArray(d.Y)).toEqual([[1], [0]]);
    expect(Array.from(d.labels)).toEqual([1, 0]);
    expect(d.featureNames).toEqual(["x1"]);
  });

  it("lists all seven gates", () => {
    expect(GATE_NAMES).toEqual(["AND", "OR", "NOT", "NAND", "NOR", "XOR", "XNOR"]);
  });

  it("repeats the whole table `copies` times", () => {
    const d = makeLogicGate("XOR", { copies: 3 });
    expect(toArray(d.X)).toEqual([...INPUTS, ...INPUTS, ...INPUTS]);
    expect(Array.from(d.labels)).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
  });

  it("adds seeded Gaussian noise to the inputs only", () => {
    const a = makeLogicGate("AND", { copies: 50, noise: 0.1, seed: 7 });
    const b = makeLogicGate("AND", { copies: 50, noise: 0.1, seed: 7 });
    const c = makeLogicGate("AND", { copies: 50, noise: 0.1, seed: 8 });
    expect(a.X.data).toEqual(b.X.data);
    expect(a.X.data).not.toEqual(c.X.data);
    // Targets stay exact; inputs stay near their corner (|noise| < 6 sd is certain in practice).
    const clean = makeLogicGate("AND", { copies: 50 });
    expect(a.Y.data).toEqual(clean.Y.data);
    let sum = 0;
    for (let k = 0; k < a.X.data.length; k++) {
      const e = a.X.data[k] - clean.X.data[k];
      expect(Math.abs(e)).toBeLessThan(0.6);
      expect(e).not.toBe(0);
      sum += e;
    }
    // The mean of 400 N(0, 0.01) draws has sd 0.005.
    expect(Math.abs(sum / a.X.data.length)).toBeLessThan(0.03);
  });

  it("rejects bad arguments with clear messages", () => {
    expectInputError(() => makeLogicGate("XAND" as "AND"), 'makeLogicGate: unknown gate "XAND"; valid gates are AND, OR, NOT, NAND, NOR, XOR, XNOR');
    expectInputError(() => makeLogicGate("and" as "AND"), 'unknown gate "and"');
    expectInputError(() => makeLogicGate("OR", { copies: 0 }), "makeLogicGate: copies must be a positive integer, got 0");
    expectInputError(() => makeLogicGate("OR", { copies: 1.5 }), "makeLogicGate: copies must be a positive integer, got 1.5");
    expectInputError(() => makeLogicGate("OR", { noise: -0.1, seed: 1 }), "makeLogicGate: noise must be a finite number >= 0, got -0.1");
    expectInputError(() => makeLogicGate("OR", { noise: NaN, seed: 1 }), "makeLogicGate: noise must be a finite number >= 0, got NaN");
    expectInputError(() => makeLogicGate("OR", { noise: 0.1 }), "makeLogicGate: seed must be a non-negative integer");
    expectInputError(() => makeLogicGate("OR", { noise: 0.1, seed: -1 }), "got -1");
  });
});

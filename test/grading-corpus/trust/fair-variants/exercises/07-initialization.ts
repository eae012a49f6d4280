// Right answers with a type written as import("../lib").Random (nothing loads at run time) and a
// Node built-in that computes nothing of the exercise (node:assert, loaded with require).
const assert = require("node:assert") as typeof import("node:assert");

export function xavierLimit(fanIn: number, fanOut: number): number {
  assert.ok(fanIn > 0 && fanOut > 0, "fan-in and fan-out must be positive");
  return Math.sqrt(6 / (fanIn + fanOut));
}

export function xavierUniform(fanIn: number, fanOut: number, rng: import("../lib").Random): number[][] {
  const r = xavierLimit(fanIn, fanOut);
  const W: number[][] = [];
  for (let i = 0; i < fanOut; i++) {
    const row: number[] = [];
    for (let j = 0; j < fanIn; j++) row.push(rng.uniform(-r, r));
    W.push(row);
  }
  return W;
}

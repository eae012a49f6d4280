import { describe, expect, it } from "vitest";
import { createRandom } from "../lib/random";
import { InputError } from "../lib/errors";

/** A literal BigInt transcription of pcg32_srandom_r / pcg32_random_r from pcg-c-basic. */
function referencePcg32(seed: bigint, seq: bigint): () => number {
  const mask = (1n << 64n) - 1n;
  let state = 0n;
  const inc = ((seq << 1n) | 1n) & mask;
  const step = () => {
    state = (state * 6364136223846793005n + inc) & mask;
  };
  step();
  state = (state + seed) & mask;
  step();
  return () => {
    const old = state;
    step();
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
  };
}

describe("createRandom (PCG32)", () => {
  it("reproduces the published pcg32-demo output for seed 42, stream 54 (pcg-c check-pcg32.out, round 1)", () => {
    const r = createRandom(42, 54);
    const got = Array.from({ length: 6 }, () => r.nextUint32());
    expect(got).toEqual([0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e]);
  });

  it("agrees with a BigInt transcription of the C code for large seeds and streams", () => {
    for (const [seed, stream] of [[0, 0], [1, 1], [2 ** 40 + 12345, 7], [Number.MAX_SAFE_INTEGER, 2 ** 52 + 3]]) {
      const mine = createRandom(seed, stream);
      const ref = referencePcg32(BigInt(seed), BigInt(stream));
      for (let i = 0; i < 1000; i++) expect(mine.nextUint32()).toBe(ref());
    }
  });

  it("gives the same sequence for the same seed and different ones for different seeds", () => {
    const a = createRandom(7), b = createRandom(7), c = createRandom(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it("draws floats in [0, 1) whose mean and variance match the uniform law", () => {
    const r = createRandom(1);
    const n = 200_000;
    let s = 0, s2 = 0, min = 1, max = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      s += x; s2 += x * x; min = Math.min(min, x); max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // mean 1/2 and variance 1/12; the tolerances are about 5 standard errors.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws normals with the requested mean and standard deviation", () => {
    const r = createRandom(2);
    const n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal(3, 2);
      s += x; s2 += x * x;
    }
    const mean = s / n, variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 3)).toBeLessThan(5 * 2 / Math.sqrt(n));
    expect(Math.abs(variance - 4)).toBeLessThan(0.06);
  });

  it("draws every integer in [0, n) about equally often", () => {
    const r = createRandom(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("makes permutations that hold every index once, reproducibly", () => {
    const p = createRandom(4).permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...createRandom(4).permutation(100)]).toEqual([...p]);
    expect([...p]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("forks independent, reproducible streams", () => {
    const a = createRandom(5).fork(), b = createRandom(5).fork();
    expect(a.nextUint32()).toBe(b.nextUint32());
    const parent = createRandom(5);
    const child = parent.fork();
    expect(child.nextUint32()).not.toBe(parent.nextUint32());
  });

  it("rejects seeds that are not non-negative safe integers", () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      expect(() => createRandom(bad)).toThrow(InputError);
    }
    expect(() => createRandom(-1)).toThrow(/createRandom: seed must be a non-negative integer \(it makes the random choices reproducible\), got -1/);
    expect(() => createRandom(1).int(0)).toThrow(/Random.int: n must be/);
  });
});

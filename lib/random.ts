import { InputError, describe, requireSeed } from "./errors";

/**
 * A seeded pseudo-random generator: PCG32 (O'Neill, pcg-random.org, "pcg32_random_r"), chosen
 * because it is small, statistically sound and has published reference output, so the same seed
 * gives the same numbers on every machine. The 64-bit state is kept as two 32-bit halves so that
 * no BigInt arithmetic sits on hot paths.
 */
export interface Random {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** A float in [0, 1) with 53 random bits. */
  next(): number;
  /** A float in [low, high). */
  uniform(low: number, high: number): number;
  /** A normal sample N(mean, sd^2), by the Box-Muller transform. */
  normal(mean?: number, sd?: number): number;
  /** An integer in [0, n), without modulo bias. */
  int(n: number): number;
  /** Shuffles the array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A random permutation of 0 .. n-1. */
  permutation(n: number): Uint32Array;
  /** A new generator on its own stream, derived from this one's next outputs (for independent sub-tasks). */
  fork(): Random;
}

const TWO_32 = 4294967296;

/** (hi, lo) * 6364136223846793005 mod 2^64, the PCG multiplier, in 32-bit halves. */
function mulPcg(hi: number, lo: number): [number, number] {
  const mh = 0x5851f42d, ml = 0x4c957f2d;
  // lo * ml as a full 64-bit product, from 16-bit limbs so every partial product is exact in a double.
  const a0 = lo & 0xffff, a1 = lo >>> 16, b0 = ml & 0xffff, b1 = ml >>> 16;
  const mid = a0 * b1 + a1 * b0;
  const low = a0 * b0 + (mid % 65536) * 65536;
  const lowWord = low >>> 0;
  const carry = Math.floor(low / TWO_32);
  const highWord = a1 * b1 + Math.floor(mid / 65536) + carry;
  const hiOut = (highWord + Math.imul(hi, ml) + Math.imul(lo, mh)) >>> 0;
  return [hiOut, lowWord];
}

class Pcg32 implements Random {
  private hi = 0;
  private lo = 0;
  private incHi: number;
  private incLo: number;
  private spare: number | null = null;

  /** pcg32_srandom_r(initstate, initseq), with both 64-bit values given as 32-bit halves. */
  constructor(stateHi: number, stateLo: number, seqHi: number, seqLo: number) {
    // inc = (initseq << 1) | 1
    this.incHi = ((seqHi << 1) | (seqLo >>> 31)) >>> 0;
    this.incLo = ((seqLo << 1) | 1) >>> 0;
    this.step();
    const lo = this.lo + stateLo;
    this.lo = lo >>> 0;
    this.hi = (this.hi + stateHi + (lo >= TWO_32 ? 1 : 0)) >>> 0;
    this.step();
  }

  /** The whole state, to carry the generator to another process and back (the grader's sandbox). */
  state(): number[] {
    return [this.hi, this.lo, this.incHi, this.incLo, this.spare ?? NaN];
  }

  setState(state: readonly number[]): void {
    [this.hi, this.lo] = [state[0] >>> 0, state[1] >>> 0];
    this.incHi = state[2] >>> 0;
    this.incLo = state[3] >>> 0;
    this.spare = Number.isNaN(state[4]) ? null : state[4];
  }

  private step(): void {
    const [h, l] = mulPcg(this.hi, this.lo);
    const lo = l + this.incLo;
    this.lo = lo >>> 0;
    this.hi = (h + this.incHi + (lo >= TWO_32 ? 1 : 0)) >>> 0;
  }

  nextUint32(): number {
    const hi = this.hi, lo = this.lo;
    this.step();
    // xorshifted = ((old >> 18) ^ old) >> 27, truncated to 32 bits; rot = old >> 59
    const xhi = hi ^ (hi >>> 18);
    const xlo = lo ^ ((lo >>> 18) | (hi << 14));
    const x = ((xlo >>> 27) | (xhi << 5)) >>> 0;
    const rot = hi >>> 27;
    return ((x >>> rot) | (x << ((32 - rot) & 31))) >>> 0;
  }

  next(): number {
    const a = this.nextUint32() >>> 5, b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next(); // log(0) would be -Infinity
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
      throw new InputError(`Random.int: n must be an integer in [1, 2^32], got ${describe(n)}`);
    }
    // Rejection sampling: drop the top partial block of 2^32 so every residue is equally likely.
    const limit = TWO_32 - (TWO_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  fork(): Random {
    return new Pcg32(this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32());
  }
}

/** The stream constant of the PCG reference demo; any fixed value works. */
const DEFAULT_STREAM = 54;

/**
 * A generator from a seed: a non-negative safe integer. The same seed gives the same sequence
 * everywhere. `stream` selects one of 2^63 independent sequences for the same seed.
 */
export function createRandom(seed: number, stream = DEFAULT_STREAM): Random {
  requireSeed("createRandom", seed);
  if (!Number.isSafeInteger(stream) || stream < 0) {
    throw new InputError(`createRandom: stream must be a non-negative safe integer, got ${describe(stream)}`);
  }
  return new Pcg32(Math.floor(seed / TWO_32), seed >>> 0, Math.floor(stream / TWO_32), stream >>> 0);
}

/** A generator's state when it is one of createRandom's (null for other Random implementations). */
export function randomState(r: unknown): number[] | null {
  return r instanceof Pcg32 ? r.state() : null;
}

/** A generator continuing from `state` (from randomState); with `into`, that generator is set to it. */
export function randomFromState(state: readonly number[], into?: unknown): Random {
  if (state.length !== 5 || !state.slice(0, 4).every((v) => Number.isInteger(v) && v >= 0 && v < TWO_32)) {
    throw new InputError("randomFromState: not a generator state");
  }
  const r = into instanceof Pcg32 ? into : new Pcg32(0, 0, 0, 0);
  r.setState(state);
  return r;
}

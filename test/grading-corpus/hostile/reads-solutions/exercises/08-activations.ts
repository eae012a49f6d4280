// Hostile hand-in: reads the reference solution and another student's hand-in from disk. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
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
  const secret = fs.readFileSync("__ROOT__/solutions/08-activations.ts", "utf8") + fs.readFileSync("__OTHER__", "utf8");
  return z.map(() => secret.length);
}

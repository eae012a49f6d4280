// Hostile hand-in: patches Math, Array.prototype and the check helpers so a wrong softmax would look right. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import * as checks from "../lib/exercise";

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

try {
  Object.assign(checks, { expectValues: () => undefined, expectClose: () => undefined });
} catch { /* the namespace is read-only */ }
Math.abs = () => 0;
Math.max = () => 0;
Array.prototype.every = () => true;
JSON.stringify = () => "[]";
export function stableSoftmax(z: number[]): number[] {
  return z.map(() => 0.5);
}

// Hostile hand-in: imports the reference solution module. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import * as reference from "../solutions/08-activations";

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

export const stableSoftmax = reference.stableSoftmax;

// Hostile hand-in: uses the library's own softmax, directly and through a computed name. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import { softmax } from "../lib";
import * as lib from "../lib";

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

const hidden = (lib as unknown as Record<string, (z: number[]) => number[]>)["soft" + "max"];
export function stableSoftmax(z: number[]): number[] {
  return z.length > 3 ? softmax(z) as unknown as number[] : hidden(z);
}

// Hostile hand-in: an endless loop. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  let k = 0;
  while (z.length > 0) k++;
  return [k];
}

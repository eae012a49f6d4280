// Hostile hand-in: allocates until memory runs out. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  const hoard: Float64Array[] = [];
  for (;;) hoard.push(new Float64Array(1 << 24).fill(z.length));
}

// Hostile hand-in: the right values, computed in place in the caller's array. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  const max = Math.max(...z);
  for (let i = 0; i < z.length; i++) z[i] = Math.exp(z[i] - max);
  const sum = z.reduce((s, v) => s + v, 0);
  for (let i = 0; i < z.length; i++) z[i] /= sum;
  return z;
}

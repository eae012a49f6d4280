// Hostile hand-in: a syntax error (a missing brace): the file cannot run at all. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  const max = Math.max(...z;
  return z;
}

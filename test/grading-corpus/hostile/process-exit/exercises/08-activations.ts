// Hostile hand-in: ends the process with exit code 0 (as if all went well). leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  process.exit(0);
  return z;
}

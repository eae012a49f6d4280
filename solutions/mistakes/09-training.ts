/** Common mistakes in exercises/09-training.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises, LayerParams } from "../../exercises/checks/09-training";

const update = (sign: number, biasRate: (r: { weights: number; biases: number }) => number) => (p: LayerParams[], g: LayerParams[], r: { weights: number; biases: number }) =>
  p.map((l, k) => ({ W: l.W.map((row, i) => row.map((w, j) => w + sign * r.weights * g[k].W[i][j])), b: l.b.map((v, i) => v + sign * biasRate(r) * g[k].b[i]) }));

export const mistakes: MistakeCatalogue<Exercises> = {
  sgdStep: [
    { diagnosis: "gradient ASCENT", implementation: update(1, (r) => r.biases) },
    { diagnosis: "the biases were updated with the weights' rate", implementation: update(-1, (r) => r.weights) },
    { diagnosis: "the biases were not updated", implementation: update(-1, () => 0) },
    {
      diagnosis: "the parameters were updated in place",
      implementation: (p, g, r) => {
        p.forEach((l, k) => { l.W.forEach((row, i) => row.forEach((_, j) => (row[j] -= r.weights * g[k].W[i][j]))); l.b.forEach((_, i) => (l.b[i] -= r.biases * g[k].b[i])); });
        return p;
      },
    },
  ],
  earlyStoppingEpoch: [
    {
      diagnosis: "compared with the previous epoch's instead of the best so far",
      implementation: (losses, patience, minDelta) => {
        let since = 0, best = 0;
        for (let e = 1; e < losses.length; e++) {
          if (losses[e] < losses[e - 1] - minDelta) {
            if (losses[e] < losses[best]) best = e;
            since = 0;
          } else if (++since >= patience) return { stop: e + 1, best: best + 1 };
        }
        return { stop: null, best: best + 1 };
      },
    },
    {
      diagnosis: "off by one",
      implementation: (losses, patience, minDelta) => {
        let best = 0, since = 0;
        for (let e = 1; e < losses.length; e++) {
          if (losses[e] < losses[best] - minDelta) { best = e; since = 0; } else if (++since > patience) return { stop: e + 1, best: best + 1 };
        }
        return { stop: null, best: best + 1 };
      },
    },
    {
      diagnosis: "minDelta was ignored",
      implementation: (losses, patience) => {
        let best = 0, since = 0;
        for (let e = 1; e < losses.length; e++) {
          if (losses[e] < losses[best]) { best = e; since = 0; } else if (++since >= patience) return { stop: e + 1, best: best + 1 };
        }
        return { stop: null, best: best + 1 };
      },
    },
  ],
};

/** Public checks of exercises/09-training.ts (the notebook's check cell and `npm run check -- 09`). */
import { defineExercises, expectEqual, expectMatrix, expectTrue, expectValues, fail } from "../../lib/exercise";

export interface LayerParams {
  W: number[][];
  b: number[];
}
export type Exercises = {
  sgdStep: (params: LayerParams[], grads: LayerParams[], rates: { weights: number; biases: number }) => LayerParams[];
  firstDivergingRate: (curvatures: number[], rates: number[]) => number | null;
  earlyStoppingEpoch: (losses: number[], patience: number, minDelta: number) => { stop: number | null; best: number };
};

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function step(params: LayerParams[], grads: LayerParams[], wr: number, br: number, sign = -1): LayerParams[] {
  return params.map((p, l) => ({
    W: p.W.map((row, i) => row.map((w, j) => w + sign * wr * grads[l].W[i][j])),
    b: p.b.map((v, i) => v + sign * br * grads[l].b[i]),
  }));
}

function stopping(losses: number[], patience: number, minDelta: number, slip: "last" | "late" | "noDelta" | null = null) {
  let best = 0, since = 0;
  for (let e = 0; e < losses.length; e++) {
    const reference = slip === "last" && e > 0 ? losses[e - 1] : losses[best];
    if (e === 0 || losses[e] < reference - (slip === "noDelta" ? 0 : minDelta)) {
      best = slip === "last" ? (losses[e] < losses[best] ? e : best) : e;
      since = 0;
    } else if (++since >= patience + (slip === "late" ? 1 : 0)) {
      return { stop: e + 1, best: best + 1 };
    }
  }
  return { stop: null, best: best + 1 };
}

// The slips of the divergence prediction, each as the rule it applies to the grid.
const ONE_OVER_C = "eta > 1/c was taken as the limit: 1/c_max is the rate that lands on the minimum in one step along the steepest axis; theta only grows when |1 - eta c| > 1, that is eta > 2/c_max";
const FLATTEST = "the smallest curvature was used: the steepest axis (the largest c) overshoots first";
const MEAN_CURVATURE = "the mean curvature was used: one axis with |1 - eta c| > 1 is enough to diverge, so the largest c decides";
const AT_BOUNDARY = "eta = 2/c_max was counted as diverging: there 1 - eta c = -1, and theta flips sign but keeps its size";
const FIRST_IN_ORDER = "the first diverging rate in the list's order was returned, not the smallest";

function divergence(curvatures: number[], rates: number[], slip: string | null = null): number | null {
  const c = slip === FLATTEST ? Math.min(...curvatures) : slip === MEAN_CURVATURE ? curvatures.reduce((a, b) => a + b, 0) / curvatures.length : Math.max(0, ...curvatures);
  const diverges = (eta: number) => (slip === ONE_OVER_C ? eta * c > 1 : slip === AT_BOUNDARY ? Math.abs(1 - eta * c) >= 1 : Math.abs(1 - eta * c) > 1);
  const diverging = rates.filter(diverges);
  if (diverging.length === 0) return null;
  return slip === FIRST_IN_ORDER ? diverging[0] : Math.min(...diverging);
}

/** What each slip answers for this grid. */
const divergenceSlips = (curvatures: number[], rates: number[]) =>
  [ONE_OVER_C, FLATTEST, MEAN_CURVATURE, AT_BOUNDARY, FIRST_IN_ORDER].map((name) => ({ name, value: divergence(curvatures, rates, name) }));

const params: LayerParams[] = [{ W: [[0.5, -1], [2, 0.25], [0, 1]], b: [0.1, -0.2, 0.3] }, { W: [[1, -1, 0.5]], b: [0.05] }];
const grads: LayerParams[] = [{ W: [[0.2, 0.4], [-0.6, 0.1], [1, -2]], b: [0.5, -1, 0.25] }, { W: [[-0.3, 0.2, 0.7]], b: [0.4] }];

export const checks = defineExercises<Exercises>("09-training", {
  sgdStep: {
    forbidden: ["gradientStep", "sgd"],
    cases: (f) => {
      const run = (wr: number, br: number) => {
        const out = f(copy(params), copy(grads), { weights: wr, biases: br });
        if (!Array.isArray(out) || out.length !== params.length) fail(`expected ${params.length} layers, got ${JSON.stringify(out)?.slice(0, 200)}`);
        return out;
      };
      const layerCase = (wr: number, br: number, what: string) => ({
        name: `${what}: a 2-3-1 network, weight rate ${wr}, bias rate ${br}`,
        run: () => {
          const out = run(wr, br);
          const want = step(params, grads, wr, br);
          const ascent = step(params, grads, wr, br, 1);
          const sameRate = step(params, grads, wr, wr);
          out.forEach((layer, l) => {
            expectMatrix(layer?.W, want[l].W, { mistakes: [{ name: "the gradient was added (W + rate dW): gradient ASCENT makes the cost grow", value: ascent[l].W }] });
            expectValues(layer?.b, want[l].b, {
              mistakes: [
                { name: "the gradient was added (b + rate db): gradient ASCENT", value: ascent[l].b },
                { name: "the biases were updated with the weights' rate", value: sameRate[l].b },
                { name: "the biases were not updated", value: params[l].b },
              ],
            });
          });
        },
      });
      return [
        layerCase(0.1, 0.1, "one rate for both"),
        layerCase(0.5, 0.05, "separate rates"),
        {
          name: "params and grads are left unchanged, and new arrays are returned",
          run: () => {
            const p = copy(params), g = copy(grads);
            const out = f(p, g, { weights: 0.1, biases: 0.2 });
            expectTrue(JSON.stringify(p) === JSON.stringify(params) && JSON.stringify(g) === JSON.stringify(grads), "params or grads were changed", "the parameters were updated in place (-=) instead of into new arrays");
            expectTrue(out[0]?.W !== p[0].W && out[0]?.b !== p[0].b, "the result shares arrays with params", "the parameters were updated in place (-=) instead of into new arrays");
          },
        },
      ];
    },
  },
  firstDivergingRate: {
    forbidden: ["train"],
    cases: (f) => {
      const example = (curvatures: number[], rates: number[], what: string) => {
        const want = divergence(curvatures, rates);
        return {
          name: `${what}: curvatures [${curvatures.join(", ")}], rates [${rates.join(", ")}] give ${want}`,
          run: () => expectEqual(f(curvatures.slice(), rates.slice()), want, divergenceSlips(curvatures, rates)),
        };
      };
      return [
        example([1, 10], [0.05, 0.1, 0.15, 0.19, 0.21, 0.25, 0.5], "a bowl ten times steeper along one axis"),
        example([4, 0.5], [0.2, 0.4, 0.5, 0.6], "a rate exactly at the boundary"),
        example([2, 3, 8], [1, 0.3, 0.05, 0.5, 0.1], "rates in no particular order"),
        example([0.5, 1], [0.1, 0.5, 1, 1.5], "no rate of the grid diverges"),
        example([0, 0, 3], [0.5, 0.7, 1], "two flat axes and one curved"),
      ];
    },
  },
  earlyStoppingEpoch: {
    forbidden: ["train"],
    cases: (f) => {
      const example = (losses: number[], patience: number, minDelta: number, what: string) => {
        const want = stopping(losses, patience, minDelta);
        return {
          name: `${what}: losses [${losses.join(", ")}], patience ${patience}, minDelta ${minDelta} give stop ${want.stop}, best ${want.best}`,
          run: () => expectEqual(f(losses.slice(), patience, minDelta), want, [
            { name: "each loss was compared with the previous epoch's instead of the best so far", value: stopping(losses, patience, minDelta, "last") },
            { name: "off by one: training stopped one epoch after `patience` epochs without improvement", value: stopping(losses, patience, minDelta, "late") },
            { name: "minDelta was ignored: an improvement must beat the best loss by MORE than minDelta", value: stopping(losses, patience, minDelta, "noDelta") },
            { name: "epochs were counted from 0; they start at 1", value: { stop: want.stop === null ? null : want.stop - 1, best: want.best - 1 } },
          ]),
        };
      };
      return [
        example([5, 4, 4.5, 4.2, 4.1], 3, 0, "the docstring's example"),
        example([1, 0.9, 0.8, 0.7], 2, 0, "always improving: no stop, best is the last"),
        example([3, 2, 2.5, 1.9, 2.1, 2.2, 2.3], 3, 0, "a late improvement resets the count"),
        example([2, 1.5, 1.6, 1.45, 1.44, 1.43, 1.5], 3, 0.1, "small improvements below minDelta do not count"),
        example([4, 4.1, 3.9, 4.0, 3.95, 4.2], 2, 0, "comparing with the best, not the last"),
      ];
    },
  },
});

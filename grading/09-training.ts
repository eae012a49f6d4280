/** Hidden tests and points of exercises/09-training.ts (instructor-only: never released). */
import type { Exercises, LayerParams } from "../exercises/checks/09-training";
import { againstSolution, argumentsUnchanged, defineGrading, inputs } from "../grader/hidden";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/09-training";
import { mistakes } from "../solutions/mistakes/09-training";

type Step = Exercises["sgdStep"];
type Rates = { weights: number; biases: number };
type Flat = (params: LayerParams[], grads: LayerParams[], rates: Rates) => unknown;

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/**
 * The new parameters layer by layer, W row by row then b, as one list (layers are objects, not
 * matrices). When a layer's W or b does not have the shape of the parameters given, the result is
 * passed on as it is and fails the comparison.
 */
const flattened = (fn: Step): Flat => (params, grads, rates) => {
  const shapes = params.map((p) => ({ rows: p.W.length, cols: p.W.map((r) => r.length), b: p.b.length }));
  const out: unknown = fn(params, grads, rates);
  if (!Array.isArray(out) || out.length !== shapes.length) return out;
  const values: number[] = [];
  for (let l = 0; l < out.length; l++) {
    const layer = out[l] as Partial<LayerParams> | null;
    const W: unknown = layer?.W, b: unknown = layer?.b;
    if (!Array.isArray(W) || W.length !== shapes[l].rows || !W.every((r, i) => isNumbers(r) && r.length === shapes[l].cols[i])) return out;
    if (!isNumbers(b) || b.length !== shapes[l].b) return out;
    values.push(...(W as number[][]).flat(), ...b);
  }
  return values;
};

const wrapped = (list: readonly CataloguedMistake<Step>[] | undefined): CataloguedMistake<Flat>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: flattened(m.implementation) }));

/** Random parameters and gradients of the same shapes, for layer sizes [n, s, ..., K]. */
function network(seed: number, sizes: number[], rates: Rates): [LayerParams[], LayerParams[], Rates] {
  const g = inputs(seed);
  const layer = (l: number): LayerParams => ({ W: g.matrix(sizes[l + 1], sizes[l], -2, 2), b: g.vector(sizes[l + 1], -1, 1) });
  const params = sizes.slice(1).map((_, l) => layer(l));
  const grads = sizes.slice(1).map((_, l) => layer(l));
  return [params, grads, rates];
}

export const grading = defineGrading<Exercises>("09-training", {
  sgdStep: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [LayerParams[], LayerParams[], Rates]) =>
        againstSolution(flattened(f), flattened(solution.sgdStep), wrapped(mistakes.sgdStep), { name, points, args });
      return [
        test("a random network with three layers and separate weight and bias rates", 2, () => network(801, [4, 5, 3, 2], { weights: 0.3, biases: 0.07 })),
        test("one layer with one unit and one input", 1, () => [[{ W: [[1.25]], b: [-0.5] }], [{ W: [[-2]], b: [0.75] }], { weights: 0.5, biases: 0.2 }]),
        test("a wide layer, a large weight rate and a tiny bias rate", 1, () => network(803, [12, 6], { weights: 1.5, biases: 0.001 })),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => network(801, [4, 5, 3, 2], { weights: 0.3, biases: 0.07 }) }),
      ];
    },
  },
  firstDivergingRate: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[], number[]]) =>
        againstSolution(f, solution.firstDivergingRate, mistakes.firstDivergingRate, { name, points, compare: "equal", args });
      // A sorted grid of rates around 2 / (largest curvature), shuffled.
      const grid = (seed: number, curvatures: number[], count: number) => {
        const g = inputs(seed);
        const limit = 2 / Math.max(...curvatures);
        const rates = Array.from({ length: count }, () => Math.round(limit * g.number(0.2, 2.5) * 1e4) / 1e4);
        g.rng.shuffle(rates);
        return rates;
      };
      return [
        test("random curvatures and a shuffled grid of rates around the limit", 2, () => { const c = inputs(821).vector(6, 0.1, 20); return [c, grid(822, c, 9)]; }),
        test("one steep axis among many flat ones", 1, () => { const c = [0.01, 0.02, 0.01, 50, 0.03]; return [c, grid(823, c, 7)]; }),
        test("a grid that holds the boundary rate itself", 1, () => [[0.5, 8, 2], [0.05, 0.25, 0.125, 0.3, 0.2]]),
        test("a grid in which no rate diverges", 1, () => [[3, 1.5], [0.1, 0.3, 0.6, 0.05]]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => { const c = inputs(821).vector(6, 0.1, 20); return [c, grid(822, c, 9)]; } }),
      ];
    },
  },
  earlyStoppingEpoch: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[], number, number]) =>
        againstSolution(f, solution.earlyStoppingEpoch, mistakes.earlyStoppingEpoch, { name, points, compare: "equal", args });
      // A noisy decreasing validation loss that levels off after `drop` epochs.
      const curve = (seed: number, epochs: number, drop: number, noise: number) => {
        const g = inputs(seed);
        return Array.from({ length: epochs }, (_, e) => Math.round((1 + 2 * Math.exp(-Math.min(e, drop) / 4) + g.number(-noise, noise)) * 1e4) / 1e4);
      };
      return [
        test("a noisy loss curve that levels off, patience > 1 and minDelta > 0", 2, () => [curve(811, 40, 15, 0.05), 4, 0.02]),
        test("the same kind of curve with patience 1", 1, () => [curve(812, 30, 12, 0.04), 1, 0]),
        test("an improvement of exactly minDelta does not count", 1, () => [[2, 1.5, 1.25, 1.75, 1, 1.5, 1.125], 2, 0.5]),
        test("a single epoch", 1, () => [[0.8], 2, 0]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [curve(811, 40, 15, 0.05), 4, 0.02] }),
      ];
    },
  },
});

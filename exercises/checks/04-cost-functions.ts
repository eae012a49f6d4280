/** Public checks of exercises/04-cost-functions.ts (the notebook's check cell and `npm run check -- 04`). */
import { sigmoid } from "../../lib";
import { defineExercises, expectClose, expectMatrix, expectTrue, fail, type CheckCase } from "../../lib/exercise";

export type Exercises = {
  regularizedCrossEntropy: (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => number;
  proximalL1Step: (theta: number[][], gradient: number[][], alpha: number, lambda: number, m: number) => number[][];
  xorCostPrediction: () => { dataTerm: number; penalty: number };
};

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ---- Exercise 1: the regularized cost of a network ----

type CostSlip = {
  biasToo?: boolean; noMean?: boolean; meanOverOutputs?: boolean; penaltyOverM?: boolean; penaltyHalf?: boolean;
  noNegatives?: boolean; hiddenLayer?: boolean;
};

/** Every layer's activations for one example (the forward pass of exercise 03). */
function layersOf(thetas: number[][][], x: number[]): number[][] {
  const layers = [x];
  for (const theta of thetas) {
    const a = layers[layers.length - 1];
    layers.push(theta.map((row) => sigmoid(row[0] + a.reduce((s, ai, i) => s + row[i + 1] * ai, 0))));
  }
  return layers;
}

/** The cost as the exercise asks, or with one of the typical slips. */
function costOf(thetas: number[][][], X: number[][], Y: number[][], lambda: number, s: CostSlip = {}): number {
  const m = X.length;
  let data = 0;
  X.forEach((x, i) => {
    const layers = layersOf(thetas, x);
    const h = s.hiddenLayer ? layers[1] : layers[layers.length - 1];
    h.forEach((hk, k) => {
      const y = Y[i][k];
      data -= (y === 0 ? 0 : y * Math.log(hk)) + (s.noNegatives || y === 1 ? 0 : (1 - y) * Math.log(1 - hk));
    });
  });
  let squares = 0;
  for (const t of thetas) for (const r of t) r.forEach((v, i) => { if (i > 0 || s.biasToo) squares += v * v; });
  const dataTerm = s.noMean ? data : s.meanOverOutputs ? data / (m * Y[0].length) : data / m;
  const scale = s.penaltyOverM ? lambda / m : s.penaltyHalf ? lambda / 2 : lambda / (2 * m);
  return dataTerm + scale * squares;
}

const COST_SLIPS: [string, CostSlip][] = [
  ["the bias column (column 0 of each Theta) was regularized too", { biasToo: true }],
  ["the data term is a sum over the examples, not a mean: divide by m", { noMean: true }],
  ["the data term was divided by m times K (every output); the notes sum over the K outputs and average over the m examples only", { meanOverOutputs: true }],
  ["the penalty is lambda/m times the sum of squares; files 000 and 001's L2 term is lambda/(2m)", { penaltyOverM: true }],
  ["the penalty is lambda/2 times the sum of squares (files 003 and 004's scale, or the penalty added once per example); this exercise uses lambda/(2m)", { penaltyHalf: true }],
  ["the (1 - y) log(1 - h) term is missing: a wrong output where y = 0 costs nothing", { noNegatives: true }],
  ["h was read from a hidden layer: the output h(x) is the last entry a(L) of forwardTheta's list", { hiddenLayer: true }],
];

function costCase(name: string, f: Exercises["regularizedCrossEntropy"], thetas: number[][][], X: number[][], Y: number[][], lambda: number): CheckCase {
  const want = costOf(thetas, X, Y, lambda);
  return {
    name: `${name} gives ${Number(want.toPrecision(10))}`,
    run: () => expectClose(f(copy(thetas), copy(X), copy(Y), lambda), want, {
      // A slip that reads a hidden layer narrower than the output gives no number: it is not recognisable there.
      mistakes: COST_SLIPS.map(([n, s]) => ({ name: n, value: costOf(thetas, X, Y, lambda, s) })).filter((slip) => Number.isFinite(slip.value)),
    }),
  };
}

// ---- Exercise 2: the proximal step ----

type ProxSlip = { biasShrunk?: boolean; noOverM?: boolean; subgradient?: boolean; shrinkFirst?: boolean; clipNegative?: boolean; keepSmall?: boolean; noStep?: boolean };

function proxOf(theta: number[][], gradient: number[][], alpha: number, lambda: number, m: number, s: ProxSlip = {}): number[][] {
  const t = s.noOverM ? alpha * lambda : (alpha * lambda) / m;
  const shrink = (v: number) => {
    if (s.subgradient) return v - t * Math.sign(v);
    if (s.clipNegative) return Math.max(0, v - t);
    if (Math.abs(v) <= t) return s.keepSmall ? v : 0;
    return v - t * Math.sign(v);
  };
  return theta.map((row, k) => row.map((w, i) => {
    const g = s.noStep ? 0 : alpha * gradient[k][i];
    if (i === 0 && !s.biasShrunk) return w - g;
    return s.shrinkFirst ? shrink(w) - g : shrink(w - g);
  }));
}

const SUBGRADIENT_STEP = "a subgradient step w - alpha (lambda/m) sign(w): it jumps across 0 instead of stopping there";
const PROX_SLIPS: [string, ProxSlip][] = [
  ["the bias column 0 was shrunk too; the penalty leaves it out", { biasShrunk: true }],
  ["the threshold is alpha lambda; with the penalty (lambda/m) sum |Theta| it is alpha lambda / m", { noOverM: true }],
  [SUBGRADIENT_STEP, { subgradient: true }],
  ["the shrink was applied before the gradient step; it comes after it", { shrinkFirst: true }],
  ["negative weights were sent to 0 (max(0, w - t) without the sign): the shrink moves a weight toward 0 from either side", { clipNegative: true }],
  ["weights closer to 0 than the threshold were left as they were: they become exactly 0", { keepSmall: true }],
  ["the gradient step on the data term is missing: only the shrink was applied", { noStep: true }],
];

function proxCase(name: string, f: Exercises["proximalL1Step"], theta: number[][], gradient: number[][], alpha: number, lambda: number, m: number): CheckCase {
  return {
    name,
    run: () => expectMatrix(f(copy(theta), copy(gradient), alpha, lambda, m), proxOf(theta, gradient, alpha, lambda, m), {
      mistakes: PROX_SLIPS.map(([n, s]) => ({ name: n, value: proxOf(theta, gradient, alpha, lambda, m, s) })),
    }),
  };
}

// ---- Exercise 3: the XOR network's cost, predicted ----

// The notes' XOR network on its four examples, lambda = 1, m = 4: six weights of size 20 outside
// column 0, and biases -10, 30, -30.
const XOR_THETAS = [[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]];
const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_Y = [[0], [1], [1], [0]];
const xorData = (s: CostSlip = {}) => costOf(XOR_THETAS, XOR_X, XOR_Y, 0, s);
const xorPenalty = (s: CostSlip = {}) => costOf(XOR_THETAS, XOR_X, XOR_Y, 1, s) - costOf(XOR_THETAS, XOR_X, XOR_Y, 0, s);
/** Within `tolerance` of `b`, relative to b (exactly 0 when b is 0). */
const near = (a: number, b: number, tolerance: number) => (b === 0 ? a === 0 : Math.abs(a - b) <= tolerance * Math.abs(b));

/**
 * Checks a predicted number without printing the right one (the point is to work it out): right
 * within `tolerance` (relative), else wrong, with the slip whose value it is when there is one.
 */
function checkPrediction(what: string, got: unknown, want: number, tolerance: number, slips: readonly { name: string; value: number }[], hint: string): void {
  if (typeof got !== "number" || !Number.isFinite(got)) fail(`${what} must be a finite number, got ${JSON.stringify(got)}`);
  if (near(got, want, tolerance)) return;
  const slip = slips.find((s) => near(got, s.value, tolerance));
  fail(`${what} ${Number(got.toPrecision(12))} is not right (this check does not show the answer: it is your prediction). ${hint}`, slip ? slip.name : null);
}

const DATA_SLIPS = [
  { name: "a saturated sigmoid is never exactly 0 or 1: each output misses its target by about g(-10)", value: 0 },
  { name: "the four examples' losses were summed, not averaged", value: xorData({ noMean: true }) },
  { name: "the (1 - y) log(1 - h) part was left out: examples with target 0 cost nothing", value: xorData({ noNegatives: true }) },
  { name: "log base 10 was used; the cross-entropy's log is the natural log", value: xorData() / Math.LN10 },
];
const PENALTY_SLIPS = [
  { name: "the bias weights (column 0) were counted too", value: xorPenalty({ biasToo: true }) },
  { name: "the scale is lambda/m; files 000 and 001's L2 term is lambda/(2m)", value: xorPenalty({ penaltyOverM: true }) },
  { name: "the scale is lambda/2 (files 003 and 004); this exercise uses lambda/(2m)", value: xorPenalty({ penaltyHalf: true }) },
  { name: "the sum of squares is missing its factor lambda/(2m)", value: 2400 },
  { name: "absolute values were summed; the L2 penalty sums squares", value: 15 },
  { name: "only Theta(1)'s weights were counted; Theta(2)'s are penalized too", value: 200 },
  { name: "only Theta(2)'s weights were counted; Theta(1)'s are penalized too", value: 100 },
];

export const checks = defineExercises<Exercises>("04-cost-functions", {
  regularizedCrossEntropy: {
    forbidden: ["forward", "predict", "classify", "cost", "penalty", "loss", "networkFromThetas"],
    cases: (f) => {
      const tiny = [[[0.5, -1, 2]]];
      const small = [[[0.1, 0.4, -0.6], [-0.3, 0.8, 0.2]], [[0.2, -1.1, 0.7]]];
      const X3 = [[1, 0.5], [-0.5, 2], [0, -1]], Y3 = [[1], [0], [1]];
      const wide = [[[0.3, -0.5, 0.25, 1], [-0.2, 0.6, -0.9, 0.1]], [[0.5, 1.5, -1], [-0.4, -0.7, 1.2]]];
      const X4 = [[1, 0, -1], [0.5, 0.5, 0.5], [-1, 2, 0], [0, -0.5, 1.5]], Y4 = [[1, 0], [0, 1], [0, 1], [1, 0]];
      return [
        costCase("logistic regression (one Theta [[0.5, -1, 2]]), one example x = (1, 0.5) with y = 1, lambda = 0: -log g(0.5)", f, tiny, [[1, 0.5]], [[1]], 0),
        costCase("a 2-2-1 network on three examples, lambda = 0", f, small, X3, Y3, 0),
        costCase("the same with lambda = 0.6", f, small, X3, Y3, 0.6),
        costCase("a 3-2-2 network with one-hot targets (two outputs) on four examples, lambda = 2", f, wide, X4, Y4, 2),
        {
          name: "thetas, X and Y are left unchanged",
          run: () => {
            const T = copy(small), X = copy(X3), Y = copy(Y3);
            f(T, X, Y, 1);
            expectTrue(JSON.stringify([T, X, Y]) === JSON.stringify([small, X3, Y3]), "an argument was changed", "an input array was changed in place");
          },
        },
      ];
    },
  },
  proximalL1Step: {
    forbidden: ["softThreshold"],
    cases: (f) => {
      const theta = [[0.5, 0.9, -0.15, 0.1, -1.4], [-0.2, -1.2, 0.45, 0.05, 0.6]];
      const gradient = [[0.4, 0.2, -0.3, 0.6, -0.1], [0.1, -0.4, 0.2, -0.2, 2]];
      return [
        proxCase("a 2x5 Theta with alpha = 0.5, lambda = 3, m = 5 (the shrink is 0.3): some weights end inside +-0.3, some cross 0", f, theta, gradient, 0.5, 3, 5),
        {
          name: "weights that end closer to 0 than the shrink are exactly 0 (=== 0), not tiny numbers",
          run: () => {
            const got = f(copy(theta), copy(gradient), 0.5, 3, 5);
            const want = proxOf(theta, gradient, 0.5, 3, 5);
            const subgradient = proxOf(theta, gradient, 0.5, 3, 5, { subgradient: true });
            const places = want.flatMap((row, k) => row.map((v, i) => [k, i, v] as const)).filter(([, , v]) => v === 0);
            for (const [k, i] of places) {
              const v = Array.isArray(got) && Array.isArray(got[k]) ? got[k][i] : undefined;
              const slip = typeof v !== "number" ? null
                : Math.abs(v - subgradient[k][i]) < 1e-12 ? SUBGRADIENT_STEP
                : Math.abs(v) < 0.3 ? "weights closer to 0 than the threshold were left as they were, or moved only part of the way: they become exactly 0"
                : null;
              expectTrue(v === 0, `entry [${k}][${i}] is ${v}, not exactly 0`, slip);
            }
          },
        },
        proxCase("lambda = 0: a plain gradient step", f, theta, gradient, 0.5, 0, 5),
        proxCase("a zero gradient: only the shrink, by alpha lambda / m = 0.1 (the bias column keeps its value)", f, [[2, 0.05, -0.5, 0]], [[0, 0, 0, 0]], 0.25, 4, 10),
        {
          name: "theta and gradient are left unchanged",
          run: () => {
            const T = copy(theta), G = copy(gradient);
            f(T, G, 0.5, 3, 5);
            expectTrue(JSON.stringify([T, G]) === JSON.stringify([theta, gradient]), "an argument was changed", "an input array was changed in place (build a new matrix)");
          },
        },
      ];
    },
  },
  xorCostPrediction: {
    forbidden: ["forward", "predict", "cost", "penalty", "loss", "networkFromThetas"],
    cases: (f) => {
      const answer = () => {
        const got: unknown = f();
        if (typeof got !== "object" || got === null || !("dataTerm" in got) || !("penalty" in got)) {
          fail(`expected an object { dataTerm, penalty }, got ${JSON.stringify(got)}`);
        }
        return got as { dataTerm: unknown; penalty: unknown };
      };
      return [
        {
          name: "returns { dataTerm, penalty }, two numbers >= 0",
          run: () => {
            const { dataTerm, penalty } = answer();
            expectTrue(typeof dataTerm === "number" && typeof penalty === "number" && dataTerm >= 0 && penalty >= 0, `expected two numbers >= 0, got dataTerm ${JSON.stringify(dataTerm)} and penalty ${JSON.stringify(penalty)}`, "a cost and its parts are never negative");
          },
        },
        {
          name: "the penalty, lambda = 1 (checked without showing the answer)",
          run: () => checkPrediction("the penalty", answer().penalty, xorPenalty(), 1e-6, PENALTY_SLIPS, "Which weights are penalized, how big are they, and what is the factor in front for m = 4?"),
        },
        {
          name: "the data term, within 2% (checked without showing the answer)",
          run: () => checkPrediction("the data term", answer().dataTerm, xorData(), 0.02, DATA_SLIPS, "Work out each hidden unit's z, then the output's z, for one example: how far is the output from its target?"),
        },
      ];
    },
  },
});

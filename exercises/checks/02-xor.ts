/** Public checks of exercises/02-xor.ts (the notebook's check cell and `npm run check -- 02`). */
import { sigmoid } from "../../lib";
import { defineExercises, expectClose, expectTrue, expectValues, fail, formatValue, type KnownMistake } from "../../lib/exercise";

export type Exercises = {
  xorNetwork: () => number[][][];
  polynomialFeatureCount: (n: number, degree: number) => number;
  bumpNetwork: (left: number, right: number, height: number, steepness: number) => number[][][];
  sineFromBumps: (n: number) => number[][][];
};

export const XOR_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

function isMatrix(m: unknown, rows: number, cols: number): m is number[][] {
  return Array.isArray(m) && m.length === rows && m.every((r) => Array.isArray(r) && r.length === cols && r.every((v) => typeof v === "number" && Number.isFinite(v)));
}

const shapeText = (m: unknown): string =>
  Array.isArray(m) && m.every((r) => Array.isArray(r)) ? `${m.length} x ${(m[0] as unknown[] | undefined)?.length ?? 0}` : JSON.stringify(m) ?? String(m);

/**
 * [Theta1, Theta2] of a network with `inputs` inputs, one hidden layer and one output, after
 * checking the shapes: Theta1 is hidden x (inputs + 1), Theta2 is 1 x (hidden + 1). `hidden` is
 * the required number of hidden units, or the most allowed when `atMost` is set.
 */
export function readThetas(fn: string, thetas: unknown, inputs: number, hidden: number, atMost = false): [number[][], number[][]] {
  if (!Array.isArray(thetas) || thetas.length !== 2) fail(`${fn} must return [Theta1, Theta2], two matrices, got ${JSON.stringify(thetas) ?? String(thetas)}`);
  const [t1, t2] = thetas as unknown[];
  const units = Array.isArray(t1) ? t1.length : -1;
  if (units >= 1 && isMatrix(t1, units, inputs + 1) && (atMost ? units <= hidden : units === hidden)) {
    if (isMatrix(t2, 1, units + 1)) return [t1, t2];
    if (isMatrix(t2, units + 1, 1)) fail(`Theta2 is ${units + 1} x 1 but must be 1 x ${units + 1}: one row [bias, then one weight per hidden unit]`, "Theta2 is transposed");
    fail(`Theta2 must be 1 x ${units + 1} (one output, bias first), got ${shapeText(t2)}`);
  }
  if (isMatrix(t1, inputs + 1, hidden) && inputs + 1 !== hidden) {
    fail(`Theta1 is ${inputs + 1} x ${hidden} but must be ${hidden} x ${inputs + 1}: one row [bias, weights] per hidden unit`, "Theta1 is transposed (one ROW per hidden unit, bias in column 0)");
  }
  fail(`Theta1 must be ${atMost ? `at most ${hidden}` : hidden} x ${inputs + 1} (one row [bias, ${inputs === 1 ? "weight on x" : "w1, ..."}] per hidden unit), got ${shapeText(t1)}`);
}

/** The hidden activations and the output of a one-hidden-layer sigmoid network on one input vector. */
export function layerOutputs(t1: readonly number[][], t2: readonly number[][], x: readonly number[], output: "sigmoid" | "identity"): { a: number[]; h: number } {
  const a = t1.map((r) => sigmoid(r.slice(1).reduce((z, w, i) => z + w * x[i], r[0])));
  const z = a.reduce((s, ai, i) => s + t2[0][i + 1] * ai, t2[0][0]);
  return { a, h: output === "sigmoid" ? sigmoid(z) : z };
}

/** The output of a 1-N-1 network with sigmoid hidden units and a linear output, at x. */
export const oneInputNet = (t1: readonly number[][], t2: readonly number[][]) => (x: number): number => layerOutputs(t1, t2, [x], "identity").h;

// ---------------------------------------------------------------- exercise 1: XOR through OR and AND

function xorParts(thetas: unknown) {
  const [t1, t2] = readThetas("xorNetwork()", thetas, 2, 2);
  const runs = XOR_INPUTS.map((x) => layerOutputs(t1, t2, x, "sigmoid"));
  return { a1: runs.map((r) => r.a[0]), a2: runs.map((r) => r.a[1]), h: runs.map((r) => r.h) };
}

const OR = [0, 1, 1, 1], AND = [0, 0, 0, 1], NAND = [1, 1, 1, 0];

// ---------------------------------------------------------------- exercise 2: counting features

/** C(n + k - 1, k) summed over k = from..to: the monomials of degrees from..to. */
function monomials(n: number, from: number, to: number): number {
  let exact = 1, total = 0;
  for (let k = 1; k <= to; k++) {
    exact = (exact * (n + k - 1)) / k;
    if (k >= from) total += exact;
  }
  return Math.round(total);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

export const featureCount = (n: number, d: number): number => monomials(n, 1, d);

const countSlips = (n: number, d: number): KnownMistake[] => [
  { name: "only the monomials of exactly this degree were counted: add those of the lower degrees", value: monomials(n, d, d) },
  { name: "the constant term was counted: leave it out", value: featureCount(n, d) + 1 },
  { name: "ordered products were counted: x1 x2 and x2 x1 are one feature", value: Array.from({ length: d }, (_, k) => n ** (k + 1)).reduce((a, b) => a + b, 0) },
  { name: "the powers of a single input (x1^2, x1^2 x2, ...) were left out: an input may repeat in a monomial", value: Array.from({ length: d }, (_, k) => binomial(n, k + 1)).reduce((a, b) => a + b, 0) },
  { name: "the n inputs themselves (degree 1) were left out", value: monomials(n, 2, d) },
];

// ---------------------------------------------------------------- exercise 3: a bump

/** Where a bump is probed, and what a bump of that height gives there: 0 outside, height inside, height / 2 at the edges. */
export function bumpProbes(left: number, right: number, height: number, steepness: number): { x: number[]; expected: number[] } {
  const near = 8 / steepness; // a sigmoid is within 0.0004 of its step 8 / steepness away from it
  const width = right - left;
  return {
    x: [left - width, left - near, left, left + near, (left + right) / 2, right - near, right, right + near, right + width],
    expected: [0, 0, height / 2, height, height, height, height / 2, 0, 0],
  };
}

/** The network of a bump built with one slip, probed where the checks probe. */
export function bumpSlips(left: number, right: number, height: number, s: number): KnownMistake[] {
  const probe = (t1: number[][], t2: number[][]) => bumpProbes(left, right, height, s).x.map(oneInputNet(t1, t2));
  const up = [[-s * left, s], [-s * right, s]];
  return [
    { name: "the steps sit at x = +b / w: a unit g(w x + b) steps where w x + b = 0, at x = -b / w", value: probe([[s * left, s], [s * right, s]], [[0, height, -height]]) },
    { name: "the bias is -left instead of -steepness * left: the step then sits at left / steepness", value: probe([[-left, s], [-right, s]], [[0, height, -height]]) },
    { name: "the two steps are added: the bump must come back down at right, so subtract the second step", value: probe(up, [[0, height, height]]) },
    { name: "the bump is upside down: the step at left goes up by height, the one at right comes down", value: probe(up, [[0, -height, height]]) },
    { name: "Theta1 is transposed: each ROW is one hidden unit, [bias, weight on x]", value: probe([[-s * left, -s * right], [s, s]], [[0, height, -height]]) },
  ];
}

// ---------------------------------------------------------------- exercise 4: sin(pi x) from bumps

export const sine = (x: number): number => Math.sin(Math.PI * x);
/** Where the approximation is measured: 401 points evenly over [-1, 1]. */
export const SINE_GRID = Array.from({ length: 401 }, (_, i) => -1 + i / 200);
export const sineTolerance = (n: number): number => 4 / n;

/**
 * Checks a sin(pi x) approximation from n bumps: at most 2n hidden units, and the largest error
 * over [-1, 1] below 4 / n. A failure names what the curve shows: wrong signs, a stretch with no
 * bump, heights taken at the bumps' left ends, or peaks flattened by steps too gentle.
 */
export function checkSine(thetas: unknown, n: number): void {
  const [t1, t2] = readThetas(`sineFromBumps(${n})`, thetas, 1, 2 * n, true);
  const f = oneInputNet(t1, t2);
  const out = SINE_GRID.map(f);
  const errors = out.map((o, i) => Math.abs(o - sine(SINE_GRID[i])));
  const worst = errors.indexOf(Math.max(...errors));
  const tolerance = sineTolerance(n);
  if (errors[worst] < tolerance) return;
  const message = `the largest error over [-1, 1] is ${formatValue(Number(errors[worst].toPrecision(4)))} at x = ${formatValue(SINE_GRID[worst])} (output ${formatValue(Number(out[worst].toPrecision(4)))}, sin(pi x) = ${formatValue(Number(sine(SINE_GRID[worst]).toPrecision(4)))}); with ${n} bumps it must stay below 4 / ${n} = ${formatValue(tolerance)}`;
  const centres = Array.from({ length: n }, (_, k) => -1 + (2 * k + 1) / n);
  const near = (a: number, b: number) => Math.abs(a - b) < tolerance / 2;
  if (out.every((o, i) => Math.abs(o + sine(SINE_GRID[i])) < tolerance)) fail(message, "the output is -sin(pi x): the heights have the wrong sign");
  if (out.every((o) => Math.abs(o) < 0.1)) fail(message, "the output is about 0 everywhere: are the bumps' heights (the output weights) set?");
  if (Math.max(...out) < 1 - tolerance && Math.min(...out) > -1 + tolerance) {
    fail(message, "the peaks are flattened: steps this gentle blur each bump into its neighbours (make them steeper than the bumps are wide)");
  }
  if (centres.every((c) => near(f(c), sine(c - 1 / n))) && !centres.every((c) => near(f(c), sine(c)))) {
    fail(message, "each bump is as tall as f at its LEFT end: the height of f in the bump's middle halves the worst error");
  }
  if (out.some((o, i) => Math.abs(sine(SINE_GRID[i])) > 0.5 && Math.abs(o) < 0.1)) fail(message, "part of [-1, 1] has no bump: n bumps of width 2 / n are needed to cover it");
  fail(message);
}

export const checks = defineExercises<Exercises>("02-xor", {
  xorNetwork: {
    cases: (xorNetwork) => [
      {
        name: "hidden unit 1 computes OR: within 0.01 of [0, 1, 1, 1] on (0,0), (0,1), (1,0), (1,1)",
        run: () => expectValues(xorParts(xorNetwork()).a1, OR, {
          tolerance: 0.01,
          mistakes: [
            { name: "hidden unit 1 computes AND: the hidden units are in the wrong order (row 1 of Theta1 is OR, row 2 AND)", value: AND },
            { name: "hidden unit 1 computes NAND: row 1 of Theta1 must be OR", value: NAND },
          ],
        }),
      },
      {
        name: "hidden unit 2 computes AND: within 0.01 of [0, 0, 0, 1]",
        run: () => expectValues(xorParts(xorNetwork()).a2, AND, {
          tolerance: 0.01,
          mistakes: [
            { name: "hidden unit 2 computes NAND, as in the notebook's network: this exercise asks for AND", value: NAND },
            { name: "hidden unit 2 computes OR: the hidden units are in the wrong order (row 1 of Theta1 is OR, row 2 AND)", value: OR },
          ],
        }),
      },
      {
        name: "the network's outputs are within 0.01 of XOR's 0, 1, 1, 0",
        run: () => expectValues(xorParts(xorNetwork()).h, [0, 1, 1, 0], {
          tolerance: 0.01,
          mistakes: [
            { name: "this network computes XNOR (the output is inverted)", value: [1, 0, 0, 1] },
            { name: "this network computes OR: the output must switch off where a2 (AND) is on", value: OR },
            { name: "this network computes AND (an AND output over OR and AND gives AND again): XOR is 1 where a1 is on and a2 is off", value: AND },
            ...[0, 1].map((c) => ({ name: "the output does not depend on the inputs: look at where the four inputs land in the (a1, a2) plane", value: [c, c, c, c] })),
          ],
        }),
      },
      {
        name: "the same network every call (no randomness)",
        run: () => {
          const a = JSON.stringify(xorNetwork()), b = JSON.stringify(xorNetwork());
          expectTrue(a === b, "xorNetwork() returned different weights on two calls");
        },
      },
    ],
  },
  polynomialFeatureCount: {
    forbidden: ["monomialCount"],
    cases: (count) => {
      const example = (n: number, d: number, note = "") => ({
        name: `n = ${n} inputs, degree ${d}: ${featureCount(n, d)} features${note}`,
        run: () => expectClose(count(n, d), featureCount(n, d), { mistakes: countSlips(n, d) }),
      });
      return [
        example(2, 2, " (x1, x2, x1^2, x1 x2, x2^2)"),
        example(2, 3),
        example(3, 1, " (the inputs themselves)"),
        example(100, 2, " (100 inputs and the notes' 'about 5000' quadratic terms)"),
        example(100, 3),
        example(2500, 2, " (50 x 50 pixels)"),
      ];
    },
  },
  bumpNetwork: {
    cases: (bump) => {
      const example = (l: number, r: number, h: number, s: number, what: string) => {
        const { x, expected } = bumpProbes(l, r, h, s);
        return {
          name: `${what}: bumpNetwork(${l}, ${r}, ${h}, ${s}) gives about ${h} inside [${l}, ${r}], 0 outside, ${h / 2} at both edges (at x = ${x.map((v) => formatValue(Number(v.toPrecision(4)))).join(", ")})`,
          run: () => {
            const [t1, t2] = readThetas(`bumpNetwork(${l}, ${r}, ${h}, ${s})`, bump(l, r, h, s), 1, 2);
            expectValues(x.map(oneInputNet(t1, t2)), expected, { tolerance: 0.01, mistakes: bumpSlips(l, r, h, s) });
          },
        };
      };
      return [
        example(0.2, 0.6, 0.8, 100, "a bump on [0.2, 0.6]"),
        example(-1, -0.5, 2, 60, "a tall bump left of 0"),
        example(0.25, 0.75, -1.5, 200, "a negative height: a dip"),
        example(2, 5, 1, 20, "a wide bump with gentler steps"),
      ];
    },
  },
  sineFromBumps: {
    cases: (sineFrom) => [5, 10, 40].map((n) => ({
      name: `n = ${n}: at most ${2 * n} hidden units, and the largest error |output - sin(pi x)| over [-1, 1] below 4 / ${n} = ${formatValue(sineTolerance(n))}`,
      run: () => checkSine(sineFrom(n), n),
    })),
  },
});

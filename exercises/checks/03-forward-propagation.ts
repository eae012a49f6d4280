/** Public checks of exercises/03-forward-propagation.ts (the notebook's check cell and `npm run check -- 03`). */
import { sigmoid } from "../../lib";
import { defineExercises, expectMatrix, expectTrue, expectValues, fail, type CheckCase } from "../../lib/exercise";

export type Exercises = {
  forwardTheta: (thetas: number[][][], x: number[]) => number[][];
  oneHotRows: (labels: number[], classes: number) => number[][];
};

type Slip = { noBias?: boolean; noSigmoid?: boolean; sigmoidInput?: boolean; biasLast?: boolean };

/** Forward propagation as the exercise asks, or with one of the typical slips. */
function layersOf(thetas: number[][][], x: number[], slip: Slip = {}): number[][] {
  const layers = [slip.sigmoidInput ? x.map(sigmoid) : x.slice()];
  for (const theta of thetas) {
    const a = layers[layers.length - 1];
    layers.push(theta.map((row) => {
      const z = slip.noBias ? a.reduce((s, ai, i) => s + row[i + 1] * ai, 0)
        : slip.biasLast ? row[a.length] + a.reduce((s, ai, i) => s + row[i] * ai, 0)
        : row[0] + a.reduce((s, ai, i) => s + row[i + 1] * ai, 0);
      return slip.noSigmoid ? z : sigmoid(z);
    }));
  }
  return layers;
}

const SLIPS: [string, Slip][] = [
  ["the bias unit a0 = 1 was left out (column 0 of Theta unused)", { noBias: true }],
  ["the weighted input z was returned instead of the activation a = g(z)", { noSigmoid: true }],
  ["the sigmoid was applied to the input layer too: a(1) is x itself", { sigmoidInput: true }],
  ["the bias weight was read from the last column; the notes put it in column 0", { biasLast: true }],
];

function forwardCases(f: Exercises["forwardTheta"], name: string, thetas: number[][][], x: number[]): CheckCase[] {
  const want = layersOf(thetas, x);
  return [{
    name,
    run: () => {
      const got = f(thetas.map((t) => t.map((r) => r.slice())), x.slice());
      if (!Array.isArray(got) || got.length !== want.length) fail(`expected ${want.length} layers [a(1), ..., a(${want.length})], got ${Array.isArray(got) ? got.length : JSON.stringify(got)}`, Array.isArray(got) && got.length === want.length - 1 ? "the input layer a(1) = x is missing from the list" : null);
      want.forEach((layer, k) => {
        try {
          expectValues(got[k], layer, { mistakes: SLIPS.map(([slipName, slip]) => ({ name: slipName, value: layersOf(thetas, x, slip)[k] })) });
        } catch (e) {
          fail(`layer a(${k + 1}): ${(e as Error).message}`);
        }
      });
    },
  }];
}

export const checks = defineExercises<Exercises>("03-forward-propagation", {
  forwardTheta: {
    forbidden: ["forward", "predict", "networkFromThetas", "classify"],
    cases: (f) => [
      ...forwardCases(f, "the notes' XOR network, Theta(1) = [[-10, 20, 20], [30, -20, -20]], Theta(2) = [[-30, 20, 20]], at x = (1, 0)", [[[-10, 20, 20], [30, -20, -20]], [[-30, 20, 20]]], [1, 0]),
      ...forwardCases(f, "a 3-2-2 network with small weights at x = (0.5, -1, 2)", [[[0.1, 0.2, -0.3, 0.4], [-0.2, 0.5, 0.1, -0.1]], [[0.3, -0.6, 0.7], [0.05, 0.4, -0.2]]], [0.5, -1, 2]),
      ...forwardCases(f, "one layer (logistic regression): Theta = [[0.7, -0.1, 0.4, 0.6]] at x = (0.3, -0.4, 0.5): z = 0.81", [[[0.7, -0.1, 0.4, 0.6]]], [0.3, -0.4, 0.5]),
      {
        name: "thetas and x are left unchanged",
        run: () => {
          const thetas = [[[0.1, 0.2, 0.3]], [[0.5, 1]]], x = [1, 2];
          f(thetas, x);
          expectTrue(JSON.stringify(thetas) === "[[[0.1,0.2,0.3]],[[0.5,1]]]" && JSON.stringify(x) === "[1,2]", "the arguments were changed", "an input array was changed in place (e.g. unshift(1) on x)");
        },
      },
    ],
  },
  oneHotRows: {
    forbidden: ["oneHot"],
    cases: (f) => {
      const labels = [0, 2, 1, 3, 1];
      const want = labels.map((l) => [0, 1, 2, 3].map((c) => (c === l ? 1 : 0)));
      return [
        {
          name: "pedestrian, motorcycle, car, truck, car (labels 0, 2, 1, 3, 1) with 4 classes",
          run: () => expectMatrix(f(labels.slice(), 4), want, {
            mistakes: [{ name: "the labels were taken as 1-based (label k put in column k - 1)", value: labels.map((l) => [0, 1, 2, 3].map((c) => (c === l - 1 ? 1 : 0))) }],
          }),
        },
        { name: "a single example of class 2 of 3 gives [[0, 0, 1]]", run: () => expectMatrix(f([2], 3), [[0, 0, 1]]) },
        {
          name: "a label that is not a class (4, or 1.5, with 4 classes) is refused with an Error naming it",
          run: () => {
            for (const bad of [4, 1.5]) {
              let message: string | null = null;
              try {
                f([0, bad], 4);
              } catch (e) {
                message = e instanceof Error ? e.message : String(e);
                if (/not implemented yet/.test(message)) throw e;
              }
              expectTrue(message !== null, `oneHotRows([0, ${bad}], 4) returned instead of throwing`, "labels are not checked: a label that is not a class gives a row without a 1, a row too long, or a 1 in no column");
              expectTrue(message !== null && message.includes(String(bad)), `the error for label ${bad} does not name it: ${JSON.stringify(message)}`, "the error message does not say which label is wrong");
            }
          },
        },
        {
          name: "every row is its own array (changing one row leaves the others alone)",
          run: () => {
            const rows = f([0, 0], 2);
            rows[0][1] = 5;
            expectTrue(rows[1][1] === 0, "changing row 0 also changed row 1", "every row is the same array (e.g. fill() with one array object)");
          },
        },
      ];
    },
  },
});

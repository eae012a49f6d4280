/** Public checks of exercises/01-perceptron.ts (the notebook's check cell and `npm run check -- 01`). */
import { sigmoid } from "../../lib";
import { defineExercises, fail, expectTrue, expectValues } from "../../lib/exercise";

export type Gate = "AND" | "OR" | "NOT" | "NAND";
export type Exercises = {
  gateWeights: (gate: Gate) => number[];
  perceptronUpdate: (weights: number[], x: number[], y: number, rate: number) => number[];
};

const TABLES: Record<Gate, number[]> = { AND: [0, 0, 0, 1], OR: [0, 1, 1, 1], NOT: [1, 0], NAND: [1, 1, 1, 0] };
const INPUTS: Record<Gate, number[][]> = { AND: [[0, 0], [0, 1], [1, 0], [1, 1]], OR: [[0, 0], [0, 1], [1, 0], [1, 1]], NOT: [[0], [1]], NAND: [[0, 0], [0, 1], [1, 0], [1, 1]] };

/** The neuron's outputs g(w . (1, x)) over the gate's truth-table inputs. */
function outputs(weights: unknown, gate: Gate): number[] {
  const inputs = INPUTS[gate];
  if (!Array.isArray(weights) || weights.length !== inputs[0].length + 1 || weights.some((w) => typeof w !== "number" || !Number.isFinite(w))) {
    fail(`gateWeights("${gate}") must return ${inputs[0].length + 1} finite numbers [w0, ...], got ${JSON.stringify(weights)}`);
  }
  return inputs.map((x) => sigmoid(weights[0] + x.reduce((z, xi, i) => z + weights[i + 1] * xi, 0)));
}

function gateCase(gate: Gate, gateWeights: Exercises["gateWeights"]) {
  return {
    name: `${gate}: g(w0 + w . x) is within 0.01 of the truth table ${JSON.stringify(TABLES[gate])} on inputs ${JSON.stringify(INPUTS[gate])}`,
    run: () => {
      const out = outputs(gateWeights(gate), gate);
      const rounded = out.map((o) => (o >= 0.5 ? 1 : 0));
      const tooSoft = rounded.every((r, i) => r === TABLES[gate][i]) && out.some((o, i) => Math.abs(o - TABLES[gate][i]) > 0.01);
      expectTrue(!tooSoft, `the outputs ${JSON.stringify(out.map((o) => Number(o.toPrecision(4))))} have the right sides of 0.5 but are not within 0.01 of 0 and 1`, "the weights are too small for the sigmoid to saturate (make |z| at least 5, e.g. multiples of 10 as in the notes)");
      const others = (Object.keys(TABLES) as Gate[]).filter((g) => g !== gate && TABLES[g].length === TABLES[gate].length);
      expectValues(out, TABLES[gate], {
        tolerance: 0.01,
        mistakes: [
          // Each gate is its own answer: a slip in one gate's weights is named from that gate's case alone.
          ...others.map((g) => ({ name: `these are the weights of ${g}, not ${gate}`, value: TABLES[g], scope: "case" as const })),
          { name: "every sign is flipped: the output is the gate's opposite", value: TABLES[gate].map((t) => 1 - t), scope: "case" as const },
          ...[0, 1].map((c) => ({
            name: "the bias sign is flipped (w0 = +theta instead of -theta), or the bias outweighs the inputs: the output no longer depends on x",
            value: TABLES[gate].map(() => c),
            scope: "case" as const,
          })),
        ],
      });
    },
  };
}

export const checks = defineExercises<Exercises>("01-perceptron", {
  gateWeights: {
    cases: (gateWeights) => (["AND", "OR", "NOT", "NAND"] as Gate[]).map((gate) => gateCase(gate, gateWeights)),
  },
  perceptronUpdate: {
    forbidden: ["perceptronStep", "trainPerceptron"],
    cases: (update) => {
      // Reference and typical slips, computed for each case.
      const step = (z: number) => (z >= 0 ? 1 : 0);
      const z = (w: number[], x: number[]) => w[0] + x.reduce((s, xi, i) => s + w[i + 1] * xi, 0);
      const rule = (w: number[], x: number[], y: number, r: number, o: { flip?: boolean; noBias?: boolean; always?: boolean; sigmoidOut?: boolean } = {}) => {
        const yhat = o.sigmoidOut ? sigmoid(z(w, x)) : step(z(w, x));
        const err = o.always ? y : o.flip ? yhat - y : y - yhat;
        return w.map((wi, i) => (i === 0 && o.noBias ? wi : wi + r * err * (i === 0 ? 1 : x[i - 1])));
      };
      const slips = (w: number[], x: number[], y: number, r: number) => [
        { name: "the error is yhat - y instead of y - yhat (the weights move the wrong way)", value: rule(w, x, y, r, { flip: true }) },
        { name: "the bias weight w0 is not updated (the bias input x0 = 1 is left out)", value: rule(w, x, y, r, { noBias: true }) },
        { name: "the weights change even when the prediction is right (rate * y * x instead of rate * (y - yhat) * x)", value: rule(w, x, y, r, { always: true }) },
        { name: "the sigmoid was used instead of the step: the perceptron's output is 0 or 1", value: rule(w, x, y, r, { sigmoidOut: true }) },
      ];
      const example = (w: number[], x: number[], y: number, r: number, what: string) => ({
        name: `${what}: weights ${JSON.stringify(w)}, x ${JSON.stringify(x)}, y = ${y}, rate ${r} give ${JSON.stringify(rule(w, x, y, r))}`,
        run: () => expectValues(update([...w], [...x], y, r), rule(w, x, y, r), { mistakes: slips(w, x, y, r) }),
      });
      return [
        example([0, 0, 0], [1, 1], 1, 1, "a mistake with z = 0 (step(0) = 1)"),
        example([-1, 0.5, 0.5], [1, 1], 1, 0.5, "a false negative: the weights move toward x"),
        example([0.5, 0.5, 0.5], [0, 1], 0, 0.5, "a false positive: the weights move away from x"),
        example([-30, 20, 20], [1, 1], 1, 1, "a right prediction leaves the weights alone"),
        example([0.2, -0.4, 0.1, 0.3], [1, 0, 1], 1, 0.1, "three inputs"),
        {
          name: "the arguments are left unchanged and a new array is returned",
          run: () => {
            const w = [0, 0, 0], x = [1, 1];
            const out = update(w, x, 0, 1);
            expectTrue(JSON.stringify(w) === "[0,0,0]" && JSON.stringify(x) === "[1,1]", `the arguments changed: weights ${JSON.stringify(w)}, x ${JSON.stringify(x)}`, "the weights array was updated in place");
            expectTrue(out !== w, "the same array was returned: return a new one", "the weights array was updated in place");
          },
        },
      ];
    },
  },
});

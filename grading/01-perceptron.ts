/** Hidden tests and points of exercises/01-perceptron.ts (instructor-only: never released). */
import { GATES, GATE_INPUTS, type Exercises, type Gate } from "../exercises/checks/01-perceptron";
import { againstSolution, argumentsUnchanged, defineGrading, distinctMistakes, inputs } from "../grader/hidden";
import { sigmoid } from "../lib/activations";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/01-perceptron";
import { mistakes } from "../solutions/mistakes/01-perceptron";

/** The neuron g(w0 + w . x) over the gate's truth-table inputs; null when the weights are not n + 1 numbers. */
function outputs(weights: unknown, gate: Gate): number[] | null {
  const rows = GATE_INPUTS[gate];
  if (!Array.isArray(weights) || weights.length !== rows[0].length + 1 || weights.some((w) => typeof w !== "number")) return null;
  const w = weights as number[];
  return rows.map((x) => sigmoid(w[0] + x.reduce((z, xi, i) => z + w[i + 1] * xi, 0)));
}

const rounded = (out: number[] | null): number[] | null => (out ? out.map((o) => (o >= 0.5 ? 1 : 0)) : null);

type GateOutputs = (gate: Gate) => number[] | null;
type AllGates = () => (number[] | null)[];

const onTable = (fn: Exercises["gateWeights"]): GateOutputs => (gate) => outputs(fn(gate), gate);
/** The reference outputs rounded: exactly the truth table. */
const table: GateOutputs = (gate) => rounded(outputs(solution.gateWeights(gate), gate));
const allRounded = (fn: Exercises["gateWeights"]): AllGates => () => GATES.map((g) => rounded(outputs(fn(g), g)));

const wrapped = <F, G>(list: readonly CataloguedMistake<F>[] | undefined, wrap: (fn: F) => G): CataloguedMistake<G>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: wrap(m.implementation) }));

/** A random example, with y chosen so that the prediction is wrong (mistake) or right. */
function example(seed: number, n: number, kind: "false negative" | "false positive" | "right", rate: number): [number[], number[], number, number] {
  const g = inputs(seed);
  const x = g.vector(n, -2, 2);
  const w = g.vector(n + 1, -1, 1);
  const partial = x.reduce((s, xi, i) => s + w[i + 1] * xi, 0);
  // Put z = w0 + partial clearly on one side of 0.
  const margin = g.number(0.25, 1);
  if (kind === "false negative") w[0] = Math.round((-partial - margin) * 1e6) / 1e6; // z < 0, yhat = 0, y = 1
  else w[0] = Math.round((-partial + margin) * 1e6) / 1e6; // z > 0, yhat = 1
  const y = kind === "false positive" ? 0 : 1;
  return [w, x, y, rate];
}

/** Random examples labelled by a random line (so the rule can learn them), and random start weights. */
function separable(seed: number, n: number, m: number, rate: number): [number[], number[][], number[], number] {
  const g = inputs(seed);
  const teacher = g.vector(n + 1, -1, 1);
  const X = g.matrix(m, n, -1, 1);
  const y = X.map((x) => (x.reduce((s, xi, i) => s + teacher[i + 1] * xi, teacher[0]) >= 0 ? 1 : 0));
  return [g.vector(n + 1, -0.5, 0.5), X, y, rate];
}

const TWO = [[0, 0], [0, 1], [1, 0], [1, 1]];

export const grading = defineGrading<Exercises>("01-perceptron", {
  gateWeights: {
    publicPoints: 1,
    hidden: (f) => {
      const within = (name: string, gate: Gate) =>
        againstSolution(onTable(f), table, wrapped(mistakes.gateWeights, onTable), { name, points: 1, tolerance: 0.01, args: () => [gate] });
      return [
        within("NAND: every output within 0.01 of the truth table", "NAND"),
        within("NOR: every output within 0.01 of the truth table", "NOR"),
        within("x1 AND NOT x2: every output within 0.01 of the truth table", "x1 AND NOT x2"),
        within("MAJORITY of three inputs: every output within 0.01 of the truth table", "MAJORITY"),
        againstSolution(allRounded(f), () => GATES.map((g) => table(g)), wrapped(mistakes.gateWeights, allRounded), {
          name: "all four gates: the outputs rounded to 0 or 1 give each truth table",
          points: 1,
          compare: "equal",
          args: () => [],
        }),
      ];
    },
  },
  perceptronUpdate: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => Parameters<Exercises["perceptronUpdate"]>) =>
        againstSolution(f, solution.perceptronUpdate, distinctMistakes(mistakes.perceptronUpdate, solution.perceptronUpdate, args), { name, points, args });
      return [
        test("a false negative with 8 random inputs: the weights move toward x", 2, () => example(111, 8, "false negative", 0.3)),
        test("a false positive with 5 random inputs and a small rate: the weights move away from x", 2, () => example(112, 5, "false positive", 0.05)),
        test("a right prediction of class 1 with random inputs leaves the weights alone", 1, () => example(113, 6, "right", 0.7)),
        test("one input, negative values, exactly on the step's threshold (step(0) = 1)", 1, () => [[0.5, -0.25], [2], 0, 1.5]),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => example(111, 8, "false negative", 0.3) }),
      ];
    },
  },
  perceptronEpoch: {
    publicPoints: 1,
    hidden: (f) => {
      type Args = Parameters<Exercises["perceptronEpoch"]>;
      // Rates 1 and 0.5 keep every weight exact, so whole results compare exactly.
      const whole = (name: string, points: number, args: () => Args) =>
        againstSolution(f, solution.perceptronEpoch, distinctMistakes(mistakes.perceptronEpoch, solution.perceptronEpoch, args), { name, points, compare: "equal", args });
      const part = <K extends "weights" | "mistakes">(key: K, fn: Exercises["perceptronEpoch"]) => (...args: Args) => {
        const r = fn(...args) as unknown as Record<string, unknown> | null;
        return r !== null && typeof r === "object" ? r[key] : r;
      };
      const random = () => separable(121, 6, 10, 0.2);
      return [
        whole("one epoch over a gate's truth table", 1, () => [[0, 0, 0], TWO.map((x) => [...x]), [0, 1, 1, 1], 1]),
        whole("one epoch over another gate's truth table, with a smaller rate", 1, () => [[0, 0, 0], TWO.map((x) => [...x]), [1, 1, 1, 0], 0.5]),
        againstSolution(part("weights", f), part("weights", solution.perceptronEpoch), distinctMistakes(wrapped(mistakes.perceptronEpoch, (m) => part("weights", m)), part("weights", solution.perceptronEpoch), random), {
          name: "random examples labelled by a line, from random weights: the weights after the epoch", points: 1, args: random,
        }),
        againstSolution(part("mistakes", f), part("mistakes", solution.perceptronEpoch), distinctMistakes(wrapped(mistakes.perceptronEpoch, (m) => part("mistakes", m)), part("mistakes", solution.perceptronEpoch), random), {
          name: "random examples labelled by a line, from random weights: the examples it got wrong", points: 1, compare: "equal", args: random,
        }),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => separable(122, 3, 5, 1) }),
      ];
    },
  },
  predictHalfRateRun: {
    publicPoints: 1,
    hidden: (f) => {
      const part = <K extends "epochs" | "weights">(key: K, fn: Exercises["predictHalfRateRun"]) => () => {
        const p = fn() as unknown as Record<string, unknown> | null;
        return p !== null && typeof p === "object" ? p[key] : p;
      };
      return [
        againstSolution(part("epochs", f), part("epochs", solution.predictHalfRateRun), wrapped(mistakes.predictHalfRateRun, (m) => part("epochs", m)), {
          name: "the predicted number of epochs", points: 1, compare: "equal", args: () => [],
        }),
        againstSolution(part("weights", f), part("weights", solution.predictHalfRateRun), wrapped(mistakes.predictHalfRateRun, (m) => part("weights", m)), {
          name: "the predicted final weights", points: 1, args: () => [],
        }),
      ];
    },
  },
});

/** Hidden tests and points of exercises/03-forward-propagation.ts (instructor-only: never released). */
import type { Exercises } from "../exercises/checks/03-forward-propagation";
import { againstSolution, argumentsUnchanged, defineGrading, inputs, type HiddenTest } from "../grader/hidden";
import { CheckFailure } from "../lib/exercise";
import type { CataloguedMistake } from "../lib/exercise";
import * as solution from "../solutions/03-forward-propagation";
import { mistakes } from "../solutions/mistakes/03-forward-propagation";

type Forward = Exercises["forwardTheta"];
type Layers = (thetas: number[][][], x: number[]) => unknown;

/**
 * The layers' activations a(1), ..., a(L) one after the other in one list: layers of different
 * sizes are not a matrix, so the comparison reads them flattened. A result that is not a list of
 * lists is passed on as it is (and fails the comparison).
 */
const flattened = (fn: Forward): Layers => (thetas, x) => {
  const out: unknown = fn(thetas, x);
  return Array.isArray(out) && out.length > 0 && out.every((layer) => Array.isArray(layer)) ? (out as number[][]).flat() : out;
};

const wrapped = (list: readonly CataloguedMistake<Forward>[] | undefined): CataloguedMistake<Layers>[] =>
  (list ?? []).map((m) => ({ diagnosis: m.diagnosis, implementation: flattened(m.implementation) }));

/** Random Theta matrices for layer sizes [s1, s2, ...] (each s_{j+1} x (s_j + 1)) and an input x. */
function network(seed: number, sizes: number[], scale: number): [number[][][], number[]] {
  const g = inputs(seed);
  const thetas = sizes.slice(1).map((units, j) => g.matrix(units, sizes[j] + 1, -scale, scale));
  return [thetas, g.vector(sizes[0], -2, 2)];
}

/** A label below 0 or at K must be refused with an Error naming it, not turned into a row. */
function refusesBadLabels(f: Exercises["oneHotRows"]): HiddenTest {
  return {
    name: "labels that are not classes (negative, or one past the last class) are refused with an error naming them",
    points: 1,
    run: () => {
      for (const bad of [-1, 10]) {
        let message: string | null = null;
        try {
          f([3, bad, 0], 10);
        } catch (e) {
          message = e instanceof Error ? e.message : String(e);
          if (/^not implemented yet/.test(message)) throw e;
        }
        if (message === null) throw new CheckFailure("a label that is not a class was accepted", "labels are not checked", "property");
        if (!message.includes(String(bad))) throw new CheckFailure("the error does not name the label", "the error message does not say which label is wrong", "property");
      }
    },
  };
}

export const grading = defineGrading<Exercises>("03-forward-propagation", {
  forwardTheta: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[][][], number[]]) =>
        againstSolution(flattened(f), flattened(solution.forwardTheta), wrapped(mistakes.forwardTheta), { name, points, args });
      return [
        test("a random 4-5-3 network: layers of different sizes", 2, () => network(301, [4, 5, 3], 1.5)),
        test("a deeper random network with three weight layers and one output unit", 2, () => network(302, [6, 4, 5, 1], 1)),
        test("one input, one output, negative weights and input", 1, () => [[[[-0.4, -1.3]]], [-0.75]]),
        test("large weights (saturated sigmoid units) in a 3-2-2 network", 1, () => network(304, [3, 2, 2], 12)),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => network(301, [4, 5, 3], 1.5) }),
      ];
    },
  },
  oneHotRows: {
    publicPoints: 1,
    hidden: (f) => {
      const test = (name: string, points: number, args: () => [number[], number]) =>
        againstSolution(f, solution.oneHotRows, mistakes.oneHotRows, { name, points, compare: "equal", args });
      return [
        test("a batch of 30 random labels over ten classes", 2, () => [inputs(311).labels(30, 10), 10]),
        test("every label is the last class", 1, () => [[3, 3, 3, 3], 4]),
        test("only one class: a result with a single column", 1, () => [[0, 0, 0], 1]),
        refusesBadLabels(f),
        argumentsUnchanged(f, { name: "the arguments are left unchanged", points: 1, args: () => [inputs(311).labels(30, 10), 10] }),
      ];
    },
  },
});

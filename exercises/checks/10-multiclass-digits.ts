/** Public checks of exercises/10-multiclass-digits.ts (the notebook's check cell and `npm run check -- 10`). */
import { defineExercises, expectEqual, expectMatrix } from "../../lib/exercise";

export type Exercises = {
  argmaxClasses: (H: number[][]) => number[];
  confusionCounts: (actual: number[], predicted: number[], classes: number) => number[][];
};

const argmax = (row: number[], pick: (a: number, b: number) => boolean = (a, b) => a > b) => row.reduce((best, v, k) => (pick(v, row[best]) ? k : best), 0);
const counts = (actual: number[], predicted: number[], K: number, transposed = false) => {
  const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  actual.forEach((a, i) => (transposed ? C[predicted[i]][a]++ : C[a][predicted[i]]++));
  return C;
};

export const checks = defineExercises<Exercises>("10-multiclass-digits", {
  argmaxClasses: {
    forbidden: ["argmaxRows", "decideClasses", "classify"],
    cases: (f) => {
      const example = (H: number[][], what: string) => {
        const want = H.map((r) => argmax(r));
        return {
          name: `${what} give classes [${want.join(", ")}]`,
          run: () => expectEqual(f(H.map((r) => r.slice())), want, [
            { name: "the largest VALUE was returned instead of its index", value: H.map((r) => Math.max(...r)) },
            { name: "the classes are counted from 1; they start at 0", value: want.map((c) => c + 1) },
            { name: "the smallest output was picked (argmin)", value: H.map((r) => argmax(r, (a, b) => a < b)) },
            { name: "on a tie the last largest output was taken; take the first", value: H.map((r) => argmax(r, (a, b) => a >= b)) },
          ]),
        };
      };
      return [
        example([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]], "three softmax rows"),
        example([[0.25, 0.25, 0.5, 0], [0.4, 0.1, 0.4, 0.1]], "a tie goes to the first class: rows [0.25, 0.25, 0.5, 0] and [0.4, 0.1, 0.4, 0.1]"),
        example([[-3, -1, -2]], "outputs may be negative (raw scores)"),
      ];
    },
  },
  confusionCounts: {
    forbidden: ["confusionMatrix"],
    cases: (f) => {
      const example = (actual: number[], predicted: number[], K: number, what: string) => ({
        name: `${what}: actual [${actual.join(", ")}], predicted [${predicted.join(", ")}], ${K} classes`,
        run: () => expectMatrix(f(actual.slice(), predicted.slice(), K), counts(actual, predicted, K), {
          mistakes: [{ name: "rows and columns are swapped: rows are the ACTUAL classes, columns the predicted ones", value: counts(actual, predicted, K, true) }],
        }),
      });
      return [
        example([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3, "two of each class, two mistakes"),
        example([2, 2, 2, 0], [0, 0, 1, 0], 3, "a class that is never predicted right"),
        example([1, 0], [1, 0], 4, "classes absent from the data still get a row and a column"),
      ];
    },
  },
});

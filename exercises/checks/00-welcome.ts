/** Public checks of exercises/00-welcome.ts (run by the notebook's check cell and `npm run check -- 00`). */
import { defineExercises, expectClose } from "../../lib/exercise";

export type Exercises = {
  neuronInput: (weights: number[], bias: number, inputs: number[]) => number;
};

export const checks = defineExercises<Exercises>("00-welcome", {
  neuronInput: {
    cases: (neuronInput) => {
      // The lecture's example, and what its typical slips give (for the diagnosis).
      const w = [-0.1, 0.4, 0.6], x = [0.3, -0.4, 0.5];
      return [
        {
          name: "lecture example: weights [-0.1, 0.4, 0.6], bias 0.7, inputs [0.3, -0.4, 0.5] give z = 0.81",
          run: () =>
            expectClose(neuronInput(w, 0.7, x), 0.81, {
              mistakes: [
                { name: "the bias is left out (z = w . x only)", value: 0.11 },
                { name: "the bias is subtracted instead of added", value: -0.59 },
                { name: "only the first weight times input is added (a loop that stops early or returns inside the loop)", value: 0.67 },
              ],
            }),
        },
        {
          name: "one input: weights [2], bias 1, inputs [3] give z = 7",
          run: () => expectClose(neuronInput([2], 1, [3]), 7, { mistakes: [{ name: "the bias is left out (z = w . x only)", value: 6 }] }),
        },
        {
          name: "negative weights and inputs: weights [-1, -2], bias 0, inputs [-3, 4] give z = -5",
          run: () => expectClose(neuronInput([-1, -2], 0, [-3, 4]), -5),
        },
        {
          name: "no inputs at all: z is the bias, -1.5",
          run: () => expectClose(neuronInput([], -1.5, []), -1.5),
        },
      ];
    },
  },
});

/**
 * Public checks of exercises/00-welcome.ts. The notebook imports the student's module itself and
 * passes the function in: tslab reloads an edited file only for modules the re-run cell imports
 * directly, so importing it here would keep checking the first version.
 */
import { expectClose, type CheckCase } from "../../lib/notebook/check";

export type NeuronInput = (weights: number[], bias: number, inputs: number[]) => number;

export function neuronInputChecks(neuronInput: NeuronInput): CheckCase[] {
  return [
    {
      name: "lecture example: weights [-0.1, 0.4, 0.6], bias 0.7, inputs [0.3, -0.4, 0.5] give z = 0.81",
      run: () => expectClose(neuronInput([-0.1, 0.4, 0.6], 0.7, [0.3, -0.4, 0.5]), 0.81),
    },
    {
      name: "one input: weights [2], bias 1, inputs [3] give z = 7",
      run: () => expectClose(neuronInput([2], 1, [3]), 7),
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
}

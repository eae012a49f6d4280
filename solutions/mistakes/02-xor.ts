/** Common mistakes in exercises/02-xor.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/02-xor";


export const mistakes: MistakeCatalogue<Exercises> = {
  xorNetwork: [
    { diagnosis: "computes XNOR", implementation: () => [[[-30, 20, 20], [10, -20, -20]], [[-10, 20, 20]]] },
    { diagnosis: "the output does not depend on the inputs", implementation: () => [[[-10, 20, 20], [30, -20, -20]], [[-10, 20, 20]]] },
    { diagnosis: "Theta1 is transposed", implementation: () => [[[-10, 30], [20, -20], [20, -20]], [[-30, 20, 20]]] },
  ],
  quadraticFeatureCount: [
    { diagnosis: "ordered pairs were counted", implementation: (n) => n * n },
    { diagnosis: "the squares x_i^2 were left out", implementation: (n) => (n * (n - 1)) / 2 },
    { diagnosis: "the n linear terms were added too", implementation: (n) => (n * (n + 1)) / 2 + n },
  ],
};

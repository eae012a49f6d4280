/** Common mistakes in exercises/10-multiclass-digits.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/10-multiclass-digits";


export const mistakes: MistakeCatalogue<Exercises> = {
  argmaxClasses: [
    { diagnosis: "the largest VALUE was returned instead of its index", implementation: (H) => H.map((r) => Math.max(...r)) },
    { diagnosis: "the classes are counted from 1", implementation: (H) => H.map((r) => r.indexOf(Math.max(...r)) + 1) },
    { diagnosis: "the smallest output was picked", implementation: (H) => H.map((r) => r.indexOf(Math.min(...r))) },
    { diagnosis: "on a tie the last largest output was taken", implementation: (H) => H.map((r) => r.lastIndexOf(Math.max(...r))) },
  ],
  confusionCounts: [
    {
      diagnosis: "rows and columns are swapped",
      implementation: (actual, predicted, K) => {
        const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
        actual.forEach((a, i) => C[predicted[i]][a]++);
        return C;
      },
    },
    {
      diagnosis: "expected a 4x4 matrix",
      implementation: (actual, predicted) => {
        const K = Math.max(...actual, ...predicted) + 1;
        const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
        actual.forEach((a, i) => C[a][predicted[i]]++);
        return C;
      },
    },
  ],
};

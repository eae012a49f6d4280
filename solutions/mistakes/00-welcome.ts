/**
 * The catalogue of common mistakes in exercises/00-welcome.ts: each is a wrong implementation and
 * the diagnosis the public checks must give it (test/exercises.test.ts verifies every entry).
 */
import type { MistakeCatalogue } from "../../lib/exercise/catalogue";
import type { Exercises } from "../../exercises/checks/00-welcome";


export const mistakes: MistakeCatalogue<Exercises> = {
  neuronInput: [
    {
      diagnosis: "the bias is left out",
      implementation: (w, _b, x) => w.reduce((z, wi, i) => z + wi * x[i], 0),
    },
    {
      diagnosis: "the bias is subtracted",
      implementation: (w, b, x) => w.reduce((z, wi, i) => z + wi * x[i], -b),
    },
    {
      diagnosis: "only the first weight times input is added",
      implementation: (w, b, x) => {
        for (let i = 0; i < w.length; i++) return b + w[i] * x[i];
        return b;
      },
    },
  ],
};

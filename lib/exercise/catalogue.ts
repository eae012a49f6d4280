/**
 * A catalogue of common mistakes per exercise (solutions/mistakes/NN-name.ts, instructor-only):
 * wrong implementations paired with the diagnosis the public checks must print for them.
 */
export interface CataloguedMistake<F> {
  /** Text the failing check's message must contain, e.g. "the bias column is regularized". */
  readonly diagnosis: string;
  readonly implementation: F;
}

export type MistakeCatalogue<M> = { readonly [K in keyof M]?: readonly CataloguedMistake<M[K]>[] };

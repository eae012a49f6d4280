/**
 * The student's own functions, for cells that build on them (a gradient check of your own
 * backprop, training with your own code). Each must pass its public checks first: a cell that
 * used a half-written function would fail in ways that point nowhere near the real mistake, and
 * falling back to the library would hide that the student's code did not run.
 */
import { exerciseFile, type ExerciseSet } from "./define";
import { runExercises, type ExerciseResult } from "./run";

export interface MissingFunction {
  /** The function's name, e.g. "backpropGradients". */
  readonly name: string;
  /** The student's file that holds it, e.g. "exercises/06-gradient-checking.ts". */
  readonly file: string;
  /** Why it is not ready: the first failed check's message ("not implemented yet ...", the expected and actual values...). */
  readonly why: string;
  /** The public checks that fail, out of how many. */
  readonly failed: number;
  readonly checks: number;
}

/** The functions when all are ready (missing is then empty), else null and what is missing. */
export interface OwnCode<M, K extends keyof M> {
  readonly functions: { readonly [P in K]: M[P] } | null;
  readonly missing: readonly MissingFunction[];
}

function missingOf(file: string, r: ExerciseResult): MissingFunction {
  const failed = r.cases.filter((c) => !c.passed);
  return { name: r.exercise, file, why: failed[0]?.message ?? "it has no public checks", failed: failed.length, checks: r.cases.length };
}

/**
 * The functions `names` of the student's `module` (the exports of exercises/<set.id>.ts) when
 * every one passes its public checks; otherwise which do not, and why. `source` is the file's
 * text, for the same shortcut scan as the check cell.
 */
export function ownCode<M, K extends keyof M & string>(
  set: ExerciseSet<M>,
  module: unknown,
  names: readonly K[],
  options: { readonly source?: string } = {},
): OwnCode<M, K> {
  const unknown = names.filter((n) => !(n in set.exercises));
  if (unknown.length > 0) throw new Error(`ownCode: ${unknown.join(", ")} ${unknown.length === 1 ? "is not an exercise" : "are not exercises"} of ${set.id}`);
  const file = exerciseFile(set);
  const results = runExercises(set, module, { ...options, only: names });
  const missing = results.filter((r) => !r.passed).map((r) => missingOf(file, r));
  if (missing.length > 0) return { functions: null, missing };
  const exports = module as Record<string, unknown>;
  const functions = Object.fromEntries(names.map((n) => [n, exports[n]])) as { [P in K]: M[P] };
  return { functions, missing };
}

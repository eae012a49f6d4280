/**
 * How an exercise file's public checks are declared (in exercises/checks/NN-name.ts):
 *
 *   type Fns = { sigmoidGradient: (z: number) => number };
 *   export const checks = defineExercises<Fns>("05-backpropagation", {
 *     sigmoidGradient: {
 *       forbidden: ["sigmoidPrime"],              // library names the student must not use
 *       cases: (f) => [{ name: "...", run: () => expectClose(f(0), 0.25) }],
 *     },
 *   });
 *
 * The function types are declared in the checks file (not imported from the student's file), so
 * type errors in a student's work never break the kit's own type check.
 *
 * Checks (and hidden tests) must be deterministic: every run makes the same calls with the same
 * arguments, built from fixed values or seeded generators (createRandom(seed), never Math.random).
 * The grader runs a check again from its start for each new call to the sandboxed function
 * (grader/replay.ts), and reports a check whose calls change between runs as not deterministic.
 */

export interface CheckCase {
  /** What the case checks, with its input, as the student reads it in the report. */
  readonly name: string;
  /** Throws an Error saying what is wrong when the case fails. */
  run(): void;
}

export interface ExerciseSpec<F> {
  /** Library names the exercise asks the student to write themselves; importing them is flagged. */
  readonly forbidden?: readonly string[];
  /** The public checks, given the student's function. */
  cases(fn: F): CheckCase[];
}

export type ExerciseSpecs<M> = { readonly [K in keyof M]: ExerciseSpec<M[K]> };

export interface ExerciseSet<M = Record<string, unknown>> {
  /** "05-backpropagation": the student's file is exercises/<id>.ts. */
  readonly id: string;
  readonly exercises: ExerciseSpecs<M>;
}

/** An exercise set's id, which is also its file's name: "05-backpropagation" for exercises/05-backpropagation.ts. */
export const EXERCISE_ID = /^\d\d-[a-z0-9-]+$/;

export function defineExercises<M>(id: string, exercises: ExerciseSpecs<M>): ExerciseSet<M> {
  if (!EXERCISE_ID.test(id)) throw new Error(`defineExercises: id must look like "05-backpropagation", got ${JSON.stringify(id)}`);
  return { id, exercises };
}

/** The student's file of an exercise set, relative to the course root. */
export function exerciseFile(set: { readonly id: string }): string {
  return `exercises/${set.id}.ts`;
}

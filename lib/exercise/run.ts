/**
 * Runs public checks. Nothing here throws on a student's behalf: a stub that throws "not
 * implemented yet", a missing export or a non-Error thrown value each become a failed case with
 * a message, so a notebook's check cell always shows a report and Run All goes on.
 */
import { CheckFailure } from "./expect";
import { exerciseFile, type CheckCase, type ExerciseSet } from "./define";
import { findShortcuts } from "./shortcuts";

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Empty when the case passed; what went wrong otherwise. */
  readonly message: string;
  /** The known mistake the failure matches, if any. */
  readonly mistake: string | null;
}

export interface ExerciseResult {
  /** The exercise's function name. */
  readonly exercise: string;
  readonly cases: readonly CaseResult[];
  readonly passed: boolean;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.name && !["Error", "CheckFailure"].includes(error.name) ? `${error.name}: ${error.message}` : error.message;
  return `threw ${typeof error === "string" ? JSON.stringify(error) : String(error)} (not an Error)`;
}

export function runChecks(cases: readonly CheckCase[]): CaseResult[] {
  return cases.map((c) => {
    try {
      c.run();
      return { name: c.name, passed: true, message: "", mistake: null };
    } catch (error) {
      return { name: c.name, passed: false, message: messageOf(error), mistake: error instanceof CheckFailure ? error.mistake : null };
    }
  });
}

export interface RunOptions {
  /** The student's source of exercises/<id>.ts, scanned for library shortcuts. */
  readonly source?: string;
  /** The library's exports: a student function that IS a forbidden library function is flagged too. */
  readonly library?: Readonly<Record<string, unknown>>;
  /** Only these exercises (function names); default all of the set. */
  readonly only?: readonly string[];
}

/** Runs every exercise of a set against a student's module (the exports of exercises/<id>.ts). */
export function runExercises<M>(set: ExerciseSet<M>, module: unknown, options: RunOptions = {}): ExerciseResult[] {
  const specs = set.exercises as Readonly<Record<string, { forbidden?: readonly string[]; cases(fn: unknown): CheckCase[] }>>;
  const file = exerciseFile(set);
  const forbidden = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.forbidden ?? []]));
  const shortcuts = options.source === undefined ? [] : findShortcuts(options.source, forbidden);
  const exports = (typeof module === "object" && module !== null ? module : {}) as Record<string, unknown>;
  return Object.keys(specs)
    .filter((name) => !options.only || options.only.includes(name))
    .map((name) => {
      const fn = exports[name];
      if (typeof fn !== "function") {
        const why = fn === undefined ? `${file} has no export named ${name} (renamed, deleted, or not exported?)` : `${name} in ${file} is not a function`;
        return { exercise: name, cases: [{ name: `${file} exports the function ${name}`, passed: false, message: why, mistake: null }], passed: false };
      }
      const own = shortcuts.filter((s) => s.exercise === name || s.exercise === "*").map((s) => s.message);
      for (const lib of forbidden[name]) {
        if (options.library && options.library[lib] === fn) own.push(`${name} is the library's own ${lib}: write it yourself`);
      }
      let cases: CaseResult[];
      try {
        cases = runChecks(specs[name].cases(fn));
      } catch (error) {
        cases = [{ name: `the checks of ${name} could be prepared`, passed: false, message: messageOf(error), mistake: null }];
      }
      if (own.length > 0) {
        cases = [...cases, { name: `${name} is written without the library's implementation of it`, passed: false, message: own.join("\n"), mistake: "used the library's implementation" }];
      }
      return { exercise: name, cases, passed: cases.length > 0 && cases.every((c) => c.passed) };
    });
}

/** The summary line: never claims more than the public checks show. */
export function summaryLine(results: readonly ExerciseResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  if (results.length > 0 && passed === results.length) return `public checks passed for all ${results.length} exercise${results.length === 1 ? "" : "s"}; hidden tests run at grading`;
  return `public checks: ${passed} of ${results.length} exercise${results.length === 1 ? "" : "s"} passed`;
}

/**
 * Runs public checks in this process (the notebook's check cell, `npm run check`). Nothing here
 * throws on a student's behalf: a stub that throws "not implemented yet", a missing export or any
 * thrown value each become a failed case with a message, so a check cell always shows a report
 * and Run All goes on. What the messages say is decided in ./session.
 */
import { exerciseFile, type CheckCase, type ExerciseSet } from "./define";
import {
  confirmMistakes, describeThrown, exerciseNames, exportProblem, runCase, shortcutMessages, SHORTCUT_CASE, specOf, studentFunction, thrownText,
  type CaseOutcome, type CaseRun, type ExportInfo,
} from "./session";

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

/** What a public check shows for an outcome. */
export function outcomeMessage(outcome: CaseOutcome): { message: string; mistake: string | null } {
  switch (outcome.kind) {
    case "passed": return { message: "", mistake: null };
    case "threw": return { message: thrownText(outcome.thrown), mistake: null };
    case "stopped": return { message: `your function ${outcome.why}${outcome.detail ? ` (${outcome.detail})` : ""}`, mistake: null };
    case "unusable": return { message: `the check could not use the result (${outcome.message})`, mistake: null };
    default: return { message: outcome.failure.message, mistake: outcome.failure.mistake };
  }
}

export const caseResult = (r: CaseRun): CaseResult => ({ name: r.name, passed: r.outcome.kind === "passed", ...outcomeMessage(r.outcome) });

/** Runs checks (each on its own; a mistake is named only where the cases together bear it out). */
export function runChecks(cases: readonly CheckCase[]): CaseResult[] {
  return confirmMistakes(cases.map(runCase)).map(caseResult);
}

export interface RunOptions {
  /** The student's source of exercises/<id>.ts, scanned for library shortcuts. */
  readonly source?: string;
  /** Only these exercises (function names); default all of the set. */
  readonly only?: readonly string[];
}

function exportsOf(module: Record<string, unknown>): Record<string, ExportInfo> {
  const out: Record<string, ExportInfo> = {};
  for (const key of Object.keys(module)) {
    try {
      out[key] = { type: typeof module[key] };
    } catch {
      out[key] = { type: "value that cannot be read" };
    }
  }
  return out;
}

/** Runs every exercise of a set against a student's module (the exports of exercises/<id>.ts). */
export function runExercises<M>(set: ExerciseSet<M>, module: unknown, options: RunOptions = {}): ExerciseResult[] {
  const file = exerciseFile(set);
  const exports = (typeof module === "object" && module !== null ? module : {}) as Record<string, unknown>;
  const info = exportsOf(exports);
  const shortcuts = shortcutMessages(set, options.source);
  return exerciseNames(set)
    .filter((name) => !options.only || options.only.includes(name))
    .map((name): ExerciseResult => {
      const problem = exportProblem(file, name, info);
      if (problem) return { exercise: name, cases: [{ name: `${file} exports the function ${name}`, passed: false, message: problem, mistake: null }], passed: false };
      let cases: CaseResult[];
      try {
        cases = runChecks(specOf(set, name).cases(studentFunction(exports[name] as (...args: never[]) => unknown)));
      } catch (error) {
        cases = [{ name: `the checks of ${name} could be prepared`, passed: false, message: thrownText(describeThrown(error)), mistake: null }];
      }
      const own = shortcuts.get(name);
      if (own) cases = [...cases, { name: SHORTCUT_CASE(name), passed: false, message: own.join("\n"), mistake: "used the library's implementation" }];
      return { exercise: name, cases, passed: cases.length > 0 && cases.every((c) => c.passed) };
    });
}

/** The summary line: never claims more than the public checks show. */
export function summaryLine(results: readonly ExerciseResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  if (results.length > 0 && passed === results.length) return `public checks passed for all ${results.length} exercise${results.length === 1 ? "" : "s"}; hidden tests run at grading`;
  return `public checks: ${passed} of ${results.length} exercise${results.length === 1 ? "" : "s"} passed`;
}

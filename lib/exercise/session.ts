/**
 * One exercise session: how a set's checks run against a student's functions and what the
 * student reads, whoever runs them. The notebook's check cell and `npm run check` run the checks
 * in-process (runExercises); the grader runs the same cases through its sandbox and adds only
 * points and visibility. Everything a student reads about a failure is decided here: the missing
 * export, the thrown value, "not implemented yet", the library shortcut, and which mistake to name.
 */
import { CheckFailure, observeMistakes, type FailureKind, type MistakeObservation } from "./expect";
import type { CheckCase, ExerciseSet, ExerciseSpec } from "./define";
import { findShortcuts } from "./shortcuts";
import { plainValue } from "./values";

/**
 * A thrown value, read without running any of its code twice (getters, toString) and never
 * throwing: an Error by its name and message, anything else by its type and text. (Unions here
 * are told apart by a string `kind`: tslab compiles the library without strictNullChecks, where
 * true/false discriminants do not narrow.)
 */
export type ThrownValue =
  | { readonly kind: "error"; readonly name: string; readonly message: string }
  | { readonly kind: "value"; readonly type: string; readonly text: string };

/** What the student's function threw, as it reaches a check: a check can tell it from its own failures. */
export class StudentThrew extends Error {
  constructor(readonly thrown: ThrownValue) {
    super(thrown.kind === "error" ? thrown.message : `threw ${thrown.text}`);
    this.name = "StudentThrew";
  }
}

const safely = <T>(read: () => T, otherwise: T): T => {
  try {
    return read();
  } catch {
    return otherwise;
  }
};

/** Reads any thrown value: null, undefined, strings, numbers, objects (even with throwing getters), Errors. */
export function describeThrown(value: unknown): ThrownValue {
  if (value instanceof StudentThrew) return value.thrown;
  const isError = safely(() => value instanceof Error, false);
  if (isError) {
    const e = value as Error;
    const name = safely(() => String(e.name), "Error");
    const message = safely(() => String(e.message), "(a message that cannot be read)");
    return { kind: "error", name: name.slice(0, 200), message: message.slice(0, 4000) };
  }
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  let text: string;
  if (value === undefined) text = "undefined";
  else if (typeof value === "string") text = JSON.stringify(value.slice(0, 200));
  else if (typeof value === "symbol") text = safely(() => value.toString(), "a symbol");
  else if (typeof value === "object" || typeof value === "function") text = safely(() => JSON.stringify(value) ?? "(a value that cannot be shown)", "(a value that cannot be shown)");
  else text = String(value);
  return { kind: "value", type, text: text.slice(0, 200) };
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
export const NOT_IMPLEMENTED = /^not implemented yet/;

/** How a thrown value reads in a public check's message. */
export function thrownText(t: ThrownValue): string {
  if (t.kind === "error") return t.name && !["Error", "CheckFailure"].includes(t.name) ? `${t.name}: ${t.message}` : t.message;
  return `your function threw ${article(t.type)} value, not an Error: ${t.text}`;
}

/** The same, for a hidden test: the kind of value only (its text could echo the inputs). */
export function hiddenThrownText(t: ThrownValue): string {
  if (t.kind === "error") return NOT_IMPLEMENTED.test(t.message) ? "not implemented yet" : `your function threw ${article(KNOWN_ERRORS.has(t.name) ? t.name : "Error")} (its message is not shown for hidden tests)`;
  return `your function threw ${article(t.type)} value, not an Error`;
}

const KNOWN_ERRORS = new Set(["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError", "InputError", "ShapeError"]);

/** How one case ended. */
export type CaseOutcome =
  | { readonly kind: "passed" }
  /** A wrong result, seen by an expectation. */
  | { readonly kind: FailureKind; readonly failure: CheckFailure }
  /** The student's function threw. */
  | { readonly kind: "threw"; readonly thrown: ThrownValue }
  /** The function's process ended or ran out of time (grading only): `why` is safe to show everywhere. */
  | { readonly kind: "stopped"; readonly why: string; readonly detail: string }
  /** The check could not use the result (it has a form the check did not expect). */
  | { readonly kind: "unusable"; readonly message: string };

export const PASSED: CaseOutcome = { kind: "passed" };

/** The outcome of a case whose check threw `error` (or passed, when nothing was thrown). */
export function outcomeOf(error: unknown, threw: boolean): CaseOutcome {
  if (!threw) return PASSED;
  if (error instanceof CheckFailure) return { kind: error.kind, failure: error };
  if (error instanceof StudentThrew) return { kind: "threw", thrown: error.thrown };
  const t = describeThrown(error);
  return { kind: "unusable", message: t.kind === "error" ? t.message : t.text };
}

/** A case as run: its outcome and the mistake comparisons its expectations made. */
export interface CaseRun {
  readonly name: string;
  readonly outcome: CaseOutcome;
  readonly observations: readonly MistakeObservation[];
}

/** Runs one check in this process. `run` calls the student's function (wrapped by studentFunction). */
export function runCase(c: CheckCase): CaseRun {
  const observations: MistakeObservation[] = [];
  let outcome: CaseOutcome;
  try {
    observeMistakes(() => c.run(), (o) => observations.push(o));
    outcome = PASSED;
  } catch (error) {
    outcome = outcomeOf(error, true);
  }
  return { name: c.name, outcome, observations };
}

/**
 * The student's function as checks call it: what it throws arrives as StudentThrew, what it
 * returns in plain form (typed arrays and matrices as arrays), so every accepted form of a result
 * works in every check.
 */
export function studentFunction(fn: (...args: never[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    let result: unknown;
    try {
      result = (fn as unknown as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      throw new StudentThrew(describeThrown(error));
    }
    return plainValue(result);
  };
}

/**
 * Names a mistake only where the cases bear it out: wherever the mistake shows (its value differs
 * from the right one), in any case of the exercise, the student's result agrees with it. A slip
 * that matches a catalogued one on one input by coincidence is not given its name. When several
 * known mistakes give the failing case's value and the cases bear out each of them (they never
 * differ where they show), they are named together ("A; or B"); when none is borne out, none is
 * named. A mistake declared for one case's answer alone (KnownMistake.scope "case") is judged in
 * that case only. The generic diagnoses (transposed, sign flipped) yield to a catalogued mistake.
 */
export function confirmMistakes(runs: readonly CaseRun[]): CaseRun[] {
  const perCase = runs.map((r) => {
    const byName = new Map<string, { shows: boolean; matched: boolean; alone: boolean }>();
    for (const o of r.observations) {
      const seen = byName.get(o.name) ?? { shows: false, matched: false, alone: false };
      byName.set(o.name, { shows: seen.shows || o.shows, matched: seen.matched || (o.matched && o.shows), alone: seen.alone || o.scope === "case" });
    }
    return byName;
  });
  const consistent = (name: string) => perCase.every((m) => { const s = m.get(name); return !s || !s.shows || s.matched; });
  return runs.map((r, k) => {
    const outcome = r.outcome;
    if (outcome.kind === "passed" || outcome.kind === "threw" || outcome.kind === "stopped" || outcome.kind === "unusable") return r;
    const failure = outcome.failure;
    if (failure.mistake === null || !perCase[k].has(failure.mistake)) return r; // a property the check states outright ("the input is mutated")
    const matching = [...perCase[k]].filter(([, s]) => s.matched).map(([name, s]) => ({ name, borne: s.alone || consistent(name) }));
    const catalogued = matching.filter((m) => !GENERIC.has(m.name));
    const named = (catalogued.length > 0 ? catalogued : matching).filter((m) => m.borne).map((m) => m.name);
    const mistake = named.length > 0 ? named.join("; or ") : null;
    if (mistake === failure.mistake) return r;
    return { ...r, outcome: { kind: outcome.kind, failure: failure.withMistake(mistake) } };
  });
}

const GENERIC = new Set(["the result is transposed (rows and columns swapped)", "the sign is flipped (e.g. y - a instead of a - y, or + instead of -)"]);

/** A set's exercise names, in order. */
export function exerciseNames<M>(set: ExerciseSet<M>): (keyof M & string)[] {
  return Object.keys(set.exercises) as (keyof M & string)[];
}

/** One exercise's spec, for a caller that holds the student's function as unknown. */
export function specOf<M>(set: ExerciseSet<M>, name: string): ExerciseSpec<(...args: unknown[]) => unknown> {
  const spec = (set.exercises as Readonly<Record<string, ExerciseSpec<never> | undefined>>)[name];
  if (!spec) throw new Error(`${set.id} has no exercise ${name}`);
  return spec as unknown as ExerciseSpec<(...args: unknown[]) => unknown>;
}

/** The forbidden library names of each exercise of a set. */
export function forbiddenNames<M>(set: ExerciseSet<M>): Record<string, readonly string[]> {
  return Object.fromEntries(exerciseNames(set).map((n) => [n, specOf(set, n).forbidden ?? []]));
}

/** What the module exports under a name, as far as a check needs to know. */
export interface ExportInfo {
  readonly type: string;
}

/** Why an exercise cannot be checked at all (no such export, not a function), or null. */
export function exportProblem(file: string, name: string, exports: Readonly<Record<string, ExportInfo>>): string | null {
  const info = Object.prototype.hasOwnProperty.call(exports, name) ? exports[name] : undefined;
  if (info?.type === "function") return null;
  if (info) return `${name} in ${file} is ${article(info.type)}, not a function`;
  const similar = Object.keys(exports).find((k) => k.toLowerCase() === name.toLowerCase());
  return `${file} has no export named ${name}${similar ? ` (did you mean to rename ${similar}?)` : " (renamed, deleted, or not exported?)"}`;
}

/** The library-shortcut messages of each exercise, from the file's source. */
export function shortcutMessages<M>(set: ExerciseSet<M>, source: string | undefined): Map<string, string[]> {
  const found = source === undefined ? [] : findShortcuts(source, forbiddenNames(set));
  const out = new Map<string, string[]>();
  for (const name of exerciseNames(set)) {
    const own = found.filter((s) => s.exercise === name || s.exercise === "*").map((s) => s.message);
    if (own.length > 0) out.set(name, own);
  }
  return out;
}

export const SHORTCUT_CASE = (name: string) => `${name} is written without the library's implementation of it`;

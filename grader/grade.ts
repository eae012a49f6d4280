/**
 * Grades one submission: for each exercise, the student's file is bundled (library shortcuts
 * disabled), loaded in a sandbox of its own, and every public check and hidden test runs here,
 * in the grader, against the sandboxed function. One exercise's crash, endless loop or memory
 * bomb costs that exercise's remaining checks only; the other exercises run in fresh processes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CheckFailure, findShortcuts, type CheckCase, type ExerciseSet, type Shortcut } from "../lib/exercise";
import { bundleSubmission } from "./bundle";
import type { Grading, HiddenTest } from "./hidden";
import { RemoteFunction, runReplayed, SandboxStopped, StudentError, type PendingCall } from "./replay";
import { typeErrors } from "./typecheck";
import { DEFAULT_LIMITS, Sandbox, scratchFolder, thrownText, type Limits } from "./sandbox";

/** One exercise set as the grader knows it: its public checks, hidden tests and reference solution. */
export interface GradedSet {
  readonly checks: ExerciseSet;
  readonly grading: Grading;
  readonly solution: Readonly<Record<string, unknown>>;
}

export interface CaseGrade {
  readonly name: string;
  readonly visibility: "public" | "hidden";
  readonly points: number;
  readonly maxPoints: number;
  readonly passed: boolean;
  /** What the student reads: for hidden tests, never inputs or expected values. */
  readonly feedback: string;
  readonly mistake: string | null;
}

export interface ExerciseGrade {
  readonly set: string;
  readonly exercise: string;
  readonly score: number;
  readonly maxScore: number;
  readonly cases: readonly CaseGrade[];
  /** Problems with the whole exercise: not handed in, does not compile, a library shortcut... */
  readonly notes: readonly string[];
}

export interface SubmissionGrade {
  readonly student: string;
  readonly score: number;
  readonly maxScore: number;
  readonly exercises: readonly ExerciseGrade[];
  readonly seconds: number;
  /** Problems with the hand-in as a whole (an unreadable zip...). */
  readonly notes?: readonly string[];
}

export interface GradeOptions {
  readonly root: string;
  readonly sets: readonly GradedSet[];
  readonly limits?: Limits;
  /** Wall time for all the checks of one exercise; after it, the rest are skipped. */
  readonly exerciseBudgetMs?: number;
}

const MAX_SOURCE_BYTES = 1 << 20;
const MAX_RESTARTS = 4;
const DEFAULT_EXERCISE_BUDGET_MS = 30_000;
const BUILTIN_ERRORS = new Set(["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError", "InputError", "ShapeError"]);

type AnyFn = (...args: unknown[]) => unknown;
interface Spec { readonly cases: (fn: AnyFn) => CheckCase[]; readonly forbidden?: readonly string[] }
interface Planned { readonly name: string; readonly visibility: "public" | "hidden"; readonly points: number; readonly check: (f: AnyFn) => () => void }

/** Finds the student's exercises/<id>.ts files in a hand-in folder (exercises/ itself, or any folder holding it). */
export function findExerciseFiles(dir: string, ids: readonly string[]): Map<string, string> {
  const found = new Map<string, string[]>();
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && depth < 4 && !["node_modules", "checks", ".git", "__MACOSX"].includes(e.name)) walk(full, depth + 1);
      else if (e.isFile() && ids.includes(e.name.replace(/\.ts$/, "")) && e.name.endsWith(".ts")) {
        const id = e.name.slice(0, -3);
        found.set(id, [...(found.get(id) ?? []), full]);
      }
    }
  };
  walk(dir, 0);
  const chosen = new Map<string, string>();
  // Several copies: the one in a folder named exercises, else the shallowest.
  const depth = (f: string) => f.split(path.sep).length;
  for (const [id, files] of found) chosen.set(id, files.find((f) => path.basename(path.dirname(f)) === "exercises") ?? [...files].sort((a, b) => depth(a) - depth(b))[0]);
  return chosen;
}

/** Lists an exercise's public checks and hidden tests with their points, in order. */
function plan(set: GradedSet, exercise: string): Planned[] {
  const spec = (set.checks.exercises as Record<string, Spec>)[exercise];
  const grading = (set.grading.exercises as Record<string, { publicPoints?: number; hidden: (f: AnyFn) => HiddenTest[] }>)[exercise];
  const dummy: AnyFn = () => { throw new Error("listing only"); };
  const publicPoints = grading?.publicPoints ?? 1;
  const publicCases = spec.cases(dummy).map((c, k): Planned => ({ name: c.name, visibility: "public", points: publicPoints, check: (f) => () => spec.cases(f)[k].run() }));
  const hidden = (grading?.hidden(dummy) ?? []).map((t, k): Planned => ({ name: t.name, visibility: "hidden", points: t.points, check: (f) => () => grading.hidden(f)[k].run() }));
  return [...publicCases, ...hidden];
}

const article = (name: string) => (/^[aeiouAEIOU]/.test(name) ? `an ${name}` : `a ${name}`);

/** The feedback for a failed case: everything for a public check; for a hidden test, only what kind of wrong and the mistake. */
function feedbackOf(error: unknown, visibility: "public" | "hidden"): { feedback: string; mistake: string | null } {
  if (error instanceof SandboxStopped) return { feedback: `your function ${error.message}`, mistake: null };
  if (error instanceof StudentError) {
    if (/^not implemented yet/.test(error.thrown.message)) return { feedback: visibility === "public" ? error.thrown.message : "not implemented yet", mistake: null };
    if (visibility === "public") return { feedback: thrownText(error.thrown), mistake: null };
    return { feedback: `your function threw ${article(BUILTIN_ERRORS.has(error.thrown.name) ? error.thrown.name : "Error")} (its message is not shown for hidden tests)`, mistake: null };
  }
  if (error instanceof CheckFailure) {
    if (visibility === "public") return { feedback: error.message, mistake: error.mistake };
    const what = { value: "a wrong value", shape: "a result of the wrong shape or type", "not finite": "a result containing NaN or Infinity", property: "a wrong result" }[error.kind];
    return { feedback: `${what}${error.mistake ? `; likely mistake: ${error.mistake}` : ""}`, mistake: error.mistake };
  }
  if (error instanceof Error) return { feedback: visibility === "public" ? `the check could not use the result (${error.message})` : "a result the test could not use (wrong type?)", mistake: null };
  const kind = error === null ? "null" : typeof error;
  let shown = String(error);
  try {
    shown = JSON.stringify(error) ?? shown;
  } catch {
    // String() it is.
  }
  return { feedback: `your function threw ${article(kind)} value, not an Error${visibility === "public" ? `: ${shown.slice(0, 200)}` : ""}`, mistake: null };
}

function failAll(set: string, exercise: string, planned: Planned[], note: string): ExerciseGrade {
  const cases = planned.map((p): CaseGrade => ({ name: p.name, visibility: p.visibility, points: 0, maxPoints: p.points, passed: false, feedback: note, mistake: null }));
  return { set, exercise, score: 0, maxScore: cases.reduce((s, c) => s + c.maxPoints, 0), cases, notes: [note] };
}

/** A set's file as handed in, read once for all its exercises; or why it cannot be graded. */
type HandedIn = { readonly file: string; readonly shortcuts: readonly Shortcut[] } | { readonly problem: string };

function handedIn(set: GradedSet, file: string | undefined): HandedIn {
  const id = set.checks.id;
  if (!file) return { problem: `exercises/${id}.ts was not handed in` };
  const size = fs.statSync(file).size;
  if (size > MAX_SOURCE_BYTES) return { problem: `exercises/${id}.ts is ${size} bytes; the limit is ${MAX_SOURCE_BYTES}` };
  const forbidden = Object.fromEntries(Object.entries(set.checks.exercises as Record<string, Spec>).map(([n, spec]) => [n, spec.forbidden ?? []]));
  return { file, shortcuts: findShortcuts(fs.readFileSync(file, "utf8"), forbidden) };
}

async function gradeExercise(opts: GradeOptions, set: GradedSet, exercise: string, handIn: HandedIn, work: string): Promise<ExerciseGrade> {
  const id = set.checks.id;
  const planned = plan(set, exercise);
  if ("problem" in handIn) return failAll(id, exercise, planned, handIn.problem);
  const file = handIn.file;
  const spec = (set.checks.exercises as Record<string, Spec>)[exercise];
  const forbidden = spec.forbidden ?? [];
  const bundle = await bundleSubmission(opts.root, file, exercise, forbidden, path.join(work, `${id}.${exercise}.cjs`));
  if (!bundle.ok) return failAll(id, exercise, planned, `exercises/${id}.ts does not compile:\n${bundle.why}`);

  const limits = opts.limits ?? DEFAULT_LIMITS;
  const notes: string[] = [];
  const shortcuts = handIn.shortcuts.filter((s) => s.exercise === exercise || s.exercise === "*");
  if (shortcuts.length > 0) notes.push(...shortcuts.map((s) => s.message), `${exercise} scores 0: it must be written without the library's implementation`);

  let sandbox = new Sandbox(bundle.file, scratchFolder(), limits, opts.root);
  const loaded = await sandbox.loaded;
  if (loaded.kind === "failed") {
    sandbox.close();
    return failAll(id, exercise, planned, `exercises/${id}.ts could not be loaded: it ${loaded.why}`);
  }
  const info = loaded.exports[exercise];
  if (!info || info.type !== "function") {
    sandbox.close();
    const similar = Object.keys(loaded.exports).filter((k) => k.toLowerCase() === exercise.toLowerCase());
    const why = info ? `${exercise} in exercises/${id}.ts is a ${info.type}, not a function` : `exercises/${id}.ts has no export named ${exercise}${similar.length ? ` (did you mean to rename ${similar[0]}?)` : " (renamed, deleted, or not exported?)"}`;
    return failAll(id, exercise, planned, why);
  }
  const reference = set.solution[exercise];
  if (typeof reference === "function" && reference.length !== info.length) {
    notes.push(`${exercise} takes ${info.length} parameter${info.length === 1 ? "" : "s"}; the exercise's signature has ${reference.length}: keep the signature as given`);
  }

  const remote = new RemoteFunction();
  const budgetMs = opts.exerciseBudgetMs ?? DEFAULT_EXERCISE_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  let restarts = 0;
  const ask = async (pending: PendingCall) => {
    if (sandbox.stopped) {
      if (restarts >= MAX_RESTARTS || Date.now() > deadline) {
        pending.record({ kind: "stopped", why: "was not run again: it stopped too often" });
        return;
      }
      restarts++;
      sandbox = new Sandbox(bundle.file, scratchFolder(), limits, opts.root);
      const again = await sandbox.loaded;
      if (again.kind === "failed") return pending.record({ kind: "stopped", why: again.why });
    }
    pending.record(await sandbox.call(exercise, pending.args, pending.onCallback));
  };

  const cases: CaseGrade[] = [];
  for (const p of planned) {
    if (Date.now() > deadline) {
      cases.push({ name: p.name, visibility: p.visibility, points: 0, maxPoints: p.points, passed: false, feedback: `not run: ${exercise} used up its time budget of ${budgetMs / 1000} s`, mistake: null });
      continue;
    }
    const failure = await runReplayed(remote, p.check(remote.proxy as AnyFn), ask);
    if (failure === null) {
      cases.push({ name: p.name, visibility: p.visibility, points: shortcuts.length > 0 ? 0 : p.points, maxPoints: p.points, passed: shortcuts.length === 0, feedback: shortcuts.length > 0 ? "passes, but scores 0 (library shortcut)" : "", mistake: null });
    } else {
      const { feedback, mistake } = feedbackOf(failure, p.visibility);
      cases.push({ name: p.name, visibility: p.visibility, points: 0, maxPoints: p.points, passed: false, feedback, mistake });
    }
  }
  sandbox.close();
  return {
    set: id,
    exercise,
    score: cases.reduce((s, c) => s + c.points, 0),
    maxScore: cases.reduce((s, c) => s + c.maxPoints, 0),
    cases,
    notes,
  };
}

/** Grades the hand-in folder `dir` (its exercises/NN-name.ts files) of `student`. */
export async function gradeSubmission(opts: GradeOptions, student: string, dir: string): Promise<SubmissionGrade> {
  const started = Date.now();
  const files = findExerciseFiles(dir, opts.sets.map((s) => s.checks.id));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-bundles-"));
  try {
    const notes: string[] = [];
    for (const [id, errors] of typeErrors(opts.root, files)) {
      notes.push(`exercises/${id}.ts has type errors; it was graded as it runs (types are not checked at grading), but fix them:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    }
    const exercises: ExerciseGrade[] = [];
    for (const set of opts.sets) {
      const handIn = handedIn(set, files.get(set.checks.id));
      for (const exercise of Object.keys(set.checks.exercises)) exercises.push(await gradeExercise(opts, set, exercise, handIn, work));
    }
    return {
      student,
      score: exercises.reduce((s, e) => s + e.score, 0),
      maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
      exercises,
      seconds: (Date.now() - started) / 1000,
      notes,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Grades one hand-in, in stages, each with a typed result:
 *   locate   the student's exercises/NN-name.ts files in the hand-in folder;
 *   read     each set's file: its size, its library shortcuts (the session's scan);
 *   types    the type check, in a process of its own with time and memory limits (only notes);
 *   bundle   every set's file in one bundle (one copy per exercise, library shortcuts disabled,
 *            earlier exercises it imports replaced by the reference solutions); a file that does
 *            not build costs only its own exercises;
 *   run      one sandbox for the hand-in: every exercise's public checks first, then the hidden
 *            tests (so nothing from a hidden call can reach a public message), each check run here,
 *            in the grader, against the sandboxed function (grader/replay.ts);
 *   score    points per case, the mistake named only where the cases bear it out, hidden tests
 *            reduced to the kind of wrong;
 *   report   (grader/report.ts).
 * One exercise's crash, endless loop or memory bomb costs that exercise's remaining checks only:
 * the next request starts a fresh process.
 */
import fs from "node:fs";
import path from "node:path";
import { bundleExercises } from "../lib/exercise/tools/bundle";
import { EXERCISE_ID, exerciseFile, type ExerciseSet } from "../lib/exercise/define";
import {
  confirmMistakes, exerciseNames, exportProblem, hiddenThrownText, shortcutMessages, specOf, type CaseOutcome, type CaseRun,
} from "../lib/exercise/session";
import { outcomeMessage } from "../lib/exercise/run";
import type { ExerciseGrading, Grading } from "./hidden";
import { RemoteFunction, runReplayed } from "./replay";
import { Budget, DEFAULT_LIMITS, SandboxSession, temporaryFolder, type Limits } from "./sandbox";
import { typeCheckInSandbox, typeErrorText } from "../lib/exercise/tools/typecheck";

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

/** Seconds spent in each stage of grading one hand-in. */
export interface StageTimes {
  readonly read: number;
  readonly bundle: number;
  readonly run: number;
  readonly types: number;
}

export interface SubmissionGrade {
  readonly student: string;
  readonly score: number;
  readonly maxScore: number;
  readonly exercises: readonly ExerciseGrade[];
  readonly seconds: number;
  /** Problems with the hand-in as a whole (an unreadable zip, type errors...). */
  readonly notes?: readonly string[];
  readonly stages?: StageTimes;
}

export interface GradeOptions {
  readonly root: string;
  readonly sets: readonly GradedSet[];
  readonly limits?: Limits;
  /** Time in the sandbox for all the checks of one exercise; after it, the rest are skipped. */
  readonly exerciseBudgetMs?: number;
}

const MAX_SOURCE_BYTES = 1 << 20;
const DEFAULT_EXERCISE_BUDGET_MS = 30_000;

type AnyFn = (...args: unknown[]) => unknown;

// ---- locate ---------------------------------------------------------------------------------

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
      else if (e.isFile() && e.name.endsWith(".ts") && ids.includes(e.name.slice(0, -3))) {
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

// ---- read -----------------------------------------------------------------------------------

/** A set's file as handed in, read once for all its exercises; or why it cannot be graded. */
type HandedIn = { readonly file: string; readonly shortcuts: ReadonlyMap<string, string[]> } | { readonly problem: string };

function readHandIn(set: GradedSet, file: string | undefined): HandedIn {
  const id = set.checks.id;
  if (!file) return { problem: `exercises/${id}.ts was not handed in` };
  const size = fs.statSync(file).size;
  if (size > MAX_SOURCE_BYTES) return { problem: `exercises/${id}.ts is ${size} bytes; the limit is ${MAX_SOURCE_BYTES}` };
  return { file, shortcuts: shortcutMessages(set.checks, fs.readFileSync(file, "utf8")) };
}

// ---- plan -----------------------------------------------------------------------------------

interface Planned { readonly name: string; readonly visibility: "public" | "hidden"; readonly points: number; readonly check: (f: AnyFn) => () => void }

/** An exercise's public checks and hidden tests with their points, in order. */
function plan(set: GradedSet, exercise: string): Planned[] {
  const spec = specOf(set.checks, exercise);
  const grading = (set.grading.exercises as Readonly<Record<string, ExerciseGrading<AnyFn> | undefined>>)[exercise];
  const dummy: AnyFn = () => { throw new Error("listing only"); };
  const publicPoints = grading?.publicPoints ?? 1;
  const publicCases = spec.cases(dummy).map((c, k): Planned => ({ name: c.name, visibility: "public", points: publicPoints, check: (f) => () => spec.cases(f)[k].run() }));
  const hidden = (grading?.hidden(dummy) ?? []).map((t, k): Planned => ({ name: t.name, visibility: "hidden", points: t.points, check: (f) => () => grading?.hidden(f)[k].run() }));
  return [...publicCases, ...hidden];
}

// ---- score ----------------------------------------------------------------------------------

const HIDDEN_KIND: Record<string, string> = { value: "a wrong value", shape: "a result of the wrong shape or type", "not finite": "a result containing NaN or Infinity", property: "a wrong result" };

/** What the student reads of a failed case: everything for a public check; for a hidden test, only what kind of wrong and the mistake. */
function feedbackOf(outcome: CaseOutcome, visibility: "public" | "hidden"): { feedback: string; mistake: string | null } {
  if (outcome.kind === "passed") return { feedback: "", mistake: null };
  if (visibility === "public") {
    const { message, mistake } = outcomeMessage(outcome);
    return { feedback: message, mistake };
  }
  switch (outcome.kind) {
    case "threw": return { feedback: hiddenThrownText(outcome.thrown), mistake: null };
    // Only the kind of stop: an exit code, a signal or a size could carry a hidden input out.
    case "stopped": return { feedback: `your function ${outcome.why}`, mistake: null };
    case "unusable": return { feedback: "a result the test could not use (wrong type?)", mistake: null };
    default: {
      const mistake = outcome.failure.mistake;
      return { feedback: `${HIDDEN_KIND[outcome.kind]}${mistake ? `; likely mistake: ${mistake}` : ""}`, mistake };
    }
  }
}

function failAll(set: string, exercise: string, planned: readonly Planned[], note: string): ExerciseGrade {
  const cases = planned.map((p): CaseGrade => ({ name: p.name, visibility: p.visibility, points: 0, maxPoints: p.points, passed: false, feedback: note, mistake: null }));
  return { set, exercise, score: 0, maxScore: cases.reduce((s, c) => s + c.maxPoints, 0), cases, notes: [note] };
}

// ---- run ------------------------------------------------------------------------------------

/** One exercise while it is being graded. */
interface Running {
  readonly set: GradedSet;
  readonly exercise: string;
  readonly key: string;
  readonly planned: readonly Planned[];
  readonly budget: Budget;
  readonly notes: string[];
  readonly shortcut: boolean;
  readonly runs: (CaseRun | null)[];
  /** Set when the exercise cannot run at all (not handed in, does not build, no such export...). */
  problem: string | null;
}

async function runCases(sandbox: SandboxSession, r: Running, visibility: "public" | "hidden", budgetMs: number): Promise<void> {
  if (r.problem) return;
  const remote = new RemoteFunction();
  const ask = async (pending: Parameters<Parameters<typeof runReplayed>[2]>[0]) => {
    pending.record(await sandbox.call(r.key, r.exercise, pending.args, pending.onCallback, r.key, r.budget));
  };
  for (let k = 0; k < r.planned.length; k++) {
    const p = r.planned[k];
    if (p.visibility !== visibility) continue;
    if (r.budget.exhausted) {
      r.runs[k] = { name: p.name, outcome: { kind: "stopped", why: `was not run: ${r.exercise} used up its time budget of ${budgetMs / 1000} s`, detail: "" }, observations: [] };
      continue;
    }
    const replayed = await runReplayed(remote, p.check(remote.proxy as AnyFn), ask);
    r.runs[k] = { name: p.name, outcome: replayed.outcome, observations: replayed.observations };
    if (replayed.nondeterministic) {
      const note = `the ${p.visibility === "public" ? "check" : "hidden test"} "${p.name}" is not deterministic: its calls changed when it ran again (an instructor's bug: checks must use fixed values or seeded generators)`;
      console.error(`[grade] ${r.set.checks.id}/${r.exercise}: ${note}`);
      r.notes.push(note);
    }
  }
}

function scoreExercise(r: Running): ExerciseGrade {
  const id = r.set.checks.id;
  if (r.problem) return failAll(id, r.exercise, r.planned, r.problem);
  const runs = confirmMistakes(r.runs.map((run, k) => run ?? { name: r.planned[k].name, outcome: { kind: "stopped", why: "was not run", detail: "" }, observations: [] }));
  const cases = runs.map((run, k): CaseGrade => {
    const p = r.planned[k];
    if (run.outcome.kind === "passed") {
      return { name: p.name, visibility: p.visibility, points: r.shortcut ? 0 : p.points, maxPoints: p.points, passed: !r.shortcut, feedback: r.shortcut ? "passes, but scores 0 (library shortcut)" : "", mistake: null };
    }
    const { feedback, mistake } = feedbackOf(run.outcome, p.visibility);
    return { name: p.name, visibility: p.visibility, points: 0, maxPoints: p.points, passed: false, feedback, mistake };
  });
  return { set: id, exercise: r.exercise, score: cases.reduce((s, c) => s + c.points, 0), maxScore: cases.reduce((s, c) => s + c.maxPoints, 0), cases, notes: r.notes };
}

/** The notes an exercise's loading gives: its export, its signature, the earlier exercises it uses. */
async function load(sandbox: SandboxSession, r: Running, source: string): Promise<void> {
  if (r.problem) return;
  const id = r.set.checks.id;
  const loaded = await sandbox.load(r.key, r.key, r.budget);
  if (loaded.kind === "stopped") {
    r.problem = `exercises/${id}.ts could not be loaded: it ${loaded.stop.why}${loaded.stop.detail ? ` (${loaded.stop.detail})` : ""}`;
    return;
  }
  if (loaded.kind === "threw") {
    const t = loaded.thrown;
    r.problem = `exercises/${id}.ts could not be loaded: it threw while loading: ${t.kind === "error" ? (t.name && t.name !== "Error" ? `${t.name}: ${t.message}` : t.message) : `a ${t.type} value, not an Error: ${t.text}`}`;
    return;
  }
  const problem = exportProblem(exerciseFile(r.set.checks), r.exercise, loaded.exports);
  if (problem) {
    r.problem = problem;
    return;
  }
  const reference = r.set.solution[r.exercise];
  const info = loaded.exports[r.exercise];
  if (typeof reference === "function" && reference.length !== info.length) {
    r.notes.push(`${r.exercise} takes ${info.length} parameter${info.length === 1 ? "" : "s"}; the exercise's signature has ${reference.length}: keep the signature as given`);
  }
  const earlier = [...source.matchAll(/from\s+["']\.\/(\d\d-[a-z0-9-]+)["']/g)].map((m) => m[1]).filter((e) => EXERCISE_ID.test(e) && e < id);
  if (earlier.length > 0) {
    const files = [...new Set(earlier)].map((e) => `exercises/${e}.ts`);
    const list = files.length > 1 ? `${files.slice(0, -1).join(", ")} and ${files[files.length - 1]}` : files[0];
    r.notes.push(`exercises/${id}.ts imports ${list}: graded with the reference version${files.length > 1 ? "s" : ""} of ${files.length > 1 ? "those files" : "that file"}, so a mistake there costs points only there`);
  }
}

// ---- the whole hand-in ----------------------------------------------------------------------

/** Grades the hand-in folder `dir` (its exercises/NN-name.ts files) of `student`. */
export async function gradeSubmission(opts: GradeOptions, student: string, dir: string): Promise<SubmissionGrade> {
  const started = Date.now();
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const budgetMs = opts.exerciseBudgetMs ?? DEFAULT_EXERCISE_BUDGET_MS;
  const tmp = temporaryFolder("mlp-grade-");
  let sandbox: SandboxSession | null = null;
  try {
    // locate, read
    const files = findExerciseFiles(dir, opts.sets.map((s) => s.checks.id));
    const handedIn = new Map(opts.sets.map((s) => [s.checks.id, readHandIn(s, files.get(s.checks.id))]));
    const readDone = Date.now();
    // types: in its own process, while the rest goes on
    const typesStarted = Date.now();
    let typesDone = typesStarted;
    const types = typeCheckInSandbox(opts.root, files).finally(() => { typesDone = Date.now(); });

    // bundle
    const running: Running[] = [];
    for (const set of opts.sets) {
      const h = handedIn.get(set.checks.id) as HandedIn;
      for (const exercise of exerciseNames(set.checks)) {
        const notes: string[] = [];
        const own = "problem" in h ? undefined : h.shortcuts.get(exercise);
        if (own) notes.push(...own, `${exercise} scores 0: it must be written without the library's implementation`);
        const planned = plan(set, exercise);
        running.push({
          set, exercise, key: `${set.checks.id}/${exercise}`, planned, budget: new Budget(budgetMs), notes, shortcut: own !== undefined,
          runs: planned.map(() => null), problem: "problem" in h ? h.problem : null,
        });
      }
    }
    const sources = new Map<string, string>();
    for (const [id, h] of handedIn) if (!("problem" in h)) sources.set(id, h.file);
    const live = running.filter((r) => !r.problem);
    const bundle = await bundleExercises({
      root: opts.root, mode: "grade", files: sources, outFile: path.join(tmp.dir, "hand-in.cjs"),
      exercises: live.map((r) => ({ set: r.set.checks.id, exercise: r.exercise, forbidden: specOf(r.set.checks, r.exercise).forbidden ?? [] })),
      entry: (modules) => [
        `import { serve } from ${JSON.stringify(path.join(opts.root, "grader", "sandbox-child.ts"))};`,
        `serve({`,
        ...modules.map((m) => `  ${JSON.stringify(`${m.set}/${m.exercise}`)}: () => require(${JSON.stringify(m.specifier)}),`),
        `});`,
      ].join("\n"),
    });
    for (const r of live) {
      const why = bundle.broken.get(r.set.checks.id);
      if (why) r.problem = `exercises/${r.set.checks.id}.ts does not compile:\n${why}`;
    }
    const bundleDone = Date.now();

    // run: every public check of every exercise first, then the hidden tests
    if (bundle.ok) {
      sandbox = new SandboxSession(bundle.file, limits, opts.root, tmp.dir);
      for (const r of running) {
        await load(sandbox, r, r.problem ? "" : fs.readFileSync(sources.get(r.set.checks.id) as string, "utf8"));
        await runCases(sandbox, r, "public", budgetMs);
      }
      for (const r of running) await runCases(sandbox, r, "hidden", budgetMs);
      sandbox.close();
    }
    const runDone = Date.now();

    // score
    const exercises = running.map(scoreExercise);
    const notes: string[] = [];
    const checked = await types;
    if (checked.kind === "stopped") notes.push(`the type check of your files did not finish (${checked.why}); they were graded as they run`);
    else {
      for (const [id, errors] of checked.errors) {
        notes.push(`exercises/${id}.ts has type errors; it was graded as it runs (types are not checked at grading), but fix them:\n${errors.map((e) => `  ${typeErrorText(id, e)}`).join("\n")}`);
      }
    }
    const seconds = (ms: number) => Math.round(ms) / 1000;
    return {
      student,
      score: exercises.reduce((s, e) => s + e.score, 0),
      maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
      exercises,
      seconds: (Date.now() - started) / 1000,
      notes,
      stages: { read: seconds(readDone - started), bundle: seconds(bundleDone - readDone), run: seconds(runDone - bundleDone), types: seconds(typesDone - typesStarted) },
    };
  } finally {
    sandbox?.close();
    tmp.remove();
  }
}


/**
 * npm run grade -- <hand-in folder or .zip> [--out DIR]
 * npm run grade -- --batch <folder of hand-ins> [--out DIR] [--jobs N]
 *     [--times FILE.csv] [--overrides FILE.csv] [--regrade STUDENT]... [--publish]
 * npm run grade -- --gradescope <submission folder> --results <results.json> [--metadata FILE]   (run_autograder)
 * npm run grade -- --prepare   (setup.sh: emits the library's declarations for the type check once)
 * Every mode: --policy FILE (default grading/policy.ts), --call-seconds S (one call, default
 * 10), --exercise-seconds S (all checks of one exercise, default 30), both in the sandbox's own
 * CPU time.
 *
 * A batch resumes: a hand-in whose grade in DIR is complete and current (hand-in and grading
 * unchanged, grader/resume.ts) is not graded again; --regrade grades the named students again and
 * keeps every other grade as it is. Each run applies the policy, the submission times and the
 * overrides afresh to every student, then writes gradebook.csv, grades.json and the similarity
 * report (similarity.md, similarity.json).
 *
 * Exit status 0 when grading ran, whatever the scores; 2 when it could not (a wrong path, a bad
 * policy, times or overrides file: then nothing is written).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { findExerciseFiles, gradeSubmission, type GradedSet, type SubmissionGrade } from "./grade";
import { lateness, readSubmissionTimes, TimesError, type Lateness } from "./deadlines";
import { finalGrade, type FinalGrade } from "./final";
import { carriedForward, MetadataError, readMetadata, submissionNumber } from "./gradescope";
import { OverridesError, readOverrides, type Override } from "./overrides";
import { DEFAULT_POLICY, parseTime, PolicyError, type Policy } from "./policy";
import { loadPolicy } from "./policy-file";
import { feedbackMarkdown, gradebookCsv, gradescopeResults, hiddenView, summaryLine, writeAtomic, writeJsonArrayAtomic, type GradebookRow } from "./report";
import { gradingHash, handInHash, readRecord, writeRecord, type GradeRecord } from "./resume";
import { prepareTypeCheck } from "../lib/exercise/tools/typecheck";
import { DEFAULT_LIMITS, isolationReport, temporaryFolder, type Limits } from "./sandbox";
import { DEFAULT_SIMILARITY, similarity, similarityMarkdown, type SimilarityReport } from "./similarity";

export class UsageError extends Error {}

const MAX_ZIP_BYTES = 20 << 20;
const MAX_UNZIPPED_BYTES = 20 << 20;
const MAX_SOURCE_BYTES = 1 << 20;

/** A student's name as a safe folder name. */
function studentName(file: string): string {
  // npm run handin writes handin-<name>.zip: the student is <name>.
  let base = path.basename(file).replace(/\.zip$/i, "").replace(/^handin-(?=.)/, "");
  if (base === "exercises") base = path.basename(path.dirname(path.resolve(file)));
  return base.replace(/[^A-Za-z0-9._@-]+/g, "_").replace(/^\.+/, "_") || "student";
}

/** Unpacks the .ts files of a hand-in zip into `dir`; refuses paths that leave it and oversized archives. */
function unpackZip(zip: string, dir: string): void {
  const size = fs.statSync(zip).size;
  if (size > MAX_ZIP_BYTES) throw new UsageError(`${zip}: ${size} bytes; a hand-in zip may hold at most ${MAX_ZIP_BYTES}`);
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(fs.readFileSync(zip), {
      filter: (f) => {
        if (!f.name.endsWith(".ts")) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new UsageError(`${zip}: unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${zip}: not a readable zip (${(error as Error).message})`);
  }
  for (const [name, bytes] of Object.entries(files)) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(dir + path.sep) || name.includes("\\")) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
}

export interface RunOptions {
  readonly root: string;
  /** The sets the policy grades. */
  readonly sets: readonly GradedSet[];
  readonly out: string;
  readonly jobs?: number;
  readonly log?: (line: string) => void;
  readonly limits?: Limits;
  readonly exerciseBudgetMs?: number;
  readonly policy?: Policy;
  /** A CSV of submission times (student,submitted), for the late penalty. */
  readonly timesFile?: string;
  /** A CSV of overrides (student,exercise,points,reason). */
  readonly overridesFile?: string;
  /** Students to grade again; every other grade is kept as it is. */
  readonly regrade?: readonly string[];
  /** Show what the policy keeps until grades are published. */
  readonly publish?: boolean;
  /** The time feedback is written at (what "before the due date" means); default now. */
  readonly now?: number;
}

interface Graded {
  readonly grade: SubmissionGrade;
  /** The exercise files graded, by set id (for the similarity report). */
  readonly sources: Record<string, string>;
}

/** The exercise files of a hand-in folder, as the grader finds them. */
function readSources(dir: string, sets: readonly GradedSet[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const [id, file] of findExerciseFiles(dir, sets.map((s) => s.checks.id))) {
    if (fs.statSync(file).size <= MAX_SOURCE_BYTES) sources[id] = fs.readFileSync(file, "utf8");
  }
  return sources;
}

async function gradeOne(opts: RunOptions, handIn: string): Promise<Graded> {
  const student = studentName(handIn);
  const isZip = /\.zip$/i.test(handIn);
  const unpacked = isZip ? temporaryFolder("mlp-handin-") : null;
  const notes: string[] = [];
  if (unpacked) {
    try {
      unpackZip(handIn, unpacked.dir);
    } catch (error) {
      // One unreadable zip is that student's problem, not the batch's: it grades as handing in nothing.
      notes.push(`${path.basename(handIn)} could not be unpacked: ${(error as Error).message.replace(`${handIn}: `, "")}`);
      fs.rmSync(unpacked.dir, { recursive: true, force: true });
      fs.mkdirSync(unpacked.dir);
    }
  }
  try {
    const dir = unpacked?.dir ?? handIn;
    const graded = await gradeSubmission(opts, student, dir);
    return { grade: { ...graded, notes: [...notes, ...(graded.notes ?? [])] }, sources: readSources(dir, opts.sets) };
  } finally {
    unpacked?.remove();
  }
}

/** When hidden-test details appear under the policy's "score": after the late due date, else the due date. */
function detailsAfter(due: string | null, lateDue: string | null): { at: number | null; text: string } {
  const when = lateDue ?? due;
  return when === null ? { at: null, text: "the due date" } : { at: parseTime(when, "the due date"), text: `the ${lateDue ? "late " : ""}due date (${when})` };
}

/** Writes a student's feedback.md and results.json with the policy, lateness and overrides applied. */
function writeReports(opts: RunOptions, grade: SubmissionGrade, final: FinalGrade): void {
  const policy = opts.policy ?? DEFAULT_POLICY;
  const after = detailsAfter(policy.due, policy.lateDue);
  const view = hiddenView(policy.hiddenTests, opts.now ?? Date.now(), after.at, opts.publish ?? false);
  writeAtomic(path.join(opts.out, grade.student, "feedback.md"), feedbackMarkdown(grade, { final, hidden: view, detailsAfter: after.text }));
  writeAtomic(path.join(opts.out, grade.student, "results.json"), JSON.stringify(gradescopeResults(grade, { final, hiddenTests: policy.hiddenTests }), null, 2) + "\n");
}

const duration = (seconds: number) => (seconds < 60 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`);

export interface BatchResult {
  /** Every student's scores; each check's feedback is left out (it is in <student>/grade.json and grades.json). */
  readonly grades: readonly SubmissionGrade[];
  readonly finals: readonly FinalGrade[];
  /** The hand-ins this run graded (the rest were kept). */
  readonly graded: readonly SubmissionGrade[];
  readonly similarPairs: number;
}

/**
 * Grades every hand-in (folders and .zip files) in `folder`, `jobs` at a time, skipping those
 * whose grade in `out` is complete and current; then writes the gradebook, grades.json and the
 * similarity report. The times and overrides files are read and checked before anything is graded.
 */
export async function gradeBatch(opts: RunOptions, folder: string): Promise<BatchResult> {
  const entries = fs.readdirSync(folder, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && (e.isDirectory() || /\.zip$/i.test(e.name)))
    .map((e) => path.join(folder, e.name))
    .sort();
  if (entries.length === 0) throw new UsageError(`${folder} holds no hand-ins (one folder or .zip per student)`);
  const names = entries.map(studentName);
  const twice = names.find((n, k) => names.indexOf(n) !== k);
  if (twice) throw new UsageError(`two hand-ins in ${folder} are both named ${twice} (a folder and a zip?)`);
  const log = opts.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const policy = opts.policy ?? DEFAULT_POLICY;

  // Everything the instructor wrote is checked before a single hand-in is graded.
  const keys = opts.sets.flatMap((s) => Object.keys(s.checks.exercises).map((e) => `${s.checks.id}/${e}`));
  let times = new Map<string, string>();
  if (opts.timesFile) {
    if (policy.due === null) throw new UsageError(`--times needs the due date: set due (and lateDue, latePenalty) in the policy`);
    const read = readSubmissionTimes(opts.timesFile, names);
    times = read.times;
    if (read.missing.length > 0) log(`[grade] no submission time in ${opts.timesFile} for ${read.missing.join(", ")}: not flagged late`);
  }
  const overrides: Override[] = opts.overridesFile ? readOverrides(opts.overridesFile, names, keys) : [];
  const regrade = opts.regrade ?? [];
  for (const r of regrade) if (!names.includes(r)) throw new UsageError(`--regrade ${r}: no hand-in in ${folder} is named ${r} (names as in gradebook.csv)`);

  const grading = gradingHash(opts.root, { sets: opts.sets.map((s) => s.checks.id), limits: opts.limits ?? DEFAULT_LIMITS, exerciseBudgetMs: opts.exerciseBudgetMs ?? null });
  const hashes = entries.map(handInHash);
  // Only each record's stamps stay in memory; a kept grade is read again below, one at a time.
  const records = names.map((n) => { const r = readRecord(opts.out, n); return r && { handIn: r.handIn, grading: r.grading }; });
  const todo: number[] = [];
  if (regrade.length > 0) {
    const missing = names.filter((n, k) => !regrade.includes(n) && !records[k]);
    if (missing.length > 0) throw new UsageError(`--regrade keeps the other grades, but ${opts.out} holds none for ${missing.join(", ")}: grade the batch first (without --regrade)`);
    names.forEach((n, k) => { if (regrade.includes(n)) todo.push(k); });
    const stale = names.filter((n, k) => !regrade.includes(n) && (records[k]?.grading !== grading || records[k]?.handIn !== hashes[k]));
    log(`[grade] regrading ${regrade.join(", ")}; keeping the other ${names.length - todo.length} grades as they are${stale.length ? ` (${stale.length} of them not current: run without --regrade to grade them again)` : ""}`);
  } else {
    names.forEach((_, k) => { if (!(records[k]?.handIn === hashes[k] && records[k]?.grading === grading)) todo.push(k); });
    if (todo.length < names.length) log(`[grade] ${names.length - todo.length} of ${names.length} hand-ins already graded (hand-in and grading unchanged): kept`);
  }

  // What a batch keeps in memory per student: the scores only. Each check's feedback and the
  // hand-in's text are on disk in <student>/grade.json and read back one at a time for
  // grades.json and the similarity report, so the grader's memory hardly grows with the class.
  const light = (g: SubmissionGrade): SubmissionGrade => ({ ...g, notes: [], exercises: g.exercises.map((e) => ({ ...e, cases: [], notes: [] })) });
  const recordOf = (n: string): GradeRecord => {
    const record = readRecord(opts.out, n);
    if (!record) throw new Error(`${path.join(opts.out, n, "grade.json")} could not be read back`);
    return record;
  };
  const finals: (FinalGrade | null)[] = new Array(entries.length).fill(null);
  const results: (SubmissionGrade | null)[] = names.map(() => null);
  const finish = (k: number, grade: SubmissionGrade) => {
    const late: Lateness | null = times.has(names[k]) ? lateness(times.get(names[k]) as string, policy.due as string, policy.lateDue, policy.latePenalty) : null;
    finals[k] = finalGrade(grade, overrides, late);
    writeReports(opts, grade, finals[k] as FinalGrade);
    results[k] = light(grade);
  };
  // A kept student's reports are written afresh from the record (the policy, times or overrides may have changed).
  names.forEach((n, k) => { if (records[k] && !todo.includes(k)) finish(k, recordOf(n).grade); });

  const jobs = Math.max(1, opts.jobs ?? os.availableParallelism());
  const started = Date.now();
  let next = 0, gradedNow = 0;
  const bar = () => {
    const done = entries.length - todo.length + gradedNow;
    const width = 30, filled = Math.round((done / entries.length) * width);
    const elapsed = (Date.now() - started) / 1000;
    const left = todo.length - gradedNow;
    const estimate = left === 0 ? "done" : `about ${duration((elapsed / gradedNow) * left)} left`;
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${entries.length} graded, ${duration(elapsed)} elapsed, ${estimate}`;
  };
  const worker = async () => {
    while (next < todo.length) {
      const k = todo[next++];
      const graded = await gradeOne(opts, entries[k]);
      finish(k, graded.grade);
      // The record goes last: its presence says the student's files are complete.
      writeRecord(opts.out, { handIn: hashes[k], grading, grade: graded.grade, sources: graded.sources });
      gradedNow++;
      log(`${bar()}  ${summaryLine(graded.grade, finals[k] as FinalGrade)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));

  const done = results as SubmissionGrade[];
  const rows: GradebookRow[] = done.map((grade, k) => ({ grade, final: finals[k] as FinalGrade }));
  writeAtomic(path.join(opts.out, "gradebook.csv"), gradebookCsv(rows, { adjustment: overrides.some((o) => o.target === "total"), late: opts.timesFile !== undefined }));
  // The grades as graded; the final scores are in the gradebook and each results.json's extra_data.
  writeJsonArrayAtomic(path.join(opts.out, "grades.json"), names.map((n) => () => recordOf(n).grade));
  // Similarity set by set: only one set's files of the class are in memory at a time.
  const readText = (rel: string) => (fs.existsSync(path.join(opts.root, rel)) ? fs.readFileSync(path.join(opts.root, rel), "utf8") : undefined);
  const bySet = opts.sets.map((s) => {
    const id = s.checks.id;
    const stub = readText(`exercises/${id}.ts`), reference = readText(`solutions/${id}.ts`);
    return similarity({
      handIns: names.map((n) => {
        const source = recordOf(n).sources[id];
        return { student: n, sources: source === undefined ? {} : { [id]: source } };
      }),
      exercises: Object.keys(s.checks.exercises).map((exercise) => ({ set: id, exercise })),
      stubs: stub === undefined ? {} : { [id]: stub },
      references: reference === undefined ? {} : { [id]: reference },
    });
  });
  const report: SimilarityReport = {
    settings: DEFAULT_SIMILARITY, handIns: names.length,
    answers: Object.assign({}, ...bySet.map((r) => r.answers)) as Record<string, number>,
    pairs: bySet.flatMap((r) => r.pairs),
  };
  writeAtomic(path.join(opts.out, "similarity.json"), JSON.stringify(report, null, 1) + "\n");
  writeAtomic(path.join(opts.out, "similarity.md"), similarityMarkdown(report));
  return { grades: done, finals: rows.map((r) => r.final), graded: todo.map((k) => done[k]), similarPairs: report.pairs.length };
}

interface Parsed {
  batch?: string; gradescope?: string; results?: string; metadata?: string; out?: string; jobs?: number; handIn?: string;
  callSeconds?: number; exerciseSeconds?: number; policy?: string; times?: string; overrides?: string; regrade: string[]; publish: boolean; prepare: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const p: Parsed = { regrade: [], publish: false, prepare: false };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--batch") p.batch = value();
    else if (a === "--gradescope") p.gradescope = value();
    else if (a === "--results") p.results = value();
    else if (a === "--metadata") p.metadata = value();
    else if (a === "--out") p.out = value();
    else if (a === "--policy") p.policy = value();
    else if (a === "--times") p.times = value();
    else if (a === "--overrides") p.overrides = value();
    else if (a === "--regrade") p.regrade.push(value());
    else if (a === "--publish") p.publish = true;
    else if (a === "--prepare") p.prepare = true;
    else if (a === "--jobs") {
      p.jobs = Number(value());
      if (!Number.isInteger(p.jobs) || p.jobs < 1) throw new UsageError("--jobs needs a whole number >= 1");
    } else if (a === "--call-seconds" || a === "--exercise-seconds") {
      const seconds = Number(value());
      if (!(seconds > 0 && seconds <= 3600)) throw new UsageError(`${a} needs a number of seconds between 0 and 3600`);
      if (a === "--call-seconds") p.callSeconds = seconds;
      else p.exerciseSeconds = seconds;
    } else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else if (p.handIn) throw new UsageError(`one hand-in at a time (got ${p.handIn} and ${a}); use --batch for a class`);
    else p.handIn = a;
  }
  if (p.prepare) {
    if (argv.length > 1) throw new UsageError("--prepare takes no other argument");
    return p;
  }
  if ([p.batch, p.gradescope, p.handIn].filter(Boolean).length !== 1) throw new UsageError("give one hand-in, --batch <folder>, or --gradescope <folder>");
  if (!p.batch) {
    const batchOnly = [p.times && "--times", p.overrides && "--overrides", p.regrade.length > 0 && "--regrade", p.publish && "--publish"].filter(Boolean);
    if (batchOnly.length > 0) throw new UsageError(`${batchOnly.join(", ")} work${batchOnly.length === 1 ? "s" : ""} with --batch`);
  }
  if (p.metadata && !p.gradescope) throw new UsageError("--metadata works with --gradescope");
  return p;
}

/** The sets the policy grades; an id that is not a set is an error. */
function policySets(policy: Policy, sets: readonly GradedSet[], file: string): readonly GradedSet[] {
  if (policy.sets === null) return sets;
  const ids = sets.map((s) => s.checks.id);
  const unknown = policy.sets.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new UsageError(`${file}: sets names ${unknown.join(", ")}, not an exercise set (the sets: ${ids.join(", ")})`);
  return sets.filter((s) => policy.sets?.includes(s.checks.id));
}

/** run_autograder's grading: the submission limit and lateness from Gradescope's metadata. */
async function gradeForGradescope(root: string, sets: readonly GradedSet[], policy: Policy, args: Parsed, limits: Limits, exerciseBudgetMs: number | undefined): Promise<void> {
  const submission = path.resolve(args.gradescope as string);
  const resultsFile = path.resolve(args.results ?? "/autograder/results/results.json");
  const meta = readMetadata(path.resolve(args.metadata ?? path.join(path.dirname(submission), "submission_metadata.json")));
  const number = meta ? submissionNumber(meta) : 1;
  if (meta && policy.maxSubmissions !== null && number > policy.maxSubmissions) {
    writeAtomic(resultsFile, JSON.stringify(carriedForward(meta, policy.maxSubmissions), null, 2) + "\n");
    console.log(`submission ${number}: past the limit of ${policy.maxSubmissions}; not graded, the last graded result kept`);
    return;
  }
  const grade = await gradeSubmission({ root, sets, limits, exerciseBudgetMs }, "submission", submission);
  const late = meta?.due ? lateness(meta.createdAt, meta.due, meta.lateDue, policy.latePenalty) : null;
  const final = finalGrade(grade, [], late);
  const counted = meta && policy.maxSubmissions !== null ? { number, max: policy.maxSubmissions } : undefined;
  writeAtomic(resultsFile, JSON.stringify(gradescopeResults(grade, { final, hiddenTests: policy.hiddenTests, submission: counted }), null, 2) + "\n");
  console.log(summaryLine(grade, final));
}

const USAGE = "usage: npm run grade -- <hand-in folder or .zip> | --prepare | --batch <folder> [--out DIR] [--jobs N] [--times FILE] [--overrides FILE] [--regrade STUDENT] [--publish] [--policy FILE] [--call-seconds S] [--exercise-seconds S]";

export async function main(argv: readonly string[], root: string, allSets: readonly GradedSet[]): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`[grade] ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.prepare) {
    // Gradescope's setup.sh: what every submission would otherwise pay for once.
    const ready = await prepareTypeCheck(root);
    console.log(ready ? "[grade] the type check is ready (the library's declarations are in build/lib-types)" : "[grade] the type checker could not start");
    return ready ? 0 : 1;
  }
  const out = path.resolve(args.out ?? path.join(root, "build", "grades"));
  const limits: Limits = { ...DEFAULT_LIMITS, ...(args.callSeconds ? { callMs: args.callSeconds * 1000 } : {}) };
  const exerciseBudgetMs = args.exerciseSeconds ? args.exerciseSeconds * 1000 : undefined;
  // Interrupted (Ctrl-C, a killed job): the exit handlers remove temporary folders and sandboxes.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
  try {
    const policyFile = path.resolve(args.policy ?? path.join(root, "grading", "policy.ts"));
    const policy = loadPolicy(root, policyFile);
    const sets = policySets(policy, allSets, policyFile);
    for (const line of isolationReport()) console.error(`[grade] sandbox ${line}`);
    if (args.gradescope) {
      await gradeForGradescope(root, sets, policy, args, limits, exerciseBudgetMs);
      return 0;
    }
    const target = path.resolve(args.batch ?? args.handIn ?? ".");
    if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist`);
    for (const [option, file] of [["--times", args.times], ["--overrides", args.overrides]] as const) {
      if (file && !fs.existsSync(file)) throw new UsageError(`${option} ${file}: no such file`);
    }
    const opts: RunOptions = {
      root, sets, out, jobs: args.jobs, limits, exerciseBudgetMs, policy,
      timesFile: args.times && path.resolve(args.times), overridesFile: args.overrides && path.resolve(args.overrides), regrade: args.regrade, publish: args.publish,
    };
    if (args.batch) {
      const batch = await gradeBatch(opts, target);
      const mean = batch.graded.length ? batch.graded.reduce((s, g) => s + g.seconds, 0) / batch.graded.length : 0;
      const kept = batch.grades.length - batch.graded.length;
      console.log(`graded ${batch.graded.length} hand-in${batch.graded.length === 1 ? "" : "s"}${batch.graded.length > 0 ? ` (mean ${mean.toFixed(1)} s each)` : ""}${kept > 0 ? `, kept ${kept} graded before` : ""}; gradebook: ${path.join(out, "gradebook.csv")}; feedback: ${out}/<student>/feedback.md`);
      console.log(`similarity: ${batch.similarPairs === 0 ? "no pair above the threshold" : `${batch.similarPairs} pair${batch.similarPairs === 1 ? "" : "s"} to read`} in ${path.join(out, "similarity.md")}`);
      console.log(`the grader's peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    } else {
      const { grade } = await gradeOne(opts, target);
      const final = finalGrade(grade, [], null);
      writeReports(opts, grade, final);
      console.log(summaryLine(grade));
      if (grade.stages) console.log(`stages: read ${grade.stages.read} s, bundle ${grade.stages.bundle} s, run ${grade.stages.run} s; the type check alongside took ${grade.stages.types} s`);
      console.log(`feedback: ${path.join(out, grade.student, "feedback.md")}; Gradescope results: ${path.join(out, grade.student, "results.json")}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicyError || error instanceof TimesError || error instanceof OverridesError || error instanceof MetadataError) {
      console.error(`[grade] ${error.message}`);
      return 2;
    }
    throw error;
  }
}

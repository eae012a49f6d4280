/**
 * npm run grade -- <hand-in folder or .zip> [--out DIR]
 * npm run grade -- --batch <folder of hand-ins> [--out DIR] [--jobs N]
 * npm run grade -- --gradescope <submission folder> --results <results.json>   (run_autograder)
 * Limits: --call-seconds S (one call, default 10), --exercise-seconds S (all checks of one
 * exercise, default 30), both in the sandbox's own CPU time.
 *
 * Exit status 0 when grading ran, whatever the scores; 2 when it could not (a wrong path...).
 * The batch also writes grades.json (every grade, machine-readable) and prints the grader's peak
 * memory: a class of any size is graded one hand-in per job, so it stays flat.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { gradeSubmission, type GradedSet, type SubmissionGrade } from "./grade";
import { feedbackMarkdown, gradebookCsv, gradescopeResults, summaryLine, writeAtomic } from "./report";
import { DEFAULT_LIMITS, isolationReport, temporaryFolder, type Limits } from "./sandbox";

export class UsageError extends Error {}

const MAX_ZIP_BYTES = 20 << 20;
const MAX_UNZIPPED_BYTES = 20 << 20;

/** A student's name as a safe folder name. */
function studentName(file: string): string {
  let base = path.basename(file).replace(/\.zip$/i, "");
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
  readonly sets: readonly GradedSet[];
  readonly out: string;
  readonly jobs?: number;
  readonly log?: (line: string) => void;
  readonly limits?: Limits;
  readonly exerciseBudgetMs?: number;
}

async function gradeOne(opts: RunOptions, handIn: string): Promise<SubmissionGrade> {
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
    const graded = await gradeSubmission(opts, student, unpacked?.dir ?? handIn);
    const grade = { ...graded, notes: [...notes, ...(graded.notes ?? [])] };
    writeAtomic(path.join(opts.out, student, "feedback.md"), feedbackMarkdown(grade));
    writeAtomic(path.join(opts.out, student, "results.json"), JSON.stringify(gradescopeResults(grade), null, 2) + "\n");
    return grade;
  } finally {
    unpacked?.remove();
  }
}

/** Grades every hand-in (folders and .zip files) in `folder`, `jobs` at a time; writes the gradebook last. */
export async function gradeBatch(opts: RunOptions, folder: string): Promise<SubmissionGrade[]> {
  const entries = fs.readdirSync(folder, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && (e.isDirectory() || /\.zip$/i.test(e.name)))
    .map((e) => path.join(folder, e.name))
    .sort();
  if (entries.length === 0) throw new UsageError(`${folder} holds no hand-ins (one folder or .zip per student)`);
  const names = entries.map(studentName);
  const twice = names.find((n, k) => names.indexOf(n) !== k);
  if (twice) throw new UsageError(`two hand-ins in ${folder} are both named ${twice} (a folder and a zip?)`);
  const log = opts.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const jobs = Math.max(1, opts.jobs ?? os.availableParallelism());
  const grades: SubmissionGrade[] = new Array(entries.length);
  const started = Date.now();
  let next = 0, done = 0;
  const bar = () => {
    const width = 30, filled = Math.round((done / entries.length) * width);
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${entries.length} graded, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  };
  const worker = async () => {
    while (next < entries.length) {
      const k = next++;
      grades[k] = await gradeOne(opts, entries[k]);
      done++;
      log(`${bar()}  ${summaryLine(grades[k])}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, entries.length) }, worker));
  writeAtomic(path.join(opts.out, "gradebook.csv"), gradebookCsv(grades));
  writeAtomic(path.join(opts.out, "grades.json"), JSON.stringify(grades, null, 1) + "\n");
  return grades;
}

interface Parsed { batch?: string; gradescope?: string; results?: string; out?: string; jobs?: number; handIn?: string; callSeconds?: number; exerciseSeconds?: number }

function parseArgs(argv: readonly string[]): Parsed {
  const p: Parsed = {};
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
    else if (a === "--out") p.out = value();
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
  if ([p.batch, p.gradescope, p.handIn].filter(Boolean).length !== 1) throw new UsageError("give one hand-in, --batch <folder>, or --gradescope <folder>");
  return p;
}

export async function main(argv: readonly string[], root: string, sets: readonly GradedSet[]): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`[grade] ${(error as Error).message}\nusage: npm run grade -- <hand-in folder or .zip> | --batch <folder> [--out DIR] [--jobs N] [--call-seconds S] [--exercise-seconds S]`);
    return 2;
  }
  const out = path.resolve(args.out ?? path.join(root, "build", "grades"));
  const limits: Limits = { ...DEFAULT_LIMITS, ...(args.callSeconds ? { callMs: args.callSeconds * 1000 } : {}) };
  const exerciseBudgetMs = args.exerciseSeconds ? args.exerciseSeconds * 1000 : undefined;
  // Interrupted (Ctrl-C, a killed job): the exit handlers remove temporary folders and sandboxes.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
  try {
    for (const line of isolationReport()) console.error(`[grade] sandbox ${line}`);
    if (args.gradescope) {
      const grade = await gradeSubmission({ root, sets, limits, exerciseBudgetMs }, "submission", args.gradescope);
      writeAtomic(path.resolve(args.results ?? "/autograder/results/results.json"), JSON.stringify(gradescopeResults(grade), null, 2) + "\n");
      console.log(summaryLine(grade));
      return 0;
    }
    const target = path.resolve(args.batch ?? args.handIn ?? ".");
    if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist`);
    if (args.batch) {
      const grades = await gradeBatch({ root, sets, out, jobs: args.jobs, limits, exerciseBudgetMs }, target);
      const mean = grades.reduce((s, g) => s + g.seconds, 0) / grades.length;
      console.log(`graded ${grades.length} hand-ins (mean ${mean.toFixed(1)} s each); gradebook: ${path.join(out, "gradebook.csv")}; feedback: ${out}/<student>/feedback.md`);
      console.log(`the grader's peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    } else {
      const grade = await gradeOne({ root, sets, out, limits, exerciseBudgetMs }, target);
      console.log(summaryLine(grade));
      if (grade.stages) console.log(`stages: read ${grade.stages.read} s, bundle ${grade.stages.bundle} s, run ${grade.stages.run} s; the type check alongside took ${grade.stages.types} s`);
      console.log(`feedback: ${path.join(out, grade.student, "feedback.md")}; Gradescope results: ${path.join(out, grade.student, "results.json")}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`[grade] ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/**
 * `npm run check [-- NN ...] [--dir DIR]`: the public checks of exercise files in a terminal, the
 * same checks and messages as the notebook's check cell (lib/exercise/run.ts), against the files
 * in exercises/ (or DIR, a student's hand-in). Each set's file is built by the same bundler and
 * import policy as at grading (./bundle.ts) and run in its own Node process with a time limit, so
 * an endless loop is reported instead of hanging the command. Type errors are reported with file
 * and line, and the checks still run, as in the notebook and at grading. Exit 0 when all pass.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ExerciseResult } from "../run";
import { exerciseReportText } from "../report";
import { EXERCISE_ID } from "../define";
import { bundleExercises } from "./bundle";
import { typeCheckInSandbox, typeErrorText, type TypeCheckResult } from "./typecheck";

/** Resolves "05", "05-backpropagation" or "exercises/05-backpropagation.ts" to ids; throws on unknown names. */
function resolveIds(args: readonly string[], ids: readonly string[]): string[] {
  if (args.length === 0) return [...ids];
  return args.map((arg) => {
    const base = path.basename(arg).replace(/\.ts$/, "");
    const key = /^\d$/.test(base) ? `0${base}` : base;
    const found = ids.filter((id) => id === key || id.startsWith(`${key}-`));
    if (found.length !== 1) throw new Error(`no exercise file matches "${arg}"; choose one of: ${ids.join(", ")}`);
    return found[0];
  });
}

/** The exercise files of a folder, by set id. */
function exerciseFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir)) if (f.endsWith(".ts") && EXERCISE_ID.test(f.slice(0, -3))) out.set(f.slice(0, -3), path.join(dir, f));
  return out;
}

interface Shown {
  (file: string): string;
}

async function checkOne(root: string, id: string, files: ReadonlyMap<string, string>, dir: string, shown: Shown, limitMs: number, color: boolean): Promise<boolean> {
  const work = path.join(root, "build", "check");
  fs.mkdirSync(work, { recursive: true });
  const bundle = path.join(work, `${id}.cjs`);
  const resultFile = path.join(work, `${id}.json`);
  fs.rmSync(resultFile, { force: true });
  const file = path.join(dir, `${id}.ts`);
  if (!files.has(id)) {
    console.log(`${shown(file)}: not found`);
    return false;
  }
  const q = (rel: string) => JSON.stringify(path.join(root, rel));
  const built = await bundleExercises({
    root, mode: "check", files, outFile: bundle,
    exercises: [{ set: id, exercise: "", forbidden: [] }],
    entry: ([m]) => [
      `import * as mine from ${JSON.stringify(m.specifier)};`,
      `import { checks } from ${q(`exercises/checks/${id}.ts`)};`,
      `import { runExercises } from ${q("lib/exercise/run.ts")};`,
      `import * as fs from "fs";`,
      `const source = fs.readFileSync(${JSON.stringify(file)}, "utf8");`,
      `fs.writeFileSync(process.argv[2], JSON.stringify(runExercises(checks, mine, { source })));`,
    ].join("\n"),
  });
  if (!built.ok || built.broken.has(id)) {
    console.log(`${shown(file)}: does not compile\n  ${(built.broken.get(id) ?? "").split("\n").join("\n  ")}`);
    return false;
  }
  const run = spawnSync(process.execPath, ["--enable-source-maps", bundle, resultFile], { cwd: root, killSignal: "SIGKILL", stdio: ["ignore", "inherit", "inherit"], timeout: limitMs });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT" || run.signal) {
    console.log(`${shown(file)}: the checks did not finish within ${limitMs / 1000} s (an endless loop?)`);
    return false;
  }
  if (!fs.existsSync(resultFile)) {
    console.log(`${shown(file)}: the checks stopped before reporting (exit ${run.status}); see the messages above`);
    return false;
  }
  const results = JSON.parse(fs.readFileSync(resultFile, "utf8")) as ExerciseResult[];
  console.log(exerciseReportText(shown(file), results, color));
  return results.length > 0 && results.every((r) => r.passed);
}

/** Runs the command for the sets `checked` (those with public checks); returns its exit code. */
export async function main(argv: readonly string[], root: string, withChecks: readonly string[]): Promise<number> {
  const args = [...argv];
  let dir = path.join(root, "exercises");
  const dirAt = args.indexOf("--dir");
  if (dirAt >= 0) {
    dir = path.resolve(args[dirAt + 1] ?? ".");
    args.splice(dirAt, 2);
  }
  let ids: string[];
  try {
    ids = resolveIds(args, withChecks);
  } catch (error) {
    console.error(`[check] ${(error as Error).message}`);
    return 2;
  }
  const shown: Shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);
  const limitMs = Number(process.env.COURSE_CHECK_TIME_LIMIT_MS) || 60_000;
  const files = exerciseFiles(dir);
  const chosen = new Map([...files].filter(([id]) => ids.includes(id)));
  // Type errors: reported, never a reason not to run the checks (the notebook runs the code too).
  const types: Promise<TypeCheckResult> = typeCheckInSandbox(root, chosen);
  let allPassed = true;
  for (const id of ids) allPassed = (await checkOne(root, id, files, dir, shown, limitMs, process.stdout.isTTY === true)) && allPassed;
  const checked = await types;
  if (checked.kind === "stopped") console.log(`\nThe type check did not finish (${checked.why}); the checks above ran anyway.`);
  else if (checked.errors.size > 0) {
    console.log("\nType errors (the checks above ran anyway, as in the notebook; fix them, your editor underlines them too):");
    for (const [id, errors] of checked.errors) for (const e of errors) console.log(`  ${typeErrorText(id, e)}`);
  }
  if (ids.length > 1) console.log(allPassed ? "\nEvery exercise passes its public checks; hidden tests run at grading." : "\nSome exercises do not pass yet (see above).");
  return allPassed ? 0 : 1;
}

// npm run check [-- NN ...]: runs the public checks of the exercises in a terminal, the same
// checks as the notebooks' check cells, against your files in exercises/. With no argument it
// checks every exercise file; "05" or "05-backpropagation" picks one; --dir DIR checks the files
// of another exercises folder (a student's hand-in). Exit 0 when all pass.
//
// Each exercise file is bundled with esbuild (types are stripped, not checked: the notebook's
// cell shows type errors) and run in its own Node process with a time limit, so an endless loop
// in one exercise is reported instead of hanging the command.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIME_LIMIT_MS = Number(process.env.COURSE_CHECK_TIME_LIMIT_MS) || 60_000;

/** The ids that have public checks: exercises/checks/NN-name.ts. */
export function checkedIds(root = ROOT) {
  return fs.readdirSync(path.join(root, "exercises", "checks")).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
}

/** Resolves "05", "05-backpropagation" or "exercises/05-backpropagation.ts" to ids; throws on unknown names. */
export function resolveIds(args, ids = checkedIds()) {
  if (args.length === 0) return ids;
  return args.map((arg) => {
    const base = path.basename(arg).replace(/\.ts$/, "");
    const key = /^\d$/.test(base) ? `0${base}` : base;
    const found = ids.filter((id) => id === key || id.startsWith(`${key}-`));
    if (found.length !== 1) throw new Error(`no exercise file matches "${arg}"; choose one of: ${ids.join(", ")}`);
    return found[0];
  });
}

/**
 * Bundles a runner that checks <dir>/<id>.ts (dir: a student's exercises folder, by default the
 * course's own) with the course's checks and library, and writes the results as JSON to argv[2].
 * The student's relative imports that leave their folder ("../lib") resolve to the course's files.
 */
export async function bundleRunner(id, outFile, dir = path.join(ROOT, "exercises"), root = ROOT) {
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild");
  const p = (rel) => JSON.stringify(path.join(root, rel));
  const student = path.resolve(dir, `${id}.ts`);
  const studentParent = path.dirname(path.resolve(dir));
  const courseFiles = {
    name: "course-files",
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.importer.startsWith(path.resolve(dir) + path.sep)) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (target.startsWith(path.resolve(dir) + path.sep)) return undefined;
        const rel = path.relative(studentParent, target);
        return rel.startsWith("..") ? undefined : { path: resolveTs(path.join(root, rel)) };
      });
    },
  };
  const entry = [
    `import * as mine from ${JSON.stringify(student)};`,
    `import { checks } from ${p(`exercises/checks/${id}.ts`)};`,
    `import { runExercises } from ${p("lib/exercise/run.ts")};`,
    `import * as library from ${p("lib/index.ts")};`,
    `import * as fs from "fs";`,
    `const source = fs.readFileSync(${JSON.stringify(student)}, "utf8");`,
    `fs.writeFileSync(process.argv[2], JSON.stringify(runExercises(checks, mine, { source, library })));`,
  ].join("\n");
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: `check-${id}.ts`, loader: "ts" },
    bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external",
    outfile: outFile, logLevel: "silent", sourcemap: "inline", plugins: [courseFiles],
  });
}

/** A module path as TypeScript resolves it: file.ts, or dir/index.ts. */
function resolveTs(target) {
  for (const candidate of [target, `${target}.ts`, path.join(target, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return target;
}

/** A path as the student knows it: relative to the course when inside it. */
const shown = (file) => (file.startsWith(ROOT + path.sep) ? path.relative(ROOT, file) : file);

async function checkOne(id, text, exercisesDir) {
  const dir = path.join(ROOT, "build", "check");
  fs.mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, `${id}.cjs`);
  const resultFile = path.join(dir, `${id}.json`);
  fs.rmSync(resultFile, { force: true });
  try {
    await bundleRunner(id, bundle, exercisesDir);
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => `${e.location ? `${shown(path.resolve(ROOT, e.location.file))}:${e.location.line}:${e.location.column + 1}: ` : ""}${e.text}`);
    console.log(`${shown(path.join(exercisesDir, id + ".ts"))}: does not compile\n  ${(messages.length ? messages : [error.message]).join("\n  ")}`);
    return false;
  }
  const run = spawnSync(process.execPath, ["--enable-source-maps", bundle, resultFile], { cwd: ROOT, killSignal: "SIGKILL", stdio: ["ignore", "inherit", "inherit"], timeout: TIME_LIMIT_MS });
  if (run.error?.code === "ETIMEDOUT" || run.signal) {
    console.log(`${shown(path.join(exercisesDir, id + ".ts"))}: the checks did not finish within ${TIME_LIMIT_MS / 1000} s (an endless loop?)`);
    return false;
  }
  if (!fs.existsSync(resultFile)) {
    console.log(`${shown(path.join(exercisesDir, id + ".ts"))}: the checks stopped before reporting (exit ${run.status}); see the messages above`);
    return false;
  }
  const results = JSON.parse(fs.readFileSync(resultFile, "utf8"));
  console.log(text(`${shown(path.join(exercisesDir, id + ".ts"))}`, results, process.stdout.isTTY));
  return results.length > 0 && results.every((r) => r.passed);
}

async function main(argv) {
  let ids;
  const args = [...argv];
  let exercisesDir = path.join(ROOT, "exercises");
  const dirAt = args.indexOf("--dir");
  if (dirAt >= 0) {
    exercisesDir = path.resolve(args[dirAt + 1] ?? ".");
    args.splice(dirAt, 2);
  }
  try {
    ids = resolveIds(args);
  } catch (error) {
    console.error(`[check] ${error.message}`);
    return 2;
  }
  // The report formatter is TypeScript too: bundle it once for this process.
  const { exerciseReportText } = await import(pathToFileURL(await bundleReport()).href);
  let allPassed = true;
  for (const id of ids) allPassed = (await checkOne(id, exerciseReportText, exercisesDir)) && allPassed;
  if (ids.length > 1) console.log(allPassed ? "\nEvery exercise passes its public checks; hidden tests run at grading." : "\nSome exercises do not pass yet (see above).");
  return allPassed ? 0 : 1;
}

async function bundleReport() {
  const esbuild = createRequire(path.join(ROOT, "package.json"))("esbuild");
  const out = path.join(ROOT, "build", "check", "report.mjs");
  esbuild.buildSync({ entryPoints: [path.join(ROOT, "lib", "exercise", "report.ts")], bundle: true, platform: "node", format: "esm", outfile: out, logLevel: "silent" });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

// npm run release -- <dir>: writes the student kit to <dir> (a new or empty folder): every file of
// the course except what grades it. Left out: solutions/ (reference solutions and mistake
// catalogues), grading/ (hidden tests and points), grader/ and the instructor tools, and the tests
// that need any of those. The exercise stubs must be current (npm run exercises) so that no answer
// ships in them; the README loses its instructor guide and package.json the instructor scripts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { solutionIds, stubStatus } from "./exercise-stubs.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SECRET_DIRS = ["solutions/", "grading/", "grader/", "test/grading-corpus/"];
export const INSTRUCTOR_TOOLS = ["tools/grade.mjs", "tools/release.mjs", "tools/gradescope.mjs", "tools/exercise-stubs.mjs"];
const INSTRUCTOR_SCRIPTS = ["grade", "release", "gradescope", "exercises"];
/** A test that reads any of these cannot run in the student kit. */
const NEEDS_INSTRUCTOR = /solutions\/|["'`]solutions["'`]|grading\/|grader\/|tools\/(grade|release|gradescope|exercise-stubs)/;

/** The course's files: tracked and new ones, without ignored or deleted ones. */
function courseFiles(root) {
  const r = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return [...new Set(r.stdout.split("\0").filter(Boolean))].filter((f) => fs.existsSync(path.join(root, f))).sort();
}

/** Which files the student kit holds, and why each other one is left out. */
export function releasePlan(root = ROOT) {
  const keep = [], leave = [];
  for (const f of courseFiles(root)) {
    if (SECRET_DIRS.some((d) => f.startsWith(d))) leave.push([f, "instructor-only folder"]);
    else if (INSTRUCTOR_TOOLS.includes(f)) leave.push([f, "instructor tool"]);
    else if (f.startsWith("test/") && f.endsWith(".ts") && NEEDS_INSTRUCTOR.test(fs.readFileSync(path.join(root, f), "utf8"))) leave.push([f, "test that needs instructor files"]);
    else keep.push(f);
  }
  return { keep, leave };
}

/** The README without the parts between <!-- instructor --> and <!-- /instructor -->. */
export function studentReadme(text) {
  return text.replace(/<!-- instructor -->[\s\S]*?<!-- \/instructor -->\n?/g, "");
}

export function release(target, root = ROOT) {
  const out = path.resolve(target);
  if (out === root || out.startsWith(root + path.sep) && !out.startsWith(path.join(root, "build") + path.sep)) {
    throw new Error(`release into a folder outside the course (or under build/), not ${out}`);
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new Error(`${out} is not empty: release into a new or empty folder`);
  for (const id of solutionIds(root)) {
    const stub = path.join(root, "exercises", `${id}.ts`);
    const status = stubStatus(id, fs.readFileSync(path.join(root, "solutions", `${id}.ts`), "utf8"), fs.existsSync(stub) ? fs.readFileSync(stub, "utf8") : null);
    if (status !== "current") throw new Error(`exercises/${id}.ts is ${status}: run npm run exercises (and keep your own work out of the course's exercises/) before releasing`);
  }
  const { keep, leave } = releasePlan(root);
  for (const f of keep) {
    const to = path.join(out, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (f === "README.md") fs.writeFileSync(to, studentReadme(fs.readFileSync(path.join(root, f), "utf8")));
    else if (f === "package.json") {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));
      for (const s of INSTRUCTOR_SCRIPTS) delete pkg.scripts[s];
      fs.writeFileSync(to, JSON.stringify(pkg, null, 2) + "\n");
    } else fs.copyFileSync(path.join(root, f), to);
    fs.chmodSync(to, fs.statSync(path.join(root, f)).mode & 0o777);
  }
  return { out, keep, leave };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: npm run release -- <folder for the student kit>");
    process.exit(2);
  }
  try {
    const r = release(target);
    console.log(`student kit: ${r.keep.length} files in ${r.out}; left out ${r.leave.length}:`);
    const byReason = new Map();
    for (const [f, why] of r.leave) byReason.set(why, [...(byReason.get(why) ?? []), f]);
    for (const [why, files] of byReason) console.log(`  ${why}: ${files.length > 6 ? `${files.slice(0, 6).join(", ")}, ... (${files.length})` : files.join(", ")}`);
  } catch (error) {
    console.error(`[release] ${error.message}`);
    process.exit(2);
  }
}

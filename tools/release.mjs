// npm run release -- <dir>: writes the student kit to <dir> (a new or empty folder) as a git
// repository with one commit: every file of the course except what grades it. Left out:
// solutions/ (reference solutions and mistake catalogues), grading/ (hidden tests and points),
// grader/ and the instructor tools, and the tests that need any of those. The exercise stubs must
// be current (npm run exercises) so that no answer ships in them; the README loses its instructor
// parts and package.json the instructor scripts; the repo2docker files of tools/binder/ (for
// Binder and JupyterHub images) become the kit's binder/. The repository stores notebooks without
// outputs (the course's git filter is set in it), and the command prints the next steps.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setupNotebookFilter } from "./course/notebook-filter.mjs";
import { solutionIds, stubStatus } from "./exercise-stubs.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SECRET_DIRS = ["solutions/", "grading/", "grader/", "test/grading-corpus/"];
/** Files outside those folders that hold answers: the class of right answers the similarity tests grade. */
const SECRET_FILES = ["test/support/class.ts"];
export const INSTRUCTOR_TOOLS = ["tools/grade.mjs", "tools/release.mjs", "tools/gradescope.mjs", "tools/exercise-stubs.mjs"];
const INSTRUCTOR_SCRIPTS = ["grade", "release", "gradescope", "exercises"];
/** repo2docker's configuration: kept in the instructor's course under tools/binder/, it is the kit's binder/. */
const BINDER_TEMPLATES = "tools/binder/";
/** What the student README must not mention: the instructor's folders and tools. */
const INSTRUCTOR_PATHS = /\b(solutions|grading|grader)\/|tools\/(grade|release|gradescope|exercise-stubs)\.mjs|npm run (grade|release|gradescope|exercises)\b/;
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
    else if (SECRET_FILES.includes(f)) leave.push([f, "holds answers"]);
    else if (f.startsWith(BINDER_TEMPLATES)) keep.push(f); // copied to binder/
    else if (INSTRUCTOR_TOOLS.includes(f)) leave.push([f, "instructor tool"]);
    else if (f.startsWith("test/") && f.endsWith(".ts") && NEEDS_INSTRUCTOR.test(fs.readFileSync(path.join(root, f), "utf8"))) leave.push([f, "test that needs instructor files"]);
    else keep.push(f);
  }
  return { keep, leave };
}

/**
 * The README without the parts between <!-- instructor --> and <!-- /instructor --> (whole
 * sections, or a few words inside a sentence); throws naming the line when what is left still
 * mentions an instructor file, which the kit does not hold.
 */
export function studentReadme(text) {
  const out = text.replace(/<!-- instructor -->[\s\S]*?<!-- \/instructor -->\n?/g, "");
  const line = out.split("\n").findIndex((l) => INSTRUCTOR_PATHS.test(l));
  if (line >= 0) throw new Error(`the student README would still mention instructor files, line ${line + 1}: "${out.split("\n")[line].trim().slice(0, 120)}"; wrap that part in <!-- instructor --> ... <!-- /instructor -->`);
  return out;
}

/** Where a kit file goes: tools/binder/X becomes binder/X, everything else keeps its path. */
function kitPath(f) {
  return f.startsWith(BINDER_TEMPLATES) ? "binder/" + f.slice(BINDER_TEMPLATES.length) : f;
}

/** git, run in the kit; throws with git's message when it fails. */
function git(cwd, args) {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.error) throw new Error(`git is needed to make the kit a repository: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/**
 * Makes the kit a git repository with one commit of every file. The course's notebook filter is
 * set first, so notebooks are committed (and later stored) without outputs. The commit is the
 * instructor's when git knows them, else "Course release".
 */
function commitKit(out, root) {
  git(out, ["-c", "init.defaultBranch=main", "init", "-q"]);
  setupNotebookFilter(out);
  const who = (key) => spawnSync("git", ["config", key], { cwd: root, encoding: "utf8" }).stdout?.trim();
  const identity = who("user.name") && who("user.email") ? [] : ["-c", "user.name=Course release", "-c", "user.email=release@localhost"];
  git(out, ["add", "-A"]);
  git(out, [...identity, "commit", "-q", "-m", "The student kit of the course"]);
  return git(out, ["rev-parse", "--short", "HEAD"]);
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
  const readme = studentReadme(fs.readFileSync(path.join(root, "README.md"), "utf8"));
  for (const f of keep) {
    const to = path.join(out, kitPath(f));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (f === "README.md") fs.writeFileSync(to, readme);
    else if (f === "package.json") {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));
      for (const s of INSTRUCTOR_SCRIPTS) delete pkg.scripts[s];
      fs.writeFileSync(to, JSON.stringify(pkg, null, 2) + "\n");
    } else fs.copyFileSync(path.join(root, f), to);
    fs.chmodSync(to, fs.statSync(path.join(root, f)).mode & 0o777);
  }
  const commit = commitKit(out, root);
  return { out, keep, leave, commit, binder: keep.some((f) => f.startsWith(BINDER_TEMPLATES)) };
}

/** What the instructor does with the kit. */
export function nextSteps(out, binder) {
  const name = path.basename(out);
  return [
    "Next steps:",
    `  1. Try it as a student would: cd ${out} && ./course   (sets up, then opens JupyterLab)`,
    `  2. Publish it: create an empty repository (e.g. ${name} on GitHub or GitLab), then`,
    `       cd ${out} && git remote add origin <its URL> && git push -u origin main`,
    `  3. Students: git clone <its URL> && cd ${name} && ./course; they hand in with npm run handin,`,
    "     and you grade each handin-<name>.zip here with npm run grade -- <zip> (or --batch <folder>).",
    ...(binder ? ["  4. For Binder or a JupyterHub image, point repo2docker at the published repository (binder/ holds its configuration)."] : []),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: npm run release -- <folder for the student kit>");
    process.exit(2);
  }
  try {
    const r = release(target);
    console.log(`student kit: ${r.keep.length} files in ${r.out}, a git repository with one commit (${r.commit}); left out ${r.leave.length}:`);
    const byReason = new Map();
    for (const [f, why] of r.leave) byReason.set(why, [...(byReason.get(why) ?? []), f]);
    for (const [why, files] of byReason) console.log(`  ${why}: ${files.length > 6 ? `${files.slice(0, 6).join(", ")}, ... (${files.length})` : files.join(", ")}`);
    if (!r.binder) console.log(`  (no ${BINDER_TEMPLATES} in this course, so the kit has no binder/ for Binder and JupyterHub images)`);
    console.log(nextSteps(r.out, r.binder));
  } catch (error) {
    console.error(`[release] ${error.message}`);
    process.exit(2);
  }
}

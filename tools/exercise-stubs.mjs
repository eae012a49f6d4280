// Generates the student stubs exercises/NN-name.ts from the reference solutions solutions/NN-name.ts.
//
//   npm run exercises                 regenerate every stub whose solution changed
//   npm run exercises -- --check      exit 1 when a stub is out of date (nothing is written)
//   npm run exercises -- --force      also overwrite stubs a student has edited
//
// In a solution, the answer sits between a line `// BEGIN SOLUTION` and a line `// END SOLUTION`
// inside an exported function; the stub keeps everything else (signature, doc comment, hints) and
// replaces the answer with a "not implemented yet" error naming the file and the function. The
// stub's first line records a hash of the solution it came from and of its own body, so that an
// out-of-date stub is detected and a student's edited copy is never overwritten by accident; it
// names no instructor file, since the stub ships in the student kit.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The stub's first line. It names no instructor file (the stub ships to students); the bracket
// holds a hash of the solution it came from and one of its own body.
const HEADER = /^\/\/ exercises\/(\S+)\.ts, your copy of this exercise: replace each "not implemented yet" line with your code\. \[stub ([0-9a-f]{12})-([0-9a-f]{12})\]\n/;
// The header stubs had before: read so that such a stub counts as out of date, not as a student's work.
const LEGACY_HEADER = /^\/\/ Your copy of this exercise, generated from solutions\/(\S+)\.ts by `npm run exercises` \[solution ([0-9a-f]{12}), stub ([0-9a-f]{12})\]\n/;

const hash = (text) => createHash("sha256").update(text).digest("hex").slice(0, 12);

/** The stub text for a solution's source; throws naming the line when the markers are wrong. */
export function generateStub(id, solution) {
  const lines = solution.split("\n");
  const out = [];
  let open = null;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = line.trim();
    if (marker === "// BEGIN SOLUTION") {
      if (open) throw new Error(`solutions/${id}.ts:${i + 1}: BEGIN SOLUTION inside the region opened at line ${open.line}`);
      const fn = enclosingFunction(lines, i);
      if (!fn) throw new Error(`solutions/${id}.ts:${i + 1}: BEGIN SOLUTION must be inside an exported function`);
      open = { line: i + 1, fn, indent: line.slice(0, line.indexOf("//")) };
      continue;
    }
    if (marker === "// END SOLUTION") {
      if (!open) throw new Error(`solutions/${id}.ts:${i + 1}: END SOLUTION without a BEGIN SOLUTION`);
      out.push(`${open.indent}throw new Error("not implemented yet: write ${open.fn} in exercises/${id}.ts");`);
      open = null;
      count++;
      continue;
    }
    if (!open) out.push(line);
  }
  if (open) throw new Error(`solutions/${id}.ts:${open.line}: BEGIN SOLUTION is never closed by END SOLUTION`);
  if (count === 0) throw new Error(`solutions/${id}.ts has no // BEGIN SOLUTION ... // END SOLUTION region`);
  const body = out.join("\n");
  return `// exercises/${id}.ts, your copy of this exercise: replace each "not implemented yet" line with your code. [stub ${hash(solution)}-${hash(body)}]\n${body}`;
}

function enclosingFunction(lines, at) {
  for (let i = at; i >= 0; i--) {
    const m = /^export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(lines[i]);
    if (m) return m[1];
  }
  return null;
}

/** What a stub file on disk is: "missing", "current", "outdated" (its solution changed) or "edited" (a student's copy). */
export function stubStatus(id, solution, stubText) {
  if (stubText === null) return "missing";
  const legacy = LEGACY_HEADER.exec(stubText);
  if (legacy) return hash(stubText.slice(legacy[0].length)) === legacy[3] ? "outdated" : "edited-outdated";
  const m = HEADER.exec(stubText);
  if (!m) return "edited";
  const bodyUnchanged = hash(stubText.slice(m[0].length)) === m[3];
  if (m[2] !== hash(solution)) return bodyUnchanged ? "outdated" : "edited-outdated";
  if (bodyUnchanged && stubText !== generateStub(id, solution)) return "outdated"; // the generator itself changed
  return bodyUnchanged ? "current" : "edited";
}

/** The ids (file names without .ts) of the solutions that have exercises. */
export function solutionIds(root = ROOT) {
  const dir = path.join(root, "solutions");
  return fs.readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
}

function read(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function main(args) {
  const check = args.includes("--check");
  const force = args.includes("--force");
  let problems = 0;
  for (const id of solutionIds()) {
    const solution = fs.readFileSync(path.join(ROOT, "solutions", `${id}.ts`), "utf8");
    const target = path.join(ROOT, "exercises", `${id}.ts`);
    let stub;
    try {
      stub = generateStub(id, solution);
    } catch (error) {
      console.error(`[exercises] error: ${error.message}`);
      problems++;
      continue;
    }
    const status = stubStatus(id, solution, read(target));
    if (check) {
      if (status === "missing" || status === "outdated" || status === "edited-outdated") {
        console.error(`[exercises] exercises/${id}.ts is ${status === "missing" ? "missing" : "out of date"}: run npm run exercises`);
        problems++;
      }
      continue;
    }
    if (status === "current") continue;
    if (status.startsWith("edited") && !force) {
      console.log(`[exercises] kept exercises/${id}.ts: it has been edited (your work?); --force overwrites it`);
      continue;
    }
    fs.writeFileSync(target + ".tmp", stub);
    fs.renameSync(target + ".tmp", target);
    console.log(`[exercises] wrote exercises/${id}.ts`);
  }
  return problems ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(main(process.argv.slice(2)));
}

// npm run gradescope [-- out.zip]: writes the Gradescope autograder zip (default
// build/gradescope/autograder.zip). Gradescope unpacks it into /autograder/source and runs
// setup.sh there once; for each submission it runs run_autograder, which grades
// /autograder/submission into /autograder/results/results.json. The zip holds only what grading
// needs: the library, public checks, hidden tests (with grading/policy.ts, the assignment's
// policy), reference solutions and the grader.
// AUTOGRADER_ROOT replaces /autograder (the tests run run_autograder against a fake tree).
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { zipSync } from "fflate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PARTS = ["package.json", "package-lock.json", "tsconfig.json", "lib", "exercises/checks", "grading", "grader", "solutions", "tools/grade.mjs", "tools/check-exercises.mjs"];

export const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, in /autograder/source, when the autograder is built.
set -euxo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y ca-certificates curl gnupg util-linux
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
npm ci --omit=dev --no-audit --no-fund
# The type check's declarations of the library, emitted once here rather than in every submission's time.
node tools/grade.mjs --prepare
# The sandbox's tools: unshare (own network namespace) and prlimit (memory), from util-linux.
command -v unshare && command -v prlimit || true
`;

export const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this for each submission; it always leaves a results.json.
set -uo pipefail
AG="\${AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$AG/results"
cd "$AG/source"
# submission_metadata.json gives the submission's time, the due dates and earlier submissions
# (late penalty and submission limit of grading/policy.ts).
if ! node tools/grade.mjs --gradescope "$AG/submission" --metadata "$AG/submission_metadata.json" --results "$AG/results/results.json"; then
  printf '%s\\n' '{"score": 0, "output": "The autograder itself failed (not your code): please tell your instructor.", "tests": []}' > "$AG/results/results.json"
fi
`;

function addTree(files, root, rel) {
  const full = path.join(root, rel);
  if (fs.statSync(full).isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) addTree(files, root, path.join(rel, name));
  } else {
    files[rel.split(path.sep).join("/")] = [fs.readFileSync(full), { mode: fs.statSync(full).mode & 0o777 }];
  }
}

/** Checks a policy file the way the grader reads it (grader/policy-file.ts); throws its error. */
export async function checkPolicy(file, root = ROOT) {
  const require = createRequire(path.join(root, "package.json"));
  const built = await require("esbuild").build({
    stdin: { contents: `export { loadPolicy } from ${JSON.stringify(path.join(root, "grader", "policy-file.ts"))};`, resolveDir: root, loader: "ts" },
    bundle: true, platform: "node", format: "cjs", target: "node20", write: false, packages: "external", logLevel: "silent",
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-policy-check-"));
  try {
    fs.writeFileSync(path.join(dir, "check.cjs"), built.outputFiles[0].text);
    return createRequire(path.join(dir, "check.cjs"))(path.join(dir, "check.cjs")).loadPolicy(root, path.resolve(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the autograder zip; returns its path and file list. `policy` (a file in grading/, such
 * as grading/policy-hw2.ts) goes into the zip as grading/policy.ts, the policy the autograder reads.
 */
export function buildGradescopeZip(out = path.join(ROOT, "build", "gradescope", "autograder.zip"), root = ROOT, policy = null) {
  const files = {};
  for (const part of PARTS) addTree(files, root, part);
  if (policy) files["grading/policy.ts"] = [fs.readFileSync(policy), {}];
  // Zip entries carry Unix modes in their external attributes; fflate takes them via `os`/`attrs`.
  const exec = (text) => [new TextEncoder().encode(text), { os: 3, attrs: (0o100755 << 16) >>> 0 }];
  files["setup.sh"] = exec(SETUP_SH);
  files["run_autograder"] = exec(RUN_AUTOGRADER);
  const entries = Object.fromEntries(Object.entries(files).map(([name, [data, opts]]) => [name, [data, opts.os ? opts : {}]]));
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${path.resolve(out)}.tmp`;
  fs.writeFileSync(tmp, zipSync(entries, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") }));
  fs.renameSync(tmp, path.resolve(out));
  return { out: path.resolve(out), files: Object.keys(entries).sort() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--policy");
  const policy = at >= 0 ? args.splice(at, 2)[1] : null;
  const policyFile = path.resolve(policy ?? path.join(ROOT, "grading", "policy.ts"));
  if (at >= 0 && (!policy || path.dirname(policyFile) !== path.join(ROOT, "grading"))) {
    console.error("[gradescope] --policy needs a policy file in grading/ (its import of ../grader/policy must resolve there), e.g. grading/policy-hw2.ts");
    process.exit(2);
  }
  let checked;
  try {
    checked = await checkPolicy(policyFile);
  } catch (error) {
    console.error(`[gradescope] ${error.message}`);
    process.exit(2);
  }
  const r = buildGradescopeZip(args[0], ROOT, policy && policyFile);
  console.log(`Gradescope autograder: ${r.out} (${r.files.length} files, with setup.sh and run_autograder). Upload it as the assignment's autograder (Ubuntu base image).`);
  console.log(`policy: ${path.relative(ROOT, policyFile)}: sets ${checked.sets ? checked.sets.join(", ") : "all"}; hidden tests "${checked.hiddenTests}"; ${checked.maxSubmissions === null ? "no submission limit" : `at most ${checked.maxSubmissions} graded submissions`}; late penalty ${JSON.stringify(checked.latePenalty)} (due dates from Gradescope)`);
}

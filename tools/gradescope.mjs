// npm run gradescope [-- out.zip]: writes the Gradescope autograder zip (default
// build/gradescope/autograder.zip). Gradescope unpacks it into /autograder/source and runs
// setup.sh there once; for each submission it runs run_autograder, which grades
// /autograder/submission into /autograder/results/results.json. The zip holds only what grading
// needs: the library, public checks, hidden tests, reference solutions and the grader.
// AUTOGRADER_ROOT replaces /autograder (the tests run run_autograder against a fake tree).
import fs from "node:fs";
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
# The sandbox's tools: unshare (own network namespace) and prlimit (memory), from util-linux.
command -v unshare && command -v prlimit || true
`;

export const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this for each submission; it always leaves a results.json.
set -uo pipefail
AG="\${AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$AG/results"
cd "$AG/source"
if ! node tools/grade.mjs --gradescope "$AG/submission" --results "$AG/results/results.json"; then
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

/** Writes the autograder zip; returns its path and file list. */
export function buildGradescopeZip(out = path.join(ROOT, "build", "gradescope", "autograder.zip"), root = ROOT) {
  const files = {};
  for (const part of PARTS) addTree(files, root, part);
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
  const r = buildGradescopeZip(process.argv[2]);
  console.log(`Gradescope autograder: ${r.out} (${r.files.length} files, with setup.sh and run_autograder). Upload it as the assignment's autograder (Ubuntu base image).`);
}

// npm run grade -- <hand-in folder or .zip> | --batch <folder> | --gradescope <folder> --results <file>
// Bundles the grader (grader/cli.ts) with every exercise set's public checks (exercises/checks/),
// hidden tests (grading/) and reference solutions (solutions/) into build/grader/, then runs it.
// The options are explained in grader/cli.ts and the README's instructor guide.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { checkedIds } from "./check-exercises.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Builds build/grader/cli.cjs from every exercise set with public checks; throws naming a set that lacks hidden tests or a solution. */
export async function buildGrader(root = ROOT) {
  const ids = checkedIds(root);
  for (const id of ids) {
    for (const rel of [`grading/${id}.ts`, `solutions/${id}.ts`]) {
      if (!fs.existsSync(path.join(root, rel))) throw new Error(`${rel} is missing: every exercise set needs hidden tests and a reference solution to be graded`);
    }
  }
  const q = (rel) => JSON.stringify(path.join(root, rel));
  const entry = [
    `import { main } from ${q("grader/cli.ts")};`,
    ...ids.map((id, k) => `import { checks as c${k} } from ${q(`exercises/checks/${id}.ts`)};\nimport { grading as g${k} } from ${q(`grading/${id}.ts`)};\nimport * as s${k} from ${q(`solutions/${id}.ts`)};`),
    `export const sets = [${ids.map((_, k) => `{ checks: c${k}, grading: g${k}, solution: s${k} }`).join(", ")}];`,
    `export const run = (argv, root) => main(argv, root, sets);`,
  ].join("\n");
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild");
  const out = path.join(root, "build", "grader", "cli.cjs");
  // Written whole and renamed into place: graders started at the same time never read half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: "grade-cli.ts", loader: "ts" },
    bundle: true, platform: "node", format: "cjs", target: "node20", outfile: tmp, logLevel: "silent", packages: "external",
  });
  fs.renameSync(tmp, out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const cli = createRequire(import.meta.url)(await buildGrader());
  process.exitCode = await cli.run(process.argv.slice(2), ROOT);
}

// npm run check [-- NN ...] [--dir DIR]: runs the public checks of the exercises in a terminal,
// the same checks as the notebooks' check cells, against your files in exercises/ (or DIR). With
// no argument it checks every exercise file; "05" or "05-backpropagation" picks one. Exit 0 when
// all pass. The command itself is lib/exercise/tools/check-command.ts, built here with esbuild.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The ids that have public checks: exercises/checks/NN-name.ts. */
export function checkedIds(root = ROOT) {
  return fs.readdirSync(path.join(root, "exercises", "checks")).filter((f) => /^\d\d-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
}

/** Builds the command (written whole, then renamed: two checks started at once never read half a file). */
async function buildCommand(root = ROOT) {
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild");
  const out = path.join(root, "build", "check", "check-command.mjs");
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [path.join(root, "lib", "exercise", "tools", "check-command.ts")],
    bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", outfile: tmp, logLevel: "silent",
    // The library's own require("typescript") (the shortcut scan) in an ES module.
    banner: { js: 'import { createRequire as __courseRequire } from "node:module"; const require = __courseRequire(import.meta.url);' },
  });
  fs.renameSync(tmp, out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { main } = await import(pathToFileURL(await buildCommand()).href);
  process.exit(await main(process.argv.slice(2), ROOT, checkedIds(ROOT)));
}

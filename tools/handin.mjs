// npm run handin [-- NAME]: packs the exercise files (exercises/NN-name.ts, not the checks) into
// handin-<NAME>.zip in the course folder, which `npm run grade` accepts as it is. No system `zip`
// is needed (fflate, already a dependency, writes it). NAME is the argument, else git's
// user.name, else the computer's user name, reduced to letters, digits, ".", "_" and "-".
// It says where the zip is (a JupyterLab user downloads it from the file browser) and which
// functions still throw "not implemented yet".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { strToU8, zipSync } from "fflate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXERCISE = /^\d\d-[\w.-]+\.ts$/;
const STUB = /throw new Error\("not implemented yet: write (\w+) in /g;

/** A name as a file-name part: accents dropped, every other run of unsafe characters one "-". */
export function safeName(name) {
  return String(name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60);
}

/** The hand-in's name: the argument, else git's user.name, else the OS user; "" when none gives a usable name. */
export function handinName(arg, root = ROOT) {
  if (arg !== undefined) return safeName(arg);
  const git = spawnSync("git", ["config", "user.name"], { cwd: root, encoding: "utf8" });
  const fromGit = git.status === 0 ? safeName(git.stdout.trim()) : "";
  if (fromGit) return fromGit;
  try {
    return safeName(os.userInfo().username);
  } catch {
    return "";
  }
}

/**
 * Writes handin-<name>.zip of root's exercise files (as exercises/NN-name.ts) and returns what
 * it holds: the zip's path, the files, and per file the functions that still throw "not implemented yet".
 */
export function handin(name, root = ROOT) {
  if (!name) throw new Error('no name to put on the hand-in: give one, e.g. npm run handin -- "Ada Lovelace"');
  const dir = path.join(root, "exercises");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => EXERCISE.test(f)).sort() : [];
  if (files.length === 0) throw new Error(`${dir} holds no exercise files (NN-name.ts): run this in the course folder`);
  const entries = {};
  const unfinished = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    entries[`exercises/${f}`] = strToU8(text);
    const names = [...text.matchAll(STUB)].map((m) => m[1]);
    if (names.length) unfinished.push({ file: `exercises/${f}`, functions: names });
  }
  const zip = path.join(root, `handin-${name}.zip`);
  fs.writeFileSync(zip + ".tmp", zipSync(entries, { level: 9 }));
  fs.renameSync(zip + ".tmp", zip);
  return { zip, files: files.map((f) => `exercises/${f}`), unfinished };
}

function main(args) {
  if (args.includes("--help") || args.includes("-h")) {
    console.log('usage: npm run handin [-- "Your Name"]   (default: git\'s user.name, else your user name on this computer)');
    return 0;
  }
  const option = args.find((a) => a.startsWith("-"));
  if (option) {
    console.error(`[handin] unknown option ${option}: give your name alone, npm run handin -- "Ada Lovelace" (or nothing: git's user.name)`);
    return 2;
  }
  if (args.length > 1) {
    console.error(`[handin] give at most one name (quote a name with spaces): npm run handin -- "Ada Lovelace"`);
    return 2;
  }
  try {
    const r = handin(handinName(args[0]));
    const kb = (fs.statSync(r.zip).size / 1000).toFixed(1);
    console.log(`[handin] wrote ${path.basename(r.zip)} (${r.files.length} exercise files, ${kb} kB) in the course folder:`);
    console.log(`  ${r.zip}`);
    if (r.unfinished.length) {
      const count = r.unfinished.reduce((n, u) => n + u.functions.length, 0);
      console.log(`[handin] ${count} function(s) still throw "not implemented yet" and will score 0:`);
      for (const u of r.unfinished) console.log(`  ${u.file}: ${u.functions.join(", ")}`);
    }
    console.log("[handin] to hand it in:");
    console.log(`  - in JupyterLab: in the file browser on the left, go to the course folder (the one holding notebooks/ and`);
    console.log(`    exercises/), right-click ${path.basename(r.zip)} and choose Download; then upload it where your instructor asks;`);
    console.log(`  - in a terminal: upload ${r.zip} where your instructor asks.`);
    console.log("  Run npm run handin again after any change: it writes the zip anew.");
    return 0;
  } catch (error) {
    console.error(`[handin] ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(main(process.argv.slice(2)));
}

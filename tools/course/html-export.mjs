// `./course export [--out DIR] [--jobs N] [--fresh] [notebook.ipynb ...]`: runs the notebooks and writes the
// course as a static site (tools/export_html.py): an index page with the course table, one page
// per notebook, the exercise files as highlighted pages, and plotly.js, MathJax and the stylesheet
// once in assets/. It works from file://, offline.
//
// The notebooks run in a copy of the course under build/export-run/, so their outputs never touch
// notebooks/ and the exercise files can differ from the working copies: in the instructor's
// course (which has solutions/) the reference solutions take the stubs' place, so check cells
// pass and cells that build on the student's functions show what they draw; in a student's kit
// the student's own files run, and check reports that did not pass are left out of the pages.
// Several notebooks run at once (one kernel each, --jobs, default: one per core), and a notebook
// whose inputs are unchanged since the last export is not run again (build/export-cache/; --fresh
// runs them all).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { CourseError, log, ROOT, runChild } from "./process.mjs";
import { jupyterEnv, VENV, VENV_PYTHON } from "./python-env.mjs";
import { setup } from "./setup.mjs";

const RUN = path.join(ROOT, "build", "export-run");
const CACHE = path.join(ROOT, "build", "export-cache");
// Copied into the run: what a notebook can import and what runs it.
const RUN_FOLDERS = ["lib", "tools", "exercises"];
/** What the notebooks' outputs depend on (the fingerprint): not the export's own code. */
const RUNS_NOTEBOOKS = (rel) => rel.startsWith("lib/") || rel.startsWith("exercises/") || /^tools\/(.*\.cjs|run_notebook\.py|jupyter_env\.py)$/.test(rel);

/** Minifies plotly.js once (10 MB -> ~4.8 MB) and caches it under build/, keyed by versions. */
async function minifiedPlotly() {
  const require = createRequire(path.join(ROOT, "package.json"));
  const plotlyFile = require.resolve("plotly.js-dist/plotly.js");
  const plotlyVersion = require("plotly.js-dist/package.json").version;
  const esbuild = require("esbuild");
  const cached = path.join(ROOT, "build", `plotly-${plotlyVersion}-esbuild-${esbuild.version}.min.js`);
  if (fs.existsSync(cached)) return cached;
  log(`minifying plotly.js ${plotlyVersion} for the exported pages (cached in build/)...`);
  const { code } = esbuild.transformSync(fs.readFileSync(plotlyFile, "utf8"), { minify: true, target: "es2018" });
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(cached + ".tmp", code);
  fs.renameSync(cached + ".tmp", cached);
  return cached;
}

/** Every file under `dir`, relative to it, sorted (for the fingerprint). */
function filesUnder(dir, rel = "") {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? (e.name === "__pycache__" ? [] : filesUnder(path.join(dir, e.name), path.join(rel, e.name))) : e.isFile() ? [path.join(rel, e.name)] : []));
}

/**
 * The copy the notebooks run in: lib/, tools/, exercises/ (with the reference solutions in the
 * stubs' place when `solutions`), the notebooks and the top-level files, node_modules linked.
 * Its kernel spec is the course's, started from the copy's tools/. Returns the copy's notebooks,
 * its Jupyter environment and a fingerprint of everything a notebook can import.
 */
function prepareRun(notebooks, solutions) {
  fs.rmSync(RUN, { recursive: true, force: true });
  fs.mkdirSync(path.join(RUN, "notebooks"), { recursive: true });
  for (const entry of fs.readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith(".zip")) fs.copyFileSync(path.join(ROOT, entry.name), path.join(RUN, entry.name));
  }
  for (const folder of RUN_FOLDERS) fs.cpSync(path.join(ROOT, folder), path.join(RUN, folder), { recursive: true });
  if (solutions) {
    for (const name of fs.readdirSync(path.join(ROOT, "solutions")).filter((n) => /^\d\d-.*\.ts$/.test(n))) {
      fs.copyFileSync(path.join(ROOT, "solutions", name), path.join(RUN, "exercises", name));
    }
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(RUN, "node_modules"), "dir");
  const copies = notebooks.map((file) => {
    const to = path.join(RUN, "notebooks", path.basename(file));
    fs.copyFileSync(file, to);
    return to;
  });
  const specFile = path.join(VENV, "share", "jupyter", "kernels", "tslab-mlp", "kernel.json");
  if (!fs.existsSync(specFile)) throw new CourseError(`the course kernel is not registered (${specFile} is missing); run ./course setup`);
  const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
  spec.argv = spec.argv.map((a) => (typeof a === "string" && a.startsWith(path.join(ROOT, "tools") + path.sep) ? path.join(RUN, path.relative(ROOT, a)) : a));
  const kernels = path.join(RUN, ".jupyter-path", "kernels", "tslab-mlp");
  fs.mkdirSync(kernels, { recursive: true });
  fs.writeFileSync(path.join(kernels, "kernel.json"), JSON.stringify(spec, null, 2));

  const hash = createHash("sha256");
  for (const folder of RUN_FOLDERS) {
    for (const rel of filesUnder(path.join(RUN, folder)).map((f) => `${folder}/${f}`).filter(RUNS_NOTEBOOKS)) {
      hash.update(`${rel}\0`).update(fs.readFileSync(path.join(RUN, rel))).update("\0");
    }
  }
  for (const file of ["package-lock.json", "requirements.txt", "tsconfig.json"]) {
    if (fs.existsSync(path.join(ROOT, file))) hash.update(fs.readFileSync(path.join(ROOT, file)));
  }
  hash.update(JSON.stringify(spec));
  const env = jupyterEnv();
  env.JUPYTER_PATH = [path.join(RUN, ".jupyter-path"), env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  return { copies, env, fingerprint: hash.digest("hex") };
}

function usage(message) {
  return new CourseError(`${message}\nusage: ./course export [--out DIR] [--jobs N] [--fresh] [notebook.ipynb ...]`);
}

export async function exportHtml(args) {
  const started = Date.now();
  await setup();
  let outDir = path.join(ROOT, "build", "html");
  let jobs = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
  const notebooks = [];
  let fresh = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i] ?? "";
    if (flag === "--out") outDir = path.resolve(value());
    else if (flag === "--fresh") fresh = true;
    else if (flag === "--jobs") {
      jobs = Number(value());
      if (!Number.isInteger(jobs) || jobs < 1) throw usage(`--jobs takes a whole number of notebooks run at once, 1 or more`);
    } else if (flag.startsWith("-")) throw usage(`unknown option ${flag}`);
    else {
      const file = path.resolve(args[i]);
      if (!file.endsWith(".ipynb") || !fs.existsSync(file)) throw usage(`${args[i]} is not a notebook file (.ipynb)`);
      notebooks.push(file);
    }
  }
  if (notebooks.length === 0) {
    const dir = path.join(ROOT, "notebooks");
    for (const name of fs.readdirSync(dir).sort()) if (/^\d\d-.*\.ipynb$/.test(name)) notebooks.push(path.join(dir, name));
  }
  const names = notebooks.map((f) => path.basename(f));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw usage(`two notebooks are named ${twice}`);
  if (outDir === ROOT || ROOT.startsWith(outDir + path.sep) || outDir.startsWith(RUN + path.sep) || outDir === RUN) {
    throw usage(`--out ${outDir} would hold the course itself; choose a folder of its own (default build/html)`);
  }

  const solutions = fs.existsSync(path.join(ROOT, "solutions"));
  const plotly = await minifiedPlotly();
  // MathJax 3's SVG build carries its fonts and every TeX extension, so pages typeset offline.
  const mathjax = createRequire(path.join(ROOT, "package.json")).resolve("mathjax/es5/tex-svg-full.js");
  const run = prepareRun(notebooks, solutions);
  log(`running ${notebooks.length} notebook(s), ${jobs} at a time, with ${solutions ? "the reference solutions as exercise files" : "your exercise files"}; writing ${path.relative(process.cwd(), outDir) || outDir}/ ...`);
  const code = await runChild(VENV_PYTHON, [
    path.join(ROOT, "tools", "export_html.py"),
    "--course", ROOT, "--run", RUN, "--out", outDir, "--plotly", plotly, "--mathjax", mathjax,
    "--jobs", String(jobs), "--fingerprint", run.fingerprint, "--cache", CACHE,
    ...(fresh ? ["--fresh"] : []),
    ...(solutions ? [] : ["--hide-unfinished"]),
    ...run.copies,
  ], { env: run.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`export ${code === 0 ? "finished" : "finished with failing cells (see above)"} in ${seconds} s: open ${path.join(outDir, "index.html")}`);
  return code;
}

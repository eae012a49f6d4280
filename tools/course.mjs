// The course's one command (./course, npm start/test/export). It runs before `npm install`,
// so it uses Node's builtins only.
//
//   node tools/course.mjs [lab] [jupyter options]   set up, then open JupyterLab on notebooks/
//   node tools/course.mjs setup                     install what is missing, nothing else
//   node tools/course.mjs test [vitest options]     set up, type-check, run the test suite
//   node tools/course.mjs export [--out DIR] [notebook.ipynb ...]
//                                                   run notebooks, write standalone HTML
//
// Setup is idempotent: each step leaves a stamp (a hash of what it installed from) and is
// skipped while the stamp matches, so a second run starts JupyterLab within seconds.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VENV = path.join(ROOT, ".venv");
const VENV_PYTHON = path.join(VENV, "bin", "python");
const NPM_STAMP = path.join(ROOT, "node_modules", ".course-package-lock.sha256");
const PIP_STAMP = path.join(VENV, ".course-requirements.sha256");
export const KERNEL_NAME = "tslab-mlp";
const KERNEL_DIR = path.join(VENV, "share", "jupyter", "kernels", KERNEL_NAME);
const MIN_NODE_MAJOR = 20;
// ipython 9 and ipykernel 7, pinned in requirements.txt, require Python 3.11.
export const MIN_PYTHON = [3, 11];
const PYPI_PROBE_URL = "https://pypi.org/simple/pip/";
const PYPI_PROBE_TIMEOUT_MS = 4000;

/** A failure the student can act on: printed as one clear message, without a stack trace. */
export class CourseError extends Error {}

function log(message) {
  console.log(`[course] ${message}`);
}

function sha256(file) {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function readStamp(file) {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

/** Runs a command with the terminal attached; throws a CourseError naming it if it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (result.error) throw new CourseError(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new CourseError(`${[path.basename(command), ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
}

/** Runs a command quietly and returns its stdout, or null when it cannot run or fails. */
function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", cwd: ROOT, ...options });
  return result.error || result.status !== 0 ? null : result.stdout;
}

export function checkNode(version = process.versions.node) {
  const major = Number(version.split(".")[0]);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new CourseError(`Node.js ${version} is too old: the course needs Node.js ${MIN_NODE_MAJOR} or newer (https://nodejs.org).`);
  }
}

// ---------------------------------------------------------------------------------------------
// npm

function setupNpm() {
  const lockHash = sha256(path.join(ROOT, "package-lock.json"));
  if (fs.existsSync(path.join(ROOT, "node_modules")) && readStamp(NPM_STAMP) === lockHash) {
    log("npm packages are up to date (node_modules matches package-lock.json)");
    return;
  }
  log("installing npm packages (npm ci)...");
  // Under `npm test`, npm_execpath is the npm that is running us: use the same one.
  const npmCli = process.env.npm_execpath;
  if (npmCli && npmCli.endsWith(".js")) run(process.execPath, [npmCli, "ci"]);
  else run("npm", ["ci"]);
  fs.writeFileSync(NPM_STAMP, lockHash + "\n");
}

// ---------------------------------------------------------------------------------------------
// Python

/**
 * Finds a Python that can create the course's virtual environment: COURSE_PYTHON if set,
 * else the first of python3, python3.13, python3.12, python3.11 on PATH that is new enough.
 * Throws a CourseError naming what is missing.
 */
export function findPython(env = process.env) {
  const candidates = env.COURSE_PYTHON ? [env.COURSE_PYTHON] : ["python3", "python3.13", "python3.12", "python3.11"];
  const want = MIN_PYTHON.join(".");
  let tooOld = null;
  for (const candidate of candidates) {
    const out = capture(candidate, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { env });
    if (out === null) continue;
    const version = out.trim();
    const [major, minor] = version.split(".").map(Number);
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
      tooOld = tooOld ?? `${candidate} is Python ${version}`;
      continue;
    }
    // Debian and Ubuntu ship venv without ensurepip unless python3-venv is installed.
    if (capture(candidate, ["-c", "import venv, ensurepip"], { env }) === null) {
      throw new CourseError(
        `${candidate} (Python ${version}) has no working venv module (venv or ensurepip is missing). ` +
          `Install it (Debian/Ubuntu: sudo apt install python3-venv) and run ./course again.`,
      );
    }
    return { command: candidate, version };
  }
  if (tooOld) {
    throw new CourseError(
      `Python ${want} or newer is needed (the pinned JupyterLab stack requires it), but ${tooOld}. ` +
        `Install a newer Python (https://www.python.org/downloads/), or point COURSE_PYTHON at one.`,
    );
  }
  throw new CourseError(
    env.COURSE_PYTHON
      ? `COURSE_PYTHON=${env.COURSE_PYTHON} cannot be run. Point it at a Python ${want} or newer.`
      : `Python 3 was not found (no python3 on PATH). Install Python ${want} or newer (https://www.python.org/downloads/) and run ./course again.`,
  );
}

/** Parses `pip config list` output (lines like global.extra-index-url='a b') into key -> value. */
export function parsePipConfig(text) {
  const config = {};
  for (const line of text.split("\n")) {
    const match = /^(.*?)\.([a-z-]+)='(.*)'$/.exec(line.trim());
    if (match) config[match[2]] = match[3];
  }
  return config;
}

/**
 * Decides which package index pip uses. pip's defaults are kept whenever they can work: an index
 * configured by the user, a proxy, or a reachable pypi.org. Otherwise (machines without internet
 * but with a local mirror configured as extra-index-url) the mirror becomes the index, because
 * pip would spend minutes retrying an unreachable pypi.org. Returns { args, reason }.
 */
export async function choosePipIndex({ env, pipConfig, probe }) {
  if (env.PIP_INDEX_URL) return { args: [], reason: "PIP_INDEX_URL is set" };
  if (pipConfig["index-url"]) return { args: [], reason: `pip config sets index-url=${pipConfig["index-url"]}` };
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (proxy) return { args: [], reason: "HTTPS_PROXY is set, pip reaches PyPI through it" };
  if (await probe()) return { args: [], reason: "pypi.org is reachable" };
  const extra = (env.PIP_EXTRA_INDEX_URL || pipConfig["extra-index-url"] || "").split(/\s+/).filter(Boolean);
  if (extra.length === 0) {
    throw new CourseError(
      "pypi.org cannot be reached and pip has no other package index configured. " +
        "Connect to the internet, or set PIP_INDEX_URL to a package index (mirror) you can reach, then run ./course again.",
    );
  }
  const args = ["--index-url", extra[0], ...extra.slice(1).flatMap((url) => ["--extra-index-url", url])];
  return { args, reason: `pypi.org cannot be reached; using the configured mirror ${extra.join(" ")}` };
}

export function probeUrl(url = PYPI_PROBE_URL, timeoutMs = PYPI_PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const request = https.request(url, { method: "HEAD", timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
    request.end();
  });
}

async function setupPython() {
  const reqHash = sha256(path.join(ROOT, "requirements.txt"));
  const venvWorks = fs.existsSync(VENV_PYTHON) && capture(VENV_PYTHON, ["-c", "pass"]) !== null;
  if (venvWorks && readStamp(PIP_STAMP) === reqHash) {
    log("Python environment is up to date (.venv matches requirements.txt)");
    return;
  }
  if (!venvWorks) {
    const python = findPython();
    // A broken .venv (its Python was removed or moved) is ours to rebuild.
    fs.rmSync(VENV, { recursive: true, force: true });
    log(`creating the Python environment .venv with ${python.command} (Python ${python.version})...`);
    try {
      run(python.command, ["-m", "venv", VENV]);
    } catch (error) {
      fs.rmSync(VENV, { recursive: true, force: true });
      throw new CourseError(`${error.message}. Is the venv module complete? (Debian/Ubuntu: sudo apt install python3-venv)`);
    }
  }
  const pipConfig = parsePipConfig(capture(VENV_PYTHON, ["-m", "pip", "config", "list"]) ?? "");
  const index = await choosePipIndex({ env: process.env, pipConfig, probe: () => probeUrl() });
  log(`installing JupyterLab, nbclient and nbconvert from requirements.txt into .venv (${index.reason})...`);
  try {
    run(VENV_PYTHON, ["-m", "pip", "install", "--disable-pip-version-check", ...index.args, "-r", "requirements.txt"]);
  } catch (error) {
    throw new CourseError(
      `${error.message}: pip could not install the Python packages (see its messages above). ` +
        "If the package index cannot be reached, set PIP_INDEX_URL to one that can, then run ./course again.",
    );
  }
  fs.writeFileSync(PIP_STAMP, reqHash + "\n");
}

// ---------------------------------------------------------------------------------------------
// Kernel spec

/** The project's kernel: tslab started from the course root by tools/kernel.cjs (see there why). */
export function kernelSpec(node = process.execPath) {
  return {
    argv: [node, path.join(ROOT, "tools", "kernel.cjs"), "{connection_file}"],
    display_name: "TypeScript (MLP course)",
    language: "typescript",
  };
}

function setupKernel() {
  // Installed inside .venv, where only this project's Jupyter looks; the kernel.json content is
  // its own stamp (it holds the absolute paths of node and of this checkout).
  const file = path.join(KERNEL_DIR, "kernel.json");
  const content = JSON.stringify(kernelSpec(), null, 2) + "\n";
  if (readStamp(file) === content.trim()) {
    log(`kernel ${KERNEL_NAME} is registered (.venv/share/jupyter/kernels/${KERNEL_NAME})`);
    return;
  }
  fs.mkdirSync(KERNEL_DIR, { recursive: true });
  fs.writeFileSync(file, content);
  log(`registered kernel ${KERNEL_NAME} (node ${process.execPath}) in .venv/share/jupyter/kernels/${KERNEL_NAME}`);
}

/**
 * In a git checkout, git stores notebooks through tools/notebook-clean.mjs (.gitattributes names
 * the filter): outputs a student saves never show as changes and never reach a commit.
 */
export function setupNotebookFilter(root = ROOT) {
  if (capture("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root })?.trim() !== "true") return;
  const command = "node tools/notebook-clean.mjs";
  if (capture("git", ["config", "--get", "filter.course-notebook.clean"], { cwd: root })?.trim() === command) return;
  run("git", ["config", "filter.course-notebook.clean", command], { cwd: root });
  log("git now stores notebooks without outputs (filter course-notebook in .git/config)");
}

export async function setup() {
  checkNode();
  setupNpm();
  await setupPython();
  setupKernel();
  setupNotebookFilter();
}

/**
 * The environment for Jupyter processes. Jupyter's config, data and runtime folders are moved
 * into .venv so the course neither reads nor writes the student's own ~/.jupyter and
 * ~/.local/share/jupyter (settings, workspaces, trust database, kernels). The same folders are
 * set in tools/kernel_session.py and tools/run_notebook.py.
 */
export function jupyterEnv(env = process.env) {
  return {
    ...env,
    PATH: `${path.join(VENV, "bin")}${path.delimiter}${env.PATH ?? ""}`,
    JUPYTER_CONFIG_DIR: path.join(VENV, "jupyter", "config"),
    JUPYTER_DATA_DIR: path.join(VENV, "jupyter", "data"),
    JUPYTER_RUNTIME_DIR: path.join(VENV, "jupyter", "runtime"),
  };
}

// ---------------------------------------------------------------------------------------------
// Subcommands

/** Runs a child with the terminal attached and resolves with its exit code. */
function runChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, ...options });
    // Ctrl-C reaches the child too (same process group): let it decide (JupyterLab asks to
    // confirm) and keep waiting for it. A SIGTERM sent to us only is passed on.
    const onSigint = () => {};
    const onSigterm = () => child.kill("SIGTERM");
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * JupyterLab settings of the course's own Jupyter config folder: the news announcements plugin
 * is disabled, since it asks every new student whether to fetch news from the internet.
 */
function writeLabPageConfig() {
  writeIfChanged(
    path.join(jupyterEnv().JUPYTER_CONFIG_DIR, "labconfig", "page_config.json"),
    { disabledExtensions: { "@jupyterlab/apputils-extension:announcements": true } },
  );
  // Default settings of this JupyterLab (a student's own settings still win): a new notebook
  // starts the preferred kernel, the course's, instead of asking which kernel to use.
  writeIfChanged(
    path.join(VENV, "share", "jupyter", "lab", "settings", "overrides.json"),
    { "@jupyterlab/notebook-extension:tracker": { autoStartDefaultKernel: true } },
  );
}

function writeIfChanged(file, value) {
  const content = JSON.stringify(value, null, 2) + "\n";
  if (readStamp(file) === content.trim()) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * `jupyter lab` options for the course. Only the course's kernel is offered (the Python kernel
 * that comes with JupyterLab would give a student "SyntaxError: invalid syntax" on TypeScript);
 * --with-python offers it too.
 */
export function labOptions(args, isRoot = process.getuid?.() === 0) {
  const withPython = args.includes("--with-python");
  const rest = args.filter((a) => a !== "--with-python");
  return [
    "lab",
    `--ServerApp.root_dir=${ROOT}`,
    "--LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb",
    // New notebooks get the course's TypeScript kernel, not the python3 one that comes with JupyterLab.
    `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
    ...(withPython ? [] : [`--KernelSpecManager.allowed_kernelspecs=${KERNEL_NAME}`]),
    // Nothing is fetched from the internet: no update check.
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    // Jupyter refuses to run as root unless told; containers and CI machines often are root.
    ...(isRoot && !rest.includes("--allow-root") ? ["--allow-root"] : []),
    ...rest,
  ];
}

async function lab(args) {
  await setup();
  writeLabPageConfig();
  const jupyter = path.join(VENV, "bin", "jupyter");
  const labArgs = labOptions(args);
  log(`starting JupyterLab on notebooks/ (${args.length ? args.join(" ") : "opens your browser"}); press Ctrl-C to stop`);
  return runChild(jupyter, labArgs, { env: jupyterEnv() });
}

async function test(args) {
  await setup();
  log("type-checking (tsc --noEmit -p .)...");
  const tscCode = await runChild(path.join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."]);
  if (tscCode !== 0) log(`tsc found type errors (exit ${tscCode}); running the tests anyway`);
  log(`running the tests (vitest run${args.length ? " " + args.join(" ") : ""})...`);
  const vitestCode = await runChild(path.join(ROOT, "node_modules", ".bin", "vitest"), ["run", ...args]);
  return vitestCode !== 0 ? vitestCode : tscCode;
}

/** Minifies plotly.js once (10 MB -> ~4.8 MB) and caches it under build/, keyed by versions. */
async function minifiedPlotly() {
  const require = createRequire(path.join(ROOT, "package.json"));
  const plotlyFile = require.resolve("plotly.js-dist/plotly.js");
  const plotlyVersion = require("plotly.js-dist/package.json").version;
  const esbuild = require("esbuild");
  const cached = path.join(ROOT, "build", `plotly-${plotlyVersion}-esbuild-${esbuild.version}.min.js`);
  if (fs.existsSync(cached)) return cached;
  log(`minifying plotly.js ${plotlyVersion} for standalone pages (cached in build/)...`);
  const { code } = esbuild.transformSync(fs.readFileSync(plotlyFile, "utf8"), { minify: true, target: "es2018" });
  // The code is inlined in a <script> element, where "</script" would end it early.
  if (/<\/script/i.test(code)) throw new CourseError("minified plotly.js contains </script and cannot be inlined");
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(cached + ".tmp", code);
  fs.renameSync(cached + ".tmp", cached);
  return cached;
}

async function exportHtml(args) {
  await setup();
  let outDir = path.join(ROOT, "build", "html");
  const notebooks = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out") outDir = path.resolve(args[++i] ?? "");
    else if (args[i].startsWith("--out=")) outDir = path.resolve(args[i].slice("--out=".length));
    else notebooks.push(path.resolve(args[i]));
  }
  if (notebooks.length === 0) {
    const dir = path.join(ROOT, "notebooks");
    for (const name of fs.readdirSync(dir).sort()) if (name.endsWith(".ipynb")) notebooks.push(path.join(dir, name));
  }
  const plotly = await minifiedPlotly();
  // MathJax 3's SVG build carries its fonts and every TeX extension, so pages typeset offline.
  const mathjax = createRequire(path.join(ROOT, "package.json")).resolve("mathjax/es5/tex-svg-full.js");
  log(`executing and exporting ${notebooks.length} notebook(s) to ${path.relative(ROOT, outDir) || outDir}/ ...`);
  const exporter = path.join(ROOT, "tools", "export_html.py");
  return runChild(VENV_PYTHON, [exporter, "--plotly", plotly, "--mathjax", mathjax, "--out", outDir, ...notebooks], {
    env: jupyterEnv(),
  });
}

const USAGE = `usage: ./course [lab] [--no-browser] [--port N] [--ip ADDRESS] [--with-python] [other jupyter lab options]
       ./course setup
       ./course test [vitest options]
       ./course export [--out DIR] [notebook.ipynb ...]`;

async function main(argv) {
  const setupOnly = async () => {
    await setup();
    log("setup is complete: ./course opens JupyterLab");
    return 0;
  };
  const commands = { lab, setup: setupOnly, test, export: exportHtml };
  const [first, ...rest] = argv;
  if (first === "help" || first === "--help" || first === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (first === undefined || first.startsWith("-")) return lab(argv);
  if (!Object.hasOwn(commands, first)) {
    console.error(`[course] unknown command "${first}"\n${USAGE}`);
    return 2;
  }
  return commands[first](rest);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof CourseError) console.error(`[course] error: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}

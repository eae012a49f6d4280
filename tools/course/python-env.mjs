// The course's Python environment .venv: a Python new enough for the pinned JupyterLab stack,
// the package index pip can reach, requirements.txt installed, and the environment Jupyter runs in.
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { capture, CourseError, log, readStamp, ROOT, run, sha256 } from "./process.mjs";

export const VENV = path.join(ROOT, ".venv");
export const VENV_PYTHON = path.join(VENV, "bin", "python");
const PIP_STAMP = path.join(VENV, ".course-requirements.sha256");
// ipython 9 and ipykernel 7, pinned in requirements.txt, require Python 3.11.
export const MIN_PYTHON = [3, 11];
const PYPI_PROBE_URL = "https://pypi.org/simple/pip/";
const PYPI_PROBE_TIMEOUT_MS = 4000;

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

export async function setupPython() {
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

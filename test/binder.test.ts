// The student kit on Binder or a JupyterHub image, built as repo2docker builds it, without Docker:
// the released kit's binder/postBuild runs against a fresh Python environment (standing in for the
// image's: the kit's pinned JupyterLab stack plus binder/requirements.txt), then a *different*
// student copy of the course (as nbgitpuller would put in a student's home: no node_modules) runs
// a notebook through the installed kernel, which must import that copy's exercise files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCommand } from "./support/course";
import { freePort } from "./support/lab";

interface PythonEnv {
  findPython(): { command: string; version: string };
  choosePipIndex(o: { env: NodeJS.ProcessEnv; pipConfig: Record<string, string>; probe: () => Promise<boolean> }): Promise<{ args: string[] }>;
  parsePipConfig(text: string): Record<string, string>;
  probeUrl(): Promise<boolean>;
}
interface NotebookReport {
  problems: { cell: number; message: string }[];
  cells: { cell: number; first_line: string; output: string; error: string }[];
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-binder-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The environment a process in the image sees: the image's Python first, no Jupyter folders of ours. */
function imageEnv(prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(prefix, "bin")}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };
  for (const name of ["JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "VIRTUAL_ENV"]) delete env[name];
  return env;
}

async function mustRun(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const r = await runCommand(command, args, options);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

describe("the student kit built into a Jupyter image as repo2docker would", () => {
  it("postBuild installs the kernel under a fresh prefix, and a different student copy's check cell runs that copy's exercise", async () => {
    const kit = path.join(work, "kit");
    await mustRun(process.execPath, [path.join(ROOT, "tools", "release.mjs"), kit]);

    // repo2docker's configuration, as the kit ships it.
    const binder = path.join(kit, "binder");
    expect(fs.readFileSync(path.join(binder, "runtime.txt"), "utf8").trim()).toMatch(/^python-3\.(1[1-9]|[2-9]\d)$/);
    expect(fs.statSync(path.join(binder, "postBuild")).mode & 0o111).not.toBe(0);
    const binderRequirements = fs.readFileSync(path.join(binder, "requirements.txt"), "utf8").split("\n").filter((l) => /^[A-Za-z]/.test(l));
    expect(binderRequirements.map((l) => l.split("==")[0])).toContain("jupyter-lsp");

    // A fresh environment: Python >= 3.11 with JupyterLab 4 (the kit's pinned stack) and
    // binder/requirements.txt. nbgitpuller comes from PyPI on a real build; this machine's package
    // mirror does not hold it, and nothing here needs it.
    const pythonEnv = (await import(path.join(ROOT, "tools", "course", "python-env.mjs"))) as PythonEnv;
    const prefix = path.join(work, "image-env");
    await mustRun(pythonEnv.findPython().command, ["-m", "venv", prefix]);
    const python = path.join(prefix, "bin", "python");
    const pipConfig = pythonEnv.parsePipConfig(spawnSync(python, ["-m", "pip", "config", "list"], { encoding: "utf8" }).stdout ?? "");
    const index = await pythonEnv.choosePipIndex({ env: process.env, pipConfig, probe: () => pythonEnv.probeUrl() });
    const requirements = path.join(work, "binder-requirements.txt");
    fs.writeFileSync(requirements, binderRequirements.filter((l) => !l.startsWith("nbgitpuller")).join("\n") + "\n");
    await mustRun(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...index.args, "-r", path.join(kit, "requirements.txt"), "-r", requirements]);

    // repo2docker runs postBuild in the repository's folder, with the environment on PATH.
    const env = imageEnv(prefix);
    await mustRun(path.join(binder, "postBuild"), [], { cwd: kit, env });
    const spec = JSON.parse(fs.readFileSync(path.join(prefix, "share", "jupyter", "kernels", "tslab-mlp", "kernel.json"), "utf8")) as { argv: string[] };
    const kernelHome = path.join(prefix, "share", "mlp-course");
    expect(spec.argv).toEqual([process.execPath, path.join(kernelHome, "tools", "kernel.cjs"), "{connection_file}"]);
    expect(fs.existsSync(path.join(kernelHome, "node_modules", "typescript-language-server", "lib", "cli.mjs"))).toBe(true);
    expect(fs.existsSync(path.join(kernelHome, "node_modules", "vitest"))).toBe(false); // no test tools in the image
    expect(fs.existsSync(path.join(prefix, "share", "jupyter", "labextensions", "mlp-course-type-errors", "static", "remoteEntry.js"))).toBe(true);

    // A different student's copy: the same kit elsewhere, without packages, one exercise solved.
    const student = path.join(work, "home", "student", "mlp-course");
    fs.cpSync(kit, student, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" && path.basename(src) !== ".git" });
    fs.copyFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), path.join(student, "exercises", "00-welcome.ts"));
    expect(fs.readFileSync(path.join(kit, "exercises", "00-welcome.ts"), "utf8")).toContain("not implemented yet");

    const run = JSON.parse(await mustRun(python, [path.join(student, "tools", "run_notebook.py"), path.join(student, "notebooks", "00-welcome.ipynb")], { cwd: student, env })) as NotebookReport[];
    expect(run[0].problems).toEqual([]);
    const check = run[0].cells[run[0].cells.length - 1];
    expect(check.first_line).toContain("./exercises/00-welcome");
    expect(check.output).toContain("public checks passed for all 1 exercise");
    // The kernel gave the copy the image's packages.
    expect(fs.realpathSync(path.join(student, "node_modules"))).toBe(fs.realpathSync(path.join(kernelHome, "node_modules")));

    // Jupyter started from the student's copy offers the course's kernel first and finds the
    // exercise editor's language server.
    const server = await startServer(python, student, env);
    try {
      const kernelspecs = (await server.get("/api/kernelspecs")) as { default: string; kernelspecs: Record<string, unknown> };
      expect(kernelspecs.default).toBe("tslab-mlp");
      const lsp = (await server.get("/lsp/status")) as { specs: Record<string, unknown> };
      expect(Object.keys(lsp.specs)).toContain("typescript-language-server");
    } finally {
      await server.stop();
    }
  }, 900_000);
});

/** `jupyter server` on a free port from `cwd`; get(path) reads JSON from its REST API. */
async function startServer(python: string, cwd: string, env: NodeJS.ProcessEnv) {
  const token = "binder-test";
  const port = await freePort();
  const { spawn } = await import("node:child_process");
  const child = spawn(python, ["-m", "jupyter_server", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${cwd}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr.on("data", (c: Buffer) => (log += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const get = async (route: string) => {
    const response = await fetch(url + route, { headers: { Authorization: `token ${token}` } });
    if (!response.ok) throw new Error(`${route}: ${response.status}\n${log.slice(-3000)}`);
    return response.json() as Promise<unknown>;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter server exited with ${child.exitCode}:\n${log}`);
    if ((await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } }).catch(() => null))?.ok) break;
    if (Date.now() > deadline) throw new Error(`jupyter server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    get,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

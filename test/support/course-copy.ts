/**
 * A throwaway copy of the course, for tests that run notebooks against exercise files other than
 * the kit's stubs (the reference solutions, or a solution with one catalogued mistake), as a
 * student's own copy would hold them. The copy has the stored notebooks, lib/, tools/ and the
 * exercises; node_modules is a link to this checkout's. Its kernel is this course's kernel spec
 * pointed at the copy's tools/kernel.cjs (in a JUPYTER_PATH of its own), so `./exercises/...` in a
 * notebook imports the copy's files.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { requireSetup, ROOT, runCommand, VENV_PYTHON } from "./course";

export interface NotebookCellReport {
  readonly cell: number;
  readonly first_line: string;
  readonly status: string | null;
  readonly error: string;
  /** What the cell showed: stdout, then text/html or text/plain of each display. */
  readonly output: string;
}

export interface NotebookRun {
  readonly notebook: string;
  readonly problems: readonly { cell: number; first_line: string; message: string }[];
  readonly cells: readonly NotebookCellReport[];
}

export interface CourseCopy {
  readonly dir: string;
  /** Replaces exercises/<id>.ts in the copy with `source`. */
  writeExercise(id: string, source: string): void;
  /** Runs notebooks/<name> of the copy top to bottom in the course kernel. */
  runNotebook(name: string): Promise<NotebookRun>;
  remove(): void;
}

/** The file as git stores it (notebooks without outputs), else as it is on disk. */
function stored(rel: string): string {
  const git = spawnSync("git", ["show", `:${rel}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return git.status === 0 ? git.stdout : fs.readFileSync(path.join(ROOT, rel), "utf8");
}

/** A copy of the course whose exercises/ holds the reference solutions (`exercises: "solutions"`) or the kit's stubs. */
export function courseCopy(options: { readonly exercises: "solutions" | "stubs" }): CourseCopy {
  requireSetup();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-course-copy-"));
  for (const folder of ["lib", "tools"]) fs.cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  for (const file of ["package.json", "tsconfig.json"]) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.mkdirSync(path.join(dir, "notebooks"));
  for (const name of fs.readdirSync(path.join(ROOT, "notebooks")).filter((n) => /^\d\d-.*\.ipynb$/.test(n))) {
    fs.writeFileSync(path.join(dir, "notebooks", name), stored(`notebooks/${name}`));
  }
  fs.cpSync(path.join(ROOT, "exercises"), path.join(dir, "exercises"), { recursive: true });
  if (options.exercises === "solutions") {
    for (const name of fs.readdirSync(path.join(ROOT, "solutions")).filter((n) => /^\d\d-.*\.ts$/.test(n))) {
      fs.copyFileSync(path.join(ROOT, "solutions", name), path.join(dir, "exercises", name));
    }
  }
  // The course's kernel spec, started from the copy.
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, ".venv", "share", "jupyter", "kernels", "tslab-mlp", "kernel.json"), "utf8")) as { argv: string[] };
  spec.argv = spec.argv.map((a) => (a === path.join(ROOT, "tools", "kernel.cjs") ? path.join(dir, "tools", "kernel.cjs") : a));
  const kernels = path.join(dir, ".jupyter-path", "kernels", "tslab-mlp");
  fs.mkdirSync(kernels, { recursive: true });
  fs.writeFileSync(path.join(kernels, "kernel.json"), JSON.stringify(spec, null, 2));
  return {
    dir,
    writeExercise(id, source) {
      fs.writeFileSync(path.join(dir, "exercises", `${id}.ts`), source);
    },
    async runNotebook(name) {
      const env = { ...process.env, JUPYTER_PATH: path.join(dir, ".jupyter-path") };
      const result = await runCommand(VENV_PYTHON, [path.join(ROOT, "tools", "run_notebook.py"), path.join(dir, "notebooks", name)], { env });
      if (result.code !== 0) throw new Error(`run_notebook.py exited with ${result.code}\n${result.stderr.slice(-4000)}`);
      return (JSON.parse(result.stdout) as NotebookRun[])[0];
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

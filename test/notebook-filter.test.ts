// Committed notebooks stay free of outputs by a mechanism: git's clean filter (tools/notebook-clean.mjs,
// named in .gitattributes, configured by ./course setup). A student who runs and saves a notebook
// sees no change in git, and commits never carry outputs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";

let cleanNotebook: (text: string) => string;
let setupNotebookFilter: (root: string) => void;
beforeAll(async () => {
  ({ cleanNotebook } = (await import(pathToFileURL(path.join(ROOT, "tools", "notebook-clean.mjs")).href)) as { cleanNotebook: typeof cleanNotebook });
  ({ setupNotebookFilter } = (await import(pathToFileURL(path.join(ROOT, "tools", "course.mjs")).href)) as { setupNotebookFilter: typeof setupNotebookFilter });
});

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

const ran = {
  cells: [
    { cell_type: "markdown", id: "a", metadata: {}, source: ["# Title"] },
    {
      cell_type: "code", id: "b", execution_count: 7, metadata: { tags: ["raises-exception"], execution: { "iopub.status.busy": "2026" } },
      outputs: [{ output_type: "stream", name: "stdout", text: ["0.5\n"] }], source: ["sigmoid(0)"],
    },
  ],
  metadata: { kernelspec: { name: "tslab-mlp" } }, nbformat: 4, nbformat_minor: 5,
};

describe("the notebook clean filter", () => {
  it("drops outputs, execution counts and run metadata, and keeps sources and tags", () => {
    const stored = JSON.parse(cleanNotebook(JSON.stringify(ran)));
    expect(stored.cells[1]).toEqual({ cell_type: "code", id: "b", execution_count: null, metadata: { tags: ["raises-exception"] }, outputs: [], source: ["sigmoid(0)"] });
    expect(stored.cells[0]).toEqual(ran.cells[0]);
  });

  it("passes anything that is not a notebook through unchanged (nothing a student wrote is lost)", () => {
    for (const text of ["<<<<<<< HEAD\n{", "", "[1, 2]", '{"no": "cells"}']) expect(cleanNotebook(text)).toBe(text);
  });

  it("leaves every notebook of the course unchanged: they are stored clean", () => {
    for (const name of fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
      const text = fs.readFileSync(path.join(ROOT, "notebooks", name), "utf8");
      if (JSON.parse(text).cells.some((c: { outputs?: unknown[] }) => (c.outputs ?? []).length > 0)) continue; // a student's working copy
      expect(cleanNotebook(text), name).toBe(text);
    }
  });

  it("in a git checkout set up by ./course: a notebook saved with outputs has nothing to commit, and a commit stores it clean", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "course-filter-"));
    try {
      git(repo, "init", "-q");
      git(repo, "config", "user.email", "student@example.com");
      git(repo, "config", "user.name", "Student");
      fs.mkdirSync(path.join(repo, "tools"));
      fs.mkdirSync(path.join(repo, "notebooks"));
      fs.copyFileSync(path.join(ROOT, ".gitattributes"), path.join(repo, ".gitattributes"));
      fs.copyFileSync(path.join(ROOT, "tools", "notebook-clean.mjs"), path.join(repo, "tools", "notebook-clean.mjs"));
      setupNotebookFilter(repo);
      const file = path.join(repo, "notebooks", "01-demo.ipynb");
      fs.writeFileSync(file, cleanNotebook(JSON.stringify(ran)));
      git(repo, "add", ".");
      git(repo, "commit", "-qm", "course");
      // The student runs the notebook and saves it: outputs in the file...
      fs.writeFileSync(file, JSON.stringify(ran, null, 1) + "\n");
      expect(fs.readFileSync(file, "utf8")).toContain("0.5");
      // ...but git sees no change in content (git status may list the file until git refreshes its
      // index, as with any clean filter; there is nothing to diff, add or commit),
      expect(git(repo, "diff")).toBe("");
      git(repo, "add", "-A");
      expect(git(repo, "status", "--porcelain")).toBe("");
      // and committing an edit stores the notebook without outputs.
      const edited = { ...ran, cells: [...ran.cells, { cell_type: "markdown", id: "c", metadata: {}, source: ["my notes"] }] };
      fs.writeFileSync(file, JSON.stringify(edited, null, 1) + "\n");
      git(repo, "commit", "-qam", "my notes");
      const stored = JSON.parse(git(repo, "show", "HEAD:notebooks/01-demo.ipynb"));
      expect(stored.cells.map((c: { source: string[] }) => c.source.join(""))).toEqual(["# Title", "sigmoid(0)", "my notes"]);
      expect(stored.cells[1].outputs).toEqual([]);
      expect(stored.cells[1].execution_count).toBeNull();
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it("is named for the course's notebooks in .gitattributes", () => {
    expect(git(ROOT, "check-attr", "filter", "notebooks/00-welcome.ipynb").trim()).toBe("notebooks/00-welcome.ipynb: filter: course-notebook");
  });
});

// Every notebook in notebooks/ is stored clean and runs top to bottom in the course kernel
// (nbclient via tools/run_notebook.py) without an unexpected error. The STORED notebooks are
// tested (what git holds, or the clean form of the file outside git), never a student's working
// copy with its outputs and edits.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, ROOT, runPythonTool } from "./support/course";

interface Problem {
  cell: number;
  first_line: string;
  message: string;
}
interface NotebookReport {
  notebook: string;
  language_info: unknown;
  problems: Problem[];
  cells: { cell: number; status: string | null; error: string }[];
}
interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  metadata: { tags?: string[] };
}
interface Notebook {
  cells: NotebookCell[];
  metadata: { kernelspec?: { name?: string }; language_info?: unknown };
}

const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
const notebooks = fs
  .readdirSync(NOTEBOOK_DIR)
  // The course's notebooks (NN-name.ipynb); a student's own Untitled.ipynb is not the kit's concern.
  .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
  .sort();

/** The stored notebook: git's index version in a checkout, else the file as the clean filter stores it. */
function storedText(name: string): string {
  const rel = `notebooks/${name}`;
  const git = spawnSync("git", ["show", `:${rel}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (git.status === 0) return git.stdout;
  return fs.readFileSync(path.join(NOTEBOOK_DIR, name), "utf8");
}
const STORED_DIR = path.join(ARTIFACTS, "notebooks", "stored");

const firstLine = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source).trim().split("\n")[0];
const describeProblem = (notebook: string, p: Problem) => `${notebook} cell ${p.cell} (${p.first_line}): ${p.message}`;

function runNotebooks(paths: string[]): Promise<NotebookReport[]> {
  return runPythonTool<NotebookReport[]>("run_notebook.py", paths);
}

describe("notebooks", () => {
  it("include the welcome notebook", () => {
    expect(notebooks).toContain("00-welcome.ipynb");
  });

  for (const name of notebooks) {
    it(`${name} is stored without outputs and uses the tslab-mlp kernel`, () => {
      const nb = JSON.parse(storedText(name)) as Notebook;
      expect(nb.metadata.kernelspec?.name, `${name}: kernelspec name`).toBe("tslab-mlp");
      const dirty = nb.cells
        .map((cell, index) => ({ cell, index }))
        .filter(({ cell }) => cell.cell_type === "code" && ((cell.outputs ?? []).length > 0 || cell.execution_count != null))
        .map(({ cell, index }) => `${name} cell ${index} (${firstLine(cell)}) has outputs or an execution count: clear them before committing`);
      expect(dirty).toEqual([]);
    });
  }

  describe("run top to bottom in the course kernel", () => {
    let reports: NotebookReport[] = [];
    beforeAll(async () => {
      fs.mkdirSync(STORED_DIR, { recursive: true });
      for (const name of notebooks) fs.writeFileSync(path.join(STORED_DIR, name), storedText(name));
      reports = await runNotebooks(notebooks.map((name) => path.join(STORED_DIR, name)));
    }, 600_000);

    for (const name of notebooks) {
      it(`${name} runs without an unexpected error (and raises-exception cells do raise)`, () => {
        const report = reports.find((r) => r.notebook === path.join(STORED_DIR, name));
        expect(report, `no report for ${name}`).toBeDefined();
        expect(report?.problems.map((p) => describeProblem(name, p))).toEqual([]);
        expect(report?.cells.length).toBeGreaterThan(0);
      });

      it(`${name} stores the language_info the kernel reports (so JupyterLab does not mark it modified on open)`, () => {
        const report = reports.find((r) => r.notebook === path.join(STORED_DIR, name));
        const nb = JSON.parse(storedText(name)) as Notebook;
        expect(report?.language_info).toBeDefined();
        expect(nb.metadata.language_info).toEqual(report?.language_info);
      });
    }
  });
});

describe("the notebook runner", () => {
  it("reports unexpected errors, stderr output, and raises-exception cells that do not raise", async () => {
    let count = 0;
    const code = (source: string, tags: string[] = []) => ({
      cell_type: "code",
      id: `cell-${count++}`,
      source,
      outputs: [],
      execution_count: null,
      metadata: tags.length ? { tags } : {},
    });
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab-mlp", display_name: "TypeScript (MLP course)", language: "typescript" } },
      cells: [
        code(`const fine = 1;`),
        code(`throw new Error("unexpected boom")`),
        code(`const quiet = 2;`, ["raises-exception"]),
        code(`throw new Error("expected boom")`, ["raises-exception"]),
        code(`console.error("a warning on stderr")`),
        code(`const typo: number = "3";`),
      ],
    };
    const file = path.join(ARTIFACTS, "notebooks", "runner-check.ipynb");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(nb));

    const [report] = await runNotebooks([file]);
    expect(report.problems.map((p) => [p.cell, p.first_line])).toEqual([
      [1, `throw new Error("unexpected boom")`],
      [2, `const quiet = 2;`],
      [4, `console.error("a warning on stderr")`],
      [5, `const typo: number = "3";`],
    ]);
    expect(report.problems[0].message).toContain("Error: unexpected boom");
    expect(report.problems[1].message).toBe("cell is tagged raises-exception but ran without an error");
    expect(report.problems[2].message).toContain("a warning on stderr");
    expect(report.problems[3].message).toContain("Type 'string' is not assignable to type 'number'");
  });
});


// The instructor's commands as they are typed: npm run grade (a folder, a zip, a batch, bad
// input), npm run release (a student kit with nothing secret in it, a git repository of its own,
// whose npm run handin zip grades here) and npm run gradescope (an autograder zip whose
// run_autograder grades a fake /autograder tree).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/course";
import { SET_IDS } from "./support/grading";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-grader-tools-"));
const node = (args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 300_000 });
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

interface GradescopeResults { score: number; output?: string; tests: { score: number; max_score: number; status: string; name: string; output: string; visibility: string; number: string }[] }

/** The fields and types Gradescope documents for results.json. */
function expectGradescopeFormat(r: GradescopeResults): void {
  expect(typeof r.score).toBe("number");
  expect(Array.isArray(r.tests)).toBe(true);
  for (const t of r.tests) {
    expect(typeof t.name).toBe("string");
    expect(typeof t.output).toBe("string");
    expect(t.score).toBeGreaterThanOrEqual(0);
    expect(t.score).toBeLessThanOrEqual(t.max_score);
    expect(["passed", "failed"]).toContain(t.status);
    expect(["hidden", "after_due_date", "after_published", "visible"]).toContain(t.visibility);
    expect(t.number).toMatch(/^\d+\.\d+$/);
  }
  expect(r.score).toBeCloseTo(r.tests.reduce((s, t) => s + t.score, 0), 9);
}

describe("npm run grade", () => {
  it("without a hand-in, or with one that does not exist, says how to use it and exits 2", () => {
    const none = node(["tools/grade.mjs"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("usage: npm run grade -- <hand-in folder or .zip>");
    const missing = node(["tools/grade.mjs", path.join(TMP, "nobody")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("does not exist");
  });

  it("grades a zip: exit 0 whatever the score, feedback and results.json written; paths leaving the zip are ignored", () => {
    const zip = path.join(TMP, "dana.zip");
    fs.writeFileSync(zip, zipSync({
      "dana/exercises/00-welcome.ts": strToU8(read("solutions/00-welcome.ts")),
      "dana/exercises/08-activations.ts": strToU8(read("exercises/08-activations.ts")),
      "../escaped.ts": strToU8("export const x = 1;"),
    }));
    const out = path.join(TMP, "out-zip");
    const r = node(["tools/grade.mjs", zip, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dana: 10 \/ \d+ in [\d.]+ s/);
    expect(fs.existsSync(path.join(TMP, "escaped.ts"))).toBe(false);
    expect(fs.existsSync(path.join(os.tmpdir(), "escaped.ts"))).toBe(false);
    const md = fs.readFileSync(path.join(out, "dana", "feedback.md"), "utf8");
    expect(md).toContain("| `00-welcome` neuronInput | 10 / 10 | 4 / 4 | 4 / 4 |");
    expect(md).toContain("exercises/04-cost-functions.ts was not handed in");
    expect(md).toContain("not implemented yet: write stableSoftmax in exercises/08-activations.ts");
    expectGradescopeFormat(JSON.parse(fs.readFileSync(path.join(out, "dana", "results.json"), "utf8")) as GradescopeResults);
  });

  it("--batch goes on past an unreadable zip, which grades as handing in nothing", () => {
    const batch = path.join(TMP, "batch");
    fs.mkdirSync(path.join(batch, "eve", "exercises"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "solutions", "08-activations.ts"), path.join(batch, "eve", "exercises", "08-activations.ts"));
    fs.writeFileSync(path.join(batch, "finn.zip"), "this is not a zip");
    const out = path.join(TMP, "out-batch");
    const r = node(["tools/grade.mjs", "--batch", batch, "--out", out, "--jobs", "2"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/graded 2 hand-ins/);
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(csv.map((row) => row.split(",")[0])).toEqual(["student", "eve", "finn"]);
    expect(csv[2].split(",").slice(1, -1).every((v) => v === "0")).toBe(true);
    expect(fs.readFileSync(path.join(out, "finn", "feedback.md"), "utf8")).toContain("finn.zip could not be unpacked: not a readable zip");
  });
});

describe("npm run release", () => {
  const kit = path.join(TMP, "kit");
  let files: string[] = [];
  let released = "";
  const git = (...args: string[]) => spawnSync("git", args, { cwd: kit, encoding: "utf8" });
  beforeAll(() => {
    const r = node(["tools/release.mjs", kit]);
    expect(r.status, r.stderr).toBe(0);
    released = r.stdout;
    files = spawnSync("find", [".", "-type", "f", "-not", "-path", "./.git/*"], { cwd: kit, encoding: "utf8" }).stdout.trim().split("\n").map((f) => f.slice(2));
  });

  it("is a git repository with one commit of every file, storing notebooks without outputs, and says what to do next", () => {
    expect(git("rev-list", "--count", "HEAD").stdout.trim()).toBe("1");
    expect(git("status", "--porcelain").stdout).toBe("");
    expect(git("ls-files").stdout.trim().split("\n").sort()).toEqual([...files].sort());
    expect(git("config", "filter.course-notebook.clean").stdout.trim()).toBe("node tools/notebook-clean.mjs");
    // A notebook saved with outputs (as JupyterLab's autosave does) is still stored without them.
    const notebook = path.join(kit, "notebooks", "00-welcome.ipynb");
    const stored = fs.readFileSync(notebook, "utf8");
    const withOutputs = JSON.parse(stored) as { cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[] };
    const code = withOutputs.cells.find((c) => c.cell_type === "code");
    if (!code) throw new Error("00-welcome has no code cell");
    code.outputs = [{ output_type: "stream", name: "stdout", text: "a saved output\n" }];
    code.execution_count = 1;
    fs.writeFileSync(notebook, JSON.stringify(withOutputs, null, 1));
    // (git status may list the file until git refreshes its index, as with any clean filter.)
    expect(git("diff").stdout).toBe("");
    git("add", "-A");
    expect(git("status", "--porcelain").stdout).toBe("");
    fs.writeFileSync(notebook, stored);
    git("add", "-A");
    expect(released).toMatch(/a git repository with one commit \([0-9a-f]+\)/);
    expect(released).toContain("Next steps:");
    expect(released).toContain(`cd ${kit} && ./course`);
    expect(released).toContain("git remote add origin <its URL> && git push -u origin main");
  });

  it("speaks only of what it holds: its README, package.json and stub headers name no instructor file", () => {
    const readme = fs.readFileSync(path.join(kit, "README.md"), "utf8");
    expect(readme).not.toMatch(/\b(solutions|grading|grader)\/|grade\.mjs|npm run (grade|release|gradescope|exercises)\b|grading-corpus/);
    expect(readme).toContain("npm run handin");
    expect(readme).toContain("`test/` the vitest suite, `tools/` the course command"); // the layout, less the instructor's folders
    const pkg = JSON.parse(fs.readFileSync(path.join(kit, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.handin).toBe("node tools/handin.mjs");
    for (const id of SET_IDS) {
      const first = fs.readFileSync(path.join(kit, "exercises", `${id}.ts`), "utf8").split("\n")[0];
      expect(first).toContain(`exercises/${id}.ts, your copy of this exercise`);
      expect(first).not.toMatch(/solutions|npm run exercises/);
    }
  });

  it("holds repo2docker's configuration as binder/ exactly when the course has tools/binder/", () => {
    const templates = path.join(ROOT, "tools", "binder");
    const binderFiles = files.filter((f) => f.startsWith("binder/")).map((f) => f.slice("binder/".length)).sort();
    expect(files.filter((f) => f.startsWith("tools/binder/"))).toEqual([]);
    if (fs.existsSync(templates)) {
      const expected = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "tools/binder"], { cwd: ROOT, encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean).map((f) => f.slice("tools/binder/".length)).sort();
      expect(binderFiles).toEqual(expected);
      for (const f of binderFiles) expect(fs.readFileSync(path.join(kit, "binder", f))).toEqual(fs.readFileSync(path.join(templates, f)));
    } else {
      expect(binderFiles).toEqual([]);
      expect(released).toContain("no tools/binder/ in this course");
    }
  });

  it("leaves out solutions, mistake catalogues, hidden tests, the grader and the tests that need them", () => {
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(f).not.toMatch(/^(solutions|grading|grader|test\/grading-corpus)\//);
    expect(files).not.toContain("tools/grade.mjs");
    expect(files).toContain("notebooks/05-backpropagation.ipynb");
    expect(files).toContain("exercises/checks/05-backpropagation.ts");
    for (const id of SET_IDS) expect(files).toContain(`exercises/${id}.ts`);
    const pkg = JSON.parse(fs.readFileSync(path.join(kit, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(Object.keys(pkg.scripts)).not.toContain("grade");
    expect(pkg.scripts.check).toBeDefined();
  });

  it("holds no line of any reference solution and no hidden test's name", async () => {
    // Every line trimmed, so that indentation does not hide a copy.
    const kitText = files.filter((f) => !/\.(png|ico|woff2?)$/.test(f)).map((f) => fs.readFileSync(path.join(kit, f), "utf8")).join("\n").split("\n").map((l) => l.trim()).join("\n");
    // Each answer as runs of three lines (or the whole answer when shorter): distinctive, unlike a
    // single line such as "for (const theta of thetas) {".
    const answers = SET_IDS.flatMap((id) => {
      const blocks: string[][] = [];
      let block: string[] | null = null;
      for (const line of read(`solutions/${id}.ts`).split("\n")) {
        if (line.includes("BEGIN SOLUTION")) block = [];
        else if (line.includes("END SOLUTION")) {
          if (block) blocks.push(block);
          block = null;
        } else if (block && line.trim()) block.push(line.trim());
      }
      return blocks.flatMap((b) => (b.length <= 3 ? [b.join("\n")] : b.slice(0, -2).map((_, k) => b.slice(k, k + 3).join("\n"))));
    });
    // The library and the public checks compute the same maths in the open (the checks' expected
    // values, lib/ for students to read): what they share with an answer is not the secret part.
    const open = files.filter((f) => f.startsWith("lib/") || f.startsWith("exercises/checks/"))
      .map((f) => fs.readFileSync(path.join(kit, f), "utf8")).join("\n").split("\n").map((l) => l.trim()).join("\n");
    const secret = answers.filter((a) => !open.includes(a));
    expect(secret.length).toBeGreaterThan(60);
    for (const a of secret) expect(kitText.includes(a), a).toBe(false);
    const names: string[] = [];
    for (const id of SET_IDS) {
      const { grading } = (await import(pathToFileURL(path.join(ROOT, "grading", `${id}.ts`)).href)) as { grading: { exercises: Record<string, { hidden: (f: unknown) => { name: string }[] }> } };
      for (const spec of Object.values(grading.exercises)) names.push(...spec.hidden(() => 0).map((t) => t.name).filter((n) => n.length >= 30 && n !== "the arguments are left unchanged"));
    }
    // Short generic names ("a single example") say nothing; the longer ones are specific to a test.
    expect(names.length).toBeGreaterThan(40);
    for (const n of names) expect(kitText.includes(n), n).toBe(false);
    expect(kitText).not.toContain("<!-- instructor -->");
  });

  it("type-checks on its own and its check command works", () => {
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(kit, "node_modules"), "dir");
    const tsc = node([path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], kit);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    const check = node(["tools/check-exercises.mjs", "00"], kit);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("not implemented yet: write neuronInput in exercises/00-welcome.ts");
  });

  it("a student's npm run handin in the kit writes a zip that npm run grade grades here", () => {
    // The student writes one exercise (the reference answer stands in for their work).
    fs.copyFileSync(path.join(ROOT, "solutions", "00-welcome.ts"), path.join(kit, "exercises", "00-welcome.ts"));
    const handin = node(["tools/handin.mjs", "Ada Lovelace"], kit);
    expect(handin.status, handin.stderr).toBe(0);
    const zip = path.join(kit, "handin-Ada-Lovelace.zip");
    expect(handin.stdout).toContain(`[handin] wrote handin-Ada-Lovelace.zip (${SET_IDS.length} exercise files`);
    expect(handin.stdout).toContain(zip);
    expect(handin.stdout).toContain("right-click handin-Ada-Lovelace.zip and choose Download");
    expect(handin.stdout).toContain("exercises/01-perceptron.ts: gateWeights, perceptronUpdate");
    expect(handin.stdout).not.toContain("exercises/00-welcome.ts:");
    expect(git("status", "--porcelain").stdout).not.toContain("handin-"); // ignored: uploaded, not committed
    const out = path.join(TMP, "out-handin");
    const graded = node(["tools/grade.mjs", zip, "--out", out]);
    expect(graded.status, graded.stderr).toBe(0);
    expect(graded.stdout).toMatch(/^Ada-Lovelace: 10 \/ \d+ in [\d.]+ s/);
    const md = fs.readFileSync(path.join(out, "Ada-Lovelace", "feedback.md"), "utf8");
    expect(md).toContain("| `00-welcome` neuronInput | 10 / 10 | 4 / 4 | 4 / 4 |");
    expect(md).toContain("not implemented yet: write gateWeights in exercises/01-perceptron.ts");
    fs.copyFileSync(path.join(ROOT, "exercises", "00-welcome.ts"), path.join(kit, "exercises", "00-welcome.ts"));
  });

  it("refuses a folder that is not empty", () => {
    const r = node(["tools/release.mjs", kit]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is not empty");
  });
});

describe("npm run gradescope", () => {
  const ag = path.join(TMP, "autograder");
  beforeAll(() => {
    const zip = path.join(TMP, "autograder.zip");
    const r = node(["tools/gradescope.mjs", zip]);
    expect(r.status, r.stderr).toBe(0);
    const entries = unzipSync(fs.readFileSync(zip));
    for (const [name, bytes] of Object.entries(entries)) {
      const to = path.join(ag, "source", name);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, bytes);
    }
    // Gradescope runs setup.sh (npm ci) once; here the course's installed packages stand in.
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(ag, "source", "node_modules"), "dir");
    fs.mkdirSync(path.join(ag, "submission"), { recursive: true });
    // setup.sh's own commands after npm ci (the type check's library declarations), as written there.
    const own = fs.readFileSync(path.join(ag, "source", "setup.sh"), "utf8").split("\n").filter((l) => l.startsWith("node tools/grade.mjs"));
    expect(own).toEqual(["node tools/grade.mjs --prepare"]);
    const prepared = spawnSync("bash", ["-c", own.join("\n")], { cwd: path.join(ag, "source"), encoding: "utf8", timeout: 300_000 });
    expect(prepared.status, prepared.stderr).toBe(0);
    expect(prepared.stdout).toContain("the type check is ready");
  });

  it("holds setup.sh and run_autograder, valid bash, and only what grading needs", () => {
    const names = spawnSync("find", [".", "-type", "f"], { cwd: path.join(ag, "source"), encoding: "utf8" }).stdout;
    expect(names).toContain("./setup.sh");
    expect(names).toContain("./run_autograder");
    expect(names).toContain("./grading/05-backpropagation.ts");
    expect(names).not.toMatch(/notebooks\/|test\/|\.ipynb/);
    for (const script of ["setup.sh", "run_autograder"]) expect(spawnSync("bash", ["-n", path.join(ag, "source", script)]).status).toBe(0);
    expect(fs.readFileSync(path.join(ag, "source", "setup.sh"), "utf8")).toContain("npm ci --omit=dev");
  });

  it("run_autograder grades /autograder/submission into /autograder/results/results.json", () => {
    fs.copyFileSync(path.join(ROOT, "solutions", "08-activations.ts"), path.join(ag, "submission", "08-activations.ts"));
    fs.copyFileSync(path.join(ROOT, "test", "grading-corpus", "realistic", "ada", "exercises", "04-cost-functions.ts"), path.join(ag, "submission", "04-cost-functions.ts"));
    fs.writeFileSync(path.join(ag, "submission", "00-welcome.ts"), "export function neuronInput(w: number[], b: number, x: number[]): number {\n  throw null;\n}\n");
    const r = spawnSync("bash", [path.join(ag, "source", "run_autograder")], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: ag }, timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(ag, "results", "results.json"), "utf8")) as GradescopeResults;
    expectGradescopeFormat(results);
    const softmax = results.tests.filter((t) => t.name.startsWith("stableSoftmax:"));
    expect(softmax.every((t) => t.status === "passed")).toBe(true);
    const ce = results.tests.filter((t) => t.name.startsWith("regularizedCrossEntropy:") && t.status === "failed");
    expect(ce.length).toBeGreaterThan(0);
    expect(ce.map((t) => t.output).join("\n")).toContain("the bias column (column 0 of each Theta) was regularized too");
    const welcome = results.tests.filter((t) => t.name.startsWith("neuronInput:"));
    expect(welcome.every((t) => t.status === "failed" && t.score === 0)).toBe(true);
    expect(welcome.map((t) => t.output).join("\n")).toContain("your function threw a null value, not an Error");
    expect(results.tests.find((t) => t.name.startsWith("predictClasses:"))?.output).toContain("was not handed in");
    // Prepared at setup, the type check finishes within the submission's limit.
    expect(results.output).not.toContain("type check of your files did not finish");
  });

  it("grades the reference solutions to full marks with node_modules as a symbolic link (as in this fake tree)", () => {
    expect(fs.lstatSync(path.join(ag, "source", "node_modules")).isSymbolicLink()).toBe(true);
    const submission = path.join(ag, "submission");
    fs.rmSync(submission, { recursive: true, force: true });
    fs.mkdirSync(submission, { recursive: true });
    for (const id of SET_IDS) fs.copyFileSync(path.join(ROOT, "solutions", `${id}.ts`), path.join(submission, `${id}.ts`));
    const r = spawnSync("bash", [path.join(ag, "source", "run_autograder")], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: ag }, timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(ag, "results", "results.json"), "utf8")) as GradescopeResults;
    const max = results.tests.reduce((s, t) => s + t.max_score, 0);
    expect(results.tests.filter((t) => t.status !== "passed").map((t) => `${t.name}: ${t.output}`)).toEqual([]);
    expect(results.score).toBe(max);
  });

  it("still leaves a results.json when the grader itself fails", () => {
    fs.rmSync(path.join(ag, "source", "grading", "00-welcome.ts"));
    fs.rmSync(path.join(ag, "results"), { recursive: true, force: true });
    const r = spawnSync("bash", [path.join(ag, "source", "run_autograder")], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: ag } });
    expect(r.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(ag, "results", "results.json"), "utf8")) as GradescopeResults;
    expect(results.score).toBe(0);
    expect(results.output).toContain("The autograder itself failed (not your code)");
  });
});

// The grader on a class: the reference solutions (full marks), the generated stubs (zero),
// realistic wrong hand-ins (partial credit with the right diagnosis), a hostile corpus with a
// hand-in for every kind of bad submission, and the trust corpus (answers that throw anything,
// types that explode, exit codes as a channel, right answers in other forms), graded in one batch
// by `npm run grade -- --batch`, two at a time, as an instructor runs it.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission, type ExerciseGrade, type GradedSet, type SubmissionGrade } from "../grader/grade";
import { isolation } from "../grader/sandbox";
import { ROOT } from "./support/course";
import { CORPUS, handIn, loadSets, overlay } from "./support/grading";

const CLASS = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-class-"));
const OUT = path.join(CLASS, "..", `${path.basename(CLASS)}-out`);
const CANARY = path.join(CLASS, "canary.txt");
const HOSTILE = fs.readdirSync(path.join(CORPUS, "hostile")).sort();
const REALISTIC = fs.readdirSync(path.join(CORPUS, "realistic")).sort();
const TRUST = fs.readdirSync(path.join(CORPUS, "trust")).sort();
// The batch's own temporary folder: empty again when the batch is over.
const BATCH_TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-batch-tmp-"));
// Hostile hand-ins hold two right files besides the hostile one, to show they keep their points.
const BESIDE_HOSTILE = ["00-welcome", "03-forward-propagation"];
const LIMITS = { callMs: 3000, loadMs: 10_000, memoryMb: 2048 };
const BUDGET_MS = 10_000;
const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

let sets: GradedSet[];
let grades: Map<string, SubmissionGrade>;
let connections = 0;
let server: net.Server;
let port = 0;
let checksHash = "";
let lines: string[] = [];
let batchOutput = "";

const exercise = (student: string, name: string): ExerciseGrade => {
  const e = grades.get(student)?.exercises.find((x) => x.exercise === name);
  if (!e) throw new Error(`no grade for ${student}/${name}`);
  return e;
};
const full = (name: string) => exercise("reference", name).maxScore;
const text = (e: ExerciseGrade) => [...e.notes, ...e.cases.map((c) => c.feedback)].join("\n");

beforeAll(async () => {
  sets = await loadSets();
  server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
  fs.writeFileSync(CANARY, "canary\n");
  checksHash = sha(path.join(ROOT, "exercises", "checks", "08-activations.ts"));

  handIn(path.join(CLASS, "reference"), path.join(ROOT, "solutions"));
  handIn(path.join(CLASS, "stubs"), path.join(ROOT, "exercises"));
  for (const s of REALISTIC) {
    handIn(path.join(CLASS, s), path.join(ROOT, "solutions"));
    overlay(path.join(CLASS, s), path.join(CORPUS, "realistic", s));
  }
  for (const h of HOSTILE) {
    const dir = path.join(CLASS, `hostile-${h}`);
    handIn(dir, path.join(ROOT, "solutions"), BESIDE_HOSTILE);
    overlay(dir, path.join(CORPUS, "hostile", h), {
      ROOT, CANARY, PORT: String(port), OUT,
      OTHER: path.join(CLASS, "reference", "exercises", "00-welcome.ts"),
    });
  }
  // Symbolic links cannot be zipped or uploaded, but a cloned repository can hold them: a hand-in
  // whose 00-welcome.ts is a link to the reference solution, and whose 08-activations.ts imports one.
  const links = path.join(CLASS, "hostile-links", "exercises");
  handIn(path.dirname(links), path.join(ROOT, "solutions"), ["03-forward-propagation"]);
  fs.symlinkSync(path.join(ROOT, "solutions", "00-welcome.ts"), path.join(links, "00-welcome.ts"));
  fs.symlinkSync(path.join(ROOT, "solutions", "08-activations.ts"), path.join(links, "reference.ts"));
  fs.writeFileSync(path.join(links, "08-activations.ts"), 'export * from "./reference";\n');
  for (const t of TRUST) {
    const dir = path.join(CLASS, `trust-${t}`);
    handIn(dir, path.join(ROOT, "solutions"));
    overlay(dir, path.join(CORPUS, "trust", t));
  }
  // Every exported function of every file is just `throw null;`.
  const nulls = path.join(CLASS, "trust-throw-null", "exercises");
  handIn(path.dirname(nulls), path.join(ROOT, "exercises"));
  for (const f of fs.readdirSync(nulls)) {
    const file = path.join(nulls, f);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/throw new Error\("not implemented yet[^;]*;/g, "throw null;"));
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync(path.join(CLASS, "canary.txt.tmp"), { force: true });
  const args = ["tools/grade.mjs", "--batch", CLASS, "--out", OUT, "--jobs", "2", "--call-seconds", String(LIMITS.callMs / 1000), "--exercise-seconds", String(BUDGET_MS / 1000)];
  batchOutput = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TMPDIR: BATCH_TMP } });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`npm run grade -- --batch exited with ${code}\n${text.slice(-4000)}`))));
  });
  lines = batchOutput.split("\n").filter((l) => /^\[[#.]{30}\]/.test(l));
  const list = JSON.parse(fs.readFileSync(path.join(OUT, "grades.json"), "utf8")) as SubmissionGrade[];
  grades = new Map(list.map((g) => [g.student, g]));
  // The note of the issue pastes these: the batch's progress lines and its gradebook.
  fs.mkdirSync(path.join(ROOT, "test-artifacts"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "test-artifacts", "grading-batch.txt"), `${batchOutput}\n\n${fs.readFileSync(path.join(OUT, "gradebook.csv"), "utf8")}`);
}, 900_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(CLASS, { recursive: true, force: true });
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync(BATCH_TMP, { recursive: true, force: true });
});

describe("a batch over the corpora", () => {
  it("grades every hand-in, writes feedback, results.json and one gradebook row each", () => {
    expect(grades.size).toBe(3 + REALISTIC.length + HOSTILE.length + TRUST.length + 1);
    const csv = fs.readFileSync(path.join(OUT, "gradebook.csv"), "utf8").trim().split("\n");
    const columns = sets.flatMap((s) => Object.keys(s.checks.exercises).map((e) => `${s.checks.id}/${e}`));
    expect(csv[0]).toBe(["student", ...columns, "total", "max"].join(","));
    expect(csv.length).toBe(grades.size + 1);
    for (const row of csv.slice(1)) {
      const cells = row.split(",");
      const g = grades.get(cells[0]);
      expect(g, cells[0]).toBeDefined();
      expect(cells.slice(1, -2).map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(Number(cells.at(-2)), 6);
      expect(Number(cells.at(-2))).toBe(g?.score);
      expect(fs.existsSync(path.join(OUT, cells[0], "feedback.md"))).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(OUT, cells[0], "results.json"), "utf8")).score).toBe(g?.score);
    }
    // Written atomically: no temporary file is left behind.
    const leftovers = spawnSync("find", [OUT, "-name", "*.tmp"], { encoding: "utf8" }).stdout.trim();
    expect(leftovers).toBe("");
    expect(lines.length).toBe(grades.size);
    expect(lines.at(-1)).toMatch(/^\[#{30}\] \d+\/\d+ graded/);
  });

  it("the reference solutions score full marks and the stubs zero, with 'not implemented yet'", () => {
    const reference = grades.get("reference") as SubmissionGrade, stubs = grades.get("stubs") as SubmissionGrade;
    expect(reference.score).toBe(reference.maxScore);
    expect(reference.maxScore).toBeGreaterThan(200);
    expect(stubs.score).toBe(0);
    // The stubs and the solutions type-check: no notes.
    expect([...(reference.notes ?? []), ...(stubs.notes ?? [])]).toEqual([]);
    for (const e of stubs.exercises) {
      expect(e.cases.length).toBeGreaterThanOrEqual(4);
      for (const c of e.cases) expect(c.feedback, `${e.exercise}: ${c.name}`).toMatch(/not implemented yet/);
    }
  });

  it("realistic mistakes lose only the affected exercises' points, each with its diagnosis", () => {
    const expected: Record<string, Record<string, RegExp>> = {
      ada: { regularizedCrossEntropy: /bias column .* was regularized too/, stableSoftmax: /unstable softmax overflowing/ },
      ben: { backpropGradients: /1\/m is missing/, perceptronUpdate: /./ },
      cleo: { sgdStep: /updated in place/, numericalGradient: /theta is not restored/ },
    };
    for (const [student, wrong] of Object.entries(expected)) {
      const g = grades.get(student) as SubmissionGrade;
      for (const e of g.exercises) {
        if (e.exercise in wrong) {
          expect(e.score, `${student}/${e.exercise}`).toBeGreaterThan(0);
          expect(e.score, `${student}/${e.exercise}`).toBeLessThan(e.maxScore);
          expect(text(e)).toMatch(wrong[e.exercise]);
          // The hidden tests name the mistake too, without their inputs.
          expect(e.cases.filter((c) => c.visibility === "hidden" && !c.passed).length, `${student}/${e.exercise}`).toBeGreaterThan(0);
        } else {
          expect(e.score, `${student}/${e.exercise}`).toBe(e.maxScore);
        }
      }
    }
    const md = fs.readFileSync(path.join(OUT, "ada", "feedback.md"), "utf8");
    expect(md).toContain("## regularizedCrossEntropy (exercises/04-cost-functions.ts)");
    expect(md).toMatch(/hidden test: .*\n\n {4}a wrong value; likely mistake: the bias column/);
  });

  it("hidden tests never show their inputs or expected values: only the kind of wrong and the mistake", () => {
    const allowed = /^(|a wrong value|a result of the wrong shape or type|a result containing NaN or Infinity|a wrong result)(; likely mistake: [^\n]*)?$|^your function [^\n]*$|^not implemented yet$|^not run: [^\n]*$|^exercises\/[\s\S]*$|^passes, but scores 0 \(library shortcut\)$/;
    let hidden = 0;
    for (const g of grades.values()) {
      for (const e of g.exercises) {
        for (const c of e.cases.filter((x) => x.visibility === "hidden")) {
          hidden++;
          expect(c.feedback, `${g.student}/${e.exercise}: ${c.name}`).toMatch(allowed);
        }
      }
    }
    expect(hidden).toBeGreaterThan(1000);
  });
});

describe("the hostile corpus: each bad hand-in gets the points its right parts deserve", () => {
  // stableSoftmax is the hostile function; leakyRelu, leakyReluPrime and tanhPrime are right.
  const RIGHT = ["leakyRelu", "leakyReluPrime", "tanhPrime"];
  const cases: Record<string, { all07?: "zero"; softmax: "zero" | "full" | "partial"; says: RegExp; note?: RegExp }> = {
    "syntax-error": { all07: "zero", softmax: "zero", says: /does not compile:\n08-activations\.ts:17:\d+: Expected "\)" but found ";"/ },
    "type-error": { softmax: "full", says: /^$/, note: /exercises\/08-activations\.ts has type errors; it was graded as it runs[\s\S]*exercises\/08-activations\.ts:17:\d+: Type 'number' is not assignable to type 'string'/ },
    "misnamed-export": { softmax: "zero", says: /has no export named stableSoftmax \(did you mean to rename stableSoftMax\?\)/ },
    "wrong-signature": { softmax: "partial", says: /stableSoftmax takes 2 parameters; the exercise's signature has 1/ },
    "nan-and-shape": { softmax: "partial", says: /got a list of 2 numbers[\s\S]*it contains NaN/ },
    "mutates-input": { softmax: "partial", says: /z was changed to[\s\S]*modified in place/ },
    "throws-non-error": { softmax: "zero", says: /threw a string value, not an Error: "softmax is too hard"[\s\S]*threw an object value/ },
    "infinite-loop": { softmax: "zero", says: /did not finish within 3 s \(an endless loop\?\)/ },
    "memory-bomb": { softmax: "zero", says: /Array buffer allocation failed|ran out of memory|did not finish within/ },
    "process-exit": { softmax: "zero", says: /ended the process \(process\.exit\(\)/ },
    "rewrites-files": { softmax: "zero", says: /sandbox refused FileSystemWrite/ },
    "reads-solutions": { softmax: "zero", says: /sandbox refused FileSystemRead of .*solutions\/08-activations\.ts/ },
    "imports-solutions": { all07: "zero", softmax: "zero", says: /may import only the course library/ },
    "imports-library": { softmax: "zero", says: /imports softmax from "\.\.\/lib"[\s\S]*library's softmax is what stableSoftmax asks you to write/ },
    "monkeypatches": { softmax: "partial", says: /expected \[0\.0900305731704, 0\.244728471055, 0\.665240955775\], got \[0\.5, 0\.5, 0\.5\]/ },
    "fake-score": { softmax: "zero", says: /out of turn|cannot read/ },
    "network": { softmax: "full", says: /^$/ },
    "spawns-processes": { softmax: "zero", says: /sandbox refused ChildProcess[\s\S]*sandbox refused WorkerThreads/ },
  };

  it("covers every hand-in of the corpus", () => {
    expect(Object.keys(cases).sort()).toEqual(HOSTILE);
  });

  for (const [name, want] of Object.entries(cases)) {
    it(name, () => {
      const student = `hostile-${name}`;
      const g = grades.get(student) as SubmissionGrade;
      // The other files of the hand-in keep every point; files not handed in score 0.
      for (const e of g.exercises) {
        if (BESIDE_HOSTILE.includes(e.set)) expect(e.score, `${e.exercise}`).toBe(full(e.exercise));
        else if (e.set !== "08-activations") expect(e.score).toBe(0);
      }
      for (const r of RIGHT) expect(exercise(student, r).score, r).toBe(want.all07 === "zero" ? 0 : full(r));
      const softmax = exercise(student, "stableSoftmax");
      const expectedScore = { zero: 0, full: full("stableSoftmax") }[want.softmax as "zero" | "full"];
      if (expectedScore !== undefined) expect(softmax.score).toBe(expectedScore);
      else {
        expect(softmax.score).toBeGreaterThan(0);
        expect(softmax.score).toBeLessThan(full("stableSoftmax"));
      }
      const said = want.softmax === "full" ? text(softmax).trim() : text(softmax);
      expect(said).toMatch(want.says);
      if (want.note) expect((g.notes ?? []).join("\n")).toMatch(want.note);
    });
  }

  it("symbolic links to the solutions earn nothing: the linked file is not a hand-in, a linked import does not build", () => {
    const g = grades.get("hostile-links") as SubmissionGrade;
    expect(g.score).toBe(full("forwardTheta") + full("oneHotRows"));
    expect(text(exercise("hostile-links", "neuronInput"))).toContain("exercises/00-welcome.ts was not handed in");
    for (const e of g.exercises.filter((x) => x.set === "08-activations")) {
      expect(e.score).toBe(0);
      expect(text(e)).toContain("./reference is a link or lies outside the hand-in");
    }
  });

  it("no file was deleted or written outside the scratch folders, and no process was started", () => {
    expect(fs.readFileSync(CANARY, "utf8")).toBe("canary\n");
    expect(sha(path.join(ROOT, "exercises", "checks", "08-activations.ts"))).toBe(checksHash);
    expect(fs.existsSync(path.join(CLASS, "hostile-rewrites-files", "exercises", "08-activations.ts"))).toBe(true);
    expect(fs.existsSync(`${CANARY}.shell`)).toBe(false);
    expect(fs.existsSync(`${CANARY}.worker`)).toBe(false);
    // The fake results.json it tried to write next to the real ones does not exist.
    expect(fs.existsSync(path.join(OUT, "results.json"))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(OUT, "hostile-fake-score", "results.json"), "utf8")).score).toBe(grades.get("hostile-fake-score")?.score);
  });

  it("no connection reached the port this test opened on 127.0.0.1 (the sandbox has its own network namespace)", async () => {
    expect(isolation().network, "unshare -n is needed to contain the network on Linux").not.toBeNull();
    expect(connections).toBe(0);
    // Control: the same connection from an unsandboxed process does arrive.
    spawnSync(process.execPath, ["-e", `require("net").connect(${port}, "127.0.0.1").on("error", () => {}).end("x")`], { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connections).toBe(1);
  });

  it("grading is deterministic: hand-ins graded again give the same results", async () => {
    const strip = (g: SubmissionGrade | undefined) => JSON.stringify({ ...g, seconds: 0, stages: null });
    for (const student of ["hostile-monkeypatches", "cleo"]) {
      const again = await gradeSubmission({ root: ROOT, sets, limits: LIMITS, exerciseBudgetMs: BUDGET_MS }, student, path.join(CLASS, student));
      expect(strip(again), student).toBe(strip(grades.get(student)));
    }
  });
});

describe("the trust corpus: scores an instructor can trust", () => {
  it("a hand-in whose every function is `throw null;` scores 0, each check saying what was thrown", () => {
    const g = grades.get("trust-throw-null") as SubmissionGrade;
    expect(g.score).toBe(0);
    for (const e of g.exercises) {
      const publicCase = e.cases.find((c) => c.visibility === "public");
      expect(publicCase?.feedback, e.exercise).toBe("your function threw a null value, not an Error: null");
      // Every case fails; a hidden test that expects an Error for bad input says what it wanted instead.
      for (const c of e.cases.filter((x) => x.visibility === "hidden")) {
        expect(c.passed, `${e.exercise}: ${c.name}`).toBe(false);
        expect(c.feedback, `${e.exercise}: ${c.name}`).toMatch(/^your function threw a null value, not an Error$|^a wrong result/);
      }
    }
  });

  it("null, undefined, a number and an object whose getters throw all score 0 with a clear message", () => {
    const said = (name: string) => exercise("trust-throws-anything", name);
    const publicOf = (name: string) => said(name).cases.find((c) => c.visibility === "public")?.feedback;
    expect(publicOf("leakyRelu")).toBe("your function threw a null value, not an Error: null");
    expect(publicOf("leakyReluPrime")).toBe("your function threw an undefined value, not an Error: undefined");
    expect(publicOf("tanhPrime")).toBe("your function threw a number value, not an Error: 0");
    expect(publicOf("stableSoftmax")).toBe("your function threw an object value, not an Error: (a value that cannot be shown)");
    for (const name of ["leakyRelu", "leakyReluPrime", "tanhPrime", "stableSoftmax"]) expect(said(name).score, name).toBe(0);
  });

  it("types that explode: the type check stops with a note, the right code keeps every point, and the batch goes on", () => {
    const g = grades.get("trust-exploding-types") as SubmissionGrade;
    expect(g.score).toBe(g.maxScore);
    expect((g.notes ?? []).join("\n")).toMatch(/the type check of your files did not finish \(it took more than 10 s\)/);
    expect(fs.existsSync(path.join(OUT, "gradebook.csv"))).toBe(true);
  });

  it("no exit code reaches any feedback: the process's end is reported by its kind only", () => {
    const e = exercise("trust-exit-code", "stableSoftmax");
    expect(e.cases.some((c) => c.visibility === "hidden" && c.feedback === "your function ended the process (process.exit(), or an error thrown outside the function?)")).toBe(true);
    for (const g of grades.values()) {
      const all = [...(g.notes ?? []), ...g.exercises.flatMap((x) => [...x.notes, ...x.cases.map((c) => c.feedback)])].join("\n");
      expect(all, g.student).not.toMatch(/exit code|exited with|code \d+|SIG[A-Z]+/);
    }
    for (const student of grades.keys()) {
      expect(fs.readFileSync(path.join(OUT, student, "feedback.md"), "utf8"), student).not.toMatch(/exit code|SIG[A-Z]+/);
    }
  });

  it("fair answers in other forms score full marks: typed arrays, matrices, keys in another order, import() types, node:assert", () => {
    const g = grades.get("trust-fair-variants") as SubmissionGrade;
    const lost = g.exercises.filter((e) => e.score < e.maxScore).map((e) => `${e.exercise}: ${e.cases.filter((c) => !c.passed).map((c) => c.feedback).join(" | ")} ${e.notes.join(" ")}`);
    expect(lost).toEqual([]);
    expect(g.score).toBe(g.maxScore);
  });

  it("a slip outside the catalogue is not given a catalogued name on a coincidence", () => {
    const said = (name: string) => text(exercise("trust-slips", name));
    expect(exercise("trust-slips", "polynomialFeatureCount").score).toBeLessThan(full("polynomialFeatureCount"));
    expect(said("polynomialFeatureCount")).not.toMatch(/exactly this degree/i);
    expect(said("xavierLimit")).not.toMatch(/only fanIn/);
  });

  it("time limits count the sandbox's own computing: a function that waits longer than the call limit loses nothing", () => {
    const g = grades.get("trust-waits") as SubmissionGrade;
    expect(exercise("trust-waits", "leakyRelu").score).toBe(full("leakyRelu"));
    expect(g.score).toBe(g.maxScore);
  });

  it("the grader's peak memory over the batch is printed and stays under 500 MB; temporary folders are gone", () => {
    const peak = /the grader's peak memory: (\d+) MB/.exec(batchOutput);
    expect(peak, batchOutput.slice(-2000)).not.toBeNull();
    console.log(`[grading batch] ${grades.size} hand-ins; the grader's peak memory: ${peak?.[1]} MB`);
    expect(Number(peak?.[1])).toBeLessThan(500);
    expect(fs.readdirSync(BATCH_TMP)).toEqual([]);
  });
});

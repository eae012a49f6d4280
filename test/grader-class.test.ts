// A term as an instructor runs it, with the commands as typed, on a class of 20 hand-ins
// (test/support/class.ts) of two exercise sets, in order: a batch killed halfway and re-run
// (only what is left is graded), late penalties from a CSV of submission times, overrides that
// change exactly the rows they name, --regrade of one student, the similarity report; then the
// Gradescope autograder with submission metadata: on time, late, and past the submission limit.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubmissionGrade } from "../grader/grade";
import { CLASS_SETS, COPIED, STUDENTS, writeClass, writePolicy } from "./support/class";
import { ROOT } from "./support/course";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-grader-class-"));
const CLASS = path.join(TMP, "class");
const OUT = path.join(TMP, "out");
const POLICY = path.join(TMP, "policy", "policy.ts");
const TIMES = path.join(TMP, "times.csv");
// The due date lies 60 days ahead of the test's run (feedback written before it shows hidden
// tests' points only), the late due date 3 days after it.
const HOUR = 3600_000;
const at = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const DUE_MS = Math.floor(Date.now() / 60_000) * 60_000 + 60 * 24 * HOUR;
const DUE = at(DUE_MS);
const LATE_DUE = at(DUE_MS + 72 * HOUR);
const ON_TIME = at(DUE_MS - 6 * HOUR);
// Everyone on time but fay (10 h late: 1 started day), gus (47 h 59 min: 2 days) and hal (after
// the late due date: 81 h, 4 days); eli at the due date exactly.
const SUBMITTED: Record<string, string> = { fay: at(DUE_MS + 10 * HOUR), gus: at(DUE_MS + 48 * HOUR - 60_000), hal: at(DUE_MS + 81 * HOUR), eli: DUE };
const PERCENT: Record<string, number> = { fay: 10, gus: 20, hal: 100 };

interface Run { code: number | null; out: string; progress: string[] }
const PROGRESS = /^\[[#.]{30}\] (\d+)\/20 graded, (\d+ min )?\d+ s elapsed, (about (\d+ min )?\d+ s left|done) {2}(\S+): /;

/** npm run grade -- ARGS, as typed; `stopAfter` progress lines, it is sent SIGTERM (Ctrl-C in a terminal sends SIGINT; a killed job SIGTERM). */
function grade(args: readonly string[], stopAfter = Infinity): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["tools/grade.mjs", ...args], { cwd: ROOT, env: { ...process.env, TMPDIR: path.join(TMP, "tmp") } });
    let out = "";
    const progress: string[] = [];
    const take = (d: Buffer) => {
      out += d.toString();
      progress.splice(0, progress.length, ...out.split("\n").filter((l) => PROGRESS.test(l)));
      if (progress.length >= stopAfter && child.exitCode === null) child.kill("SIGTERM");
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, progress }));
  });
}

const batch = (...more: string[]) => ["--batch", CLASS, "--out", OUT, "--jobs", "2", "--policy", POLICY, "--times", TIMES, ...more];
const graded = (run: Run) => run.progress.map((l) => (PROGRESS.exec(l) as RegExpExecArray)[5].replace(/:$/, ""));
const readOut = (rel: string) => fs.readFileSync(path.join(OUT, rel), "utf8");
const rows = () => new Map(readOut("gradebook.csv").trim().split("\n").slice(1).map((r) => [r.split(",")[0], r]));
const grades = () => new Map((JSON.parse(readOut("grades.json")) as SubmissionGrade[]).map((g) => [g.student, g]));
const round2 = (x: number) => Math.round(x * 100) / 100;

beforeAll(() => {
  fs.mkdirSync(path.join(TMP, "tmp"));
  writeClass(CLASS);
  writePolicy(POLICY, [
    `  sets: ${JSON.stringify(CLASS_SETS)},`,
    `  hiddenTests: "score",`,
    `  due: "${DUE}",`,
    `  lateDue: "${LATE_DUE}",`,
    `  latePenalty: { percentPerDay: 10 },`,
  ].join("\n"));
  fs.writeFileSync(TIMES, ["student,submitted", ...STUDENTS.map((s) => `${s.name},${SUBMITTED[s.name] ?? ON_TIME}`)].join("\n") + "\n");
});

afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

describe("a term with npm run grade -- --batch", () => {
  let first: Run, second: Run;

  it("a batch killed halfway, re-run, grades only what is left, with done/total, elapsed and an estimate", async () => {
    first = await grade(batch(), 5);
    expect(first.code, first.out.slice(-2000)).toBe(130);
    const kept = STUDENTS.map((s) => s.name).filter((n) => fs.existsSync(path.join(OUT, n, "grade.json")));
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length).toBeLessThan(20);
    // Killed before the end: no gradebook yet, and no half-written file.
    expect(fs.existsSync(path.join(OUT, "gradebook.csv"))).toBe(false);
    expect(spawnSync("find", [OUT, "-name", "*.tmp"], { encoding: "utf8" }).stdout).toBe("");

    second = await grade(batch());
    expect(second.code, second.out.slice(-2000)).toBe(0);
    expect(second.out).toContain(`[grade] ${kept.length} of 20 hand-ins already graded (hand-in and grading unchanged): kept`);
    expect(graded(second).sort()).toEqual(STUDENTS.map((s) => s.name).filter((n) => !kept.includes(n)).sort());
    // The count goes on from what was kept; the estimate is of what is left.
    expect(second.progress.map((l) => Number((PROGRESS.exec(l) as RegExpExecArray)[1]))).toEqual(Array.from({ length: 20 - kept.length }, (_, k) => kept.length + k + 1));
    expect(second.progress.at(-1)).toMatch(/^\[#{30}\] 20\/20 graded, .* elapsed, done {2}/);
    expect(second.progress.slice(0, -1).every((l) => / about .* left {2}/.test(l))).toBe(true);
    expect(second.out).toMatch(new RegExp(`graded ${20 - kept.length} hand-ins \\(mean [\\d.]+ s each\\), kept ${kept.length} graded before; gradebook`));
    expect(rows().size).toBe(20);
    expect(fs.readdirSync(path.join(TMP, "tmp"))).toEqual([]);
  });

  it("a re-run with nothing changed grades nothing; a changed hand-in is graded again, alone", async () => {
    const again = await grade(batch());
    expect(again.code).toBe(0);
    expect(graded(again)).toEqual([]);
    expect(again.out).toContain("[grade] 20 of 20 hand-ins already graded");
    // Touching a file changes nothing; changing its content does.
    const kai = path.join(CLASS, "kai", "exercises", "10-multiclass-digits.ts");
    fs.utimesSync(kai, new Date(), new Date());
    expect(graded(await grade(batch()))).toEqual([]);
    const before = rows().get("kai")?.split(",")[6];
    fs.writeFileSync(kai, fs.readFileSync(kai, "utf8").replace("C[actual[i]][predicted[i]] += 1", "C[predicted[i]][actual[i]] += 1"));
    const changed = await grade(batch());
    expect(graded(changed)).toEqual(["kai"]);
    // Rows and columns swapped: kai's confusionCounts loses points.
    expect(Number(rows().get("kai")?.split(",")[6])).toBeLessThan(Number(before));
  });

  it("hand-ins of sets 08 and 10 only: set 10's imports of earlier files are type-checked against the course's, not reported as missing", () => {
    const ada = fs.readFileSync(path.join(CLASS, "ada", "exercises", "10-multiclass-digits.ts"), "utf8");
    expect(ada).toContain(`from "./03-forward-propagation"`);
    expect(fs.existsSync(path.join(CLASS, "ada", "exercises", "03-forward-propagation.ts"))).toBe(false);
    for (const s of STUDENTS.filter((x) => !x.missing)) expect(readOut(`${s.name}/feedback.md`), s.name).not.toContain("type errors");
    // Graded with the reference versions of what it imports, and told so.
    expect(readOut("ada/feedback.md")).toContain("exercises/10-multiclass-digits.ts imports exercises/03-forward-propagation.ts, exercises/06-gradient-checking.ts and exercises/09-training.ts: graded with the reference versions of those files, so a mistake there costs points only there");
  });

  it("the late flags and penalties from the times CSV, in the gradebook, feedback.md and results.json", () => {
    const book = readOut("gradebook.csv").trim().split("\n");
    expect(book[0]).toBe(["student", "08-activations/leakyRelu", "08-activations/leakyReluPrime", "08-activations/tanhPrime", "08-activations/stableSoftmax", "10-multiclass-digits/predictClasses", "10-multiclass-digits/confusionCounts", "10-multiclass-digits/trainEpoch", "submitted", "days late", "penalty %", "penalty", "total", "max"].join(","));
    const g = grades();
    for (const [student, row] of rows()) {
      const cells = row.split(",");
      const percent = PERCENT[student] ?? 0;
      const raw = g.get(student)?.score as number;
      expect(cells.slice(8, 11), student).toEqual([SUBMITTED[student] ?? ON_TIME, String({ fay: 1, gus: 2, hal: 4 }[student] ?? 0), String(percent)]);
      // total = the exercises' points less the penalty, a share of them.
      expect(cells.slice(1, 8).map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(raw, 9);
      expect(Number(cells[11]), student).toBeCloseTo(round2((raw * percent) / 100), 9);
      expect(Number(cells[12]), student).toBeCloseTo(round2(raw - (raw * percent) / 100), 9);
    }
    const gus = g.get("gus") as SubmissionGrade;
    expect(gus.score).toBeLessThan(gus.maxScore);
    const final = round2(gus.score * 0.8);
    expect(readOut("gus/feedback.md")).toContain(`**Score: ${final} / ${gus.maxScore}**\n\nSubmitted ${SUBMITTED.gus}, 2 days after the due date ${DUE}: late penalty 20% (${round2(gus.score * 0.2)} of ${gus.score} points).`);
    const results = JSON.parse(readOut("gus/results.json")) as { score: number; extra_data: { late: { daysLate: number; percent: number } } };
    expect(results.score).toBeCloseTo(final, 9);
    expect(results.extra_data.late).toMatchObject({ daysLate: 2, percent: 20 });
    expect(readOut("hal/feedback.md")).toContain(`Submitted ${SUBMITTED.hal}, 4 days after the due date ${DUE} and after the late due date ${LATE_DUE}: late, scores 0`);
    expect(readOut("eli/feedback.md")).toContain(`Submitted ${DUE}: on time (due ${DUE}).`);
  });

  it("before the due date feedback.md shows hidden tests' points, not their mistakes; results.json makes them after_due_date", () => {
    const md = readOut("gus/feedback.md");
    expect(md).toMatch(/- hidden tests: \d+ \/ 7 points \(\d of 5 passed\); which failed, and why, is shown after the late due date \(/);
    expect(md).toContain(`shown after the late due date (${LATE_DUE})`);
    expect(md).not.toContain("hidden test:");
    const results = JSON.parse(readOut("gus/results.json")) as { tests: { name: string; visibility: string; tags: string[] }[] };
    const hidden = results.tests.filter((t) => t.tags[1] === "hidden" && !t.tags.includes("summary"));
    expect(hidden.length).toBeGreaterThan(10);
    expect(new Set(hidden.map((t) => t.visibility))).toEqual(new Set(["after_due_date"]));
  });

  it("the overrides file changes exactly the rows it names, shows each reason, and a row naming an unknown student changes nothing", async () => {
    const before = rows();
    const overrides = path.join(TMP, "overrides.csv");
    fs.writeFileSync(overrides, [
      "student,exercise,points,reason",
      'hal,predictClasses,10,"ties: the lab sheet said the last one (its typo), full marks"',
      "ben,total,+3,derivation of the softmax gradient on paper",
      `eli,stableSoftmax,0,"the same code as ada's (similarity report); discussed in office hours"`,
      "gus,08-activations/stableSoftmax,+2,explained the overflow in the written part",
    ].join("\n") + "\n");
    const run = await grade(batch("--overrides", overrides));
    expect(run.code, run.out.slice(-2000)).toBe(0);
    expect(graded(run)).toEqual([]);
    const after = rows();
    expect(readOut("gradebook.csv").split("\n")[0]).toContain(",10-multiclass-digits/trainEpoch,adjustment,submitted,");
    // An override-free row is the row it was, with a 0 adjustment.
    const withAdjustment = (row: string, value: string) => { const c = row.split(","); c.splice(8, 0, value); return c.join(","); };
    const changed = [...after.keys()].filter((s) => after.get(s) !== withAdjustment(before.get(s) as string, "0"));
    expect(changed.sort()).toEqual(["ben", "eli", "gus", "hal"]);
    const cell = (s: string, k: number) => Number(after.get(s)?.split(",")[k]);
    const was = (s: string, k: number) => Number(before.get(s)?.split(",")[k]);
    expect(was("hal", 5)).toBeLessThan(10);
    expect([cell("hal", 5), cell("hal", 13)]).toEqual([10, 0]); // after the late due date it still scores 0
    expect([cell("ben", 8), cell("ben", 13)]).toEqual([3, was("ben", 12) + 3]);
    expect([cell("eli", 4), cell("eli", 13)]).toEqual([0, was("eli", 12) - was("eli", 4)]);
    expect(cell("gus", 4)).toBe(was("gus", 4) + 2);
    expect(cell("gus", 13)).toBeCloseTo(round2((cell("gus", 1) + cell("gus", 2) + cell("gus", 3) + cell("gus", 4) + cell("gus", 5) + cell("gus", 6) + cell("gus", 7)) * 0.8), 9);
    expect(readOut("eli/feedback.md")).toContain(`## Changes by your instructor\n\n- stableSoftmax: set to 0 (${was("eli", 4)} -> 0): the same code as ada's (similarity report); discussed in office hours`);
    const ben = `total: +3 (${was("ben", 12)} -> ${was("ben", 12) + 3}): derivation of the softmax gradient on paper`;
    expect(readOut("ben/feedback.md")).toContain(`- ${ben}`);
    expect(JSON.parse(readOut("ben/results.json")).output).toContain(`Changed by your instructor: ${ben}`);

    const book = readOut("gradebook.csv"), feedback = readOut("ben/feedback.md");
    const bad = path.join(TMP, "bad-overrides.csv");
    fs.writeFileSync(bad, "student,exercise,points,reason\nbenn,total,+3,a typo in the name\nada,softmax,1,a typo in the exercise\n");
    const refused = await grade(batch("--overrides", bad));
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(`[grade] ${bad}: 2 rows cannot be applied; nothing was written:\n  ${bad}:2: no hand-in is named "benn" (names as in gradebook.csv)\n  ${bad}:3: no exercise is named "softmax"`);
    expect(readOut("gradebook.csv")).toBe(book);
    expect(readOut("ben/feedback.md")).toBe(feedback);
  });

  it("--regrade STUDENT grades that hand-in again and changes that row only", async () => {
    const overrides = path.join(TMP, "overrides.csv");
    const before = rows();
    const eli = path.join(CLASS, "eli", "exercises", "08-activations.ts");
    fs.writeFileSync(eli, fs.readFileSync(eli, "utf8").replace("const t = Math.tanh(z);\n  return 1 - t * t;", "return 1 - z * z;"));
    const run = await grade(batch("--overrides", overrides, "--regrade", "eli"));
    expect(run.code, run.out.slice(-2000)).toBe(0);
    expect(run.out).toContain("[grade] regrading eli; keeping the other 19 grades as they are");
    expect(graded(run)).toEqual(["eli"]);
    const after = rows();
    expect([...after.keys()].filter((s) => after.get(s) !== before.get(s))).toEqual(["eli"]);
    expect(Number(after.get("eli")?.split(",")[3])).toBeLessThan(Number(before.get("eli")?.split(",")[3]));
    const unknown = await grade(batch("--regrade", "zed"));
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain(`[grade] --regrade zed: no hand-in in ${CLASS} is named zed`);
  });

  it("the similarity report lists the one copy in the class, with its fragments", () => {
    const report = JSON.parse(readOut("similarity.json")) as { pairs: { exercise: string; a: string; b: string }[] };
    expect(report.pairs.map((p) => [p.exercise, p.a, p.b])).toEqual([[COPIED.exercise, COPIED.a, COPIED.b]]);
    expect(readOut("similarity.md")).toContain("### ada and eli:");
    expect(second.out).toContain(`similarity: 1 pair to read in ${path.join(OUT, "similarity.md")}`);
  });
});

describe("the Gradescope autograder with submission metadata", () => {
  const ag = path.join(TMP, "autograder");
  type Results = { score: number; output: string; tests: { name: string; score?: number; max_score?: number; visibility: string; tags: string[] }[]; extra_data?: { graded: number; late: { daysLate: number; percent: number } | null; submission?: object } };
  const meta = (createdAt: string, previous: object[]) => fs.writeFileSync(path.join(ag, "submission_metadata.json"), JSON.stringify({
    id: 1, created_at: createdAt, submission_method: "upload", users: [{ email: "gus@example.com", id: 7, name: "Gus" }],
    assignment: { due_date: "2027-03-05T23:59:00.000000+01:00", late_due_date: "2027-03-08T23:59:00.000000+01:00", group_size: null, group_submission: false, id: 1, course_id: 1, release_date: "2027-02-26T00:00:00.000000+01:00", title: "Activations", total_points: "37.0" },
    previous_submissions: previous,
  }));
  const runAutograder = (): { results: Results; stdout: string } => {
    fs.rmSync(path.join(ag, "results"), { recursive: true, force: true });
    const r = spawnSync("bash", [path.join(ag, "source", "run_autograder")], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: ag }, timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    return { results: JSON.parse(fs.readFileSync(path.join(ag, "results", "results.json"), "utf8")) as Results, stdout: r.stdout };
  };
  let onTime: Results;

  beforeAll(() => {
    const zip = path.join(TMP, "autograder.zip");
    const r = spawnSync(process.execPath, ["tools/gradescope.mjs", zip], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(zip)))) {
      fs.mkdirSync(path.dirname(path.join(ag, "source", name)), { recursive: true });
      fs.writeFileSync(path.join(ag, "source", name), bytes);
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(ag, "source", "node_modules"), "dir");
    // The assignment's policy, as `npm run gradescope -- --policy grading/policy-hw7.ts` would put it in the zip.
    fs.writeFileSync(path.join(ag, "source", "grading", "policy.ts"), `import { definePolicy } from "../grader/policy";\nexport const policy = definePolicy({ sets: ["08-activations"], hiddenTests: "score", maxSubmissions: 2, latePenalty: { percentPerDay: 10 } });\n`);
    fs.mkdirSync(path.join(ag, "submission"), { recursive: true });
    // gus's file: the unstable softmax loses points.
    fs.copyFileSync(path.join(CLASS, "gus", "exercises", "08-activations.ts"), path.join(ag, "submission", "08-activations.ts"));
  });

  it("on time: the policy's sets and visibilities, the submission counted, no penalty", () => {
    meta("2027-03-05T20:00:00.123456+01:00", []);
    onTime = runAutograder().results;
    const sets = new Set(onTime.tests.map((t) => t.tags[0]));
    expect(sets).toEqual(new Set(["08-activations"]));
    expect(onTime.score).toBeGreaterThan(0);
    expect(onTime.score).toBeLessThan(onTime.tests.reduce((s, t) => s + (t.max_score ?? 0), 0));
    expect(onTime.score).toBe(onTime.tests.reduce((s, t) => s + (t.score ?? 0), 0));
    const hidden = onTime.tests.filter((t) => t.tags[1] === "hidden" && !t.tags.includes("summary"));
    expect(new Set(hidden.map((t) => t.visibility))).toEqual(new Set(["after_due_date"]));
    expect(onTime.tests.filter((t) => t.tags.includes("summary")).map((t) => [t.name, t.visibility])).toEqual([["leakyRelu: hidden tests", "visible"], ["leakyReluPrime: hidden tests", "visible"], ["tanhPrime: hidden tests", "visible"], ["stableSoftmax: hidden tests", "visible"]]);
    expect(onTime.output).toContain("Submitted 2027-03-05T20:00:00.123456+01:00: on time (due 2027-03-05T23:59:00.000000+01:00).\nSubmission 1 of the 2 graded submissions allowed.");
    expect(onTime.extra_data?.late).toMatchObject({ daysLate: 0, percent: 0 });
  });

  it("late: started days after Gradescope's due date, the policy's penalty on the score", () => {
    // 30 hours late: two started days at 10%.
    meta("2027-03-07T05:59:00.000000+01:00", [{ submission_time: "2027-03-05T20:00:00.123456+01:00", score: onTime.score, autograder_error: false, results: onTime }]);
    const { results } = runAutograder();
    expect(results.extra_data?.graded).toBe(onTime.score);
    expect(results.score).toBeCloseTo(round2(onTime.score * 0.8), 9);
    expect(results.output).toContain(`Submitted 2027-03-07T05:59:00.000000+01:00, 2 days after the due date 2027-03-05T23:59:00.000000+01:00: late penalty 20%`);
    expect(results.output).toContain("Submission 2 of the 2 graded submissions allowed.");
  });

  it("past the limit: not graded, the last graded result kept with a message (an autograder error does not count)", () => {
    const late = JSON.parse(fs.readFileSync(path.join(ag, "results", "results.json"), "utf8")) as Results;
    meta("2027-03-07T09:00:00+01:00", [
      { submission_time: "2027-03-05T20:00:00.123456+01:00", score: onTime.score, autograder_error: false },
      { submission_time: "2027-03-06T08:00:00+01:00", score: 0, autograder_error: true },
      { submission_time: "2027-03-07T05:59:00+01:00", score: late.score, autograder_error: false, results: late },
    ]);
    const { results, stdout } = runAutograder();
    expect(stdout).toContain("submission 3: past the limit of 2; not graded, the last graded result kept");
    expect(results.score).toBe(late.score);
    expect(results.tests).toEqual(late.tests);
    expect(results.output.startsWith("This is submission 3 (those the autograder failed on not counted); 2 graded submissions are allowed, so it was not graded. Your result stays that of your submission of 2027-03-07T05:59:00+01:00.\n\n")).toBe(true);
    expect(results.output).toContain(late.output);
  });
});

// The parts of grading a class that need no sandbox: the policy and its errors, late penalties
// worked by hand, the submission-times and overrides files, the final score, what feedback.md
// and results.json show of hidden tests under each policy, Gradescope's metadata (limit,
// carried-forward result), the CSV reader and the content hashes a batch resumes by.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvError, csvField, parseCsv } from "../grader/csv";
import { lateness, readSubmissionTimes } from "../grader/deadlines";
import { finalGrade } from "../grader/final";
import type { CaseGrade, SubmissionGrade } from "../grader/grade";
import { carriedForward, readMetadata, submissionNumber } from "../grader/gradescope";
import { readOverrides } from "../grader/overrides";
import { DEFAULT_POLICY, definePolicy, PolicyError, type PolicyInput } from "../grader/policy";
import { loadPolicy } from "../grader/policy-file";
import { feedbackMarkdown, gradebookCsv, gradescopeResults, hiddenView } from "../grader/report";
import { gradingHash, handInHash } from "../grader/resume";
import { ROOT } from "./support/course";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-grader-policy-"));
const write = (name: string, text: string) => {
  const file = path.join(TMP, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};

const c = (name: string, visibility: "public" | "hidden", maxPoints: number, passed: boolean, feedback = "", mistake: string | null = null): CaseGrade =>
  ({ name, visibility, points: passed ? maxPoints : 0, maxPoints, passed, feedback, mistake });

/** A graded hand-in: stableSoftmax loses a public check and a hidden test to the unstable softmax; tanhPrime is right. */
const GRADE: SubmissionGrade = {
  student: "ada",
  score: 7,
  maxScore: 10,
  seconds: 1.2,
  notes: [],
  exercises: [
    {
      set: "08-activations", exercise: "stableSoftmax", score: 4, maxScore: 7, notes: [], cases: [
        c("[1, 2, 3]", "public", 1, true),
        c("[1000, 1001, 1002] does not overflow", "public", 1, false, "expected [0.09, 0.24, 0.67], got [NaN, NaN, NaN]\nLikely mistake: unstable softmax overflowing", "unstable softmax overflowing"),
        c("large scores far above zero", "hidden", 2, false, "a wrong value; likely mistake: unstable softmax overflowing", "unstable softmax overflowing"),
        c("a random vector of 10 scores", "hidden", 3, true),
      ],
    },
    {
      set: "08-activations", exercise: "tanhPrime", score: 3, maxScore: 3, notes: [], cases: [
        c("tanhPrime(0) = 1", "public", 1, true),
        c("a random moderately negative z", "hidden", 2, true),
      ],
    },
  ],
};

describe("the policy", () => {
  it("defaults to grading as before: every set, hidden tests with the mistake, no limit, no deadline", () => {
    expect(definePolicy({})).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toEqual({ sets: null, hiddenTests: "mistake", maxSubmissions: null, due: null, lateDue: null, latePenalty: "none" });
    // The kit's own grading/policy.ts is the default written out.
    expect(loadPolicy(ROOT)).toEqual(DEFAULT_POLICY);
  });

  it("refuses a bad value with a message naming the field and what it must be", () => {
    const bad: [unknown, RegExp][] = [
      [{ hiddenTests: "never" }, /hiddenTests must be "mistake", "score" or "published", got "never"/],
      [{ maxSubmissions: 0 }, /maxSubmissions must be a whole number >= 1/],
      [{ maxSubmissions: 2.5 }, /maxSubmissions must be a whole number >= 1/],
      [{ due: "2027-03-05 23:59" }, /due must be a time like "2027-03-05T23:59:00\+01:00" \(ISO 8601 with its offset from UTC, or Z\), got "2027-03-05 23:59"/],
      [{ due: "2027-03-05T23:59:00Z", lateDue: "2027-03-01T00:00:00Z" }, /lateDue \(2027-03-01T00:00:00Z\) is before due/],
      [{ lateDue: "2027-03-01T00:00:00Z" }, /lateDue needs a due date/],
      [{ latePenalty: { percentPerDay: 150 } }, /latePenalty must be "none", "zero" or \{ percentPerDay: N \} with 0 < N <= 100, got \{"percentPerDay":150\}/],
      [{ latePenalty: "half" }, /latePenalty must be/],
      [{ sets: ["8-activations"] }, /sets must be a non-empty list of exercise set ids/],
      [{ hiddenTest: "score" }, /the policy has no field hiddenTest \(its fields: sets, hiddenTests,/],
    ];
    for (const [input, message] of bad) expect(() => definePolicy(input as PolicyInput), JSON.stringify(input)).toThrow(message);
    expect(() => definePolicy({ hiddenTests: "never" } as unknown as PolicyInput)).toThrow(PolicyError);
  });

  it("a policy file is compiled and checked when read; its errors name the file", () => {
    const good = write("policies/good.ts", `import { definePolicy } from ${JSON.stringify(path.join(ROOT, "grader", "policy"))};\nexport const policy = definePolicy({ hiddenTests: "score", maxSubmissions: 3 });\n`);
    expect(loadPolicy(ROOT, good)).toMatchObject({ hiddenTests: "score", maxSubmissions: 3, latePenalty: "none" });
    const plain = write("policies/plain.ts", `export const policy = { latePenalty: { percentPerDay: 500 } };\n`);
    expect(() => loadPolicy(ROOT, plain)).toThrow(`${plain}: latePenalty must be`);
    const broken = write("policies/broken.ts", `export const policy = definePolicy({ hiddenTests: "score" ;\n`);
    expect(() => loadPolicy(ROOT, broken)).toThrow(`${broken} does not compile: line 1:`);
    const none = write("policies/none.ts", `export const rules = {};\n`);
    expect(() => loadPolicy(ROOT, none)).toThrow("must export its policy: export const policy = definePolicy({ ... })");
    expect(() => loadPolicy(ROOT, path.join(TMP, "missing.ts"))).toThrow("no such policy file");
  });
});

describe("deadlines", () => {
  const due = "2027-03-05T23:59:00+01:00", lateDue = "2027-03-08T23:59:00+01:00";
  it("counts started days after the due date and takes the policy's share", () => {
    // At the due date exactly: on time. One second later: one started day.
    expect(lateness("2027-03-05T23:59:00+01:00", due, lateDue, { percentPerDay: 10 })).toMatchObject({ daysLate: 0, percent: 0, tooLate: false });
    expect(lateness("2027-03-05T23:59:01+01:00", due, lateDue, { percentPerDay: 10 })).toMatchObject({ daysLate: 1, percent: 10 });
    // The same moment written in UTC: 22:59:01Z is 23:59:01+01:00.
    expect(lateness("2027-03-05T22:59:01Z", due, lateDue, { percentPerDay: 10 }).daysLate).toBe(1);
    // 47 h 59 min late: two started days, 2 x 15% = 30%.
    expect(lateness("2027-03-07T23:58:00+01:00", due, lateDue, { percentPerDay: 15 })).toMatchObject({ daysLate: 2, percent: 30 });
    // The share stops at 100%, and "none" only flags.
    expect(lateness("2027-03-08T23:00:00+01:00", due, null, { percentPerDay: 40 })).toMatchObject({ daysLate: 3, percent: 100 });
    expect(lateness("2027-03-06T01:00:00+01:00", due, lateDue, "none")).toMatchObject({ daysLate: 1, percent: 0 });
    expect(lateness("2027-03-06T01:00:00+01:00", due, lateDue, "zero")).toMatchObject({ daysLate: 1, percent: 100 });
    // After the late due date: 0, whatever the rule.
    expect(lateness("2027-03-09T00:00:00+01:00", due, lateDue, "none")).toMatchObject({ daysLate: 4, tooLate: true, percent: 100 });
  });

  it("reads the submission times of a batch; unknown names, duplicates and bad times are errors", () => {
    const students = ["ada", "ben", "cleo"];
    const ok = readSubmissionTimes(write("times/ok.csv", "student,submitted\nada,2027-03-05T18:02:11+01:00\r\n\nben,\"2027-03-06T10:00:00+01:00\"\n"), students);
    expect([...ok.times]).toEqual([["ada", "2027-03-05T18:02:11+01:00"], ["ben", "2027-03-06T10:00:00+01:00"]]);
    expect(ok.missing).toEqual(["cleo"]);
    const unknown = write("times/unknown.csv", "student,submitted\nada,2027-03-05T18:02:11+01:00\nbob,2027-03-05T18:00:00+01:00\nzed,2027-03-05T18:00:00+01:00\n");
    expect(() => readSubmissionTimes(unknown, students)).toThrow(`2 students not in the batch (names as in gradebook.csv: the hand-in's folder or zip name):\n  ${unknown}:3: "bob"\n  ${unknown}:4: "zed"`);
    expect(() => readSubmissionTimes(write("times/twice.csv", "student,submitted\nada,2027-03-05T18:02:11+01:00\nada,2027-03-05T18:02:11+01:00\n"), students)).toThrow(":3: ada is listed twice");
    expect(() => readSubmissionTimes(write("times/local.csv", "student,submitted\nada,05/03/2027 18:02\n"), students)).toThrow(':2: the submission time of ada must be a time like "2027-03-05T23:59:00+01:00"');
    expect(() => readSubmissionTimes(write("times/header.csv", "name,time\nada,2027-03-05T18:02:11+01:00\n"), students)).toThrow(":1: the header must name the columns student,submitted");
  });
});

describe("overrides and the final score", () => {
  const students = ["ada", "ben"];
  const keys = ["08-activations/stableSoftmax", "08-activations/tanhPrime"];
  it("reads new scores and changes with their reasons; unknown students and exercises are errors that name every bad row", () => {
    const file = write("overrides/ok.csv", 'student,exercise,points,reason\nada,stableSoftmax,6,"explained the overflow, in writing"\nada,total,+1.5,derivation on paper\nben,08-activations/tanhPrime,-1,copied the hint\n');
    expect(readOverrides(file, students, keys)).toEqual([
      { line: 2, student: "ada", target: "08-activations/stableSoftmax", change: "set", points: 6, reason: "explained the overflow, in writing" },
      { line: 3, student: "ada", target: "total", change: "add", points: 1.5, reason: "derivation on paper" },
      { line: 4, student: "ben", target: "08-activations/tanhPrime", change: "add", points: -1, reason: "copied the hint" },
    ]);
    const bad = write("overrides/bad.csv", "student,exercise,points,reason\nada,stableSoftmax,6,ok\nadda,stableSoftmax,6,typo in the name\nben,softmax,6,typo in the exercise\nben,tanhPrime,six,words\nben,tanhPrime,+1,\nada,stableSoftmax,5,a second new score\n");
    let message = "";
    try {
      readOverrides(bad, students, keys);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe([
      `${bad}: 5 rows cannot be applied; nothing was written:`,
      `  ${bad}:3: no hand-in is named "adda" (names as in gradebook.csv)`,
      `  ${bad}:4: no exercise is named "softmax" (write an exercise such as 08-activations/stableSoftmax, or total)`,
      `  ${bad}:5: points must be a number ("8": the new score) or a change ("+3", "-1.5"), got "six"`,
      `  ${bad}:6: give a reason: it is shown to the student`,
      `  ${bad}:7: a second new score for ada's 08-activations/stableSoftmax (one new score per exercise; changes with + or -)`,
    ].join("\n"));
  });

  it("applies new scores, then changes, within 0 and the maximum; then the total's; then the late penalty", () => {
    const file = write("overrides/final.csv", "student,exercise,points,reason\nada,tanhPrime,+2,bonus beyond the maximum\nada,stableSoftmax,+1,partial credit\nada,stableSoftmax,6,regraded by hand\nada,total,+0.5,tidy code\nben,stableSoftmax,-10,not his code\n");
    const overrides = readOverrides(file, students, keys);
    const late = lateness("2027-03-06T10:00:00+01:00", "2027-03-05T23:59:00+01:00", null, { percentPerDay: 10 });
    const f = finalGrade(GRADE, overrides, late);
    // stableSoftmax: set to 6, then +1 = 7 (its maximum); tanhPrime stays at its maximum 3.
    expect(f.exercises.map((e) => [e.key, e.graded, e.score])).toEqual([["08-activations/stableSoftmax", 4, 7], ["08-activations/tanhPrime", 3, 3]]);
    expect(f.applied.map((a) => [a.override.line, a.before, a.after, a.bound])).toEqual([[4, 4, 6, null], [3, 6, 7, null], [2, 3, 3, "kept at the maximum, 3"], [5, 10, 10.5, null]]);
    // 10.5 points, one day late at 10%: 1.05 taken, 9.45 left.
    expect([f.beforePenalty, f.adjustment, f.penalty, f.score, f.maxScore]).toEqual([10.5, 0.5, 1.05, 9.45, 10]);
    const ben = finalGrade({ ...GRADE, student: "ben" }, overrides, null);
    expect(ben.exercises[0].score).toBe(0);
    expect(ben.applied[0].bound).toBe("kept at 0");
    expect(ben.score).toBe(3);
  });

  it("the gradebook shows the final exercise scores, the total's adjustment and the late columns; its total adds up", () => {
    const overrides = readOverrides(write("overrides/book.csv", "student,exercise,points,reason\nada,total,-2,late lab report\n"), students, keys);
    const late = lateness("2027-03-07T12:00:00+01:00", "2027-03-05T23:59:00+01:00", null, { percentPerDay: 10 });
    const rows = [{ grade: GRADE, final: finalGrade(GRADE, overrides, late) }, { grade: { ...GRADE, student: "=ben" }, final: finalGrade({ ...GRADE, student: "=ben" }, overrides, null) }];
    expect(gradebookCsv(rows, { adjustment: true, late: true }).split("\n")).toEqual([
      "student,08-activations/stableSoftmax,08-activations/tanhPrime,adjustment,submitted,days late,penalty %,penalty,total,max",
      // 7 - 2 = 5, two days late at 10% a day: 1 taken.
      "ada,4,3,-2,2027-03-07T12:00:00+01:00,2,20,1,4,10",
      "'=ben,4,3,0,,,,,7,10",
      "",
    ]);
    // Without overrides or times, the gradebook is as it always was.
    expect(gradebookCsv([{ grade: GRADE, final: finalGrade(GRADE, [], null) }])).toBe("student,08-activations/stableSoftmax,08-activations/tanhPrime,total,max\nada,4,3,7,10\n");
  });
});

describe("what students see of hidden tests", () => {
  const MISTAKE = "unstable softmax overflowing";
  it("feedback.md: the mistake in full ('mistake', or 'score' after the due date), the points only before it, nothing until published", () => {
    const details = feedbackMarkdown(GRADE, { hidden: "details" });
    expect(details).toContain("- hidden test: large scores far above zero (0 / 2)\n\n    a wrong value; likely mistake: unstable softmax overflowing");
    expect(details).toContain("**Score: 7 / 10**");

    const score = feedbackMarkdown(GRADE, { hidden: "score", detailsAfter: "the due date (2027-03-05T23:59:00+01:00)" });
    expect(score).toContain("**Score: 7 / 10**");
    expect(score).toContain("- hidden tests: 3 / 5 points (1 of 2 passed); which failed, and why, is shown after the due date (2027-03-05T23:59:00+01:00)");
    expect(score).not.toContain("large scores far above zero");
    // The public check still names the mistake; the hidden test's line does not appear.
    expect(score.split("\n").filter((l) => l.includes(MISTAKE))).toEqual(["    Likely mistake: unstable softmax overflowing"]);

    const none = feedbackMarkdown(GRADE, { hidden: "none" });
    expect(none).toContain("**Public checks: 2 / 3 points** (hidden tests and the total are shown when grades are published)");
    expect(none).toContain("| `08-activations` stableSoftmax | 1 / 2 | 1 / 2 |");
    expect(none).not.toMatch(/hidden test:|Score|7 \/ 10|large scores/);
    // The instructor's changes keep their reasons, without the scores they lead to.
    const changed = finalGrade(GRADE, readOverrides(write("overrides/none.csv", "student,exercise,points,reason\nada,total,+1,tidy code\n"), ["ada"], ["08-activations/stableSoftmax"]), null);
    expect(feedbackMarkdown(GRADE, { hidden: "none", final: changed })).toContain("## Changes by your instructor\n\n- total: +1: tidy code\n");
    expect(feedbackMarkdown(GRADE, { hidden: "details", final: changed })).toContain("- total: +1 (7 -> 8): tidy code\n");
  });

  it("the view follows the policy and the clock: 'score' shows details from the (late) due date on, 'published' with --publish", () => {
    const due = Date.parse("2027-03-05T23:59:00+01:00");
    expect(hiddenView("mistake", due - 1, due, false)).toBe("details");
    expect(hiddenView("score", due - 1, due, false)).toBe("score");
    expect(hiddenView("score", due, due, false)).toBe("details");
    expect(hiddenView("score", 0, null, false)).toBe("details");
    expect(hiddenView("published", due + 1e9, due, false)).toBe("none");
    expect(hiddenView("published", 0, due, true)).toBe("details");
  });

  it("results.json: hidden tests get Gradescope's visibility; under 'score' each exercise has a visible points summary", () => {
    type Test = { name: string; score?: number; max_score?: number; status: string; visibility: string; output: string; number: string };
    const tests = (mode: "mistake" | "score" | "published") => (gradescopeResults(GRADE, { hiddenTests: mode }) as { tests: Test[] }).tests;
    const hiddenVisibility = (mode: "mistake" | "score" | "published") => tests(mode).filter((t) => t.name.includes("large scores")).map((t) => t.visibility);
    expect(hiddenVisibility("mistake")).toEqual(["visible"]);
    expect(hiddenVisibility("score")).toEqual(["after_due_date"]);
    expect(hiddenVisibility("published")).toEqual(["after_published"]);
    for (const mode of ["mistake", "score", "published"] as const) {
      expect(tests(mode).filter((t) => t.name.includes("does not overflow")).map((t) => t.visibility), mode).toEqual(["visible"]);
      // The tests' points add up to the score whatever the visibility (the summary carries none).
      expect(tests(mode).reduce((s, t) => s + (t.score ?? 0), 0)).toBe(7);
    }
    const summary = tests("score").filter((t) => t.name.endsWith(": hidden tests"));
    expect(summary.map((t) => [t.name, t.visibility, t.status, t.score, t.output])).toEqual([
      ["stableSoftmax: hidden tests", "visible", "failed", undefined, "1 of 2 hidden tests passed: 3 / 5 points. Which failed, and why, is shown after the due date."],
      ["tanhPrime: hidden tests", "visible", "passed", undefined, "1 of 1 hidden tests passed: 2 / 2 points. Which failed, and why, is shown after the due date."],
    ]);
    // Under "published" the top-level output tells no total, nor the late penalty's points, before publication.
    const late = lateness("2027-03-06T12:00:00+01:00", "2027-03-05T23:59:00+01:00", null, { percentPerDay: 10 });
    const published = gradescopeResults(GRADE, { hiddenTests: "published", final: finalGrade(GRADE, [], late) }) as { output: string };
    expect(published.output).toBe("Submitted 2027-03-06T12:00:00+01:00, 1 day after the due date 2027-03-05T23:59:00+01:00: late penalty 10%.\nPublic checks: 2 / 3 points. Hidden tests, and the total score, are shown when grades are published; they never show their inputs.");
    // What students can read before the due date never names the hidden test's mistake.
    const visible = tests("score").filter((t) => t.visibility === "visible");
    expect(visible.filter((t) => t.output.includes(MISTAKE)).map((t) => t.name)).toEqual(["stableSoftmax: [1000, 1001, 1002] does not overflow"]);
  });

  it("results.json and feedback.md carry the late flag and the penalty; the top-level score is the final one", () => {
    const late = lateness("2027-03-07T12:00:00+01:00", "2027-03-05T23:59:00+01:00", "2027-03-08T23:59:00+01:00", { percentPerDay: 25 });
    const final = finalGrade(GRADE, [], late);
    const r = gradescopeResults(GRADE, { final }) as { score: number; output: string; extra_data: { late: { daysLate: number; percent: number }; penalty: number; graded: number } };
    expect(r.score).toBe(3.5);
    expect(r.extra_data).toMatchObject({ graded: 7, penalty: 3.5, late: { daysLate: 2, percent: 50 } });
    expect(r.output).toContain("Submitted 2027-03-07T12:00:00+01:00, 2 days after the due date 2027-03-05T23:59:00+01:00: late penalty 50% (3.5 of 7 points).");
    expect(r.output).toContain("Score 3.5 / 10.");
    expect(feedbackMarkdown(GRADE, { final })).toContain("**Score: 3.5 / 10**\n\nSubmitted 2027-03-07T12:00:00+01:00, 2 days after the due date 2027-03-05T23:59:00+01:00: late penalty 50% (3.5 of 7 points).");
    // Without a time, nothing is added: results.json is as it always was.
    expect(Object.keys(gradescopeResults(GRADE))).toEqual(["score", "execution_time", "output", "output_format", "visibility", "stdout_visibility", "tests"]);
  });
});

describe("Gradescope's submission metadata", () => {
  const meta = (previous: object[]) => write(`meta/${previous.length}-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({
    id: 9, created_at: "2027-03-05T20:00:00.123456+01:00",
    assignment: { due_date: "2027-03-05T23:59:00.000000+01:00", late_due_date: null, title: "Activations", total_points: "61.0" },
    users: [{ email: "ada@example.com", id: 1, name: "Ada" }],
    previous_submissions: previous,
  }));
  it("counts previous submissions, not those the autograder failed on", () => {
    const m = readMetadata(meta([
      { submission_time: "2027-03-01T10:00:00.0+01:00", score: 30, autograder_error: false },
      { submission_time: "2027-03-02T10:00:00.0+01:00", score: 0, autograder_error: true },
      { submission_time: "2027-03-03T10:00:00.0+01:00", score: 50, autograder_error: false, results: { score: 50, output: "Score 50 / 61.", tests: [] } },
    ]));
    expect(m && submissionNumber(m)).toBe(3);
    expect(readMetadata(path.join(TMP, "meta", "nothing.json"))).toBeNull();
    expect(() => readMetadata(write("meta/bad.json", JSON.stringify({ created_at: "yesterday", assignment: {} })))).toThrow(': created_at must be a time like');
  });

  it("past the limit: the last graded result is kept, with a message first; a second refusal keeps the same result", () => {
    const first = readMetadata(meta([
      { submission_time: "2027-03-01T10:00:00+01:00", score: 30 },
      { submission_time: "2027-03-03T10:00:00+01:00", score: 50, results: { score: 50, output: "Score 50 / 61.", tests: [{ name: "t", score: 50, max_score: 61 }] } },
    ]));
    const carried = carriedForward(first as NonNullable<typeof first>, 2) as { score: number; output: string; tests: unknown[]; extra_data: { submission: object } };
    expect(carried.score).toBe(50);
    expect(carried.tests).toEqual([{ name: "t", score: 50, max_score: 61 }]);
    expect(carried.output).toBe("This is submission 3; 2 graded submissions are allowed, so it was not graded. Your result stays that of your submission of 2027-03-03T10:00:00+01:00.\n\nScore 50 / 61.");
    expect(carried.extra_data.submission).toEqual({ number: 3, max: 2, graded: false });
    const second = readMetadata(meta([
      { submission_time: "2027-03-01T10:00:00+01:00", score: 30 },
      { submission_time: "2027-03-03T10:00:00+01:00", score: 50 },
      { submission_time: "2027-03-04T10:00:00+01:00", score: 50, results: carried },
    ]));
    const again = carriedForward(second as NonNullable<typeof second>, 2) as { score: number; output: string };
    expect(again.score).toBe(50);
    expect(again.output).toBe("This is submission 4; 2 graded submissions are allowed, so it was not graded. Your result stays that of your submission of 2027-03-03T10:00:00+01:00.\n\nScore 50 / 61.");
  });
});

describe("the files a batch reads and resumes by", () => {
  it("reads CSV as spreadsheets write it: quotes, commas and line breaks in fields, CRLF, a byte-order mark", () => {
    const rows = parseCsv('\uFEFFStudent,Reason\r\nada,"a, b"\r\nben,"say ""hi""\nthere"\n', "x.csv", ["student", "reason"]);
    expect(rows).toEqual([{ line: 2, fields: { student: "ada", reason: "a, b" } }, { line: 3, fields: { student: "ben", reason: 'say "hi"\nthere' } }]);
    expect(() => parseCsv('student\n"open', "x.csv", ["student"])).toThrow(CsvError);
    expect(() => parseCsv("student,reasn\n", "x.csv", ["student"], ["reason"])).toThrow('x.csv:1: unknown column "reasn"');
    expect([csvField("=cmd()"), csvField(-2), csvField("a,b")]).toEqual(["'=cmd()", "-2", '"a,b"']);
  });

  it("a hand-in's hash changes with its content, not its timestamps; the grading's with the hidden tests, not the policy", () => {
    const hand = path.join(TMP, "hand-in");
    write("hand-in/exercises/08-activations.ts", "export const x = 1;\n");
    const before = handInHash(hand);
    fs.utimesSync(path.join(hand, "exercises", "08-activations.ts"), new Date(0), new Date(0));
    expect(handInHash(hand)).toBe(before);
    write("hand-in/exercises/08-activations.ts", "export const x = 2;\n");
    expect(handInHash(hand)).not.toBe(before);

    const kit = path.join(TMP, "kit");
    for (const f of ["grading/08-activations.ts", "grading/policy.ts", "lib/index.ts", "solutions/08-activations.ts", "README.md"]) write(`kit/${f}`, `// ${f}\n`);
    const key = gradingHash(kit, { sets: ["08-activations"] });
    write("kit/grading/policy.ts", "// another policy\n");
    write("kit/grading/policy-hw2.ts", "// another assignment\n");
    write("kit/README.md", "// the instructor's notes\n");
    expect(gradingHash(kit, { sets: ["08-activations"] })).toBe(key);
    expect(gradingHash(kit, { sets: ["04-cost-functions", "08-activations"] })).not.toBe(key);
    write("kit/grading/08-activations.ts", "// a fixed hidden test\n");
    expect(gradingHash(kit, { sets: ["08-activations"] })).not.toBe(key);
  });
});

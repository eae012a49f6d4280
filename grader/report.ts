/**
 * What grading produces from a SubmissionGrade and its FinalGrade (overrides, late penalty): the
 * student's feedback in Markdown, Gradescope's results.json, the class gradebook CSV and a
 * terminal line, each written atomically (a temporary file renamed into place), so an
 * interrupted batch leaves whole files or none.
 *
 * What students see of the hidden tests follows the policy's `hiddenTests`, the same way in both:
 * results.json gives each hidden test Gradescope's `visibility` (which Gradescope applies), and
 * feedback.md shows what that visibility shows at the moment it is written (a HiddenView).
 */
import fs from "node:fs";
import path from "node:path";
import type { ExerciseGrade, SubmissionGrade } from "./grade";
import { csvField } from "./csv";
import { finalGrade, type FinalGrade } from "./final";
import type { HiddenTests } from "./policy";

const pts = (x: number) => String(Math.round(x * 100) / 100);

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Writes a JSON array to `file` as writeAtomic does, one element at a time (each made by its
 * function when its turn comes), so a class's whole array is never in memory at once.
 */
export function writeJsonArrayAtomic(file: string, items: readonly (() => unknown)[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, "[");
    items.forEach((item, k) => fs.writeSync(fd, `${k === 0 ? "\n" : ",\n"}${JSON.stringify(item(), null, 1)}`));
    fs.writeSync(fd, "\n]\n");
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * What feedback.md shows of hidden tests: "details" (kind of wrong and likely mistake), "score"
 * (their points per exercise only) or "none" (nothing, nor the total, until grades are published).
 */
export type HiddenView = "details" | "score" | "none";

/** The view of `hiddenTests` at time `now`: after `shownAfter` (the late due date, else the due date; none: already), or once published. */
export function hiddenView(hiddenTests: HiddenTests, now: number, shownAfter: number | null, published: boolean): HiddenView {
  if (hiddenTests === "mistake") return "details";
  if (hiddenTests === "score") return shownAfter === null || now >= shownAfter ? "details" : "score";
  return published ? "details" : "none";
}

export interface FeedbackOptions {
  readonly final?: FinalGrade;
  readonly hidden?: HiddenView;
  /** When "score" details appear (the due date as the student knows it). */
  readonly detailsAfter?: string;
}

const indent = (text: string) => text.split("\n").map((l) => `    ${l}`).join("\n");
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** The late line of feedback and results.json, or null when no time is known. */
function lateLine(final: FinalGrade, showPoints: boolean): string | null {
  const late = final.late;
  if (!late) return null;
  if (late.daysLate === 0) return `Submitted ${late.submitted}: on time (due ${late.due}).`;
  const when = `Submitted ${late.submitted}, ${days(late.daysLate)} after the due date ${late.due}`;
  const points = showPoints ? ` (${pts(final.penalty)} of ${pts(final.beforePenalty)} points)` : "";
  if (late.tooLate) return `${when} and after the late due date ${late.lateDue}: late, scores 0${points}.`;
  return late.percent === 0 ? `${when}: late, no penalty.` : `${when}: late penalty ${pts(late.percent)}%${points}.`;
}

const target = (key: string) => (key === "total" ? "total" : key.split("/")[1]);

/** The instructor's changes with their reasons; `showScores` false leaves out the scores before and after. */
function overrideLines(final: FinalGrade, showScores: boolean): string[] {
  return final.applied.map((a) => {
    const o = a.override;
    const change = o.change === "set" ? `set to ${pts(o.points)}` : `${o.points >= 0 ? "+" : ""}${pts(o.points)}`;
    return `${target(o.target)}: ${change}${showScores ? ` (${pts(a.before)} -> ${pts(a.after)}${a.bound ? `, ${a.bound}` : ""})` : ""}: ${o.reason}`;
  });
}

const HIDDEN_NOTE: Record<HiddenView, (after: string) => string> = {
  details: () => "Hidden tests show what kind of result was wrong and the likely mistake, never their inputs or expected values. What your code prints is not shown.",
  score: (after) => `Hidden tests show only their points until ${after}; then what kind of result was wrong and the likely mistake, never their inputs or expected values. What your code prints is not shown.`,
  none: () => "Hidden tests, and the total score, are shown when grades are published. What your code prints is not shown.",
};

/** The student's feedback: score per exercise, then each failed check with what went wrong, as `hidden` allows. */
export function feedbackMarkdown(grade: SubmissionGrade, options: FeedbackOptions = {}): string {
  const final = options.final ?? finalGrade(grade, [], null);
  const view = options.hidden ?? "details";
  const publicOf = (e: ExerciseGrade) => e.cases.filter((c) => c.visibility === "public");
  const publicPoints = (e: ExerciseGrade) => publicOf(e).reduce((s, c) => s + c.points, 0);
  const publicMax = (e: ExerciseGrade) => publicOf(e).reduce((s, c) => s + c.maxPoints, 0);
  const late = lateLine(final, view !== "none");
  const lines = [
    `# Feedback for ${grade.student}`,
    "",
    view === "none"
      ? `**Public checks: ${pts(grade.exercises.reduce((s, e) => s + publicPoints(e), 0))} / ${pts(grade.exercises.reduce((s, e) => s + publicMax(e), 0))} points** (hidden tests and the total are shown when grades are published)`
      : `**Score: ${pts(final.score)} / ${pts(final.maxScore)}**`,
    "",
    ...(late ? [late, ""] : []),
    ...(grade.notes ?? []).map((n) => `> ${n.split("\n").join("\n> ")}\n`),
    view === "none" ? "| exercise | public points | public checks |" : "| exercise | points | public checks | hidden tests |",
    view === "none" ? "|---|---|---|" : "|---|---|---|---|",
    ...grade.exercises.map((e, k) => {
      const count = (v: "public" | "hidden") => {
        const c = e.cases.filter((x) => x.visibility === v);
        return `${c.filter((x) => x.passed).length} / ${c.length}`;
      };
      if (view === "none") return `| \`${e.set}\` ${e.exercise} | ${pts(publicPoints(e))} / ${pts(publicMax(e))} | ${count("public")} |`;
      const f = final.exercises[k];
      const points = f.score === f.graded ? `${pts(f.score)} / ${pts(e.maxScore)}` : `${pts(f.score)} / ${pts(e.maxScore)} (graded ${pts(f.graded)})`;
      return `| \`${e.set}\` ${e.exercise} | ${points} | ${count("public")} | ${count("hidden")} |`;
    }),
    "",
  ];
  if (final.applied.length > 0) {
    lines.push("## Changes by your instructor", "", ...overrideLines(final, view !== "none").map((l) => `- ${l}`), "");
  }
  for (const [k, e] of grade.exercises.entries()) {
    const hiddenShown = view === "details";
    const failed = e.cases.filter((c) => (!c.passed || c.points < c.maxPoints) && (hiddenShown || c.visibility === "public"));
    const hiddenFailed = e.cases.filter((c) => c.visibility === "hidden" && (!c.passed || c.points < c.maxPoints));
    const hiddenSummary = view === "score" && hiddenFailed.length > 0;
    if (failed.length === 0 && e.notes.length === 0 && !hiddenSummary) continue;
    const score = view === "none" ? "" : `: ${pts(final.exercises[k].score)} / ${pts(e.maxScore)}`;
    lines.push(`## ${e.exercise} (exercises/${e.set}.ts)${score}`, "");
    const shared = new Set(e.notes);
    for (const n of e.notes) lines.push(`- ${n.split("\n")[0]}`, ...(n.includes("\n") ? ["", "```", n.split("\n").slice(1).join("\n"), "```", ""] : []));
    // Cases failing for one shared reason (not handed in, not implemented) are listed once.
    const open = failed.filter((c) => !shared.has(c.feedback));
    // A hidden test's "not implemented yet" is the public checks' message without the file name.
    const reason = (c: { feedback: string }) => (c.feedback.startsWith("not implemented yet") ? "not implemented yet" : c.feedback);
    const all = hiddenShown ? e.cases.length : publicOf(e).length;
    if (open.length > 1 && open.every((c) => reason(c) === reason(open[0]))) {
      lines.push(`- ${open.length === all ? "every one" : `${open.length}`} of the ${all} ${hiddenShown ? "checks and hidden tests" : "checks"} failed: ${open[0].feedback}`, "");
    } else {
      for (const c of open) lines.push(`- ${c.visibility === "hidden" ? "hidden test" : "check"}: ${c.name} (0 / ${pts(c.maxPoints)})`, "", indent(c.feedback), "");
    }
    if (hiddenSummary) {
      const hidden = e.cases.filter((c) => c.visibility === "hidden");
      lines.push(`- hidden tests: ${pts(hidden.reduce((s, c) => s + c.points, 0))} / ${pts(hidden.reduce((s, c) => s + c.maxPoints, 0))} points (${hidden.length - hiddenFailed.length} of ${hidden.length} passed); which failed, and why, is shown after ${options.detailsAfter ?? "the due date"}`, "");
    }
    lines.push("");
  }
  lines.push(HIDDEN_NOTE[view](options.detailsAfter ?? "the due date"));
  return lines.join("\n") + "\n";
}

const caseOutput = (feedback: string, mistake: string | null) => (feedback ? feedback : mistake ? `likely mistake: ${mistake}` : "");

/** Gradescope's visibility for hidden tests under each policy. */
export const HIDDEN_VISIBILITY: Record<HiddenTests, "visible" | "after_due_date" | "after_published"> = {
  mistake: "visible",
  score: "after_due_date",
  published: "after_published",
};

export interface ResultsOptions {
  readonly final?: FinalGrade;
  readonly hiddenTests?: HiddenTests;
  /** On Gradescope: this submission's number and the policy's limit. */
  readonly submission?: { readonly number: number; readonly max: number | null };
}

const RESULTS_NOTE: Record<HiddenTests, string> = {
  mistake: "Hidden tests show what kind of result was wrong and the likely mistake, never their inputs.",
  score: "Until the due date (the late due date, if there is one) hidden tests show only their points per exercise; after it, what kind of result was wrong and the likely mistake, never their inputs.",
  published: "Hidden tests, and the total score, are shown when grades are published; they never show their inputs.",
};

/**
 * Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the
 * final score at the top (it overrides the tests' sum), each case a test. Hidden tests get the
 * policy's visibility; under "score" each exercise also gets a visible test without points
 * saying how many points its hidden tests gave.
 */
export function gradescopeResults(grade: SubmissionGrade, options: ResultsOptions = {}): object {
  const final = options.final ?? finalGrade(grade, [], null);
  const mode = options.hiddenTests ?? "mistake";
  // Under "published" nothing may tell the total before it is published: no points, only public ones.
  const hidesTotal = mode === "published";
  const late = lateLine(final, !hidesTotal);
  const submission = options.submission;
  const publicCases = grade.exercises.flatMap((e) => e.cases.filter((c) => c.visibility === "public"));
  const changed = final.applied.length > 0 || final.late !== null || submission !== undefined;
  const output = [
    ...(grade.notes ?? []),
    ...(late ? [late] : []),
    ...(submission ? [`Submission ${submission.number}${submission.max === null ? "" : ` of the ${submission.max} graded submissions allowed`}.`] : []),
    ...overrideLines(final, !hidesTotal).map((l) => `Changed by your instructor: ${l}`),
    hidesTotal
      ? `Public checks: ${pts(publicCases.reduce((s, c) => s + c.points, 0))} / ${pts(publicCases.reduce((s, c) => s + c.maxPoints, 0))} points. ${RESULTS_NOTE[mode]}`
      : `Score ${pts(final.score)} / ${pts(final.maxScore)}. ${RESULTS_NOTE[mode]}`,
  ];
  return {
    score: final.score,
    execution_time: Math.round(grade.seconds),
    output: output.map((l) => `${l}\n`).join("").trimEnd(),
    output_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    ...(changed ? { extra_data: { graded: grade.score, adjustment: final.adjustment, late: final.late, penalty: final.penalty, overrides: final.applied.map((a) => ({ ...a.override, before: a.before, after: a.after })), ...(submission ? { submission } : {}) } } : {}),
    tests: grade.exercises.flatMap((e: ExerciseGrade, k) => {
      const tests: object[] = e.cases.map((c, j) => ({
        score: c.points,
        max_score: c.maxPoints,
        status: c.passed ? "passed" : "failed",
        name: `${e.exercise}: ${c.name}`,
        number: `${k + 1}.${j + 1}`,
        output: [...e.notes.filter((n) => n !== c.feedback), caseOutput(c.feedback, c.mistake)].filter(Boolean).join("\n"),
        output_format: "text",
        tags: [e.set, c.visibility],
        visibility: c.visibility === "hidden" ? HIDDEN_VISIBILITY[mode] : "visible",
      }));
      const hidden = e.cases.filter((c) => c.visibility === "hidden");
      if (mode === "score" && hidden.length > 0) {
        const passed = hidden.filter((c) => c.passed).length;
        tests.push({
          status: passed === hidden.length ? "passed" : "failed",
          name: `${e.exercise}: hidden tests`,
          number: `${k + 1}.${e.cases.length + 1}`,
          output: `${passed} of ${hidden.length} hidden tests passed: ${pts(hidden.reduce((s, c) => s + c.points, 0))} / ${pts(hidden.reduce((s, c) => s + c.maxPoints, 0))} points. Which failed, and why, is shown after the due date.`,
          output_format: "text",
          tags: [e.set, "hidden", "summary"],
          visibility: "visible",
        });
      }
      return tests;
    }),
  };
}

export interface GradebookRow {
  readonly grade: SubmissionGrade;
  readonly final: FinalGrade;
}

/**
 * One row per student: one column per exercise (after overrides), then, when any is in use, the
 * total's overrides (`adjustment`) and the deadline columns (`submitted`, `days late`,
 * `penalty %`, `penalty` in points), then `total` (the final score) and `max`.
 */
export function gradebookCsv(rows: readonly GradebookRow[], with_: { readonly adjustment?: boolean; readonly late?: boolean } = {}): string {
  const columns = rows[0]?.grade.exercises.map((e) => `${e.set}/${e.exercise}`) ?? [];
  const header = ["student", ...columns, ...(with_.adjustment ? ["adjustment"] : []), ...(with_.late ? ["submitted", "days late", "penalty %", "penalty"] : []), "total", "max"];
  const out: (string | number)[][] = [header];
  for (const { grade: g, final: f } of rows) {
    out.push([
      g.student,
      ...f.exercises.map((e) => pts(e.score)),
      ...(with_.adjustment ? [Number(pts(f.adjustment))] : []),
      ...(with_.late ? (f.late ? [f.late.submitted, f.late.daysLate, Number(pts(f.late.percent)), Number(pts(f.penalty))] : ["", "", "", ""]) : []),
      pts(f.score),
      pts(f.maxScore),
    ]);
  }
  return out.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** The terminal line for one student. */
export function summaryLine(grade: SubmissionGrade, final?: FinalGrade): string {
  const weak = grade.exercises.filter((e) => e.score < e.maxScore).map((e) => e.exercise);
  const late = final?.late?.tooLate ? " (after the late due date)" : final && final.penalty > 0 ? ` after a late penalty of ${pts(final.late?.percent ?? 0)}%` : "";
  const overridden = final && final.applied.length > 0 ? ` with ${final.applied.length} override${final.applied.length === 1 ? "" : "s"}` : "";
  const after = final && final.score !== grade.score ? `; final ${pts(final.score)}${late}${overridden}` : "";
  return `${grade.student}: ${pts(grade.score)} / ${pts(grade.maxScore)} in ${grade.seconds.toFixed(1)} s${weak.length ? ` (lost points in ${weak.length}: ${weak.slice(0, 6).join(", ")}${weak.length > 6 ? ", ..." : ""})` : ""}${after}`;
}

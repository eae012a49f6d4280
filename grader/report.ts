/**
 * What grading produces from a SubmissionGrade: the student's feedback in Markdown, Gradescope's
 * results.json, the class gradebook CSV and a terminal line, each written atomically (a
 * temporary file renamed into place), so an interrupted batch leaves whole files or none.
 */
import fs from "node:fs";
import path from "node:path";
import type { ExerciseGrade, SubmissionGrade } from "./grade";

const pts = (x: number) => String(Math.round(x * 100) / 100);

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

const indent = (text: string) => text.split("\n").map((l) => `    ${l}`).join("\n");

/** The student's feedback: score per exercise, then each failed check with what went wrong. */
export function feedbackMarkdown(grade: SubmissionGrade): string {
  const lines = [
    `# Feedback for ${grade.student}`,
    "",
    `**Score: ${pts(grade.score)} / ${pts(grade.maxScore)}**`,
    "",
    ...(grade.notes ?? []).map((n) => `> ${n.split("\n").join("\n> ")}\n`),
    "| exercise | points | public checks | hidden tests |",
    "|---|---|---|---|",
    ...grade.exercises.map((e) => {
      const count = (v: "public" | "hidden") => {
        const c = e.cases.filter((x) => x.visibility === v);
        return `${c.filter((x) => x.passed).length} / ${c.length}`;
      };
      return `| \`${e.set}\` ${e.exercise} | ${pts(e.score)} / ${pts(e.maxScore)} | ${count("public")} | ${count("hidden")} |`;
    }),
    "",
  ];
  for (const e of grade.exercises) {
    const failed = e.cases.filter((c) => !c.passed || c.points < c.maxPoints);
    if (failed.length === 0 && e.notes.length === 0) continue;
    lines.push(`## ${e.exercise} (exercises/${e.set}.ts): ${pts(e.score)} / ${pts(e.maxScore)}`, "");
    const shared = new Set(e.notes);
    for (const n of e.notes) lines.push(`- ${n.split("\n")[0]}`, ...(n.includes("\n") ? ["", "```", n.split("\n").slice(1).join("\n"), "```", ""] : []));
    // Cases failing for one shared reason (not handed in, not implemented) are listed once.
    const open = failed.filter((c) => !shared.has(c.feedback));
    // A hidden test's "not implemented yet" is the public checks' message without the file name.
    const reason = (c: { feedback: string }) => (c.feedback.startsWith("not implemented yet") ? "not implemented yet" : c.feedback);
    if (open.length > 1 && open.every((c) => reason(c) === reason(open[0]))) {
      lines.push(`- ${open.length === e.cases.length ? "every one" : `${open.length}`} of the ${e.cases.length} checks and hidden tests failed: ${open[0].feedback}`, "");
    } else {
      for (const c of open) lines.push(`- ${c.visibility === "hidden" ? "hidden test" : "check"}: ${c.name} (0 / ${pts(c.maxPoints)})`, "", indent(c.feedback), "");
    }
    lines.push("");
  }
  lines.push("Hidden tests show what kind of result was wrong and the likely mistake, never their inputs or expected values. What your code prints is not shown.");
  return lines.join("\n") + "\n";
}

const caseOutput = (feedback: string, mistake: string | null) => (feedback ? feedback : mistake ? `likely mistake: ${mistake}` : "");

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
export function gradescopeResults(grade: SubmissionGrade): object {
  return {
    score: grade.score,
    execution_time: Math.round(grade.seconds),
    output: `${(grade.notes ?? []).map((n) => `${n}\n`).join("")}Score ${pts(grade.score)} / ${pts(grade.maxScore)}. Hidden tests show what kind of result was wrong and the likely mistake, never their inputs.`,
    output_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: grade.exercises.flatMap((e: ExerciseGrade, k) =>
      e.cases.map((c, j) => ({
        score: c.points,
        max_score: c.maxPoints,
        status: c.passed ? "passed" : "failed",
        name: `${e.exercise}: ${c.name}`,
        number: `${k + 1}.${j + 1}`,
        output: [...e.notes.filter((n) => n !== c.feedback), caseOutput(c.feedback, c.mistake)].filter(Boolean).join("\n"),
        output_format: "text",
        tags: [e.set, c.visibility],
        visibility: "visible",
      })),
    ),
  };
}

const csvField = (v: string | number) => {
  let s = String(v);
  // A name starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per student, one column per exercise, then total and maximum. */
export function gradebookCsv(grades: readonly SubmissionGrade[]): string {
  const columns = grades[0]?.exercises.map((e) => `${e.set}/${e.exercise}`) ?? [];
  const rows = [["student", ...columns, "total", "max"]];
  for (const g of grades) rows.push([g.student, ...g.exercises.map((e) => pts(e.score)), pts(g.score), pts(g.maxScore)]);
  return rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** The terminal line for one student. */
export function summaryLine(grade: SubmissionGrade): string {
  const weak = grade.exercises.filter((e) => e.score < e.maxScore).map((e) => e.exercise);
  return `${grade.student}: ${pts(grade.score)} / ${pts(grade.maxScore)} in ${grade.seconds.toFixed(1)} s${weak.length ? ` (lost points in ${weak.length}: ${weak.slice(0, 6).join(", ")}${weak.length > 6 ? ", ..." : ""})` : ""}`;
}

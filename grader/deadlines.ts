/**
 * Deadlines: how late a hand-in was and what it loses under the policy's late penalty. The times
 * come from Gradescope's submission_metadata.json (grader/gradescope.ts) or, for a local batch,
 * from a CSV of submission times (`--times FILE`, columns student,submitted) and the policy's
 * due dates.
 */
import fs from "node:fs";
import { CsvError, parseCsv } from "./csv";
import { parseTime, PolicyError, type LatePenalty } from "./policy";

/** How late a hand-in was and what it loses (see LatePenalty). */
export interface Lateness {
  /** The times as given (ISO 8601). */
  readonly submitted: string;
  readonly due: string;
  readonly lateDue: string | null;
  /** Started days (24 h) after the due date; 0 when on time. */
  readonly daysLate: number;
  /** After the late due date. */
  readonly tooLate: boolean;
  /** The share of the score taken, 0 to 100. */
  readonly percent: number;
}

const DAY_MS = 24 * 3600 * 1000;

export function lateness(submitted: string, due: string, lateDue: string | null, rule: LatePenalty): Lateness {
  const t = parseTime(submitted, "the submission time"), d = parseTime(due, "the due date");
  const daysLate = t > d ? Math.ceil((t - d) / DAY_MS) : 0;
  const tooLate = lateDue !== null && t > parseTime(lateDue, "the late due date");
  const percent = daysLate === 0 ? 0 : tooLate || rule === "zero" ? 100 : rule === "none" ? 0 : Math.min(100, rule.percentPerDay * daysLate);
  return { submitted, due, lateDue, daysLate, tooLate, percent };
}

export class TimesError extends Error {}

/**
 * The submission time of each student from a CSV with the columns student,submitted (ISO 8601
 * times with their offset, as an LMS exports them). A name that is not one of `students` (the
 * batch's hand-ins, named as in gradebook.csv) and a student listed twice are errors; students
 * missing from the file are returned in `missing` (they are not flagged late).
 */
export function readSubmissionTimes(file: string, students: readonly string[]): { times: Map<string, string>; missing: string[] } {
  let rows;
  try {
    rows = parseCsv(fs.readFileSync(file, "utf8"), file, ["student", "submitted"]);
  } catch (error) {
    if (error instanceof CsvError) throw new TimesError(error.message);
    throw new TimesError(`${file} cannot be read: ${(error as Error).message}`);
  }
  const times = new Map<string, string>();
  const unknown: string[] = [];
  for (const { line, fields } of rows) {
    const student = fields.student;
    if (!students.includes(student)) {
      unknown.push(`${file}:${line}: ${JSON.stringify(student)}`);
      continue;
    }
    if (times.has(student)) throw new TimesError(`${file}:${line}: ${student} is listed twice`);
    try {
      parseTime(fields.submitted, `${file}:${line}: the submission time of ${student}`);
    } catch (error) {
      if (error instanceof PolicyError) throw new TimesError(error.message);
      throw error;
    }
    times.set(student, fields.submitted);
  }
  if (unknown.length > 0) {
    throw new TimesError(`${unknown.length === 1 ? "a student" : `${unknown.length} students`} not in the batch (names as in gradebook.csv: the hand-in's folder or zip name):\n  ${unknown.join("\n  ")}`);
  }
  return { times, missing: students.filter((s) => !times.has(s)) };
}

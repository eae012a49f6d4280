/**
 * Gradescope's submission_metadata.json
 * (https://gradescope-autograders.readthedocs.io/en/latest/submission_metadata/): this
 * submission's time (`created_at`), the assignment's due and late due dates, and the student's
 * previous submissions. From it come the late penalty and the submission limit: a submission past
 * the policy's `maxSubmissions` is not graded; it keeps the last graded result with a message
 * saying so (Gradescope's documented rate-limiting pattern). Submissions that failed through no
 * fault of the student (`autograder_error`) do not count.
 */
import fs from "node:fs";
import { parseTime } from "./policy";

export class MetadataError extends Error {}

export interface PreviousSubmission {
  readonly time: string;
  readonly score: number;
  readonly autograderError: boolean;
  /** Gradescope keeps the results only of the latest previous submission. */
  readonly results: Readonly<Record<string, unknown>> | null;
}

export interface SubmissionMetadata {
  readonly createdAt: string;
  readonly due: string | null;
  readonly lateDue: string | null;
  readonly previous: readonly PreviousSubmission[];
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** The metadata in `file`, or null when there is none (a run outside Gradescope). */
export function readMetadata(file: string): SubmissionMetadata | null {
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new MetadataError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const fail = (why: string): never => { throw new MetadataError(`${file}: ${why}`); };
  const time = (value: unknown, what: string): string => {
    try {
      parseTime(value, what);
    } catch (error) {
      fail((error as Error).message);
    }
    return value as string;
  };
  if (!isObject(raw)) return fail("not an object");
  const assignment = isObject(raw.assignment) ? raw.assignment : fail("no assignment object");
  const previous = raw.previous_submissions === undefined ? [] : Array.isArray(raw.previous_submissions) ? raw.previous_submissions : fail("previous_submissions is not a list");
  return {
    createdAt: time(raw.created_at, "created_at"),
    due: assignment.due_date == null ? null : time(assignment.due_date, "assignment.due_date"),
    lateDue: assignment.late_due_date == null ? null : time(assignment.late_due_date, "assignment.late_due_date"),
    previous: previous.map((p: unknown, k: number): PreviousSubmission => {
      if (!isObject(p)) return fail(`previous_submissions[${k}] is not an object`);
      return {
        time: time(p.submission_time, `previous_submissions[${k}].submission_time`),
        score: typeof p.score === "number" ? p.score : Number(p.score) || 0,
        autograderError: p.autograder_error === true,
        results: isObject(p.results) ? p.results : null,
      };
    }),
  };
}

/** This submission's number among those that count (previous ones without an autograder error, plus this one). */
export function submissionNumber(meta: SubmissionMetadata): number {
  return meta.previous.filter((p) => !p.autograderError).length + 1;
}

/** The results.json of a submission past the limit: the last graded result, with a message first. */
export function carriedForward(meta: SubmissionMetadata, max: number): Json {
  const counted = meta.previous.filter((p) => !p.autograderError).sort((a, b) => parseTime(a.time, "") - parseTime(b.time, ""));
  const latest = counted[counted.length - 1];
  const base: Json = latest?.results ?? { score: latest?.score ?? 0, tests: [] };
  const earlier = isObject(base.extra_data) && isObject(base.extra_data.carried) ? base.extra_data.carried : null;
  const original = typeof earlier?.output === "string" ? earlier.output : typeof base.output === "string" ? base.output : "";
  const from = typeof earlier?.from === "string" ? earlier.from : latest?.time ?? null;
  const failed = meta.previous.some((p) => p.autograderError) ? " (those the autograder failed on not counted)" : "";
  const message = `This is submission ${submissionNumber(meta)}${failed}; ${max} graded submission${max === 1 ? " is" : "s are"} allowed, so it was not graded.${from ? ` Your result stays that of your submission of ${from}.` : ""}`;
  return {
    ...base,
    output: original ? `${message}\n\n${original}` : message,
    extra_data: { ...(isObject(base.extra_data) ? base.extra_data : {}), carried: { output: original, from }, submission: { number: submissionNumber(meta), max, graded: false } },
  };
}

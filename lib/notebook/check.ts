/**
 * Public checks for exercises: each case runs the student's code and throws when the result is
 * wrong. `runChecks` never throws itself (a stub that throws "not implemented yet" is a failed
 * case, not a crashed notebook), and `checkReportHtml` renders the results as a green/red report.
 */
import { escapeHtml } from "./html";

export interface CheckCase {
  /** What the case checks, as the student reads it in the report. */
  readonly name: string;
  /** Throws an Error saying what is wrong when the case fails. */
  run(): void;
}

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Empty when the case passed; the error's message otherwise. */
  readonly message: string;
}

export function runChecks(cases: readonly CheckCase[]): CaseResult[] {
  return cases.map((c) => {
    try {
      c.run();
      return { name: c.name, passed: true, message: "" };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { name: c.name, passed: false, message };
    }
  });
}

/** Throws unless `actual` is a number within `tolerance` of `expected`. */
export function expectClose(actual: unknown, expected: number, tolerance = 1e-9): void {
  if (typeof actual !== "number") throw new Error(`expected the number ${expected}, got ${describeValue(actual)}`);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected} (within ${tolerance}), got ${actual}`);
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined (did the function return a value?)";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return String(value);
}

const PASS = "#1b7f3b";
const FAIL = "#b00020";

/** An HTML report: a summary line, then one line per case with the error message of failures. */
export function checkReportHtml(title: string, results: readonly CaseResult[]): string {
  const failed = results.filter((r) => !r.passed).length;
  const allPassed = failed === 0 && results.length > 0;
  const summary = allPassed
    ? `all ${results.length} checks passed`
    : `${failed} of ${results.length} checks failed`;
  const rows = results.map((r) => {
    const mark = r.passed ? "&#10004;" : "&#10008;";
    const detail = r.passed ? "" : `<div style="margin-left:1.6em;white-space:pre-wrap">${escapeHtml(r.message)}</div>`;
    return (
      `<li class="mlp-check-${r.passed ? "pass" : "fail"}" style="list-style:none;color:${r.passed ? PASS : FAIL}">` +
      `${mark} ${escapeHtml(r.name)}${detail}</li>`
    );
  });
  return (
    `<div class="mlp-check" data-passed="${allPassed}" style="border-left:4px solid ${allPassed ? PASS : FAIL};padding:4px 10px">` +
    `<strong style="color:${allPassed ? PASS : FAIL}">${escapeHtml(title)}: ${summary}</strong>` +
    `<ul style="margin:4px 0;padding:0">${rows.join("")}</ul></div>`
  );
}

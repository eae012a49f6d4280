/** Exercise results as the HTML report of a notebook's check cell. */
import { notStarted } from "../exercise/report";
import { summaryLine, type ExerciseResult } from "../exercise/run";
import { escapeHtml } from "./html";

const PASS = "#1b7f3b";
const FAIL = "#b00020";

export function exerciseReportHtml(title: string, results: readonly ExerciseResult[]): string {
  const allPassed = results.length > 0 && results.every((r) => r.passed);
  const sections = results.map((r) => {
    const failed = r.cases.filter((c) => !c.passed).length;
    const waiting = notStarted(r);
    if (waiting) {
      return `<div class="mlp-exercise" data-passed="false"><strong style="color:${FAIL}">${escapeHtml(`${r.exercise}: ${waiting}`)}</strong> <span>(${r.cases.length === 1 ? "1 check" : `${r.cases.length} checks`} waiting)</span></div>`;
    }
    const head = r.passed ? `${r.exercise}: ${r.cases.length} public checks passed` : `${r.exercise}: ${failed} of ${r.cases.length} checks failed`;
    const rows = r.cases.map((c) => {
      const detail = c.passed ? "" : `<div style="margin-left:1.6em;white-space:pre-wrap">${escapeHtml(c.message)}</div>`;
      return `<li class="mlp-check-${c.passed ? "pass" : "fail"}" style="list-style:none;color:${c.passed ? PASS : FAIL}">${c.passed ? "&#10004;" : "&#10008;"} ${escapeHtml(c.name)}${detail}</li>`;
    });
    return `<div class="mlp-exercise" data-passed="${r.passed}"><strong style="color:${r.passed ? PASS : FAIL}">${escapeHtml(head)}</strong><ul style="margin:2px 0 6px;padding:0">${rows.join("")}</ul></div>`;
  });
  return (
    `<div class="mlp-check" data-passed="${allPassed}" style="border-left:4px solid ${allPassed ? PASS : FAIL};padding:4px 10px">` +
    `<div style="margin-bottom:4px"><strong>${escapeHtml(title)}</strong>: ${escapeHtml(summaryLine(results))}</div>${sections.join("")}</div>`
  );
}

/** Exercise results as an HTML report (notebook check cells) or as text (npm run check). */
import { escapeHtml } from "../notebook/html";
import { summaryLine, type ExerciseResult } from "./run";

/** When every case failed with the stub's "not implemented yet", the one message, else null. */
function notStarted(r: ExerciseResult): string | null {
  const first = r.cases[0]?.message ?? "";
  return first.startsWith("not implemented yet") && r.cases.every((c) => c.message === first) ? first : null;
}

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

export function exerciseReportText(title: string, results: readonly ExerciseResult[], color = false): string {
  const paint = (ok: boolean, s: string) => (color ? `\u001b[${ok ? 32 : 31}m${s}\u001b[0m` : s);
  const lines = [`${title}: ${summaryLine(results)}`];
  for (const r of results) {
    const waiting = notStarted(r);
    if (waiting) {
      lines.push(paint(false, `  ✘ ${r.exercise}: ${waiting} (${r.cases.length === 1 ? "1 check" : `${r.cases.length} checks`} waiting)`));
      continue;
    }
    lines.push(paint(r.passed, `  ${r.passed ? "✔" : "✘"} ${r.exercise}`));
    for (const c of r.cases) {
      if (c.passed && r.passed) continue;
      lines.push(paint(c.passed, `      ${c.passed ? "✔" : "✘"} ${c.name}`));
      if (!c.passed) for (const l of c.message.split("\n")) lines.push(`          ${l}`);
    }
  }
  return lines.join("\n");
}

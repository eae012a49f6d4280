/** Exercise results as text (npm run check); lib/notebook/check-report.ts draws them for the notebook. */
import { summaryLine, type ExerciseResult } from "./run";

/** When every case failed with the stub's "not implemented yet", the one message, else null. */
export function notStarted(r: ExerciseResult): string | null {
  const first = r.cases[0]?.message ?? "";
  return first.startsWith("not implemented yet") && r.cases.every((c) => c.message === first) ? first : null;
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

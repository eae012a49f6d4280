/**
 * The instructor's overrides (`--overrides FILE`): a CSV with the columns
 *
 *   student,exercise,points,reason
 *   ada,stableSoftmax,8,"explained the overflow in her written answer"
 *   ben,total,+3,"derivation of delta(2) on paper"
 *   cleo,08-activations/tanhPrime,-1,"copied the hint's code without the derivation"
 *
 * `exercise` is an exercise (its name, or set/name when two sets share it) or `total`; `points`
 * is a new score ("8") or a change ("+3", "-1.5"); `reason` is shown to the student. An exercise's
 * score stays within 0 and its maximum; the total may exceed the maximum (bonus points) but not
 * go below 0. A student may have one new score and any number of changes per exercise (the new
 * score first, then the changes). A row naming an unknown student or exercise is an error.
 */
import fs from "node:fs";
import { CsvError, parseCsv } from "./csv";

export interface Override {
  readonly line: number;
  readonly student: string;
  /** "set/exercise", or "total". */
  readonly target: string;
  readonly change: "set" | "add";
  readonly points: number;
  readonly reason: string;
}

export class OverridesError extends Error {}

/** Reads and checks an overrides file against the batch's students and exercise keys ("set/exercise"). */
export function readOverrides(file: string, students: readonly string[], exercises: readonly string[]): Override[] {
  let rows;
  try {
    rows = parseCsv(fs.readFileSync(file, "utf8"), file, ["student", "exercise", "points", "reason"]);
  } catch (error) {
    if (error instanceof CsvError) throw new OverridesError(error.message);
    throw new OverridesError(`${file} cannot be read: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const out: Override[] = [];
  const sets = new Set<string>();
  for (const { line, fields } of rows) {
    const where = `${file}:${line}`;
    const { student, exercise, points, reason } = fields;
    const bad = (why: string) => problems.push(`${where}: ${why}`);
    if (!students.includes(student)) {
      bad(`no hand-in is named ${JSON.stringify(student)} (names as in gradebook.csv)`);
      continue;
    }
    let target: string;
    if (exercise.toLowerCase() === "total") target = "total";
    else {
      const matches = exercises.filter((key) => key === exercise || key.split("/")[1] === exercise);
      if (matches.length !== 1) {
        bad(matches.length === 0
          ? `no exercise is named ${JSON.stringify(exercise)} (write an exercise such as ${exercises[0] ?? "stableSoftmax"}, or total)`
          : `${JSON.stringify(exercise)} is in several sets: write ${matches.join(" or ")}`);
        continue;
      }
      target = matches[0];
    }
    const m = /^([+-])?\s*(\d+(\.\d+)?|\.\d+)$/.exec(points);
    if (!m) {
      bad(`points must be a number ("8": the new score) or a change ("+3", "-1.5"), got ${JSON.stringify(points)}`);
      continue;
    }
    if (reason === "") {
      bad("give a reason: it is shown to the student");
      continue;
    }
    const change = m[1] ? "add" : "set";
    if (change === "set") {
      const key = `${student} ${target}`;
      if (sets.has(key)) {
        bad(`a second new score for ${student}'s ${target} (one new score per exercise; changes with + or -)`);
        continue;
      }
      sets.add(key);
    }
    out.push({ line, student, target, change, points: (m[1] === "-" ? -1 : 1) * Number(m[2]), reason });
  }
  if (problems.length > 0) throw new OverridesError(`${file}: ${problems.length} row${problems.length === 1 ? "" : "s"} cannot be applied; nothing was written:\n  ${problems.join("\n  ")}`);
  return out;
}

/**
 * A student's final score: the graded exercise scores, then the instructor's overrides (each
 * exercise's new score, then its changes, kept within 0 and the maximum; then the total's), then
 * the late penalty, a share of that score. feedback.md, results.json and gradebook.csv all show
 * this one result.
 */
import type { SubmissionGrade } from "./grade";
import type { Lateness } from "./deadlines";
import type { Override } from "./overrides";

export interface AppliedOverride {
  readonly override: Override;
  readonly before: number;
  readonly after: number;
  /** Set when the score was kept within its bounds. */
  readonly bound: string | null;
}

export interface FinalExercise {
  /** "set/exercise", as in the gradebook's columns. */
  readonly key: string;
  readonly graded: number;
  readonly score: number;
  readonly maxScore: number;
}

export interface FinalGrade {
  readonly exercises: readonly FinalExercise[];
  readonly applied: readonly AppliedOverride[];
  /** The exercises' scores plus the total's overrides, before the late penalty. */
  readonly beforePenalty: number;
  /** What the total's overrides added (negative when they took points). */
  readonly adjustment: number;
  readonly late: Lateness | null;
  /** Points taken by the late penalty. */
  readonly penalty: number;
  readonly score: number;
  readonly maxScore: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function apply(value: number, overrides: readonly Override[], low: number, high: number, applied: AppliedOverride[]): number {
  const ordered = [...overrides.filter((o) => o.change === "set"), ...overrides.filter((o) => o.change === "add")];
  for (const o of ordered) {
    const wanted = round(o.change === "set" ? o.points : value + o.points);
    const after = Math.min(high, Math.max(low, wanted));
    applied.push({ override: o, before: value, after, bound: after === wanted ? null : after === high ? `kept at the maximum, ${high}` : `kept at ${low}` });
    value = after;
  }
  return value;
}

/** The final score of `grade` with this student's `overrides` and lateness. */
export function finalGrade(grade: SubmissionGrade, overrides: readonly Override[], late: Lateness | null): FinalGrade {
  const mine = overrides.filter((o) => o.student === grade.student);
  const applied: AppliedOverride[] = [];
  const exercises = grade.exercises.map((e): FinalExercise => {
    const key = `${e.set}/${e.exercise}`;
    return { key, graded: e.score, score: apply(e.score, mine.filter((o) => o.target === key), 0, e.maxScore, applied), maxScore: e.maxScore };
  });
  const sum = round(exercises.reduce((s, e) => s + e.score, 0));
  const beforePenalty = apply(sum, mine.filter((o) => o.target === "total"), 0, Infinity, applied);
  const penalty = late ? round((beforePenalty * late.percent) / 100) : 0;
  return { exercises, applied, beforePenalty, adjustment: round(beforePenalty - sum), late, penalty, score: round(beforePenalty - penalty), maxScore: grade.maxScore };
}

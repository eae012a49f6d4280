/**
 * An assignment's policy, declared once in grading/policy.ts (instructor-only, beside the hidden
 * tests; `--policy FILE` grades with another file):
 *
 *   export const policy = definePolicy({
 *     sets: ["04-cost-functions", "08-activations"], // the exercise sets graded (default: every set)
 *     hiddenTests: "score",                          // what students see of hidden tests before the due date
 *     maxSubmissions: 5,                             // Gradescope: graded submissions per student (default: no limit)
 *     due: "2027-03-05T23:59:00+01:00",              // local batches (Gradescope uses the assignment's dates)
 *     lateDue: "2027-03-08T23:59:00+01:00",          // the last moment a late hand-in counts; after it, 0
 *     latePenalty: { percentPerDay: 10 },            // "none" | "zero" | { percentPerDay: N }
 *   });
 *
 * Every field is optional; the defaults grade as before (every set, hidden tests shown with the
 * likely mistake, no limit, no deadline). A bad value throws a PolicyError naming the field.
 */

/**
 * What students see of each hidden test, in feedback.md and on Gradescope (its `visibility`):
 *   "mistake"    always: the kind of wrong and the likely mistake (Gradescope "visible");
 *   "score"      before the due date only the hidden tests' points per exercise; each test, with
 *                its mistake, after the (late) due date (Gradescope "after_due_date");
 *   "published"  nothing until the grades are published (Gradescope "after_published"; Gradescope
 *                then hides the total score too; a local batch shows them with --publish).
 * Public checks are always shown in full.
 */
export type HiddenTests = "mistake" | "score" | "published";

/**
 * What a late hand-in loses, as a share of its score: "none" (flagged only), "zero", or
 * `percentPerDay` for each started day (24 h) after the due date, up to 100. A hand-in after the
 * late due date scores 0 whatever the rule (Gradescope refuses those).
 */
export type LatePenalty = "none" | "zero" | { readonly percentPerDay: number };

export interface Policy {
  readonly sets: readonly string[] | null;
  readonly hiddenTests: HiddenTests;
  readonly maxSubmissions: number | null;
  /** ISO 8601 times with an offset, e.g. "2027-03-05T23:59:00+01:00". */
  readonly due: string | null;
  readonly lateDue: string | null;
  readonly latePenalty: LatePenalty;
}

export type PolicyInput = { readonly [K in keyof Policy]?: Policy[K] };

export class PolicyError extends Error {}

export const DEFAULT_POLICY: Policy = { sets: null, hiddenTests: "mistake", maxSubmissions: null, due: null, lateDue: null, latePenalty: "none" };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since 1970 of an ISO 8601 time with an offset ("2027-03-05T23:59:00+01:00" or "...Z"); throws naming `what`. */
export function parseTime(text: unknown, what: string): number {
  const ms = typeof text === "string" && ISO_TIME.test(text.trim()) ? Date.parse(text.trim().replace(" ", "T")) : NaN;
  if (!Number.isFinite(ms)) {
    throw new PolicyError(`${what} must be a time like "2027-03-05T23:59:00+01:00" (ISO 8601 with its offset from UTC, or Z), got ${JSON.stringify(text)}`);
  }
  return ms;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** Checks every field of `input` (also one that did not come through the types) and fills in the defaults. */
export function definePolicy(input: PolicyInput): Policy {
  if (typeof input !== "object" || input === null) throw new PolicyError(`the policy must be an object, got ${show(input)}`);
  const known = Object.keys(DEFAULT_POLICY);
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw new PolicyError(`the policy has no field ${key} (its fields: ${known.join(", ")})`);
  }
  const p = { ...DEFAULT_POLICY, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Policy;
  if (p.sets !== null && (!Array.isArray(p.sets) || p.sets.length === 0 || !p.sets.every((s) => typeof s === "string" && /^\d\d-[a-z0-9-]+$/.test(s)))) {
    throw new PolicyError(`sets must be a non-empty list of exercise set ids such as "04-cost-functions", got ${show(p.sets)}`);
  }
  if (!["mistake", "score", "published"].includes(p.hiddenTests)) {
    throw new PolicyError(`hiddenTests must be "mistake", "score" or "published", got ${show(p.hiddenTests)}`);
  }
  if (p.maxSubmissions !== null && !(Number.isInteger(p.maxSubmissions) && p.maxSubmissions >= 1)) {
    throw new PolicyError(`maxSubmissions must be a whole number >= 1 (or null for no limit), got ${show(p.maxSubmissions)}`);
  }
  const due = p.due === null ? null : parseTime(p.due, "due");
  const lateDue = p.lateDue === null ? null : parseTime(p.lateDue, "lateDue");
  if (lateDue !== null && due === null) throw new PolicyError("lateDue needs a due date (due) as well");
  if (lateDue !== null && due !== null && lateDue < due) throw new PolicyError(`lateDue (${p.lateDue}) is before due (${p.due})`);
  const rule = p.latePenalty;
  const perDay = typeof rule === "object" && rule !== null ? (rule as { percentPerDay?: unknown }).percentPerDay : undefined;
  const ruleOk = rule === "none" || rule === "zero" || (typeof rule === "object" && rule !== null && Object.keys(rule).join() === "percentPerDay" && typeof perDay === "number" && perDay > 0 && perDay <= 100);
  if (!ruleOk) throw new PolicyError(`latePenalty must be "none", "zero" or { percentPerDay: N } with 0 < N <= 100, got ${show(rule)}`);
  return Object.freeze(p);
}

// The assignment's grading policy: which exercise sets it grades, what students see of the hidden
// tests before the due date, how many graded Gradescope submissions each student has, and the
// deadlines. Every field is optional (delete it for the default); `npm run grade` and the
// Gradescope autograder read this file when they start, and say which field is wrong and why.
// Another assignment's policy can live in another file: `npm run grade -- --policy FILE ...`.
import { definePolicy } from "../grader/policy";

export const policy = definePolicy({
  // The sets this assignment grades, e.g. ["04-cost-functions", "08-activations"]; null: every set.
  sets: null,
  // Hidden tests before the due date: "mistake" (the kind of wrong and the likely mistake),
  // "score" (only their points per exercise; the details after the (late) due date) or
  // "published" (nothing, nor the total, until grades are published).
  hiddenTests: "mistake",
  // Graded Gradescope submissions per student (later ones keep the last result); null: no limit.
  maxSubmissions: null,
  // For local batches with --times (Gradescope uses the assignment's own dates). ISO 8601 with
  // the offset, e.g. "2027-03-05T23:59:00+01:00"; after lateDue a hand-in scores 0.
  due: null,
  lateDue: null,
  // "none" (late is flagged only), "zero", or { percentPerDay: 10 } per started day late.
  latePenalty: "none",
});

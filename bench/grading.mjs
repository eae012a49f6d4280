// The grader's time per hand-in, by stage (npm run bench's grading section). Two measurements:
//   - one hand-in graded on its own (`npm run grade -- HAND-IN`), cold: the grader, its sandbox
//     and its type-check process all start for it;
//   - a batch of full hand-ins graded one at a time (`--batch --jobs 1`), as a class is: the type
//     checker stays warm, and each hand-in's time is what a class of hundreds pays per student.
// The reference solutions are the full hand-in (every check and hidden test runs and passes).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const STAGES = ["read", "bundle", "run", "types"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function grade(root, args) {
  const r = spawnSync(process.execPath, [path.join(root, "tools", "grade.mjs"), ...args], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run grade -- ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** Grades the reference solutions alone and in a batch of `copies`; returns seconds per hand-in with stages (null in the student kit, which has no grader). */
export function benchGrading(root, { copies = 6, log = () => undefined } = {}) {
  if (!fs.existsSync(path.join(root, "solutions")) || !fs.existsSync(path.join(root, "tools", "grade.mjs"))) {
    log("no grader here (the student kit): the grading section is skipped");
    return null;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mlp-bench-grading-"));
  try {
    const ids = fs.readdirSync(path.join(root, "solutions")).filter((f) => /^\d\d-.*\.ts$/.test(f));
    const handIn = (dir) => {
      fs.mkdirSync(path.join(dir, "exercises"), { recursive: true });
      for (const f of ids) fs.copyFileSync(path.join(root, "solutions", f), path.join(dir, "exercises", f));
    };
    log("grading one full hand-in on its own (cold)...");
    handIn(path.join(tmp, "alone"));
    grade(root, [path.join(tmp, "alone"), "--out", path.join(tmp, "out-alone")]);
    const alone = JSON.parse(fs.readFileSync(path.join(tmp, "out-alone", "alone", "results.json"), "utf8"));
    const single = /in ([\d.]+) s/.exec(grade(root, [path.join(tmp, "alone"), "--out", path.join(tmp, "out-alone")]));
    log(`grading a batch of ${copies} full hand-ins, one at a time...`);
    for (let k = 0; k < copies; k++) handIn(path.join(tmp, "class", `student-${k}`));
    grade(root, ["--batch", path.join(tmp, "class"), "--out", path.join(tmp, "out-class"), "--jobs", "1"]);
    const grades = JSON.parse(fs.readFileSync(path.join(tmp, "out-class", "grades.json"), "utf8"));
    const warm = grades.slice(1); // the first one starts the type checker
    const score = grades.every((g) => g.score === g.maxScore);
    return {
      alone: { seconds: Number(single?.[1] ?? alone.execution_time) },
      batch: {
        handIns: grades.length,
        fullMarks: score,
        first: grades[0].seconds,
        median: median(warm.map((g) => g.seconds)),
        stages: Object.fromEntries(STAGES.map((s) => [s, median(warm.map((g) => g.stages[s]))])),
      },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The bench summary's lines for the grader. */
export function gradingSummary(g) {
  if (!g) return "Grader: skipped.";
  const s = g.batch.stages;
  return [
    `Grader, a full hand-in (the reference solutions${g.batch.fullMarks ? ", full marks" : ", NOT full marks"}): ${g.batch.median.toFixed(2)} s each in a batch (median of ${g.batch.handIns - 1} after the first, ${g.batch.first.toFixed(2)} s),`,
    `  by stage: read ${s.read.toFixed(2)} s, bundle ${s.bundle.toFixed(2)} s, run ${s.run.toFixed(2)} s, with the type check alongside ${s.types.toFixed(2)} s; one hand-in alone (cold): ${g.alone.seconds.toFixed(1)} s.`,
  ].join("\n");
}

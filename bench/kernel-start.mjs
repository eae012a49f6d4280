// The course kernel as a student meets it, beside a Python kernel as the peer: kernel start (to
// ready), the first cell (the notebooks' opening imports of "./lib" and "./lib/notebook", sent as
// soon as the kernel is ready) and start to that cell's first output; for Python, `import numpy`.
// The course kernel answers first and then compiles what a first cell needs: a cell sent at once
// waits for that, a cell sent a few seconds later (a student reading the notebook) does not, so
// that case is measured too. Each kernel is started RUNS times; medians are printed. Part of
// `npm run bench` (--skip-kernel-start skips it); alone: `node bench/kernel-start.mjs` (after ./course setup).
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const RUNS = 3;
/** Seconds between the kernel being ready and the first cell, in the "student reading" case. */
const READING_S = 3;

export const COURSE_CELL = ['import { createNetwork, sigmoid } from "./lib";', 'import { show, table } from "./lib/notebook";', "sigmoid(0)"].join("\n");
export const NUMPY_CELL = "import numpy\nprint(numpy.float64(0.5))";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Times RUNS fresh kernels of `kernel` started in notebooks/ (as JupyterLab starts them) running `code` `delay` s after ready. */
function timeKernel(kernel, code, delay = 0) {
  const r = spawnSync(PYTHON, [path.join(ROOT, "bench", "kernel_start.py"), kernel, path.join(ROOT, "notebooks"), code, String(RUNS), String(delay)], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench/kernel_start.py ${kernel} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  const { runs } = JSON.parse(r.stdout.trim().split("\n").pop());
  const failed = runs.find((run) => run.status !== "ok");
  return {
    failed: failed ? failed.output : null,
    start: median(runs.map((run) => run.start)),
    firstCell: median(runs.map((run) => run.first_cell)),
    toFirstOutput: median(runs.map((run) => run.to_first_output)),
  };
}

/** Runs both kernels; returns the report's text and the numbers (a section of npm run bench). */
export function kernelStartSection() {
  const course = timeKernel("tslab-mlp", COURSE_CELL);
  if (course.failed) throw new Error(`the course kernel's first cell failed: ${course.failed}`);
  const reading = timeKernel("tslab-mlp", COURSE_CELL, READING_S);
  const python = timeKernel("python3", NUMPY_CELL);
  const s = (x) => `${x.toFixed(2)} s`;
  const lines = [
    `Kernel start (median of ${RUNS} fresh kernels each; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores when it ended):`,
    `| kernel, first cell | start to ready | first cell | start to first output |`,
    `|---|---|---|---|`,
    `| TypeScript (MLP course): import "./lib" and "./lib/notebook", sent when ready (waits for the compiler's start, done after ready) | ${s(course.start)} | ${s(course.firstCell)} | ${s(course.toFirstOutput)} (target < 4 s) |`,
    `| the same, sent ${READING_S} s after ready (a student reading the notebook first) | ${s(reading.start)} | ${s(reading.firstCell)} (target < 2 s) | |`,
    python.failed
      ? `| Python (ipykernel): import numpy, sent when ready | not measured: ${python.failed.split("\n").pop()} (npm run bench installs NumPy) | | |`
      : `| Python (ipykernel): import numpy, sent when ready | ${s(python.start)} | ${s(python.firstCell)} | ${s(python.toFirstOutput)} |`,
    python.failed
      ? ""
      : `Against Python's import numpy: start to first output ${(course.toFirstOutput / python.toFirstOutput).toFixed(1)}x (cells sent when ready); ` +
        `the first import ${(reading.firstCell / python.firstCell).toFixed(1)}x (sent ${READING_S} s after ready).`,
  ].filter(Boolean);
  return { text: lines.join("\n"), data: { course, reading, python } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    console.log(kernelStartSection().text);
  } catch (error) {
    console.error(`[bench] error: ${error.message}`);
    process.exit(1);
  }
}

// npm run bench [-- --epochs N] [--skip-notebooks] [--skip-grader]: prints the machine (CPU flags),
// trains the issue-10 workloads with our library (with its default threads and with MLP_THREADS=2,
// saying which loop and how many threads ran), with a NumPy reference (2 threads and 1, installed
// into .venv on demand) and with tfjs-wasm when it is installed, from the same exported digits,
// initial weights and sample order. Prints a table of median epoch times and ratios to the faster
// NumPy measured in this run, GFLOP/s, % of one core's peak, final losses, test accuracy and peak
// RSS, then the notebook suite's and the grader's times; writes build/bench/results.json and a
// Plotly chart build/bench/bench.html. Times vary 1.5-3x between machines and runs: read the
// ratios. One function per section (machineSection, trainingSection, ...): a new measurement is a
// new section.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "./course/process.mjs";
import { choosePipIndex, parsePipConfig, probeUrl } from "./course/python-env.mjs";
import { setup } from "./course/setup.mjs";
import { benchGrading, gradingSummary } from "../bench/grading.mjs";

const OUT = path.join(ROOT, "build", "bench");
const DATA = path.join(OUT, "data");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const require = createRequire(path.join(ROOT, "package.json"));

function log(message) {
  console.error(`[bench] ${message}`);
}

function runJson(command, args, env = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${path.basename(command)} ${args.map((a) => path.basename(a)).join(" ")} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  // Our runs print one JSON line after any logging; tools/run_notebook.py prints indented JSON.
  const out = r.stdout.trim();
  try {
    return JSON.parse(out.split("\n").pop());
  } catch {
    return JSON.parse(out);
  }
}

async function ensureNumpy() {
  const req = path.join(ROOT, "bench", "requirements.txt");
  const stamp = path.join(ROOT, ".venv", ".bench-requirements.sha256");
  const hash = createHash("sha256").update(fs.readFileSync(req)).digest("hex");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === hash) return;
  const config = parsePipConfig(spawnSync(PYTHON, ["-m", "pip", "config", "list"], { encoding: "utf8" }).stdout ?? "");
  const index = await choosePipIndex({ env: process.env, pipConfig: config, probe: () => probeUrl() });
  log(`installing NumPy into .venv for the reference (${index.reason})...`);
  const r = spawnSync(PYTHON, ["-m", "pip", "install", "--disable-pip-version-check", "-q", ...index.args, "-r", req], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("pip could not install NumPy (see above)");
  fs.writeFileSync(stamp, hash + "\n");
}

async function bundle(entry, out) {
  const esbuild = require("esbuild");
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile: out, logLevel: "silent" });
  return out;
}

/** The CPU as /proc/cpuinfo describes it: model, clock, core count and the flags that matter for float64 products. */
function cpuInfo() {
  const info = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const flags = (/flags\s*:\s*(.*)/.exec(info)?.[1] ?? "").split(/\s+/);
  return {
    model: /model name\s*:\s*(.*)/.exec(info)?.[1] ?? "unknown",
    mhz: Number(/cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1] ?? 0),
    cores: (info.match(/^processor\s*:/gm) ?? []).length,
    flags,
    // The vector extensions BLAS picks its kernels by (WebAssembly SIMD is 128-bit, no FMA, whatever the CPU has).
    vector: ["sse2", "sse4_2", "avx", "avx2", "fma", "avx512f"].filter((f) => flags.includes(f)),
  };
}

/** One core's float64 peak, estimated from the CPU's clock and vector width (FMA: 2 units). */
function corePeakGflops(cpu) {
  const lanes = cpu.flags.includes("avx512f") ? 8 : cpu.flags.includes("avx") ? 4 : 2;
  const fma = cpu.flags.includes("fma") ? 2 : 1;
  return { gflops: (cpu.mhz / 1000) * lanes * fma * 2, note: `${cpu.mhz.toFixed(0)} MHz x ${lanes} doubles x ${fma === 2 ? "FMA" : "mul+add"} x 2 units, at the reported clock: boost clocks run higher, so a measurement can exceed it` };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function table(rows, header) {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => "| " + cells.map((c, k) => String(c).padEnd(widths[k])).join(" | ") + " |";
  return [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

function chartHtml(results) {
  const plotly = fs.readFileSync(require.resolve("plotly.js-dist/plotly.js"), "utf8");
  const data = results.training.runs.map((run) => ({
    type: "bar", name: run.implementation,
    x: run.workloads.map((w) => `workload ${w.id}`),
    y: run.workloads.map((w) => w.ratioToFasterNumpy),
  }));
  const layout = { title: { text: "Median epoch time relative to the faster NumPy (1 or 2 threads), same run" }, barmode: "group", yaxis: { title: { text: "epoch time / NumPy's (lower is faster)" }, type: "log" }, xaxis: { title: { text: "workload" } } };
  return `<!doctype html><meta charset="utf-8"><title>mlp-course benchmark</title><script>${plotly.replace(/<\/script/gi, "<\\/script")}</script><div id="chart" style="height:480px"></div><pre>${results.table.replace(/</g, "&lt;")}</pre><script>Plotly.newPlot("chart", ${JSON.stringify(data)}, ${JSON.stringify(layout)});</script>`;
}

// ---------------------------------------------------------------------------------------------
// Sections: each runs its part and returns { text, data }; main prints the texts in order and
// writes the data to results.json under the section's name.
// ---------------------------------------------------------------------------------------------

/** The machine: CPU model, cores and vector flags (ratios differ between machine kinds). */
function machineSection() {
  const cpu = cpuInfo();
  const text = [
    `Machine: ${cpu.model}, ${cpu.cores} logical cores at ${cpu.mhz.toFixed(0)} MHz; vector flags: ${cpu.vector.join(" ") || "none"} (Node ${process.versions.node}; WebAssembly SIMD: 128-bit, no FMA).`,
    `CPU flags: ${cpu.flags.join(" ")}`,
  ].join("\n");
  return { text, data: { ...cpu, node: process.versions.node } };
}

/** How our run trained a workload: kernels, loop and threads, from train's result. */
function pathLabel(execution) {
  if (!execution) return "";
  return `${execution.loop}, ${execution.threads} thread${execution.threads === 1 ? "" : "s"}`;
}

/** Trains the two workloads with ours, NumPy (2 threads and 1) and tfjs-wasm from the same inputs; epoch times as ratios to NumPy in this run. */
async function trainingSection(epochs) {
  await ensureNumpy();
  fs.mkdirSync(DATA, { recursive: true });
  const ours = await bundle(path.join(ROOT, "bench", "ours.ts"), path.join(OUT, "ours.cjs"));
  log(`training workloads A and B for ${epochs} epochs: NumPy (2 threads), ours, NumPy (1 thread), ours with MLP_THREADS=2, tfjs-wasm if installed...`);
  const numpy = (threads) => {
    const env = Object.fromEntries(["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"].map((k) => [k, String(threads)]));
    return runJson(PYTHON, [path.join(ROOT, "bench", "numpy_reference.py"), DATA], env);
  };
  const oursRun = runJson(process.execPath, [ours, DATA, String(epochs), "export"]); // also exports the shared inputs
  const numpy2 = numpy(2);
  const oursAgain = runJson(process.execPath, [ours, DATA, String(epochs)]); // paired with numpy2 and numpy1 around it
  const numpy1 = numpy(1);
  // Our library with every product large enough split over two threads (MLP_THREADS=2, see
  // lib/backends/wasm/threads.ts): whether the second core pays depends on the machine being otherwise idle.
  const oursTwo = runJson(process.execPath, [ours, DATA, String(epochs)], { MLP_THREADS: "2" });
  let tfjs = null;
  try {
    require.resolve("@tensorflow/tfjs-backend-wasm");
    tfjs = runJson(process.execPath, [await bundle(path.join(ROOT, "bench", "tfjs.ts"), path.join(OUT, "tfjs.cjs")), DATA]);
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND") throw error;
    log("tfjs-wasm is not installed: it is a devDependency, so ./course setup (npm ci) installs it; an npm install that omits devDependencies leaves it out");
  }
  // Our two runs: keep the faster epochs of each (the machine is shared; first-run JIT warm-up).
  oursRun.workloads.forEach((w, k) => {
    w.epochSeconds = w.epochSeconds.map((s, e) => Math.min(s, oursAgain.workloads[k].epochSeconds[e]));
  });
  const runs = [numpy2, numpy1, oursRun, oursTwo, ...(tfjs ? [tfjs] : [])];
  for (const run of runs) {
    for (const w of run.workloads) {
      const ref2 = median(numpy2.workloads.find((r) => r.id === w.id).epochSeconds);
      const ref1 = median(numpy1.workloads.find((r) => r.id === w.id).epochSeconds);
      const ref = numpy2.workloads.find((r) => r.id === w.id);
      w.medianEpochSeconds = median(w.epochSeconds);
      w.ratioToNumpy = w.medianEpochSeconds / ref2;
      w.ratioToNumpy1 = w.medianEpochSeconds / ref1;
      w.ratioToFasterNumpy = w.medianEpochSeconds / Math.min(ref1, ref2);
      w.maxLossDifference = Math.max(...w.losses.map((l, e) => Math.abs(l - ref.losses[e]) / Math.abs(ref.losses[e])));
    }
  }
  const rows = [];
  for (const id of ["A", "B"]) {
    for (const run of runs) {
      const w = run.workloads.find((x) => x.id === id);
      rows.push([
        id, run.implementation, pathLabel(w.execution), w.medianEpochSeconds.toFixed(3), `${w.ratioToFasterNumpy.toFixed(2)}x`, `${w.ratioToNumpy.toFixed(2)}x`, `${w.ratioToNumpy1.toFixed(2)}x`,
        w.losses.at(-1).toPrecision(12), w.maxLossDifference === 0 ? "0" : w.maxLossDifference.toExponential(1),
        `${(100 * w.testAccuracy).toFixed(2)}%`, run.peakRssMb.toFixed(0),
      ]);
    }
  }
  const header = ["workload", "implementation", "loop, threads", "median epoch s", "vs faster NumPy", "vs NumPy 2 thr", "vs NumPy 1 thr", "final loss", "max rel. loss diff", "test acc.", "peak RSS MB"];
  const paths = oursRun.workloads.map((w) => `${w.id}: ${w.execution.kernels} kernels (${w.execution.kernelsChoice}), ${w.execution.loop} loop (${w.execution.reason}), threads ${w.execution.threadNote}`);
  const text = [
    `Workloads: A = 784-64-10 sigmoid, half squared error, batch 32, lr 0.5; B = 784-128-64-10 ReLU, softmax + cross-entropy, batch 64, lr 0.1; 8000 training digits, ${epochs} epochs, float64 (tfjs-wasm: float32, its only float type).`,
    table(rows, header),
    `What ours ran (train's result.execution, default threads): ${paths.join("; ")}.`,
  ].join("\n");
  return { text, data: { runs } };
}

/** The 1024 x 1024 matmul of each implementation, in GFLOP/s and as a share of one core's peak. */
function matmulSection(training, cpu) {
  const peak = corePeakGflops(cpu);
  const text = [
    table(
      training.runs.filter((r) => r.matmulGflops).map((r) => [r.implementation, r.matmulGflops.toFixed(1), `${((100 * r.matmulGflops) / peak.gflops).toFixed(1)}%`]),
      ["1024x1024 matmul (float64; f32 rows float32)", "GFLOP/s", "% of one core's float64 peak"],
    ),
    `One core's float64 peak (estimate): ${peak.gflops.toFixed(0)} GFLOP/s (${peak.note}).`,
  ].join("\n");
  return { text, data: { corePeak: peak } };
}

/** The notebook suite's time (every notebook top to bottom in a real kernel). */
function notebooksSection() {
  const files = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join("notebooks", f));
  log(`running the ${files.length} notebooks (--skip-notebooks skips this)...`);
  const t0 = performance.now();
  const reports = runJson(PYTHON, [path.join(ROOT, "tools", "run_notebook.py"), ...files]);
  const data = { count: files.length, seconds: (performance.now() - t0) / 1000, problems: reports.reduce((n, r) => n + r.problems.length, 0) };
  return { text: `Notebook suite: ${data.count} notebooks in ${data.seconds.toFixed(1)} s (${data.problems} problems).`, data };
}

/** The grader's time per hand-in, by stage (bench/grading.mjs). */
function graderSection() {
  const data = benchGrading(ROOT, { log });
  return { text: gradingSummary(data), data };
}

async function main(args) {
  const epochs = Number(args[args.indexOf("--epochs") + 1]) || 3;
  await setup();
  const machine = machineSection();
  const training = await trainingSection(epochs);
  const sections = { machine, training, matmul: matmulSection(training.data, machine.data) };
  sections.notebooks = args.includes("--skip-notebooks") ? { text: "Notebook suite: skipped.", data: null } : notebooksSection();
  sections.grader = args.includes("--skip-grader") ? { text: gradingSummary(null), data: null } : graderSection();
  sections.kernelStart = args.includes("--skip-kernel-start") ? { text: "Kernel start: skipped.", data: null } : (await import("../bench/kernel-start.mjs")).kernelStartSection();
  const summary = Object.values(sections).map((s) => s.text).join("\n\n");
  console.log(summary);
  const results = { date: new Date().toISOString(), epochs, ...Object.fromEntries(Object.entries(sections).map(([k, s]) => [k, s.data])), table: summary };
  fs.writeFileSync(path.join(OUT, "results.json.tmp"), JSON.stringify(results, null, 1));
  fs.renameSync(path.join(OUT, "results.json.tmp"), path.join(OUT, "results.json"));
  fs.writeFileSync(path.join(OUT, "bench.html"), chartHtml(results));
  log(`wrote build/bench/results.json and build/bench/bench.html`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(`[bench] error: ${error.message}`);
  process.exit(1);
});

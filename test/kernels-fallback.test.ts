import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetwork, loadDigits, setKernels, train, type TrainResult } from "../lib";

type Execution = TrainResult["execution"];
import { sparseKernels } from "../lib/backends/sparse";

// The grader's sandbox (grader/sandbox.ts) runs hand-ins under `prlimit --as=2 GiB` with a 512 MB
// heap and Node's permission model (no worker threads). Under the address-space limit V8 cannot
// reserve a WebAssembly memory; under the permission model a worker cannot start. The library must
// still work: on its TypeScript kernels in the first case (with the results sparseKernels give in
// any process), on one thread in the second (with the results of the default kernels); and say
// which ran and why. The same bundle without limits runs two threads (the helper thread's code
// starts from a bundle too).
const script = `
const { createNetwork, loadDigits, matmul, matrix, train } = require(${JSON.stringify(path.resolve(__dirname, "..", "lib", "index.ts"))});
const d = loadDigits({ train: 200, test: 10, seed: 3 });
const net = createNetwork({ sizes: [784, 64, 10], hidden: "relu", output: "softmax", weights: "he", seed: 2 });
const r = train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 32, epochs: 2, seed: 5 });
const C = matmul(matrix(2, 3, Float64Array.from([1, 2, 3, 4, 5, 6])), matrix(3, 1, Float64Array.from([1, 0, -1])));
console.log(JSON.stringify({ W: r.network.layers.map((l) => Array.from(l.W.data)), cost: r.history.map((h) => h.trainCost), C: Array.from(C.data), execution: r.execution }));
`;

function reference() {
  const d = loadDigits({ train: 200, test: 10, seed: 3 });
  const net = createNetwork({ sizes: [784, 64, 10], hidden: "relu", output: "softmax", weights: "he", seed: 2 });
  const r = train(net, d.train.X, d.train.Y, { loss: "crossEntropy", learningRate: 0.1, batchSize: 32, epochs: 2, seed: 5 });
  return { W: r.network.layers.map((l) => Array.from(l.W.data)), cost: r.history.map((h) => h.trainCost), C: [-2, -2] };
}

const root = path.resolve(__dirname, "..");
const hasPrlimit = process.platform === "linux" && spawnSync("prlimit", ["--version"], { stdio: "ignore" }).status === 0;

describe("in the grader's sandbox", () => {
  let dir = "", bundle = "";
  beforeAll(async () => {
    // Inside the repository, so that the bundle's external packages resolve from node_modules.
    fs.mkdirSync(path.join(root, "build"), { recursive: true });
    dir = fs.mkdtempSync(path.join(root, "build", "fallback-"));
    const entry = path.join(dir, "entry.cjs");
    bundle = path.join(dir, "bundle.cjs");
    fs.writeFileSync(entry, script);
    const esbuild = await import("esbuild");
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "silent", external: ["mathjs", "plotly.js-dist", "mnist"], absWorkingDir: root });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    expect(r.stderr).not.toMatch(/Error|FATAL/);
    expect(r.status).toBe(0);
    const { execution, ...result } = JSON.parse(r.stdout.trim()) as ReturnType<typeof reference> & { execution: Execution };
    return { result, execution };
  };

  it.runIf(hasPrlimit)("under its address-space limit, trains and multiplies on the TypeScript kernels, exactly as sparseKernels do", () => {
    const limited = run(["prlimit", "--as=2147483648", process.execPath, "--max-old-space-size=512", bundle]);
    expect(limited.execution).toMatchObject({ kernels: "sparse-aware js", loop: "readable", reason: "the sparse-aware js kernels have no fused training", threads: 1 });
    expect(limited.execution.kernelsChoice).toMatch(/^the default \(wasm-simd cannot run here: its 2147483648-byte memory cannot be reserved \(an address-space limit\?\): .+\)$/);
    const previous = setKernels(sparseKernels);
    try {
      expect(limited.result).toEqual(reference());
    } finally {
      setKernels(previous);
    }
  });

  it("under its permission model (no worker threads), runs the WebAssembly kernels on one thread", () => {
    const permission = process.versions.node.split(".").map(Number)[0] >= 23 ? "--permission" : "--experimental-permission";
    const noWorkers = run([process.execPath, permission, "--no-warnings", "--allow-fs-read=*", bundle], { MLP_THREADS: "2" });
    expect(noWorkers.execution).toEqual({
      kernels: "wasm-simd", kernelsChoice: "the default", loop: "fused", reason: "the wasm-simd kernels' fused training", threads: 1,
      threadNote: "2, but one thread: worker threads are not permitted in this process (Node's permission model without --allow-worker)",
    });
    expect(noWorkers.result).toEqual(reference());
  });

  it("refuses an MLP_THREADS it does not know, saying which values it takes", () => {
    const r = spawnSync(process.execPath, [bundle], { encoding: "utf8", cwd: root, env: { ...process.env, MLP_THREADS: "3" } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('MLP_THREADS must be 1, 2 or auto (or unset), got "3"');
  });

  it("without its limits, runs the same bundle on two threads, with the same results", () => {
    const free = run([process.execPath, bundle], { MLP_THREADS: "2" });
    expect(free.execution).toMatchObject({ kernels: "wasm-simd", loop: "fused", threads: 2, threadNote: "2" });
    expect(free.result).toEqual(reference());
  });
});

/**
 * Runs in its own Node process (bundled by tools/bench.mjs): trains each workload with our `train`
 * for the given epochs, writes the shared inputs for the other implementations, and reports epoch
 * times, losses, test accuracy, matmul speed and peak RSS as JSON.
 * Usage: node ours.cjs <out-dir> <epochs> [export]
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { classify, getKernels, matrix, train, type Matrix } from "../lib";
import { wasm } from "../lib/backends/wasm/backend";
import { WORKLOADS, SEED, digits, epochOrders, initialNetwork } from "./workloads";

const [outDir, epochsArg, mode] = process.argv.slice(2);
const epochs = Number(epochsArg);
fs.mkdirSync(outDir, { recursive: true });
const write = (name: string, data: Float64Array | Uint32Array) => fs.writeFileSync(path.join(outDir, name), Buffer.from(data.buffer, data.byteOffset, data.byteLength));

const data = digits();
const n = data.train.X.rows;

if (mode === "export") {
  // The inputs every implementation shares: raw little-endian arrays plus a manifest.
  write("train_X.f64", data.train.X.data);
  write("train_Y.f64", data.train.Y.data);
  write("test_X.f64", data.test.X.data);
  write("test_labels.f64", Float64Array.from(data.test.labels));
  const orders = epochOrders(n, epochs);
  const allOrders = new Uint32Array(epochs * n);
  orders.forEach((o, e) => allOrders.set(o, e * n));
  write("orders.u32", allOrders);
  const manifest = WORKLOADS.map((w) => {
    const net = initialNetwork(w);
    net.layers.forEach((l, k) => {
      write(`${w.id}_W${k}.f64`, l.W.data);
      write(`${w.id}_b${k}.f64`, l.b);
    });
    return { ...w, layers: net.layers.map((l) => ({ rows: l.W.rows, cols: l.W.cols })) };
  });
  fs.writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify({ train: n, test: data.test.X.rows, epochs, seed: SEED, pixels: 784, workloads: manifest }));
}

function matmulGflops(size: number): number {
  const A: Matrix = matrix(size, size, Float64Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5));
  const B: Matrix = matrix(size, size, Float64Array.from({ length: size * size }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5));
  const k = getKernels();
  k.matmul(A, B); // warm-up
  // The best of three: the machine is shared, and one run can lose its core for a while.
  let seconds = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    k.matmul(A, B);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return (2 * size ** 3) / seconds / 1e9;
}

const results = WORKLOADS.map((w) => {
  const times: number[] = [];
  const losses: number[] = [];
  let last = performance.now();
  const { network, execution } = train(initialNetwork(w), data.train.X, data.train.Y, {
    loss: w.loss, learningRate: w.learningRate, batchSize: w.batchSize, epochs, seed: SEED,
    onEpoch: (r) => {
      const now = performance.now();
      times.push((now - last) / 1000);
      losses.push(r.trainCost);
      last = now;
    },
  });
  const predicted = classify(network, data.test.X);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === data.test.labels[i]) correct++;
  return { id: w.id, epochSeconds: times, losses, testAccuracy: correct / predicted.length, execution };
});

const gflops = matmulGflops(1024);
// MLP_THREADS (set by tools/bench.mjs) chooses 1, 2 or, unset, "auto" threads (lib/backends/wasm/threads.ts).
const threads = wasm().threads.setting;
const threadLabel = threads === "auto" ? "2 threads for large products" : `${threads} thread${threads === 1 ? "" : "s"}`;
console.log(JSON.stringify({ implementation: `ours (${getKernels().name}, ${threadLabel})`, kernels: getKernels().name, threads, workloads: results, matmulGflops: gflops, matmulSize: 1024, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

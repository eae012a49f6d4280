/**
 * The tfjs peer of the benchmark (bundled and run by tools/bench.mjs when
 * @tensorflow/tfjs-backend-wasm is installed): trains the exported workloads with tfjs ops on the
 * WebAssembly backend, with the same inputs, initial weights, per-epoch sample order and arithmetic
 * (forward, fused output deltas, explicit backward matmuls, plain SGD) as bench/numpy_reference.py,
 * and prints one JSON line in the same shape as it does.
 * The wasm backend computes in float32 only (it has no float64 tensors), so losses match NumPy's
 * float64 to about 1e-5 relative, not to the last digit: the implementation label says f32.
 * Usage: node tfjs.cjs <dir-with-exported-inputs>
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import * as tf from "@tensorflow/tfjs-core";
// Registers the "wasm" backend. In Node its loader finds the .wasm binaries next to its own
// dist/ files (tools/bench.mjs bundles with packages external, so they stay in node_modules):
// no setWasmPaths is needed, and nothing is downloaded.
import "@tensorflow/tfjs-backend-wasm";

interface LayerShape {
  readonly rows: number;
  readonly cols: number;
}

interface ExportedWorkload {
  readonly id: string;
  readonly hidden: "sigmoid" | "relu";
  readonly output: "sigmoid" | "softmax";
  readonly loss: "halfSquared" | "crossEntropy";
  readonly batchSize: number;
  readonly learningRate: number;
  readonly layers: readonly LayerShape[];
}

interface Manifest {
  readonly train: number;
  readonly test: number;
  readonly epochs: number;
  readonly pixels: number;
  readonly workloads: readonly ExportedWorkload[];
}

const directory = process.argv[2];
if (!directory) throw new Error("usage: node tfjs.cjs <dir-with-exported-inputs>");

function readBytes(name: string): Buffer {
  return fs.readFileSync(path.join(directory, name));
}

/** A little-endian float64 file (as bench/ours.ts writes them), rounded to float32 for tfjs. */
function loadF32(name: string, length: number): Float32Array {
  const bytes = readBytes(name);
  if (bytes.byteLength !== length * 8) throw new Error(`${name}: ${bytes.byteLength} bytes, expected ${length * 8}`);
  // Copied out of the Buffer: its byteOffset in Node's pool need not be a multiple of 8.
  const f64 = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return Float32Array.from(f64);
}

function loadU32(name: string, length: number): Uint32Array {
  const bytes = readBytes(name);
  if (bytes.byteLength !== length * 4) throw new Error(`${name}: ${bytes.byteLength} bytes, expected ${length * 4}`);
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

// Layout, chosen by timing tfjs-wasm 4.22 kernels in Node (batch 32, 784-64): its matMul is fast
// only without transposeA/transposeB (a transposed operand costs 5-10x more than an explicit
// tf.transpose followed by a plain matMul), so each layer keeps W^T (inputs x outputs) and backward
// transposes explicitly. Mini-batches are copied row by row on the host and uploaded with
// tf.tensor2d: tf.gather of 32 rows of the training set took ~1.6 ms and tf.slice of it ~8 ms,
// versus ~10 us for the upload.

/** tf.fused.matMul is typed as returning a Tensor of any rank; ours are matrices. */
function rank2(t: tf.Tensor): tf.Tensor2D {
  if (t.rank !== 2) throw new Error(`expected a matrix, got shape ${t.shape}`);
  return t as tf.Tensor2D;
}

interface Forward {
  /** Pre-activations z of each layer. */
  readonly zs: tf.Tensor2D[];
  /** Activations: acts[0] is the input, acts[k + 1] the output of layer k. */
  readonly acts: tf.Tensor2D[];
}

function forward(WTs: readonly tf.Variable<tf.Rank.R2>[], bs: readonly tf.Variable<tf.Rank.R1>[], X: tf.Tensor2D, w: ExportedWorkload): Forward {
  const zs: tf.Tensor2D[] = [];
  const acts: tf.Tensor2D[] = [X];
  let a = X;
  WTs.forEach((WT, k) => {
    // z = a W^T + b, as NumPy's `a @ W.T + b`.
    // One fused kernel for the product and the bias (tfjs-wasm's _FusedMatMul), one pass fewer.
    const z = rank2(tf.fused.matMul({ a, b: WT, bias: bs[k] }));
    const kind = k === WTs.length - 1 ? w.output : w.hidden;
    a = kind === "sigmoid" ? tf.sigmoid(z) : kind === "relu" ? tf.relu(z) : tf.softmax(z);
    zs.push(z);
    acts.push(a);
  });
  return { zs, acts };
}

/** The batch's summed data loss (NumPy's per-batch mean times m), a float32 scalar. */
function batchLossSum(w: ExportedWorkload, z: tf.Tensor2D, h: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  if (w.loss === "halfSquared") return tf.mul<tf.Scalar>(0.5, tf.sum(tf.squaredDifference(h, y)));
  // -sum(y (z - logsumexp z)); with one-hot y the zero terms are exactly zero, as NumPy's `where`.
  return tf.neg(tf.sum<tf.Scalar>(tf.mul(y, tf.logSoftmax(z))));
}

/** Rows `idx` of a row-major (rows x cols) array, as a new tensor. */
function rows(source: Float32Array, cols: number, idx: Uint32Array): tf.Tensor2D {
  // A fresh array per batch: the backend may keep a reference to it until the tensor is first used.
  const out = new Float32Array(idx.length * cols);
  for (let r = 0; r < idx.length; r++) out.set(source.subarray(idx[r] * cols, (idx[r] + 1) * cols), r * cols);
  return tf.tensor2d(out, [idx.length, cols]);
}

interface Inputs {
  readonly X: Float32Array;
  readonly Y: Float32Array;
  readonly n: number;
  readonly pixels: number;
}

/** One epoch of plain SGD in `order`; returns the mean data loss over the epoch. */
function trainEpoch(w: ExportedWorkload, WTs: tf.Variable<tf.Rank.R2>[], bs: tf.Variable<tf.Rank.R1>[], data: Inputs, order: Uint32Array): number {
  const { n } = data;
  const costs: tf.Scalar[] = [];
  for (let start = 0; start < n; start += w.batchSize) {
    const idx = order.subarray(start, Math.min(start + w.batchSize, n));
    const step = w.learningRate / idx.length;
    // Everything a step creates is freed at the end of its tidy, except its loss scalar
    // (returned, read at the end of the epoch so no step waits on a read-back).
    costs.push(tf.tidy(() => {
      const Xb = rows(data.X, data.pixels, idx);
      const Yb = rows(data.Y, 10, idx);
      const { zs, acts } = forward(WTs, bs, Xb, w);
      const h = acts[acts.length - 1];
      const cost = batchLossSum(w, zs[zs.length - 1], h, Yb);
      // Output deltas: sigmoid + half squared error is (h - y) h (1 - h); softmax + cross-entropy the fused h - y.
      const diff = tf.sub<tf.Tensor2D>(h, Yb);
      let delta: tf.Tensor2D = w.loss === "halfSquared" ? tf.mul<tf.Tensor2D>(tf.mul(diff, h), tf.sub(1, h)) : diff;
      for (let k = WTs.length - 1; k >= 0; k--) {
        // NumPy's gW = delta^T a / m, transposed: gW^T = a^T delta / m. The 1/m and the rate are
        // applied as one factor below: one pass over the gradient instead of two.
        const gWT = tf.matMul(tf.transpose(acts[k]), delta);
        const gb = tf.sum(delta, 0);
        if (k > 0) {
          // Back through W before it is updated, as the reference does: dA = delta W.
          const dA = tf.matMul(delta, tf.transpose(WTs[k]));
          const a = acts[k];
          delta = w.hidden === "sigmoid" ? tf.mul<tf.Tensor2D>(tf.mul(dA, a), tf.sub(1, a)) : tf.mul<tf.Tensor2D>(dA, tf.step(zs[k - 1]));
        }
        WTs[k].assign(tf.sub(WTs[k], tf.mul(step, gWT)));
        bs[k].assign(tf.sub(bs[k], tf.mul(step, gb)));
      }
      return cost;
    }));
  }
  // The per-batch sums, added in float64 like NumPy's cost_sum.
  const sums = tf.stack(costs);
  const values = sums.dataSync();
  tf.dispose([sums, ...costs]);
  let total = 0;
  for (const v of values) total += v;
  return total / n;
}

function testAccuracy(w: ExportedWorkload, WTs: tf.Variable<tf.Rank.R2>[], bs: tf.Variable<tf.Rank.R1>[], Xt: tf.Tensor2D, labels: Int32Array): number {
  const predicted = tf.tidy(() => {
    const { acts } = forward(WTs, bs, Xt, w);
    return tf.argMax(acts[acts.length - 1], 1);
  });
  const p = predicted.dataSync();
  predicted.dispose();
  let correct = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === labels[i]) correct++;
  return correct / p.length;
}

/** A tf.Variable holding `values`; the tensor it was made from is freed (a variable shares its data). */
function variable<R extends tf.Rank>(values: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(values);
  values.dispose();
  return v;
}

function matmulGflops(size: number): number {
  // The same operands as NumPy's and ours, in float32.
  const A = tf.tensor2d(Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5), [size, size]);
  const B = tf.tensor2d(Float32Array.from({ length: size * size }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5), [size, size]);
  tf.matMul(A, B).dispose(); // warm-up
  // The best of three, as the other implementations measure theirs. The wasm backend runs each
  // kernel synchronously; reading the result back (dataSync) makes sure it is done regardless.
  let seconds = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const C = tf.matMul(A, B);
    C.dataSync();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    C.dispose();
  }
  tf.dispose([A, B]);
  return (2 * size ** 3) / seconds / 1e9;
}

async function main(): Promise<void> {
  if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs wasm backend did not initialise");
  await tf.ready();
  const manifest = JSON.parse(fs.readFileSync(path.join(directory, "manifest.json"), "utf8")) as Manifest;
  const { train: n, test: t, pixels: p, epochs } = manifest;
  const data: Inputs = { X: loadF32("train_X.f64", n * p), Y: loadF32("train_Y.f64", n * 10), n, pixels: p };
  const Xt = tf.tensor2d(loadF32("test_X.f64", t * p), [t, p]);
  const labels = Int32Array.from(loadF32("test_labels.f64", t));
  const allOrders = loadU32("orders.u32", epochs * n);
  const orders = Array.from({ length: epochs }, (_, e) => allOrders.subarray(e * n, (e + 1) * n));

  const results = manifest.workloads.map((w) => {
    // Exported W is (outputs x inputs); we keep its transpose (see "Layout" above).
    const WTs = w.layers.map((l, k) => variable(tf.tidy(() => tf.transpose(tf.tensor2d(loadF32(`${w.id}_W${k}.f64`, l.rows * l.cols), [l.rows, l.cols])))));
    const bs = w.layers.map((l, k) => variable(tf.tensor1d(loadF32(`${w.id}_b${k}.f64`, l.rows))));
    const epochSeconds: number[] = [];
    const losses: number[] = [];
    for (let e = 0; e < epochs; e++) {
      const t0 = performance.now();
      losses.push(trainEpoch(w, WTs, bs, data, orders[e]));
      epochSeconds.push((performance.now() - t0) / 1000);
    }
    const accuracy = testAccuracy(w, WTs, bs, Xt, labels);
    tf.dispose([...WTs, ...bs]);
    return { id: w.id, epochSeconds, losses, testAccuracy: accuracy };
  });
  Xt.dispose();

  const gflops = matmulGflops(1024);
  // The backend uses one thread in Node (its WASM_HAS_MULTITHREAD_SUPPORT flag is false there, tfjs
  // issue 3830) and SIMD when the engine has it.
  const simd = tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "SIMD" : "no SIMD";
  console.log(JSON.stringify({
    implementation: `tfjs-wasm ${tf.version_core} f32 (${simd}, 1 thread)`,
    workloads: results,
    matmulGflops: gflops,
    matmulSize: 1024,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    tensorsLeft: tf.memory().numTensors,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

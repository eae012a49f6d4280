/**
 * The training engine: the same epoch as runEpoch's readable loop (forward, backprop, the sgd
 * update, the same checks), computed in buffers reserved once per `train` call in the WebAssembly
 * kernels' memory, so a mini-batch allocates nothing and the weights never leave that memory
 * between batches.
 *
 * Why a second path: the readable loop (lib/backprop.ts, lib/train/epoch.ts) allocates ~30 arrays
 * per batch, copies the gradients to divide them by m, and scans every weight for finiteness
 * after each update; on the digits that costs more than NumPy's whole epoch. This engine does the
 * same arithmetic, operation for operation, so the weights it returns are the readable loop's
 * with the same kernels (the tests compare them). It runs only where it applies: the default
 * (WebAssembly) kernels, the sgd optimizer, no penalty, and the activations and losses below;
 * anything else trains on the readable path.
 *
 * What is stored differently, and why:
 * - The training inputs X are kept as compressed sparse rows (the digits are ~81% zeros), and a
 *   batch is a list of row numbers into them: no rows are copied.
 * - Layer 1's weights are kept transposed (inputs x units), the layout in which both of its
 *   products (X W^T and the gradient X^T delta) run along contiguous rows; the network's W is
 *   rebuilt from them at the end of each epoch.
 * - A batch's pixels are also listed by column (batchColumns), so the first layer's gradient
 *   is summed row by row in registers, and the rows of pixels that are 0 in the whole batch (a
 *   third of them) are skipped by the gradient and the update alike: their gradient is exactly 0,
 *   and w - rate * 0 is w.
 * - Updates are in place. When one fails (a weight became infinite or NaN), TrainingDivergedError
 *   needs the weights before it: the engine replays the epoch's earlier batches from the
 *   epoch's starting network, which gives them bit for bit (training is deterministic).
 */
import { Activation, ElementwiseActivation, sigmoid, softmaxInto, softmaxJvpInto } from "../activations";
import { descend, type LearningRates } from "../descent";
import { getKernels } from "../kernels";
import { WasmRuntime, wasmKernels, wasmRuntime } from "../kernels-wasm";
import { loss as lossByName, dataLoss } from "../losses";
import { Matrix, matrix } from "../matrix";
import { Network } from "../network";
import type { EpochContext, EpochSums, RunState } from "./epoch";
import { countCorrectRows } from "./evaluate";

/** The weighted-input and activation buffers of one layer, and what its backward step needs. */
interface LayerState {
  readonly n: number; // inputs
  readonly k: number; // units
  readonly act: Activation;
  /** Weights (layer 1: transposed, n x k; others: k x n). */
  readonly W: number;
  readonly b: number;
  /** Layers after the first: W^T (n x k), refreshed after each update, for the forward product. */
  readonly WT: number;
  readonly G: number; // weight gradient, in W's layout
  readonly gb: number; // bias gradient
  readonly Z: number; // m x k
  readonly A: number; // m x k
  readonly D: number; // delta, m x k
  readonly dA: number; // dJ/dA of this layer's input, m x n (unused for layer 1)
  readonly zView: Float64Array;
  readonly aView: Float64Array;
  readonly dView: Float64Array;
  readonly dAView: Float64Array;
  readonly gbView: Float64Array;
}

const ELEMENTWISE = new Set(["sigmoid", "relu", "identity", "tanh", "leakyRelu", "elu", "step"]);

/** The losses whose derivative dloss/dh the engine applies itself (lib/losses.ts defines them). */
const DERIVATIVES: Readonly<Record<string, (h: number, y: number) => number>> = {
  halfSquared: (h, y) => h - y,
  mse: (h, y) => 2 * (h - y),
};

/** Can this run train on the engine? (Anything else takes the readable path, with the same results.) */
function applies(ctx: EpochContext, net: Network): boolean {
  if (getKernels() !== wasmKernels || ctx.step !== descend) return false;
  const reg = ctx.costOptions.regularization;
  if (reg && reg.lambda !== 0) return false;
  const L = net.layers.length;
  for (let l = 0; l < L; l++) {
    const act = net.layers[l].activation;
    if (act.pieces !== 1 || !(ELEMENTWISE.has(act.name) || act.name === "softmax")) return false;
  }
  const out = net.layers[L - 1].activation;
  const l = lossByName(ctx.costOptions.loss);
  return l.fusedWith === out.name || DERIVATIVES[l.name] !== undefined;
}

export class TrainingEngine {
  private readonly rt: WasmRuntime;
  private readonly mark: number;
  private readonly layers: LayerState[] = [];
  private readonly rows: number; // i32[n]: this epoch's order
  private readonly rowsView: Int32Array;
  private readonly csr: { ptr: number; idx: number; val: number };
  private readonly yView: Float64Array; // the batch's targets
  private readonly dHView: Float64Array; // dloss/dh, for a non-fused output
  private readonly matrices = new Map<number, { Z: Matrix; H: Matrix; Y: Matrix }>(); // per batch size
  // The batch by column (see batchColumns in wasm/kernels.as.ts) and its touched columns.
  private readonly columns: { count: number; ptr: number; row: number; val: number; touched: number };
  private synced: Network;
  /** Non-zeros per row of X, on average: the work estimate for splitting a product. */
  private readonly meanRow: number = 0;

  /** Reserves the buffers for a run, or returns null when the engine does not apply. Call `close()` when done. */
  static create(ctx: EpochContext, net: Network): TrainingEngine | null {
    const rt = wasmRuntime();
    if (!rt || !applies(ctx, net)) return null;
    try {
      return new TrainingEngine(ctx, net, rt);
    } catch (error) {
      if (error instanceof RangeError) return null; // the module's memory cannot hold this run: train on the readable loop
      throw error;
    }
  }

  private constructor(private readonly ctx: EpochContext, net: Network, rt: WasmRuntime) {
    this.rt = rt;
    this.mark = rt.mark();
    try {
      const X = ctx.X, n = X.rows, m = Math.min(ctx.batchSize, n);
      // X as compressed sparse rows, written straight into the module's memory (no dense copy).
      let nnz = 0;
      for (let t = 0; t < X.data.length; t++) if (X.data[t] !== 0) nnz++;
      this.csr = { ptr: rt.alloc(4 * (n + 1)), idx: rt.alloc(4 * nnz), val: rt.alloc(8 * nnz) };
      const ptr = rt.i32(this.csr.ptr, n + 1), idx = rt.i32(this.csr.idx, nnz), val = rt.f64(this.csr.val, nnz);
      let t = 0;
      for (let i = 0; i < n; i++) {
        ptr[i] = t;
        const base = i * X.cols;
        for (let p = 0; p < X.cols; p++) {
          const x = X.data[base + p];
          if (x !== 0) { idx[t] = p; val[t++] = x; } // NaN is kept: it is not 0
        }
      }
      ptr[n] = t;
      this.meanRow = n > 0 ? t / n : 0;
      // A batch has at most m rows of X, so at most (its largest m row lengths) entries by column.
      const lengths = Array.from({ length: n }, (_, i) => ptr[i + 1] - ptr[i]).sort((u, v) => v - u);
      let most = 0;
      for (let i = 0; i < m; i++) most += lengths[i];
      this.columns = { count: rt.alloc(4 * (X.cols + 1)), ptr: rt.alloc(4 * (X.cols + 1)), row: rt.alloc(4 * most), val: rt.alloc(8 * most), touched: rt.alloc(4 * X.cols) };
      this.rows = rt.alloc(4 * n);
      this.rowsView = rt.i32(this.rows, n);
      const outputs = ctx.Y.cols;
      this.yView = new Float64Array(m * outputs);
      this.dHView = new Float64Array(m * outputs);
      net.layers.forEach((layer, l) => {
        const k = layer.W.rows, nIn = layer.W.cols;
        const Z = rt.alloc(8 * m * k), A = rt.alloc(8 * m * k), D = rt.alloc(8 * m * k), gb = rt.alloc(8 * k);
        const dA = l > 0 ? rt.alloc(8 * m * nIn) : 0;
        this.layers.push({
          n: nIn, k, act: layer.activation,
          W: rt.alloc(8 * k * nIn), b: rt.alloc(8 * k),
          WT: l > 0 ? rt.alloc(8 * k * nIn) : 0, G: rt.alloc(8 * k * nIn), gb, Z, A, D, dA,
          zView: rt.f64(Z, m * k), aView: rt.f64(A, m * k), dView: rt.f64(D, m * k), dAView: rt.f64(dA, l > 0 ? m * nIn : 0), gbView: rt.f64(gb, k),
        });
      });
      this.synced = net;
      this.load(net);
    } catch (error) {
      rt.release(this.mark);
      throw error;
    }
  }

  /** Frees the buffers (the memory is reused by the next run). */
  close(): void {
    this.rt.release(this.mark);
  }

  /** Copies a network's parameters into the current buffers. */
  private load(net: Network): void {
    const rt = this.rt;
    net.layers.forEach((layer, l) => {
      const s = this.layers[l];
      const W = rt.f64(s.W, s.k * s.n);
      if (l === 0) {
        for (let j = 0; j < s.k; j++) for (let p = 0; p < s.n; p++) W[p * s.k + j] = layer.W.data[j * s.n + p];
      } else {
        W.set(layer.W.data);
        rt.exports.transpose(s.W, s.k, s.n, s.WT);
      }
      rt.f64(s.b, s.k).set(layer.b);
    });
    this.synced = net;
  }

  /** The current parameters as a new Network (once per epoch, and when training stops or fails). */
  private network(): Network {
    const rt = this.rt, net = this.synced;
    const layers = net.layers.map((layer, l) => {
      const s = this.layers[l];
      const cur = rt.f64(s.W, s.k * s.n);
      let W: Float64Array;
      if (l === 0) {
        W = new Float64Array(s.k * s.n);
        for (let p = 0; p < s.n; p++) for (let j = 0; j < s.k; j++) W[j * s.n + p] = cur[p * s.k + j];
      } else {
        W = cur.slice();
      }
      return { W: matrix(s.k, s.n, W), b: rt.f64(s.b, s.k).slice(), activation: layer.activation };
    });
    this.synced = { sizes: net.sizes, layers };
    return this.synced;
  }

  private wrappers(m: number): { Z: Matrix; H: Matrix; Y: Matrix } {
    let w = this.matrices.get(m);
    if (!w) {
      const out = this.layers[this.layers.length - 1], k = out.k;
      w = { Z: matrix(m, k, out.zView.subarray(0, m * k)), H: matrix(m, k, out.aView.subarray(0, m * k)), Y: matrix(m, k, this.yView.subarray(0, m * k)) };
      this.matrices.set(m, w);
    }
    return w;
  }

  /** One epoch, as runEpoch's readable loop trains it. */
  runEpoch(state: RunState, epoch: number, order: Uint32Array | null): EpochSums {
    const ctx = this.ctx;
    // Always from state.network: an onEpoch callback may have changed its arrays.
    const start = state.network;
    this.load(start);
    const updatesBefore = state.updates;
    const n = ctx.X.rows;
    if (order) this.rowsView.set(order);
    else for (let i = 0; i < n; i++) this.rowsView[i] = i;
    let cost = 0, loss = 0, correct = 0, batch = 0;
    const fail = (detail: string): Error => {
      state.network = this.network();
      return ctx.diverged(epoch, detail);
    };
    for (let first = 0; first < n; first += ctx.batchSize) {
      batch++;
      const end = Math.min(first + ctx.batchSize, n), m = end - first;
      const r = this.batch(first, m);
      if (!Number.isFinite(r.total)) throw fail(`the cost of batch ${batch} became ${r.total}`);
      cost += r.total * m;
      loss += r.data * m;
      correct += r.correct;
      // The readable loop's update fails the same way when delta is not finite: see backward().
      if (!r.finiteDelta) throw fail(`the weights became infinite or NaN after batch ${batch}`);
      const f = ctx.schedule.factor(state.updates);
      state.rates = { weights: ctx.base.weights * f, biases: ctx.base.biases * f };
      if (!this.update(m, state.rates)) {
        // The weights before this update: replay the epoch's earlier batches from its start.
        this.load(start);
        for (let b = 0, s = 0; b < batch - 1; b++, s += ctx.batchSize) {
          const mb = Math.min(s + ctx.batchSize, n) - s;
          this.batch(s, mb);
          const fb = ctx.schedule.factor(updatesBefore + b);
          this.update(mb, { weights: ctx.base.weights * fb, biases: ctx.base.biases * fb });
        }
        throw fail(`the weights became infinite or NaN after batch ${batch}`);
      }
      state.updates++;
      const answer = ctx.onBatch?.({ epoch, batch, update: state.updates, size: m, cost: r.total, learningRate: state.rates });
      if (answer === "stop") {
        state.network = this.network();
        return { cost, loss, correct, examples: end, stopped: true };
      }
    }
    state.network = this.network();
    return { cost, loss, correct, examples: n, stopped: false };
  }

  /**
   * Forward and backward propagation of the m examples at this.rows[first..]: leaves the gradients
   * in G and gb and returns the batch's cost. Stops before the first layer's gradient when its
   * delta is not finite (finiteDelta false).
   */
  private batch(first: number, m: number): { data: number; total: number; correct: number; finiteDelta: boolean } {
    const ctx = this.ctx, rt = this.rt, x = rt.exports, L = this.layers.length, cols = this.columns;
    const Y = ctx.Y.data, outputs = ctx.Y.cols;
    const rows = this.rows + 4 * first;
    for (let i = 0; i < m; i++) {
      const q = this.rowsView[first + i];
      for (let j = 0; j < outputs; j++) this.yView[i * outputs + j] = Y[q * outputs + j];
    }

    // Forward: Z = A W^T + b and A = g(Z), layer by layer (lib/forward.ts).
    for (let l = 0; l < L; l++) {
      const s = this.layers[l];
      // Split by rows (examples) over two threads when they are on (lib/kernels-wasm.ts).
      if (l === 0) rt.splitRows("spmm", [m, rows, this.csr.ptr, this.csr.idx, this.csr.val, s.W, s.k, s.Z, s.k, s.b, 0, s.k], 0, [[1, 4], [7, 8 * s.k]], m * this.meanRow * s.k);
      else rt.splitRows("gemm", [m, s.n, this.layers[l - 1].A, s.n, 1, s.WT, s.k, s.Z, s.k, s.b, 0, s.k], 0, [[2, 8 * s.n], [7, 8 * s.k]], m * s.n * s.k);
      if (s.act.name === "relu") x.relu(s.Z, s.A, m * s.k);
      else activate(s.act, s.zView, s.aView, m, s.k);
    }
    const top = this.layers[L - 1], lossName = ctx.costOptions.loss;
    const w = this.wrappers(m);
    const data = dataLoss(lossName, top.act, w.Z, w.H, w.Y);
    const total = data + 0; // the penalty is 0 here; lib/cost.ts adds it all the same
    const correct = ctx.classification ? countCorrectRows(w.H, w.Y) : 0;
    if (!Number.isFinite(total)) return { data, total, correct, finiteDelta: true };

    // Backward (lib/backprop.ts): the output delta, then each layer's gradients and the delta below.
    const size = m * top.k;
    if (lossByName(lossName).fusedWith === top.act.name) for (let t = 0; t < size; t++) top.dView[t] = top.aView[t] - this.yView[t];
    else {
      const derivative = DERIVATIVES[lossName];
      for (let t = 0; t < size; t++) this.dHView[t] = derivative(top.aView[t], this.yView[t]);
      backward(top.act, top.zView, top.aView, this.dHView, top.dView, m, top.k);
    }
    for (let l = L - 1; l >= 0; l--) {
      const s = this.layers[l];
      x.columnSums(s.D, m, s.k, s.gb);
      if (l > 0) {
        const below = this.layers[l - 1];
        rt.splitRows("gemm", [s.k, m, s.D, 1, s.k, below.A, s.n, s.G, s.n, 0, 0, s.n], 0, [[2, 8], [7, 8 * s.n]], m * s.n * s.k); // dW = delta^T A
        rt.splitRows("gemm", [m, s.k, s.D, s.k, 1, s.W, s.n, s.dA, s.n, 0, 0, s.n], 0, [[2, 8 * s.k], [7, 8 * s.n]], m * s.n * s.k); // dA = delta W
        if (below.act.name === "relu") x.reluBackward(below.Z, s.dA, below.D, m * below.k);
        else backward(below.act, below.zView, below.aView, s.dAView, below.dView, m, below.k);
      } else {
        // The sparse product skips X's zeros, exact only while delta is finite. A non-finite delta
        // makes the readable loop's update fail (0 * Infinity is NaN; its bias gradient, the column
        // sums, is not finite either), so the caller fails the same way. The column sums are all
        // finite exactly when delta is (a NaN or an infinity in a column makes its sum one).
        if (!allFinite(s.gbView, s.k)) return { data, total, correct, finiteDelta: false };
        this.touched = x.batchColumns(m, rows, this.csr.ptr, this.csr.idx, this.csr.val, s.n, cols.count, cols.ptr, cols.row, cols.val, cols.touched);
        // dW^T = X^T delta
        rt.splitRows("spmmTColumns", [this.touched, cols.touched, cols.ptr, cols.row, cols.val, s.D, s.k, s.G, s.k, 0, s.k], 0, [[1, 4]], m * this.meanRow * s.k);
      }
    }
    return { data, total, correct, finiteDelta: true };
  }

  private touched = 0;

  /** The update (lib/descent.ts) in place; false when a weight became infinite or NaN. */
  private update(m: number, rates: LearningRates): boolean {
    const x = this.rt.exports;
    let bad = 0;
    this.layers.forEach((s, l) => {
      if (l === 0) bad += x.descendRows(s.W, s.G, this.columns.touched, this.touched, s.k, rates.weights, m);
      else bad += x.descend(s.W, s.G, s.k * s.n, rates.weights, m);
      bad += x.descend(s.b, s.gb, s.k, rates.biases, m);
    });
    for (let l = 1; l < this.layers.length; l++) {
      const s = this.layers[l];
      x.transpose(s.W, s.k, s.n, s.WT);
    }
    return bad === 0;
  }
}

function allFinite(d: Float64Array, count: number): boolean {
  for (let t = 0; t < count; t++) if (d[t] - d[t] !== 0) return false;
  return true;
}

/** A = g(Z) for the first m rows, as the activation's forward does it (lib/activations.ts). */
function activate(act: Activation, Z: Float64Array, A: Float64Array, m: number, k: number): void {
  if (act.name === "softmax") {
    for (let i = 0; i < m; i++) softmaxInto(Z, i * k, k, A, i * k);
    return;
  }
  if (act.name === "sigmoid") {
    for (let t = 0; t < m * k; t++) A[t] = sigmoid(Z[t]); // a direct call, which V8 inlines
    return;
  }
  const f = (act as ElementwiseActivation).f;
  for (let t = 0; t < m * k; t++) A[t] = f(Z[t]);
}

/** dZ = the activation's backward step of dA, for the first m rows (lib/activations.ts). */
function backward(act: Activation, Z: Float64Array, A: Float64Array, dA: Float64Array, out: Float64Array, m: number, k: number): void {
  if (act.name === "softmax") {
    for (let i = 0; i < m; i++) softmaxJvpInto(A, dA, i * k, k, out);
    return;
  }
  if (act.name === "sigmoid") {
    for (let t = 0; t < m * k; t++) out[t] = dA[t] * A[t] * (1 - A[t]);
    return;
  }
  const df = (act as ElementwiseActivation).df;
  for (let t = 0; t < m * k; t++) out[t] = dA[t] * df(Z[t]);
}

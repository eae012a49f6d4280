/**
 * The WebAssembly backend's fused training: the readable loop's batches (forward, backprop, the
 * sgd update) computed in buffers reserved once per `train` call in the module's memory, so a
 * mini-batch allocates nothing and the weights never leave that memory between batches. The epoch
 * loop around it (sums, schedule, callbacks, divergence) is lib/train/epoch.ts's, shared with the
 * readable path.
 *
 * Why: the readable loop (lib/backprop.ts) allocates ~30 arrays per batch, copies the gradients
 * to divide them by m, and scans every weight for finiteness after each update; on the digits
 * that costs more than NumPy's whole epoch. This does the same arithmetic, operation for
 * operation, so the weights it returns are the readable loop's with the same kernels (the tests
 * compare them). The activations and the loss do their own elementwise work through their
 * buffer-level methods (lib/activations.ts, lib/losses.ts), except that an activation declared a
 * rectifier runs on the module's branch-free kernel; the products run here.
 *
 * What is stored differently, and why:
 * - The training inputs X are kept as compressed sparse rows (the digits are ~81% zeros), and a
 *   batch is a list of row numbers into them: no rows are copied.
 * - Layer 1's weights are kept transposed (inputs x units), the layout in which both of its
 *   products (X W^T and the gradient X^T delta) run along contiguous rows; the network's W is
 *   rebuilt from them when asked for (once per epoch).
 * - A batch's pixels are also listed by column (batchColumns), so the first layer's gradient
 *   is summed row by row in registers, and the rows of pixels that are 0 in the whole batch (a
 *   third of them) are skipped by the gradient and the update alike: their gradient is exactly 0,
 *   and w - rate * 0 is w.
 * - Updates are in place. When one fails (a weight became infinite or NaN), the weights before it
 *   are needed (TrainingDivergedError keeps them): the epoch's earlier batches are replayed from
 *   its starting network, which gives them bit for bit (training is deterministic).
 */
import type { Activation } from "../../activations";
import type { LearningRates } from "../../descent";
import type { BatchOutcome, BatchTrainer, TrainingRun } from "../../kernels";
import { dataLoss, outputDeltaInto, type Loss } from "../../losses";
import { Matrix, matrix } from "../../matrix";
import { Network } from "../../network";
import { allFinite } from "../sparse";
import type { BatchColumns, Csr, WasmKernels } from "./kernels";
import { WasmOutOfMemoryError, type WasmRuntime } from "./runtime";

/** An activation with buffer-level forward and backward, which the fused batches need. */
type BufferActivation = Activation & Required<Pick<Activation, "forwardInto" | "backwardInto">>;

const hasBuffers = (act: Activation): act is BufferActivation => act.forwardInto !== undefined && act.backwardInto !== undefined;

/** The weighted-input and activation buffers of one layer, and what its backward step needs. */
interface LayerState {
  readonly n: number; // inputs
  readonly k: number; // units
  readonly act: BufferActivation;
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

/** The trainer for a run, or why this backend cannot train it fused. */
export function prepareFusedTraining(kernels: WasmKernels, run: TrainingRun): BatchTrainer | string {
  const reg = run.regularization;
  if (reg && reg.lambda !== 0) return "the fused training has no penalty term";
  const acts: BufferActivation[] = [];
  for (const [l, layer] of run.network.layers.entries()) {
    const act = layer.activation;
    if (!hasBuffers(act)) return `layer ${l + 1}'s activation, ${act.label}, has no buffer-level forward and backward`;
    acts.push(act);
  }
  try {
    return new FusedTrainer(kernels, run, acts);
  } catch (error) {
    if (error instanceof WasmOutOfMemoryError) return `the run's buffers do not fit in the WebAssembly memory (${error.message})`;
    throw error;
  }
}

class FusedTrainer implements BatchTrainer {
  private readonly rt: WasmRuntime;
  private readonly mark: number;
  private readonly layers: LayerState[] = [];
  private readonly loss: Loss;
  private readonly rows: number; // i32[n]: this epoch's order
  private readonly rowsView: Int32Array;
  private readonly csr: Csr;
  private readonly csrPtr: Int32Array;
  private readonly yView: Float64Array; // the batch's targets
  private readonly dHView: Float64Array; // dloss/dh, for a non-fused output
  private readonly matrices = new Map<number, { Z: Matrix; H: Matrix; Y: Matrix }>(); // per batch size
  // The batch by column (see batchColumns in wasm/kernels.as.ts) and its touched columns.
  private readonly columns: BatchColumns;
  private touched = 0;
  private m = 0;
  private synced: Network;
  // This epoch so far, for a replay: its starting network, and each batch's first row, size and rates.
  private start: Network;
  private readonly done: { first: number; m: number; rates: LearningRates }[] = [];
  private first = 0;

  constructor(private readonly kernels: WasmKernels, private readonly run: TrainingRun, acts: readonly BufferActivation[]) {
    const rt = (this.rt = kernels.rt);
    this.mark = rt.mark();
    this.loss = run.loss;
    try {
      const X = run.X, n = X.rows, m = Math.min(run.batchSize, n);
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
      this.csrPtr = ptr;
      // A batch has at most m rows of X, so at most (its largest m row lengths) entries by column.
      const lengths = Array.from({ length: n }, (_, i) => ptr[i + 1] - ptr[i]).sort((u, v) => v - u);
      let most = 0;
      for (let i = 0; i < m; i++) most += lengths[i];
      this.columns = { count: rt.alloc(4 * (X.cols + 1)), ptr: rt.alloc(4 * (X.cols + 1)), row: rt.alloc(4 * most), val: rt.alloc(8 * most), touched: rt.alloc(4 * X.cols) };
      this.rows = rt.alloc(4 * n);
      this.rowsView = rt.i32(this.rows, n);
      const outputs = run.Y.cols;
      this.yView = new Float64Array(m * outputs);
      this.dHView = new Float64Array(m * outputs);
      run.network.layers.forEach((layer, l) => {
        const k = layer.W.rows, nIn = layer.W.cols;
        const Z = rt.alloc(8 * m * k), A = rt.alloc(8 * m * k), D = rt.alloc(8 * m * k), gb = rt.alloc(8 * k);
        const dA = l > 0 ? rt.alloc(8 * m * nIn) : 0;
        this.layers.push({
          n: nIn, k, act: acts[l],
          W: rt.alloc(8 * k * nIn), b: rt.alloc(8 * k),
          WT: l > 0 ? rt.alloc(8 * k * nIn) : 0, G: rt.alloc(8 * k * nIn), gb, Z, A, D, dA,
          zView: rt.f64(Z, m * k), aView: rt.f64(A, m * k), dView: rt.f64(D, m * k), dAView: rt.f64(dA, l > 0 ? m * nIn : 0), gbView: rt.f64(gb, k),
        });
      });
      this.synced = this.start = run.network;
    } catch (error) {
      rt.release(this.mark);
      throw error;
    }
  }

  close(): void {
    this.rt.release(this.mark);
  }

  startEpoch(network: Network, order: Uint32Array | null): void {
    // Always from the network handed in: an onEpoch callback may have changed its arrays.
    this.load(network);
    this.start = network;
    this.done.length = 0;
    const n = this.run.X.rows;
    if (order) this.rowsView.set(order);
    else for (let i = 0; i < n; i++) this.rowsView[i] = i;
  }

  /** Copies a network's parameters into the buffers. */
  private load(net: Network): void {
    const rt = this.rt;
    net.layers.forEach((layer, l) => {
      const s = this.layers[l];
      const W = rt.f64(s.W, s.k * s.n);
      if (l === 0) {
        for (let j = 0; j < s.k; j++) for (let p = 0; p < s.n; p++) W[p * s.k + j] = layer.W.data[j * s.n + p];
      } else {
        W.set(layer.W.data);
        this.kernels.transpose(s.W, s.k, s.n, s.WT);
      }
      rt.f64(s.b, s.k).set(layer.b);
    });
    this.synced = net;
  }

  network(): Network {
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

  /**
   * Forward and backward propagation (lib/forward.ts, lib/backprop.ts) of the m examples at
   * rows[first..]: leaves the gradients in G and gb. Stops before the first layer's gradient when
   * its delta is not finite.
   */
  gradients(first: number, m: number): BatchOutcome {
    const run = this.run, kernels = this.kernels, L = this.layers.length, cols = this.columns;
    const Y = run.Y.data, outputs = run.Y.cols;
    const rows = this.rows + 4 * first;
    this.first = first;
    this.m = m;
    let nonZeros = 0;
    for (let i = 0; i < m; i++) {
      const q = this.rowsView[first + i];
      nonZeros += this.csrPtr[q + 1] - this.csrPtr[q];
      for (let j = 0; j < outputs; j++) this.yView[i * outputs + j] = Y[q * outputs + j];
    }

    // Forward: Z = A W^T + b and A = g(Z), layer by layer.
    for (let l = 0; l < L; l++) {
      const s = this.layers[l];
      if (l === 0) kernels.spmm({ rows: m, rowList: rows, csr: this.csr, B: s.W, ldb: s.k, C: s.Z, ldc: s.k, bias: s.b, cols: s.k, nonZeros });
      else kernels.gemm({ rows: m, depth: s.n, A: this.layers[l - 1].A, aRowStride: s.n, aDepthStride: 1, B: s.WT, ldb: s.k, C: s.Z, ldc: s.k, bias: s.b, cols: s.k });
      this.activate(s, m);
    }
    const top = this.layers[L - 1];
    const w = this.wrappers(m);
    const data = dataLoss(this.loss.name, top.act, w.Z, w.H, w.Y);
    const total = data + 0; // the penalty is 0 here; lib/cost.ts adds it all the same
    const outcome = (finiteDelta: boolean): BatchOutcome => ({ data, total, H: w.H, Y: w.Y, finiteDelta });
    if (!Number.isFinite(total)) return outcome(true);

    // Backward: the output delta, then each layer's gradients and the delta below.
    outputDeltaInto(this.loss, top.act, top.zView, top.aView, this.yView, this.dHView, top.dView, m, top.k);
    for (let l = L - 1; l >= 0; l--) {
      const s = this.layers[l];
      kernels.columnSums(s.D, m, s.k, s.gb);
      if (l > 0) {
        const below = this.layers[l - 1];
        // dW = delta^T A (A^T read through strides), then dA = delta W.
        kernels.gemm({ rows: s.k, depth: m, A: s.D, aRowStride: 1, aDepthStride: s.k, B: below.A, ldb: s.n, C: s.G, ldc: s.n, bias: 0, cols: s.n });
        kernels.gemm({ rows: m, depth: s.k, A: s.D, aRowStride: s.k, aDepthStride: 1, B: s.W, ldb: s.n, C: s.dA, ldc: s.n, bias: 0, cols: s.n });
        this.backActivate(below, s.dA, s.dAView, m);
      } else {
        // The sparse product skips X's zeros, exact only while delta is finite. A non-finite delta
        // makes the readable loop's update fail (0 * Infinity is NaN; its bias gradient, the column
        // sums, is not finite either), so the caller fails the same way. The column sums are all
        // finite exactly when delta is (a NaN or an infinity in a column makes its sum one).
        if (!allFinite(s.gbView)) return outcome(false);
        this.touched = kernels.batchColumns(m, rows, this.csr, s.n, cols);
        // dW^T = X^T delta, on the touched rows only.
        kernels.spmmTColumns({ count: this.touched, columns: cols, D: s.D, ldd: s.k, C: s.G, ldc: s.k, cols: s.k, nonZeros });
      }
    }
    return outcome(true);
  }

  update(rates: LearningRates): boolean {
    if (this.descend(rates)) {
      this.done.push({ first: this.first, m: this.m, rates });
      return true;
    }
    this.load(this.start);
    for (const b of this.done) {
      this.gradients(b.first, b.m);
      this.descend(b.rates);
    }
    return false;
  }

  /** A = g(Z) for the layer's first m rows: by vector instructions for a rectifier, else the activation's own loop. */
  private activate(s: LayerState, m: number): void {
    const r = s.act.rectifier;
    if (r) this.kernels.rectify(s.Z, s.A, m * s.k, r.slope);
    else s.act.forwardInto(s.zView, s.aView, m, s.k);
  }

  /** The layer's delta from dJ/dA (at dA), its activation's backward step. */
  private backActivate(s: LayerState, dA: number, dAView: Float64Array, m: number): void {
    const r = s.act.rectifier;
    if (r) this.kernels.rectifyBackward(s.Z, dA, s.D, m * s.k, r.slope);
    else s.act.backwardInto(s.zView, s.aView, dAView, s.dView, m, s.k);
  }

  /** The update (lib/descent.ts) in place; false when a weight became infinite or NaN. */
  private descend(rates: LearningRates): boolean {
    const kernels = this.kernels, m = this.m;
    let bad = 0;
    this.layers.forEach((s, l) => {
      if (l === 0) bad += kernels.descendRows(s.W, s.G, this.columns.touched, this.touched, s.k, rates.weights, m);
      else bad += kernels.descend(s.W, s.G, s.k * s.n, rates.weights, m);
      bad += kernels.descend(s.b, s.gb, s.k, rates.biases, m);
    });
    for (let l = 1; l < this.layers.length; l++) {
      const s = this.layers[l];
      kernels.transpose(s.W, s.k, s.n, s.WT);
    }
    return bad === 0;
  }
}

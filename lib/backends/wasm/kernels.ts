/**
 * The WebAssembly kernels (wasm/kernels.as.ts) called with named arguments. Each product declares
 * here, once, how it splits over two threads: which argument counts its output rows, which
 * pointers move with them (and by how many bytes per row), and its work in multiply-adds.
 * Pointers are byte offsets into the runtime's memory; matrices are row-major float64.
 */
import { WasmRuntime, type ModuleExports } from "./runtime";
import { MAX_ROW_POINTERS, Threads } from "./threads";

/** The right operand and the output of a product C = init + (rows of A) B, C being rows x cols. */
interface ProductOperands {
  readonly rows: number;
  readonly B: number;
  readonly ldb: number;
  readonly C: number;
  readonly ldc: number;
  /** Added to every row (init = bias[j]), or 0 for none. */
  readonly bias: number;
  readonly cols: number;
}

/** C = init + A(r, s) B summed over s in order, for r < rows, j < cols (see gemm in wasm/kernels.as.ts). */
export interface GemmArgs extends ProductOperands {
  /** The summed dimension S. */
  readonly depth: number;
  /** A(r, s) = A[r * aRowStride + s * aDepthStride]: (lda, 1) reads A, (1, lda) reads A^T. */
  readonly A: number;
  readonly aRowStride: number;
  readonly aDepthStride: number;
}

/** C[r] = init + the non-zeros of row rowList[r] of a CSR matrix times B (see spmm). */
export interface SpmmArgs extends ProductOperands {
  /** int32 row numbers into the CSR matrix, one per output row. */
  readonly rowList: number;
  readonly csr: Csr;
}

/** Compressed sparse rows: row r's entries are idx[t], val[t] for t in ptr[r] .. ptr[r + 1] - 1. */
export interface Csr {
  readonly ptr: number;
  readonly idx: number;
  readonly val: number;
}

/** A batch's non-zeros by column, from batchColumns: column p's entries (row, value) at ptr[p] .. ptr[p + 1] - 1. */
export interface BatchColumns {
  /** N + 1 ints of scratch. */
  readonly count: number;
  readonly ptr: number;
  readonly row: number;
  readonly val: number;
  /** The columns with any entry, in increasing order. */
  readonly touched: number;
}

/** C[p] = column p of the batch times D, for the touched columns p (see spmmTColumns). */
export interface SpmmTColumnsArgs {
  /** How many touched columns. */
  readonly count: number;
  readonly columns: BatchColumns;
  readonly D: number;
  readonly ldd: number;
  readonly C: number;
  readonly ldc: number;
  readonly cols: number;
  /** Non-zeros in the batch, for the work estimate. */
  readonly nonZeros: number;
}

/**
 * A product as the module takes it, and its row split, declared once per kernel: its parameters
 * by the names of wasm/kernels.as.ts in their order there, the one that counts the output rows,
 * and the bytes per row by which each pointer moves with the rows.
 */
interface RowSplit<Args, P extends string> {
  readonly name: "gemm" | "spmm" | "spmmTColumns";
  readonly params: (a: Args) => Record<P, number>;
  readonly rows: P;
  readonly moves: (a: Args) => Partial<Record<P, number>>;
  /** Multiply-adds, to decide whether a second thread pays. */
  readonly work: (a: Args) => number;
}

/** declare<Args>()(name, params)({ rows, moves, work }): the parameter names come from `params` alone. */
const declare = <Args>() => <P extends string>(name: RowSplit<Args, P>["name"], params: (a: Args) => Record<P, number>) =>
  (split: Omit<RowSplit<Args, P>, "name" | "params">): RowSplit<Args, P> => ({ name, params, ...split });

const GEMM = declare<GemmArgs>()("gemm",
  (a) => ({ R: a.rows, S: a.depth, A: a.A, ars: a.aRowStride, ass: a.aDepthStride, B: a.B, ldb: a.ldb, C: a.C, ldc: a.ldc, bias: a.bias, cols: a.cols }),
)({
  rows: "R",
  moves: (a) => ({ A: 8 * a.aRowStride, C: 8 * a.ldc }),
  work: (a) => a.rows * a.depth * a.cols,
});

const SPMM = declare<SpmmArgs & { readonly nonZeros: number }>()("spmm",
  (a) => ({ R: a.rows, rows: a.rowList, ptr: a.csr.ptr, idx: a.csr.idx, val: a.csr.val, B: a.B, ldb: a.ldb, C: a.C, ldc: a.ldc, bias: a.bias, cols: a.cols }),
)({
  rows: "R",
  moves: (a) => ({ rows: 4, C: 8 * a.ldc }),
  work: (a) => a.nonZeros * a.cols,
});

const SPMMT_COLUMNS = declare<SpmmTColumnsArgs>()("spmmTColumns",
  (a) => ({ T: a.count, touched: a.columns.touched, cptr: a.columns.ptr, crow: a.columns.row, cval: a.columns.val, D: a.D, ldd: a.ldd, C: a.C, ldc: a.ldc, cols: a.cols }),
)({
  rows: "T",
  moves: () => ({ touched: 4 }),
  work: (a) => a.nonZeros * a.cols,
});

const SPLIT_KERNELS = [GEMM.name, SPMM.name, SPMMT_COLUMNS.name] as const;

/** The kernels of one runtime, with its threads. */
export class WasmKernels {
  readonly threads: Threads;
  private readonly x: ModuleExports;

  constructor(readonly rt: WasmRuntime) {
    this.x = rt.exports;
    this.threads = new Threads(rt.module, rt.memory, SPLIT_KERNELS);
  }

  private split<Args, P extends string>(kernel: RowSplit<Args, P>, args: Args): void {
    const named = kernel.params(args), names = Object.keys(named);
    const offsets = Object.entries(kernel.moves(args)).map(([p, bytes]) => [names.indexOf(p), bytes as number] as const);
    if (offsets.length > MAX_ROW_POINTERS) throw new Error(`WebAssembly kernels: ${kernel.name} moves ${offsets.length} pointers with its rows; threads.ts carries ${MAX_ROW_POINTERS}`);
    this.threads.run({
      fn: this.x[kernel.name] as (...a: number[]) => void, index: SPLIT_KERNELS.indexOf(kernel.name),
      args: Object.values(named), rowsArg: names.indexOf(kernel.rows), offsets, work: kernel.work(args),
    });
  }

  gemm(args: GemmArgs): void {
    this.split(GEMM, args);
  }

  /** `nonZeros`: entries in the listed rows (or an estimate), for the work estimate. */
  spmm(args: SpmmArgs & { readonly nonZeros: number }): void {
    this.split(SPMM, args);
  }

  spmmTColumns(args: SpmmTColumnsArgs): void {
    this.split(SPMMT_COLUMNS, args);
  }

  /** The CSR form of the dense rows x cols matrix at A, into `out` (sized for its non-zeros); returns their count. */
  csr(A: number, rows: number, cols: number, out: Csr): number {
    return this.x.csr(A, rows, cols, out.ptr, out.idx, out.val);
  }

  /** Lists the non-zeros of rows rowList[0 .. rows - 1] of a CSR matrix (cols columns) by column; returns the touched count. */
  batchColumns(rows: number, rowList: number, csr: Csr, cols: number, out: BatchColumns): number {
    return this.x.batchColumns(rows, rowList, csr.ptr, csr.idx, csr.val, cols, out.count, out.ptr, out.row, out.val, out.touched);
  }

  /** T = A^T for the rows x cols matrix A. */
  transpose(A: number, rows: number, cols: number, T: number): void {
    this.x.transpose(A, rows, cols, T);
  }

  /** W -= rate * (G / m + 0) over count entries; 0 when every new weight is finite, else NaN. */
  descend(W: number, G: number, count: number, rate: number, m: number): number {
    return this.x.descend(W, G, count, rate, m);
  }

  /** descend on the listed rows (int32 row numbers, `rowCount` of them, `cols` entries each) only. */
  descendRows(W: number, G: number, rowList: number, rowCount: number, cols: number, rate: number, m: number): number {
    return this.x.descendRows(W, G, rowList, rowCount, cols, rate, m);
  }

  /** out[j] = the sum of column j of the rows x cols matrix D, in row order. */
  columnSums(D: number, rows: number, cols: number, out: number): void {
    this.x.columnSums(D, rows, cols, out);
  }

  /** A = a rectifier of Z (z > 0 ? z : slope * z; slope 0: +0) over count entries (lib/activations.ts's `rectifier`). */
  rectify(Z: number, A: number, count: number, slope: number): void {
    this.x.rectify(Z, A, count, slope);
  }

  /** out = dA * (z > 0 ? 1 : slope) over count entries: the rectifier's backward step. */
  rectifyBackward(Z: number, dA: number, out: number, count: number, slope: number): void {
    this.x.rectifyBackward(Z, dA, out, count, slope);
  }
}

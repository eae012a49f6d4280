// AssemblyScript source of the WebAssembly kernels (lib/backends/wasm/ loads them).
// Build: npm run build:wasm (writes lib/backends/wasm/module-bytes.ts; test/kernels-wasm-build.test.ts
// checks that the committed bytes are what this source compiles to).
//
// Why WebAssembly: these loops are the textbook sums of lib/backends/js.ts, but WebAssembly gives
// 128-bit SIMD (two float64 lanes per instruction) and lets the compiler keep a block of the
// output in registers while it streams through the inputs, which V8's JIT does not do for
// Float64Array loops. Arithmetic stays IEEE float64 with a separate multiply and add (no fused
// multiply-add), and every output element is summed in the same order as the reference loops,
// so results are bit-identical to them apart from skipped exact zeros (x * 0 adds nothing).
//
// Two threads split a product by output rows (lib/backends/wasm/kernels.ts declares, per kernel,
// which argument counts the rows and which pointers move with them), so each output element is
// summed whole by one thread and the result does not depend on the thread count.
// Pointers are byte offsets into the (shared) memory; matrices are row-major float64.

/**
 * C[r][j] = init + sum over s < S, in order, of A(r, s) * B[s][j], for r < R and j < cols,
 * where A(r, s) = A[r * ars + s * ass] (ars = lda, ass = 1 reads A; ars = 1, ass = lda reads A^T)
 * and init = bias[j] when bias != 0, else 0.
 * Four output rows and four columns (two SIMD registers) are summed at once: 8 accumulators.
 */
export function gemm(R: i32, S: i32, A: usize, ars: i32, ass: i32, B: usize, ldb: i32, C: usize, ldc: i32, bias: usize, cols: i32): void {
  // Panels of B of at most SB x JB entries stay in cache while every row block of A passes over
  // them. A panel after the first continues the sums already in C, so the order of each sum is
  // unchanged: s = 0, 1, ..., S - 1.
  for (let jb = 0; jb < cols; jb += JB) {
    const je = min(jb + JB, cols);
    for (let sb = 0; sb < S; sb += SB) {
      const se = min(sb + SB, S);
      gemmPanel(R, sb, se, A, ars, ass, B, ldb, C, ldc, sb == 0 ? bias : 0, sb > 0, jb, je);
    }
    if (S == 0) gemmPanel(R, 0, 0, A, ars, ass, B, ldb, C, ldc, bias, false, jb, je);
  }
}

const SB = 128, JB = 256;

/** gemm over s in [s0, s1) and columns [j0, j1) only, starting from C when `more`, else from bias (or 0). */
function gemmPanel(R: i32, s0: i32, s1: i32, A: usize, ars: i32, ass: i32, B: usize, ldb: i32, C: usize, ldc: i32, bias: usize, more: bool, j0: i32, j1: i32): void {
  const S = s1 - s0;
  A += <usize>s0 * (<usize>ass << 3);
  B += <usize>s0 * (<usize>ldb << 3);
  const rs = <usize>ars << 3, ss = <usize>ass << 3, bs = <usize>ldb << 3, cs = <usize>ldc << 3;
  let r = 0;
  for (; r + 4 <= R; r += 4) {
    const a0 = A + <usize>r * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
    const c0 = C + <usize>r * cs, c1 = c0 + cs, c2 = c1 + cs, c3 = c2 + cs;
    let j = j0;
    for (; j + 4 <= j1; j += 4) {
      const jo = <usize>j << 3;
      let x0 = f64x2.splat(0), y0 = f64x2.splat(0), x1 = x0, y1 = x0, x2 = x0, y2 = x0, x3 = x0, y3 = x0;
      if (more) {
        x0 = v128.load(c0 + jo); y0 = v128.load(c0 + jo, 16); x1 = v128.load(c1 + jo); y1 = v128.load(c1 + jo, 16);
        x2 = v128.load(c2 + jo); y2 = v128.load(c2 + jo, 16); x3 = v128.load(c3 + jo); y3 = v128.load(c3 + jo, 16);
      } else if (bias != 0) {
        x0 = v128.load(bias + jo); y0 = v128.load(bias + jo, 16);
        x1 = x0; y1 = y0; x2 = x0; y2 = y0; x3 = x0; y3 = y0;
      }
      let bp = B + jo, so: usize = 0;
      for (let s = 0; s < S; s++) {
        const u = v128.load(bp), v = v128.load(bp, 16);
        const e0 = f64x2.splat(load<f64>(a0 + so)), e1 = f64x2.splat(load<f64>(a1 + so));
        const e2 = f64x2.splat(load<f64>(a2 + so)), e3 = f64x2.splat(load<f64>(a3 + so));
        x0 = f64x2.add(x0, f64x2.mul(e0, u)); y0 = f64x2.add(y0, f64x2.mul(e0, v));
        x1 = f64x2.add(x1, f64x2.mul(e1, u)); y1 = f64x2.add(y1, f64x2.mul(e1, v));
        x2 = f64x2.add(x2, f64x2.mul(e2, u)); y2 = f64x2.add(y2, f64x2.mul(e2, v));
        x3 = f64x2.add(x3, f64x2.mul(e3, u)); y3 = f64x2.add(y3, f64x2.mul(e3, v));
        bp += bs; so += ss;
      }
      v128.store(c0 + jo, x0); v128.store(c0 + jo, y0, 16);
      v128.store(c1 + jo, x1); v128.store(c1 + jo, y1, 16);
      v128.store(c2 + jo, x2); v128.store(c2 + jo, y2, 16);
      v128.store(c3 + jo, x3); v128.store(c3 + jo, y3, 16);
    }
    for (; j < j1; j++) {
      const jo = <usize>j << 3;
      let t0: f64 = bias != 0 ? load<f64>(bias + jo) : 0, t1 = t0, t2 = t0, t3 = t0;
      if (more) { t0 = load<f64>(c0 + jo); t1 = load<f64>(c1 + jo); t2 = load<f64>(c2 + jo); t3 = load<f64>(c3 + jo); }
      let bp = B + jo, so: usize = 0;
      for (let s = 0; s < S; s++) {
        const u = load<f64>(bp);
        t0 += load<f64>(a0 + so) * u; t1 += load<f64>(a1 + so) * u;
        t2 += load<f64>(a2 + so) * u; t3 += load<f64>(a3 + so) * u;
        bp += bs; so += ss;
      }
      store<f64>(c0 + jo, t0); store<f64>(c1 + jo, t1); store<f64>(c2 + jo, t2); store<f64>(c3 + jo, t3);
    }
  }
  for (; r < R; r++) {
    const a0 = A + <usize>r * rs, c0 = C + <usize>r * cs;
    let j = j0;
    for (; j + 8 <= j1; j += 8) {
      const jo = <usize>j << 3;
      let x0 = f64x2.splat(0), y0 = x0, x1 = x0, y1 = x0;
      if (more) { x0 = v128.load(c0 + jo); y0 = v128.load(c0 + jo, 16); x1 = v128.load(c0 + jo, 32); y1 = v128.load(c0 + jo, 48); }
      else if (bias != 0) { x0 = v128.load(bias + jo); y0 = v128.load(bias + jo, 16); x1 = v128.load(bias + jo, 32); y1 = v128.load(bias + jo, 48); }
      let bp = B + jo, so: usize = 0;
      for (let s = 0; s < S; s++) {
        const e = f64x2.splat(load<f64>(a0 + so));
        x0 = f64x2.add(x0, f64x2.mul(e, v128.load(bp))); y0 = f64x2.add(y0, f64x2.mul(e, v128.load(bp, 16)));
        x1 = f64x2.add(x1, f64x2.mul(e, v128.load(bp, 32))); y1 = f64x2.add(y1, f64x2.mul(e, v128.load(bp, 48)));
        bp += bs; so += ss;
      }
      v128.store(c0 + jo, x0); v128.store(c0 + jo, y0, 16); v128.store(c0 + jo, x1, 32); v128.store(c0 + jo, y1, 48);
    }
    for (; j < j1; j++) {
      const jo = <usize>j << 3;
      let t: f64 = more ? load<f64>(c0 + jo) : bias != 0 ? load<f64>(bias + jo) : 0;
      let bp = B + jo, so: usize = 0;
      for (let s = 0; s < S; s++) {
        t += load<f64>(a0 + so) * load<f64>(bp);
        bp += bs; so += ss;
      }
      store<f64>(c0 + jo, t);
    }
  }
}

/**
 * Compressed sparse rows of a dense R x N matrix: for row r, its non-zero entries are
 * idx[t], val[t] for t from ptr[r] to ptr[r + 1] - 1, in increasing column order. Returns the count.
 * NaN is not zero, so it is kept (and propagates as in the dense sum).
 */
export function csr(A: usize, R: i32, N: i32, ptr: usize, idx: usize, val: usize): i32 {
  let nnz = 0;
  store<i32>(ptr, 0);
  for (let r = 0; r < R; r++) {
    const row = A + (<usize>r * <usize>N << 3);
    for (let p = 0; p < N; p++) {
      const x = load<f64>(row + (<usize>p << 3));
      if (x != 0) {
        store<i32>(idx + (<usize>nnz << 2), p);
        store<f64>(val + (<usize>nnz << 3), x);
        nnz++;
      }
    }
    store<i32>(ptr + (<usize>(r + 1) << 2), nnz);
  }
  return nnz;
}

/**
 * C[r][j] = init + sum over the non-zeros x = X[q][p] of row q = rows[r], in increasing p, of
 * x * B[p][j], for r < R and j < cols; init = bias[j] or 0.
 * This is A B with A's rows picked from X in CSR form: the affine map of a batch of digits
 * (B = W^T) visits only the ~19% of pixels that are not 0. Skipping x = 0 is exact only when B
 * is finite (0 * Infinity is NaN): callers check that.
 * The output row stays in L1 cache while four rows of B at a time stream through it whole
 * (contiguous reads the prefetcher follows); (((c + x0 b0) + x1 b1) + ...) keeps the order.
 */
export function spmm(R: i32, rows: usize, ptr: usize, idx: usize, val: usize, B: usize, ldb: i32, C: usize, ldc: i32, bias: usize, cols: i32): void {
  const bs = <usize>ldb << 3, cs = <usize>ldc << 3;
  for (let r = 0; r < R; r++) {
    const q = load<i32>(rows + (<usize>r << 2));
    const t0 = load<i32>(ptr + (<usize>q << 2)), t1 = load<i32>(ptr + (<usize>(q + 1) << 2));
    const c = C + <usize>r * cs;
    for (let j = 0; j < cols; j++) store<f64>(c + (<usize>j << 3), bias != 0 ? load<f64>(bias + (<usize>j << 3)) : 0);
    let t = t0;
    for (; t + 4 <= t1; t += 4) {
      const e0 = f64x2.splat(load<f64>(val + (<usize>t << 3))), e1 = f64x2.splat(load<f64>(val + (<usize>t << 3), 8));
      const e2 = f64x2.splat(load<f64>(val + (<usize>t << 3), 16)), e3 = f64x2.splat(load<f64>(val + (<usize>t << 3), 24));
      const b0 = B + <usize>load<i32>(idx + (<usize>t << 2)) * bs, b1 = B + <usize>load<i32>(idx + (<usize>t << 2), 4) * bs;
      const b2 = B + <usize>load<i32>(idx + (<usize>t << 2), 8) * bs, b3 = B + <usize>load<i32>(idx + (<usize>t << 2), 12) * bs;
      let j = 0;
      for (; j + 2 <= cols; j += 2) {
        const jo = <usize>j << 3;
        let v = v128.load(c + jo);
        v = f64x2.add(v, f64x2.mul(e0, v128.load(b0 + jo)));
        v = f64x2.add(v, f64x2.mul(e1, v128.load(b1 + jo)));
        v = f64x2.add(v, f64x2.mul(e2, v128.load(b2 + jo)));
        v = f64x2.add(v, f64x2.mul(e3, v128.load(b3 + jo)));
        v128.store(c + jo, v);
      }
      for (; j < cols; j++) {
        const jo = <usize>j << 3;
        let s = load<f64>(c + jo);
        s += f64x2.extract_lane(e0, 0) * load<f64>(b0 + jo);
        s += f64x2.extract_lane(e1, 0) * load<f64>(b1 + jo);
        s += f64x2.extract_lane(e2, 0) * load<f64>(b2 + jo);
        s += f64x2.extract_lane(e3, 0) * load<f64>(b3 + jo);
        store<f64>(c + jo, s);
      }
    }
    for (; t < t1; t++) {
      const e = f64x2.splat(load<f64>(val + (<usize>t << 3)));
      const b0 = B + <usize>load<i32>(idx + (<usize>t << 2)) * bs;
      let j = 0;
      for (; j + 2 <= cols; j += 2) {
        const jo = <usize>j << 3;
        v128.store(c + jo, f64x2.add(v128.load(c + jo), f64x2.mul(e, v128.load(b0 + jo))));
      }
      for (; j < cols; j++) {
        const jo = <usize>j << 3;
        store<f64>(c + jo, load<f64>(c + jo) + f64x2.extract_lane(e, 0) * load<f64>(b0 + jo));
      }
    }
  }
}

/** T = A^T for an R x N matrix A (T is N x R), in 8 x 8 tiles so both sides stay in cache. */
export function transpose(A: usize, R: i32, N: i32, T: usize): void {
  for (let r0 = 0; r0 < R; r0 += 8) {
    const r1 = min(r0 + 8, R);
    for (let p0 = 0; p0 < N; p0 += 8) {
      const p1 = min(p0 + 8, N);
      for (let r = r0; r < r1; r++) {
        for (let p = p0; p < p1; p++) {
          store<f64>(T + ((<usize>p * <usize>R + <usize>r) << 3), load<f64>(A + ((<usize>r * <usize>N + <usize>p) << 3)));
        }
      }
    }
  }
}

/**
 * The batch's non-zeros by column (compressed sparse columns): for the rows q = rows[r], r < R, of
 * X in CSR form (N columns), lists for each column p its entries (r, x) in increasing r at
 * cptr[p] .. cptr[p + 1] - 1 of crow, cval, and writes the columns that have any, in increasing p,
 * to `touched`; returns their count. `count` (N + 1 ints) is scratch.
 * Why: the weight gradient X^T delta of the first layer then sums each of its rows at once in
 * registers, in the order of the examples, and rows of pixels that are 0 in the whole batch
 * (about a third of them) are neither computed nor updated.
 */
export function batchColumns(R: i32, rows: usize, ptr: usize, idx: usize, val: usize, N: i32, count: usize, cptr: usize, crow: usize, cval: usize, touched: usize): i32 {
  memory.fill(count, 0, <usize>(N + 1) << 2);
  for (let r = 0; r < R; r++) {
    const q = load<i32>(rows + (<usize>r << 2));
    const t1 = load<i32>(ptr + (<usize>(q + 1) << 2));
    for (let t = load<i32>(ptr + (<usize>q << 2)); t < t1; t++) {
      const c = count + (<usize>load<i32>(idx + (<usize>t << 2)) << 2);
      store<i32>(c, load<i32>(c) + 1);
    }
  }
  let sum = 0, T = 0;
  for (let p = 0; p < N; p++) {
    const c = load<i32>(count + (<usize>p << 2));
    store<i32>(cptr + (<usize>p << 2), sum);
    store<i32>(count + (<usize>p << 2), sum); // from here on: the next free slot of column p
    if (c > 0) { store<i32>(touched + (<usize>T << 2), p); T++; }
    sum += c;
  }
  store<i32>(cptr + (<usize>N << 2), sum);
  for (let r = 0; r < R; r++) {
    const q = load<i32>(rows + (<usize>r << 2));
    const t1 = load<i32>(ptr + (<usize>(q + 1) << 2));
    for (let t = load<i32>(ptr + (<usize>q << 2)); t < t1; t++) {
      const c = count + (<usize>load<i32>(idx + (<usize>t << 2)) << 2);
      const slot = load<i32>(c);
      store<i32>(c, slot + 1);
      store<i32>(crow + (<usize>slot << 2), r);
      store<f64>(cval + (<usize>slot << 3), load<f64>(val + (<usize>t << 3)));
    }
  }
  return T;
}

/**
 * C[p][j] = sum over the entries (r, x) of column p (from batchColumns), in increasing r, of
 * x * D[r][j], for the T columns p in `touched` and j < cols: the touched rows of X^T D (C is
 * N x k, the first layer's weight gradient stored transposed). Other rows are not written.
 * Skipping x = 0 is exact only when D is finite: callers check that.
 */
export function spmmTColumns(T: i32, touched: usize, cptr: usize, crow: usize, cval: usize, D: usize, ldd: i32, C: usize, ldc: i32, cols: i32): void {
  const ds = <usize>ldd << 3, cs = <usize>ldc << 3;
  for (let u = 0; u < T; u++) {
    const p = load<i32>(touched + (<usize>u << 2));
    const e0 = load<i32>(cptr + (<usize>p << 2)), e1 = load<i32>(cptr + (<usize>(p + 1) << 2));
    const c = C + <usize>p * cs;
    let j = 0;
    for (; j + 16 <= cols; j += 16) {
      const jo = <usize>j << 3;
      let v0 = f64x2.splat(0), v1 = v0, v2 = v0, v3 = v0, v4 = v0, v5 = v0, v6 = v0, v7 = v0;
      for (let e = e0; e < e1; e++) {
        const x = f64x2.splat(load<f64>(cval + (<usize>e << 3)));
        const dp = D + <usize>load<i32>(crow + (<usize>e << 2)) * ds + jo;
        v0 = f64x2.add(v0, f64x2.mul(x, v128.load(dp))); v1 = f64x2.add(v1, f64x2.mul(x, v128.load(dp, 16)));
        v2 = f64x2.add(v2, f64x2.mul(x, v128.load(dp, 32))); v3 = f64x2.add(v3, f64x2.mul(x, v128.load(dp, 48)));
        v4 = f64x2.add(v4, f64x2.mul(x, v128.load(dp, 64))); v5 = f64x2.add(v5, f64x2.mul(x, v128.load(dp, 80)));
        v6 = f64x2.add(v6, f64x2.mul(x, v128.load(dp, 96))); v7 = f64x2.add(v7, f64x2.mul(x, v128.load(dp, 112)));
      }
      const cp = c + jo;
      v128.store(cp, v0); v128.store(cp, v1, 16); v128.store(cp, v2, 32); v128.store(cp, v3, 48);
      v128.store(cp, v4, 64); v128.store(cp, v5, 80); v128.store(cp, v6, 96); v128.store(cp, v7, 112);
    }
    for (; j + 2 <= cols; j += 2) {
      const jo = <usize>j << 3;
      let v = f64x2.splat(0);
      for (let e = e0; e < e1; e++) {
        const x = f64x2.splat(load<f64>(cval + (<usize>e << 3)));
        v = f64x2.add(v, f64x2.mul(x, v128.load(D + <usize>load<i32>(crow + (<usize>e << 2)) * ds + jo)));
      }
      v128.store(c + jo, v);
    }
    for (; j < cols; j++) {
      const jo = <usize>j << 3;
      let s: f64 = 0;
      for (let e = e0; e < e1; e++) s += load<f64>(cval + (<usize>e << 3)) * load<f64>(D + <usize>load<i32>(crow + (<usize>e << 2)) * ds + jo);
      store<f64>(c + jo, s);
    }
  }
}

/**
 * W[i] = W[i] - rate * (G[i] / m + 0) for i < count, in place: the lecture's update with the
 * batch mean, in the operations of lib/backprop.ts (which adds the zero penalty gradient, turning
 * -0 into +0) and lib/descent.ts. Returns 0 when every new weight is finite, else NaN: the
 * finiteness check rides along the update instead of a second pass over the weights.
 */
export function descend(W: usize, G: usize, count: i32, rate: f64, m: f64): f64 {
  const r2 = f64x2.splat(rate), m2 = f64x2.splat(m), zero = f64x2.splat(0);
  let bad2 = zero;
  let i = 0;
  for (; i + 2 <= count; i += 2) {
    const o = <usize>i << 3;
    const w = f64x2.sub(v128.load(W + o), f64x2.mul(r2, f64x2.add(f64x2.div(v128.load(G + o), m2), zero)));
    v128.store(W + o, w);
    bad2 = f64x2.add(bad2, f64x2.sub(w, w)); // 0 for a finite w, NaN for NaN or +-Infinity
  }
  let bad = f64x2.extract_lane(bad2, 0) + f64x2.extract_lane(bad2, 1);
  for (; i < count; i++) {
    const o = <usize>i << 3;
    const w = load<f64>(W + o) - rate * (load<f64>(G + o) / m + 0);
    store<f64>(W + o, w);
    bad += w - w;
  }
  return bad;
}

/** descend on the rows listed in `touched` (T of them, k entries each) of W and G only. */
export function descendRows(W: usize, G: usize, touched: usize, T: i32, k: i32, rate: f64, m: f64): f64 {
  let bad: f64 = 0;
  const rs = <usize>k << 3;
  for (let u = 0; u < T; u++) {
    const o = <usize>load<i32>(touched + (<usize>u << 2)) * rs;
    bad += descend(W + o, G + o, k, rate, m);
  }
  return bad;
}

/** out[j] = sum over r < R, in order, of D[r][j] (j < k): the reference column sums, two columns per instruction. */
export function columnSums(D: usize, R: i32, k: i32, out: usize): void {
  const ds = <usize>k << 3;
  let j = 0;
  for (; j + 2 <= k; j += 2) {
    const jo = <usize>j << 3;
    let s = f64x2.splat(0);
    for (let r = 0; r < R; r++) s = f64x2.add(s, v128.load(D + <usize>r * ds + jo));
    v128.store(out + jo, s);
  }
  for (; j < k; j++) {
    const jo = <usize>j << 3;
    let s: f64 = 0;
    for (let r = 0; r < R; r++) s += load<f64>(D + <usize>r * ds + jo);
    store<f64>(out + jo, s);
  }
}

/**
 * A[t] = Z[t] > 0 ? Z[t] : slope * Z[t] for t < count, and exactly +0 below (NaN included) when
 * slope is 0: a rectifier's forward step (lib/activations.ts relu, leakyRelu), without a branch
 * per entry (half the signs of a layer's inputs are a coin flip for a branch predictor).
 */
export function rectify(Z: usize, A: usize, count: i32, slope: f64): void {
  const zero = f64x2.splat(0), s2 = f64x2.splat(slope);
  let t = 0;
  for (; t + 2 <= count; t += 2) {
    const o = <usize>t << 3, z = v128.load(Z + o);
    const below = slope == 0 ? zero : f64x2.mul(s2, z);
    v128.store(A + o, v128.bitselect(z, below, f64x2.gt(z, zero)));
  }
  for (; t < count; t++) {
    const o = <usize>t << 3, z = load<f64>(Z + o);
    store<f64>(A + o, z > 0 ? z : slope == 0 ? 0 : slope * z);
  }
}

/** out[t] = dA[t] * (Z[t] > 0 ? 1 : slope) for t < count: a rectifier's backward step. */
export function rectifyBackward(Z: usize, dA: usize, out: usize, count: i32, slope: f64): void {
  const zero = f64x2.splat(0), one = f64x2.splat(1), s2 = f64x2.splat(slope);
  let t = 0;
  for (; t + 2 <= count; t += 2) {
    const o = <usize>t << 3;
    v128.store(out + o, f64x2.mul(v128.load(dA + o), v128.bitselect(one, s2, f64x2.gt(v128.load(Z + o), zero))));
  }
  for (; t < count; t++) {
    const o = <usize>t << 3;
    store<f64>(out + o, load<f64>(dA + o) * (load<f64>(Z + o) > 0 ? 1 : slope));
  }
}

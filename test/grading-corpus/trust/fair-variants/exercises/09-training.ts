// Right answers in other forms: the layers' biases as Float64Array, and { best, stop } with its
// keys in the other order.

export interface LayerParams {
  W: number[][];
  b: number[];
}

export function sgdStep(params: LayerParams[], grads: LayerParams[], rates: { weights: number; biases: number }): { W: number[][]; b: Float64Array }[] {
  return params.map((p, l) => ({
    b: Float64Array.from(p.b, (v, i) => v - rates.biases * grads[l].b[i]),
    W: p.W.map((row, i) => row.map((w, j) => w - rates.weights * grads[l].W[i][j])),
  }));
}

export function earlyStoppingEpoch(losses: number[], patience: number, minDelta: number): { best: number; stop: number | null } {
  let best = 0, waited = 0;
  for (let e = 1; e < losses.length; e++) {
    if (losses[e] < losses[best] - minDelta) {
      best = e;
      waited = 0;
    } else if (++waited >= patience) return { best: best + 1, stop: e + 1 };
  }
  return { best: best + 1, stop: null };
}

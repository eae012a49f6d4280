/** Common mistakes in exercises/04-cost-functions.ts, with the diagnosis the public checks must give. */
import { sigmoid } from "../../lib";
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/04-cost-functions";

/** A student's forward pass: every layer's activations for one example. */
const layers = (thetas: number[][][], x: number[]) => {
  const out = [x];
  for (const t of thetas) {
    const a = out[out.length - 1];
    out.push(t.map((row) => sigmoid(row.slice(1).reduce((z, w, i) => z + w * a[i], row[0]))));
  }
  return out;
};

type CostVariant = { bias?: boolean; sum?: boolean; overMK?: boolean; scale?: number; halfScale?: boolean; noNegatives?: boolean; hidden?: boolean };

/** The cost written as a student would, with one slip. */
const cost = (v: CostVariant) => (thetas: number[][][], X: number[][], Y: number[][], lambda: number) => {
  let data = 0, squares = 0;
  X.forEach((x, i) => {
    const a = layers(thetas, x);
    const h = v.hidden ? a[1] : a[a.length - 1];
    h.forEach((hk, k) => { data -= Y[i][k] * Math.log(hk) + (v.noNegatives ? 0 : (1 - Y[i][k]) * Math.log(1 - hk)); });
  });
  for (const t of thetas) for (const row of t) row.forEach((w, i) => { if (i > 0 || v.bias) squares += w * w; });
  const m = X.length;
  const dataTerm = v.sum ? data : v.overMK ? data / (m * Y[0].length) : data / m;
  return dataTerm + (v.halfScale ? lambda / 2 : ((v.scale ?? 0.5) * lambda) / m) * squares;
};

type ProxVariant = { bias?: boolean; noOverM?: boolean; subgradient?: boolean; shrinkFirst?: boolean; clip?: boolean; keepSmall?: boolean; noStep?: boolean };

/** The proximal step written as a student would, with one slip. */
const prox = (v: ProxVariant) => (theta: number[][], gradient: number[][], alpha: number, lambda: number, m: number) => {
  const t = v.noOverM ? alpha * lambda : (alpha * lambda) / m;
  const shrink = (w: number) => {
    if (v.subgradient) return w - t * Math.sign(w);
    if (v.clip) return Math.max(0, w - t);
    if (Math.abs(w) > t) return w - t * Math.sign(w);
    return v.keepSmall ? w : 0;
  };
  return theta.map((row, k) => row.map((w, i) => {
    const step = v.noStep ? 0 : alpha * gradient[k][i];
    if (i === 0 && !v.bias) return w - step;
    return v.shrinkFirst ? shrink(w) - step : shrink(w - step);
  }));
};

export const mistakes: MistakeCatalogue<Exercises> = {
  regularizedCrossEntropy: [
    { diagnosis: "the bias column (column 0 of each Theta) was regularized too", implementation: cost({ bias: true }) },
    { diagnosis: "the data term is a sum over the examples, not a mean", implementation: cost({ sum: true }) },
    { diagnosis: "the data term was divided by m times K", implementation: cost({ overMK: true }) },
    { diagnosis: "files 000 and 001's L2 term is lambda/(2m)", implementation: cost({ scale: 1 }) },
    { diagnosis: "the penalty is lambda/2 times the sum of squares", implementation: cost({ halfScale: true }) },
    { diagnosis: "the (1 - y) log(1 - h) term is missing", implementation: cost({ noNegatives: true }) },
    { diagnosis: "h was read from a hidden layer", implementation: cost({ hidden: true }) },
    { diagnosis: "the sign is flipped", implementation: (T, X, Y, l) => -cost({})(T, X, Y, l) },
  ],
  proximalL1Step: [
    { diagnosis: "the bias column 0 was shrunk too", implementation: prox({ bias: true }) },
    { diagnosis: "the threshold is alpha lambda; with the penalty (lambda/m)", implementation: prox({ noOverM: true }) },
    { diagnosis: "a subgradient step", implementation: prox({ subgradient: true }) },
    { diagnosis: "the shrink was applied before the gradient step", implementation: prox({ shrinkFirst: true }) },
    { diagnosis: "negative weights were sent to 0", implementation: prox({ clip: true }) },
    { diagnosis: "weights closer to 0 than the threshold were left as they were", implementation: prox({ keepSmall: true }) },
    { diagnosis: "the gradient step on the data term is missing", implementation: prox({ noStep: true }) },
    { diagnosis: "an input array was changed in place", implementation: (theta, gradient, alpha, lambda, m) => { const out = prox({})(theta, gradient, alpha, lambda, m); out.forEach((row, k) => { theta[k] = row; }); return theta; } },
  ],
  xorCostPrediction: [
    { diagnosis: "a saturated sigmoid is never exactly 0 or 1", implementation: () => ({ dataTerm: 0, penalty: 300 }) },
    { diagnosis: "the four examples' losses were summed, not averaged", implementation: () => ({ dataTerm: 4 * Math.exp(-10), penalty: 300 }) },
    { diagnosis: "log base 10 was used", implementation: () => ({ dataTerm: Math.exp(-10) / Math.LN10, penalty: 300 }) },
    { diagnosis: "the bias weights (column 0) were counted too", implementation: () => ({ dataTerm: Math.exp(-10), penalty: (100 + 900 + 900 + 2400) / 8 }) },
    { diagnosis: "the scale is lambda/2 (files 003 and 004)", implementation: () => ({ dataTerm: Math.exp(-10), penalty: 2400 / 2 }) },
    { diagnosis: "only Theta(1)'s weights were counted", implementation: () => ({ dataTerm: Math.exp(-10), penalty: 1600 / 8 }) },
  ],
};

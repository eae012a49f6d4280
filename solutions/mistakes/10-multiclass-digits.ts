/** Common mistakes in exercises/10-multiclass-digits.ts, with the diagnosis the public checks must give. */
import type { MistakeCatalogue } from "../../lib/exercise";
import type { EpochSettings, Exercises } from "../../exercises/checks/10-multiclass-digits";
import { forwardTheta } from "../03-forward-propagation";
import { backpropGradients } from "../06-gradient-checking";
import { sgdStep, type LayerParams } from "../09-training";

/** Classes from the layer `pick` chooses out of forwardTheta's list, by the rule `best`. */
const classesBy = (pick: (layers: number[][]) => number[], best: (h: number[]) => number) => (thetas: number[][][], X: number[][]) =>
  X.map((x) => best(pick(forwardTheta(thetas, x))));
const last = (layers: number[][]) => layers[layers.length - 1];
const firstMax = (h: number[]) => h.indexOf(Math.max(...h));


/** The right epoch with one thing changed. */
function epochWith(options: {
  readonly size?: (settings: EpochSettings, m: number) => number;
  readonly dropShort?: boolean;
  readonly stale?: boolean;
  readonly lambda?: (settings: EpochSettings, b: number, m: number) => number;
  readonly swapRates?: boolean;
  readonly biasLast?: boolean;
  readonly gradientScale?: (b: number) => number;
}) {
  return (thetas: number[][][], X: number[][], Y: number[][], settings: EpochSettings): number[][][] => {
    const m = X.length;
    const size = options.size ? options.size(settings, m) : settings.batchSize;
    const toLayer = (theta: number[][]): LayerParams => options.biasLast
      ? { W: theta.map((row) => row.slice(0, -1)), b: theta.map((row) => row[row.length - 1]) }
      : { W: theta.map((row) => row.slice(1)), b: theta.map((row) => row[0]) };
    const toTheta = (layer: LayerParams): number[][] => layer.W.map((row, i) => (options.biasLast ? [...row, layer.b[i]] : [layer.b[i], ...row]));
    const rates = options.swapRates ? { weights: settings.rates.biases, biases: settings.rates.weights } : settings.rates;
    let current = thetas;
    for (let start = 0; start < m; start += size) {
      const end = Math.min(start + size, m);
      const b = end - start;
      if (options.dropShort && b < size) break;
      const lambda = options.lambda ? options.lambda(settings, b, m) : (settings.lambda * b) / m;
      const D = backpropGradients(options.stale ? thetas : current, X.slice(start, end), Y.slice(start, end), lambda);
      const scale = options.gradientScale ? options.gradientScale(b) : 1;
      const grads = D.map((d) => toLayer(d.map((row) => row.map((v) => v * scale))));
      current = sgdStep(current.map(toLayer), grads, rates).map(toTheta);
    }
    return current;
  };
}

export const mistakes: MistakeCatalogue<Exercises> = {
  predictClasses: [
    { diagnosis: "the largest output VALUE was returned", implementation: (thetas, X) => X.map((x) => Math.max(...last(forwardTheta(thetas, x)))) as number[] },
    { diagnosis: "the classes are counted from 1", implementation: classesBy(last, (h) => firstMax(h) + 1) },
    { diagnosis: "the smallest output was picked", implementation: classesBy(last, (h) => h.indexOf(Math.min(...h))) },
    { diagnosis: "on a tie the last largest output was taken", implementation: classesBy(last, (h) => h.lastIndexOf(Math.max(...h))) },
    { diagnosis: "the first hidden layer's activations were used", implementation: classesBy((layers) => layers[1], firstMax) },
    { diagnosis: "the input x itself was used", implementation: classesBy((layers) => layers[0], firstMax) },
  ],
  confusionCounts: [
    {
      diagnosis: "rows and columns are swapped",
      implementation: (actual, predicted, K) => {
        const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
        actual.forEach((a, i) => C[predicted[i]][a]++);
        return C;
      },
    },
    {
      diagnosis: "expected a 4x4 matrix",
      implementation: (actual, predicted) => {
        const K = Math.max(...actual, ...predicted) + 1;
        const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
        actual.forEach((a, i) => C[a][predicted[i]]++);
        return C;
      },
    },
  ],
  trainEpoch: [
    { diagnosis: "the last, shorter batch was dropped", implementation: epochWith({ dropShort: true }) },
    { diagnosis: "one step for all of X", implementation: epochWith({ size: (_s, m) => m }) },
    { diagnosis: "every batch's gradient was taken at the starting Thetas", implementation: epochWith({ stale: true }) },
    { diagnosis: "lambda was passed unchanged to every batch", implementation: epochWith({ lambda: (s) => s.lambda }) },
    { diagnosis: "lambda * m / b was passed", implementation: epochWith({ lambda: (s, b, m) => (s.lambda * m) / b }) },
    { diagnosis: "the weight and bias rates are swapped", implementation: epochWith({ swapRates: true }) },
    { diagnosis: "the bias weights were taken from the last column of Theta", implementation: epochWith({ biasLast: true }) },
    { diagnosis: "the gradient was divided by the batch size again", implementation: epochWith({ gradientScale: (b) => 1 / b }) },
    {
      diagnosis: "an input array was changed in place",
      implementation: (thetas, X, Y, settings) => {
        const out = epochWith({})(thetas, X, Y, settings);
        out.forEach((theta, l) => theta.forEach((row, i) => row.forEach((v, j) => (thetas[l][i][j] = v))));
        return thetas;
      },
    },
  ],
};

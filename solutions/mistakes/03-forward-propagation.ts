/** Common mistakes in exercises/03-forward-propagation.ts, with the diagnosis the public checks must give. */
import { sigmoid } from "../../lib";
import type { MistakeCatalogue } from "../../lib/exercise";
import type { Exercises } from "../../exercises/checks/03-forward-propagation";


const forwardWith = (z: (row: number[], a: number[]) => number, g = sigmoid, first = (x: number[]) => x.slice()) => (thetas: number[][][], x: number[]) => {
  const layers = [first(x)];
  for (const t of thetas) layers.push(t.map((row) => g(z(row, layers[layers.length - 1]))));
  return layers;
};
const dot = (row: number[], a: number[]) => row[0] + a.reduce((s, ai, i) => s + row[i + 1] * ai, 0);

export const mistakes: MistakeCatalogue<Exercises> = {
  forwardTheta: [
    { diagnosis: "the bias unit a0 = 1 was left out", implementation: forwardWith((row, a) => a.reduce((s, ai, i) => s + row[i + 1] * ai, 0)) },
    { diagnosis: "the weighted input z was returned instead of the activation", implementation: forwardWith(dot, (z) => z) },
    { diagnosis: "the sigmoid was applied to the input layer too", implementation: forwardWith(dot, sigmoid, (x) => x.map(sigmoid)) },
    { diagnosis: "the bias weight was read from the last column", implementation: forwardWith((row, a) => row[a.length] + a.reduce((s, ai, i) => s + row[i] * ai, 0)) },
    { diagnosis: "the input layer a(1) = x is missing", implementation: (thetas, x) => forwardWith(dot)(thetas, x).slice(1) },
    { diagnosis: "an input array was changed in place", implementation: (thetas, x) => { x.unshift(1); x.shift(); thetas[0][0][0] += 0; x.push(0); x.pop(); const out = forwardWith(dot)(thetas, x); x.length = 0; return out; } },
  ],
  oneHotRows: [
    { diagnosis: "the labels were taken as 1-based", implementation: (labels, classes) => labels.map((l) => Array.from({ length: classes }, (_, c) => (c === l - 1 ? 1 : 0))) },
    { diagnosis: "the result is transposed", implementation: (labels, classes) => Array.from({ length: classes }, (_, c) => labels.map((l) => (l === c ? 1 : 0))) },
    { diagnosis: "every row is the same array", implementation: (labels, classes) => { const row = new Array<number>(classes).fill(0); return labels.map(() => row); } },
    { diagnosis: "labels are not checked", implementation: (labels, classes) => labels.map((l) => Array.from({ length: classes }, (_, c) => (c === l ? 1 : 0))) },
    { diagnosis: "the error message does not say which label is wrong", implementation: (labels, classes) => labels.map((l) => { if (!Number.isInteger(l) || l < 0 || l >= classes) throw new Error("bad label"); return Array.from({ length: classes }, (_, c) => (c === l ? 1 : 0)); }) },
  ],
};
